"""Hostile article files (issue 15, section 7) through the real readers and the real CLI:
odd file names, devices and pipes, oversized titles, non-rendered HTML, text a parser would
drop, and an install that lacks trafilatura's HTML cleaner. Every file is written here."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.cli import main
from claimtrack.domain import ClaimTrackError
from claimtrack.intake import MAX_TITLE_CHARS
from claimtrack.services.intake import ArticleFileError, read_article
from tests.fault.hostile_intake_files import (
    STORY,
    deep_markdown,
    docx_with,
    html_after_big_attribute,
)

ROOT = Path(__file__).resolve().parents[2]


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return list(con.execute(sql))


def _import(db: Path, path: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--db", str(db), "import", str(path)])
    return code, capsys.readouterr().err


def _story_in(text: str) -> bool:
    return all(sentence in text for sentence in STORY)


# ---------------------------------------------------------------- names, devices, pipes


def test_a_file_name_that_is_not_utf8_imports_with_a_safe_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / os.fsdecode(b"bad\xff\xfename.txt")
    path.write_text("\n\n".join(STORY) + "\n", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    code, err = _import(db, path, capsys)
    assert code == 0, err
    assert "Traceback" not in err
    [(title, text)] = _rows(db, "SELECT title, text FROM article")
    assert title == "bad\ufffd\ufffdname"  # the undecodable bytes shown as such, not dropped
    assert _story_in(text)
    sources = [r[0] for r in _rows(db, "SELECT new FROM history") if r[0]]
    assert "bad\ufffd\ufffdname.txt" in sources


@pytest.mark.parametrize("device", ["/dev/urandom", "/dev/zero", "/dev/null"])
def test_a_device_is_refused_as_not_a_regular_file(
    tmp_path: Path, device: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} is not on this system")
    with pytest.raises(ArticleFileError, match="not a regular file"):
        read_article(device)
    link = tmp_path / "story.txt"
    link.symlink_to(device)
    db = tmp_path / "c.sqlite"
    code, err = _import(db, link, capsys)
    assert code == 2
    assert err.strip().splitlines() == [
        f"claimtrack: {link} is not a regular file (a device, pipe or socket); it was not read."
    ]
    assert not db.exists() or _rows(db, "SELECT count(*) FROM article") == [(0,)]


def test_a_named_pipe_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "story.txt"
    os.mkfifo(pipe)
    db = tmp_path / "c.sqlite"
    proc = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(db), "import", str(pipe)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,  # a hang guard: opening a FIFO for reading blocks until a writer comes
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"claimtrack: {pipe} is not a regular file (a device, pipe or socket); it was not read."
    ]


# ---------------------------------------------------------------- titles


def test_every_reader_caps_the_title(tmp_path: Path) -> None:
    long = "Judul " * 20_000  # 120,000 characters
    docx = docx_with(tmp_path / "a.docx", list(STORY), title=long)
    md = tmp_path / "a.md"
    md.write_text(f"# {long}\n\n" + "\n\n".join(STORY) + "\n", encoding="utf-8")
    page = tmp_path / "a.html"
    page.write_text(
        f"<html><head><title>{long}</title></head><body><article>"
        + "".join(f"<p>{s}</p>" for s in STORY * 3)
        + "</article></body></html>",
        encoding="utf-8",
    )
    for path in (docx, md, page):
        loaded = read_article(path)
        assert 0 < len(loaded.title) <= MAX_TITLE_CHARS, path.name
        assert loaded.title.startswith("Judul Judul") and loaded.title.endswith("…")
        assert _story_in(loaded.text), path.name


# ---------------------------------------------------------------- HTML


def test_template_script_and_style_content_is_not_article_text(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Quay</title><style>p { color: red }</style></head><body><article>"
        + "".join(f"<p>{s}</p>" for s in STORY * 2)
        + "<template><p>Template words the browser never shows to anyone at all.</p></template>"
        "<noscript><p>Please enable scripts to read the rest of this page.</p></noscript>"
        "<script>var tracking = 'script words';</script></article></body></html>",
        encoding="utf-8",
    )
    loaded = read_article(page)
    assert _story_in(loaded.text)
    for hidden in ("Template words", "enable scripts", "tracking", "color"):
        assert hidden not in loaded.text
    assert loaded.warnings == ()


def test_html_text_after_a_10_mb_attribute_is_imported(tmp_path: Path) -> None:
    loaded = read_article(html_after_big_attribute(tmp_path / "a.html"))
    assert _story_in(loaded.text)
    assert loaded.title == "Quay to open"
    assert "xxxx" not in loaded.text
    assert loaded.warnings == ()


def test_html_nested_past_the_parser_depth_keeps_its_text_and_says_how(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(b"<div>" * 100_000 + " ".join(STORY).encode() + b"</div>" * 100_000)
    loaded = read_article(page)
    assert _story_in(loaded.text)
    assert len(loaded.warnings) == 1 and "plain text" in loaded.warnings[0]


def test_a_page_whose_story_is_mostly_dropped_says_how_much_was_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    comments = "".join(
        f"<p>Reader {i} wrote that the quay plan wasted money and nobody asked the town.</p>"
        for i in range(30)
    )
    page = tmp_path / "a.html"
    page.write_text(
        f"<html><head><title>Quay</title></head><body><article><p>{STORY[0]} {STORY[1]}</p>"
        f"</article><div class='comments' id='comments'>{comments}</div></body></html>",
        encoding="utf-8",
    )
    db = tmp_path / "c.sqlite"
    code, err = _import(db, page, capsys)
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("claimtrack: warning: ")]
    assert len(warnings) == 1
    assert "a.html: only 5% of the file's text was kept" in warnings[0]
    assert _rows(db, "SELECT count(*) FROM article") == [(1,)]


def test_a_normal_page_imports_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Quay</title></head><body><nav><a href='/'>Home</a> "
        "<a href='/n'>News</a> <a href='/s'>Sport</a></nav><article><h1>Quay</h1>"
        + "".join(f"<p>{s}</p>" for s in STORY * 2)
        + "</article><footer>All rights reserved by the harbour gazette.</footer></body></html>",
        encoding="utf-8",
    )
    code, err = _import(tmp_path / "c.sqlite", page, capsys)
    assert code == 0 and "warning" not in err


def test_a_broken_install_without_the_html_cleaner_says_how_to_repair_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = html_after_big_attribute(tmp_path / "a.html", size=10)
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` now fails
    with pytest.raises(ClaimTrackError) as info:
        read_article(page)
    message = str(info.value)
    assert "\n" not in message
    assert "incomplete" in message and "reinstall ClaimTrack" in message
    assert "pip install lxml_html_clean" in message
    db = tmp_path / "c.sqlite"
    code, err = _import(db, page, capsys)
    assert code == 2
    assert err.strip().splitlines() == [f"claimtrack: {message}"]
    assert not db.exists()


# ---------------------------------------------------------------- Markdown


def test_markdown_after_thousands_of_nested_list_items_keeps_the_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = deep_markdown(tmp_path / "deep.md")
    loaded = read_article(path)
    assert _story_in(loaded.text)
    assert "point 2999" in loaded.text and "point 0" in loaded.text
    db = tmp_path / "c.sqlite"
    code, err = _import(db, path, capsys)
    assert code == 0, err
    [(text,)] = _rows(db, "SELECT text FROM article")
    assert _story_in(text)
    assert _rows(db, "SELECT count(*) FROM claim")[0][0] >= 1


def test_an_indented_markdown_paragraph_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Quay\n\n    " + STORY[0] + "\n\n" + STORY[1] + "\n", encoding="utf-8")
    loaded = read_article(path)
    assert STORY[0] in loaded.text and STORY[1] in loaded.text


# ---------------------------------------------------------------- .docx


def test_docx_paragraphs_in_tables_are_kept(tmp_path: Path) -> None:
    cell = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    path = docx_with(tmp_path / "a.docx", [STORY[0]], extra_body=cell.format(STORY[1]))
    loaded = read_article(path)
    assert loaded.text == f"{STORY[0]}\n\n{STORY[1]}"
    assert loaded.warnings == ()


def test_docx_whose_story_is_in_a_text_box_says_how_much_was_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    box = (
        "<w:p><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>"
        + " ".join(STORY * 10)
        + "</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>"
    )
    path = docx_with(tmp_path / "a.docx", ["A short line before the box."], extra_body=box)
    code, err = _import(tmp_path / "c.sqlite", path, capsys)
    assert code == 0
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert "a.docx: only 2% of the file's text was kept" in warning and "text boxes" in warning


def test_docx_core_properties_are_read_within_bounds(tmp_path: Path) -> None:
    path = docx_with(tmp_path / "a.docx", list(STORY), title="Quay to open")
    loaded = read_article(path)
    assert loaded.title == "Quay to open"
    assert str(loaded.published) == "2025-03-04"
    assert loaded.text == "\n\n".join(STORY)


def test_a_zip_of_many_thousand_entries_is_refused_before_its_directory_is_read(
    tmp_path: Path,
) -> None:
    import zipfile

    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for i in range(5000):
            archive.writestr(f"part{i}", b"")
    with pytest.raises(ArticleFileError, match="5,000 zip entries"):
        read_article(path)


def test_an_xml_that_is_not_a_word_body_is_refused(tmp_path: Path) -> None:
    import zipfile

    from tests.fault.hostile_intake_files import CONTENT_TYPES, RELS

    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", b"<sheet><row><c>" + STORY[0].encode() + b"</c>")
    with pytest.raises(ArticleFileError) as info:
        read_article(path)
    assert "\n" not in str(info.value)
