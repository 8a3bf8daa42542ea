"""Article intake with real files written here: charsets, HTML, Markdown, DOCX, bad input,
re-import with span remapping, party matching, and the command line."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from claimtrack.cli import main
from claimtrack.domain import PartyKind
from claimtrack.services.intake import (
    ArticleFileError,
    IntakeService,
    article_from_text,
    names_match,
    read_article,
)

STORY_ID = """\
Kabar Dunia, JAKARTA - Presiden Venezuela Nicolas Maduro dikabarkan siap mundur setelah \
berbicara lewat telepon dengan Presiden Amerika Serikat Donald Trump bulan lalu.

Menurut laporan Reuters, Maduro menawarkan diri untuk melepaskan jabatannya dan meninggalkan \
Venezuela apabila Washington menjamin keselamatan dirinya dan keluarganya.

Sumber-sumber yang mengetahui isi pembicaraan itu mengatakan Maduro juga menuntut amnesti penuh \
serta pencabutan semua sanksi AS terhadap pejabat Venezuela.

Gedung Putih menolak berkomentar mengenai laporan tersebut, sedangkan Kementerian Komunikasi \
dan Informasi Venezuela belum memberikan tanggapan hingga Senin malam.
"""

STORY_EN = """\
Harbour operator Nils Ekdahl told Reuters on Monday that the port would reopen in May.

"We have paid every supplier on time," said Mara Quinn, the bakery's owner.

