"""One entry point for every format: open the file safely, check its size, pick the reader."""

from __future__ import annotations

from pathlib import Path

from claimtrack.intake.article import LoadedArticle
from claimtrack.intake.readers.docx import from_docx
from claimtrack.intake.readers.html import from_html
from claimtrack.intake.readers.markdown import from_markdown
from claimtrack.intake.readers.text import decode_text, from_plain
from claimtrack.intake.safe_read import (
    MAX_BYTES,
    ArticleFileError,
    display_name,
    open_regular,
    read_capped,
)

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED = sorted(TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES - {""})


def read_article(path: str | Path, *, max_bytes: int = MAX_BYTES) -> LoadedArticle:
    """Read one article file (.txt, .md, .html/.htm, .docx); raise ArticleFileError if unfit.

    Only a regular file is read (a device or a pipe is refused unread), and the file name is
    kept in a form any database can store, whatever bytes it holds.
    """
    p = Path(path)
    name = display_name(p.name or str(p))
    stem = display_name(p.stem)
    fh, st = open_regular(p, display_name(str(path)))
    with fh:
        if st.st_size > max_bytes:
            raise ArticleFileError(
                f"{name} is too large to be an article ({st.st_size / 2**20:.1f} MB; "
                f"the limit is {max_bytes / 2**20:.0f} MB)."
            )
        if st.st_size == 0:
            raise ArticleFileError(f"{name} is empty.")
        suffix = p.suffix.lower()
        if suffix in DOCX_SUFFIXES:
            return from_docx(fh, name, stem)
        try:
            data = read_capped(fh, max_bytes)
        except OSError as exc:
            raise ArticleFileError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    if len(data) > max_bytes:  # grew since it was opened
        raise ArticleFileError(f"{name} is too large to be an article.")
    if suffix in HTML_SUFFIXES:
        return from_html(data, name)
    if suffix in MARKDOWN_SUFFIXES:
        return from_markdown(decode_text(data, name), name)
    if data[:4] == b"PK\x03\x04" and b"PK\x05\x06" in data[-65558:]:
        raise ArticleFileError(f"{name} is a zip archive, not a text article.")
    return from_plain(decode_text(data, name), name, stem)


__all__ = [
    "DOCX_SUFFIXES",
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "SUPPORTED",
    "TEXT_SUFFIXES",
    "read_article",
]
