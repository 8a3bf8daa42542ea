"""Only http(s) links survive into an export: a note or methodology with javascript:,
data:, vbscript: or file: links, remote images and tricks of spelling comes out as inert
text in Markdown and HTML, and ClaimReview never carries such an address. Real exports
through the command line, read back."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

HOSTILE_NOTE = "\n".join(
    [
        "Checked against [the ministry](https://example.org/statement).",
        "[click](javascript:alert(1)) and [again](JaVaScRiPt:alert(2))",
        "[spelled](java&#115;cript:alert(3)) [spaced]( javascript:alert(4))",
        "<javascript:alert(5)> [data](data:text/html;base64,PHNjcmlwdD4=)",
        "[vb](vbscript:msgbox(6)) [local](file:///etc/passwd) [rel](//evil.example/x)",
        "![tracker](http://evil.example/pixel.png)",
        '<a href="javascript:alert(7)">raw</a> <img src=x onerror="alert(8)">',
        "[ref][r]",
        "",
        "[r]: javascript:alert(9)",
    ]
)
BAD_SCHEME = re.compile(r"(?i)(javascript|vbscript|data|file)\s*:")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from claimtrack.services import Services
    from claimtrack.services.sample import load_sample
    from claimtrack.store import open_store

    db = tmp_path_factory.mktemp("links") / "desk.sqlite"
    store = open_store(str(db), create=True)
    try:
        services = Services(store, "tester")
        load_sample(services)
        services.claims.update(1, notes=HOSTILE_NOTE)  # the sample's first claim
    finally:
        store.close()
    return db


def _links(markdown: str) -> list[str]:
    found: list[str] = []

    def walk(tokens) -> None:  # type: ignore[no-untyped-def]
        for token in tokens:
            if token.type in ("link_open", "image"):
                found.append(str(token.attrGet("href") or token.attrGet("src") or ""))
            if token.children:
                walk(token.children)

    walk(MarkdownIt("commonmark").parse(markdown))
    return found


def test_markdown_export_keeps_only_web_links_live(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    done = _cli(
        "export",
        "--db",
        str(hostile_db),
        "--format",
        "md",
        "-o",
        str(out),
        "--methodology",
        "See [our method](https://example.org/m) and [x](javascript:alert(10)).",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    links = _links(text)
    assert "https://example.org/statement" in links and "https://example.org/m" in links
    for href in links:
        assert href.startswith(("https://", "http://")), href
    # A remote image never loads: no image token at all.
    assert not any(tok == "image" for tok in _token_types(text))
    assert "alert(1)" in text  # the hostile address stays visible as text, for the reader


def _token_types(markdown: str) -> list[str]:
    types: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        types.append(token.type)
        types.extend(child.type for child in token.children or [])
    return types


def test_html_export_has_no_live_hostile_link_or_image(hostile_db: Path, tmp_path: Path) -> None:
    import lxml.html

    out = tmp_path / "report.html"
    done = _cli("export", "--db", str(hostile_db), "--format", "html", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    tree = lxml.html.fromstring(out.read_bytes())
    hrefs = [a.get("href", "") for a in tree.iter("a")]
    assert "https://example.org/statement" in hrefs
    for href in hrefs:
        assert not BAD_SCHEME.match(href.strip()), href
        assert not href.startswith("//"), href
    for img in tree.iter("img"):
        assert not (img.get("src") or "").startswith(("http", "//")), img.get("src")
    for element in tree.iter():
        assert not any(name.startswith("on") for name in element.attrib), element.attrib


def test_claimreview_never_carries_a_hostile_address(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviews.json"
    done = _cli(
        "export",
        "--db",
        str(hostile_db),
        "--format",
        "claimreview",
        "-o",
        str(out),
        "--review-url",
        "javascript:alert(11)",
        "--organisation",
        "Desk",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert not BAD_SCHEME.search(text.replace("\\u003a", ":")), text[:500]
    json.loads(text)  # still a valid document