The ministry declined to comment on the report.
"""


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# ---------------------------------------------------------------- reading files


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_text_in_legacy_and_unicode_charsets_reads_back(tmp_path: Path, codec: str) -> None:
    text = "Café owner Zoë Müller said the façade would be repaired by June.\n"
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(codec))
    loaded = read_article(path)
    assert loaded.text == text.strip("\n")
    assert loaded.language == "en"


def test_url_header_becomes_the_url(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("https://example.org/a\n\n" + STORY_EN, encoding="utf-8")
    loaded = read_article(path)
    assert loaded.url == "https://example.org/a"
    assert loaded.text.startswith("Harbour operator")


def test_markdown_is_read_as_plain_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text(
        "# Port to reopen\n\nHarbour operator **Nils Ekdahl** told [Reuters](https://r.example) "
        "that the port would reopen in May.\n\nSecond *paragraph* here.\n",
        encoding="utf-8",
    )
    loaded = read_article(path)
    assert loaded.title == "Port to reopen"
    assert loaded.text == (
        "Harbour operator Nils Ekdahl told Reuters that the port would reopen in May."
        "\n\nSecond paragraph here."
    )


def test_html_main_text_and_metadata_without_scripts_or_boilerplate(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY_ID.split("\n\n"))
    html = (
        "<html><head><title>Maduro siap mundur</title>"
        '<meta property="og:site_name" content="Kabar Dunia">'
        '<meta property="article:published_time" content="2025-12-02T08:00:00+07:00">'
        "<script>document.write('tracking')</script></head><body>"
        "<nav><a href='/'>Beranda</a> <a href='/x'>Nasional</a></nav>"
        f"<article><h1>Maduro siap mundur</h1>{paragraphs}</article>"
        "<footer>Hak cipta dilindungi undang-undang</footer>"
        "<script>var evil = 1;</script></body></html>"
    )
    path = tmp_path / "s.html"
    path.write_text(html, encoding="utf-8")
    loaded = read_article(path)
    assert loaded.title == "Maduro siap mundur"
    assert loaded.outlet == "Kabar Dunia"
    assert str(loaded.published) == "2025-12-02"
    assert loaded.language == "id"
    assert "evil" not in loaded.text and "tracking" not in loaded.text
    assert "Beranda" not in loaded.text
    assert "Menurut laporan Reuters" in loaded.text


def test_docx_text_and_core_properties(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Port to reopen"
    for para in STORY_EN.strip().split("\n\n"):
        document.add_paragraph(para)
    path = tmp_path / "s.docx"
    document.save(str(path))
    loaded = read_article(path)
    assert loaded.title == "Port to reopen"
    assert loaded.text.split("\n\n")[0].startswith("Harbour operator Nils Ekdahl")
    assert loaded.published is not None


def _bad(tmp_path: Path, kind: str) -> Path:
    p = tmp_path / {"docx": "bad.docx", "html": "bad.html", "dir": "folder"}.get(kind, "bad.txt")
    if kind == "empty":
        p.write_bytes(b"")
    elif kind == "blank":
        p.write_bytes(b"   \n\n  ")
    elif kind == "binary":
        p.write_bytes(bytes(range(256)) * 40)
    elif kind == "huge":
        with p.open("wb") as f:
            f.truncate(100 * 1024 * 1024)
    elif kind == "utf8":
        p.write_bytes("Café — kata dia ".encode() + b"\xc3\x28 lagi.")
    elif kind == "html":
        p.write_text("<html><script>alert(1)</script><style>p{}</style></html>")
    elif kind == "docx":
        p.write_text("not a zip at all")
    elif kind == "dir":
        p.mkdir()
    elif kind == "missing":
        p = tmp_path / "nope.txt"
    return p


BAD = ["empty", "blank", "binary", "huge", "utf8", "html", "docx", "dir", "missing"]


@pytest.mark.parametrize("kind", BAD)
def test_bad_input_is_refused_with_one_clear_line(tmp_path: Path, kind: str) -> None:
    with pytest.raises(ArticleFileError) as info:
        read_article(_bad(tmp_path, kind))
    message = str(info.value)
    assert message and "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize("kind", BAD)
def test_cli_import_of_bad_input_exits_2_and_imports_nothing(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "claims.sqlite"
    assert main(["--db", str(db), "sample"]) == 0
    capsys.readouterr()
    before = _count(db, "article")
    assert main(["--db", str(db), "import", str(_bad(tmp_path, kind))]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("claimtrack: ")
    assert _count(db, "article") == before


# ---------------------------------------------------------------- storing


def test_done_when_indonesian_story_gives_the_worked_example_claims(services) -> None:
    loaded = article_from_text(STORY_ID, title="Maduro siap mundur", outlet="Kabar Dunia")
    result = IntakeService(services).import_article(loaded)
    claims = {c.text: c for c in services.claims.list()}
    assert result.language == "id"
    offer = next(c for t, c in claims.items() if "menawarkan diri" in t or t.startswith("untuk"))
    assert offer.via[0] == "Reuters" and offer.kind.value == "statement"
    demands = next(c for t, c in claims.items() if "amnesti" in t)
    assert "mengetahui isi pembicaraan" in demands.claimant
    assert demands.kind.value == "statement"
    no_comment = next(c for c in claims.values() if c.kind.value == "no_comment")
    assert no_comment.claimant == "Gedung Putih"
    no_response = next(c for c in claims.values() if c.kind.value == "no_response")
    assert no_response.claimant.startswith("Kementerian Komunikasi")
    assert all(c.status == "unreviewed" for c in claims.values())
    reuters = services.parties.find("Reuters")
    assert reuters is not None and reuters.kind == PartyKind.NEWS_AGENCY
    outlet = services.parties.find("Kabar Dunia")
    assert outlet is not None and outlet.kind == PartyKind.OUTLET
    article = services.articles.get(result.article_id)
    assert article.sha256 == loaded.sha256


def test_import_is_all_or_nothing(services, db_path: Path) -> None:
    from claimtrack.extract import extract_claims

    loaded = article_from_text(STORY_EN, title="Port")
    proposals = extract_claims(loaded.text)
    broken = [*proposals, dataclasses.replace(proposals[0], text="xyz")]
    with pytest.raises(Exception, match="not what the article says"):
        IntakeService(services).import_article(loaded, broken)
    assert services.articles.list() == []
    assert services.parties.list() == []
    assert services.claims.count() == 0


def test_same_text_twice_is_not_imported_twice(services) -> None:
    intake = IntakeService(services)
    first = intake.import_article(article_from_text(STORY_EN, title="Port"))
    again = intake.import_article(article_from_text(STORY_EN, title="Port"))
    assert again.duplicate and again.article_id == first.article_id
    assert len(services.articles.list()) == 1


def test_reimport_moves_changes_and_keeps_vanished_claims(services) -> None:
    intake = IntakeService(services)
    url = "https://example.org/port"
    first = intake.import_article(article_from_text(STORY_EN, title="Port", url=url))
    before = {c.id: c for c in services.claims.list()}
    new_text = "UPDATED: Officials met on Tuesday.\n\n" + STORY_EN.replace(
        "would reopen in May", "would reopen in late May"
    ).replace("The ministry declined to comment on the report.\n", "")
    result = intake.import_article(article_from_text(new_text, title="Port", url=url))
    assert result.article_id == first.article_id and result.report is not None
    outcome = {m.claim_id: m.outcome for m in result.report.moves}
    texts = {cid: before[cid].text for cid in outcome}
    assert outcome[_id(texts, "We have paid")] == "moved"
    assert outcome[_id(texts, "the port would reopen")] == "changed"
    assert outcome[_id(texts, "declined to comment")] == "vanished"
    article = services.articles.get(first.article_id)
    assert article.text == new_text.strip("\n")
    for claim in services.claims.list():  # every claim kept; found ones point at their text
        if claim.start is not None:
            assert article.text[claim.start : claim.end] == claim.text
    assert {c.id for c in services.claims.list()} >= set(before)
    history = services.history.for_entity("claim", _id(texts, "declined to comment"))
    assert any(h.field == "reimport" and h.new == "vanished" for h in history)
    assert "late May" in result.report.diff


def _id(texts: dict[int, str], start: str) -> int:
    return next(cid for cid, t in texts.items() if start in t)


def test_party_names_match_conservatively() -> None:
    assert names_match("Peskov", "Kremlin spokesman Dmitry Peskov")
    assert names_match("Sri Mulyani", "Menteri Keuangan Sri Mulyani")
    assert names_match("Dmitry Peskov", "Peskov")
    assert not names_match("Kementerian Keuangan", "Kementerian Kesehatan")
    assert not names_match("Dmitry Peskov", "Dmitry Medvedev")
    assert not names_match("Kementerian", "Kementerian Keuangan")


def test_import_matches_existing_party_by_fuzzy_name(services) -> None:
    existing = services.parties.create("Dmitry Peskov", PartyKind.PERSON).id
    text = (
        "Kremlin spokesman Dmitry Peskov said the talks would continue.\n\n"
        '"Nothing is agreed," Peskov told reporters.\n'
    )
    IntakeService(services).import_article(article_from_text(text, title="Talks"))
    claimants = {c.claimant_id for c in services.claims.list()}
    assert claimants == {existing}
    assert len([p for p in services.parties.list() if "Peskov" in p.name]) == 1


# ---------------------------------------------------------------- command line


def test_cli_extract_jsonl_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    path = tmp_path / "s.txt"
    path.write_text(STORY_EN, encoding="utf-8")
    assert main(["extract", str(path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records
    keys = {"claim", "claimant", "via", "kind", "cue", "sentence", "start", "end", "confidence"}
    assert all(keys <= set(r) for r in records)
    for r in records:
        assert STORY_EN[r["start"] : r["end"]] == r["claim"]


def test_cli_import_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.txt"
    path.write_text(STORY_ID, encoding="utf-8")
    db = tmp_path / "c.sqlite"
    assert main(["--db", str(db), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Imported article 1:" in out and "language id" in out
    assert _count(db, "claim") >= 5
