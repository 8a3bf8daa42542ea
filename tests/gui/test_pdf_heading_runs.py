"""A run of headings (a section's, then its first claim's) left at the foot of a page moves
to the next page as one, with the text that follows it."""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument

from claimtrack.pdf.writer import _keep_glyphs, _keep_headings_with_text


def _page_of(document: QTextDocument, text: str, height: float) -> int:
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        if block.text() == text:
            return int(layout.blockBoundingRect(block).top() // height)
        block = block.next()
    raise AssertionError(text)


def test_a_section_heading_and_a_claim_heading_move_together(qapp) -> None:
    page = QSizeF(400, 300)
    for filler in range(1, 30):
        body = "".join(f"<p>Line {i}</p>" for i in range(filler))
        document = QTextDocument()
        document.setHtml(
            f"<h1>Title</h1>{body}<h2>Claims</h2><h3>First claim</h3>"
            + "<p>The claim's text, long enough to be a paragraph of its own.</p>" * 3
        )
        headings = _keep_glyphs(document)
        document.setPageSize(page)
        _keep_headings_with_text(document, headings, page.height(), document.pageCount())
        text_page = _page_of(
            document, "The claim's text, long enough to be a paragraph of its own.", page.height()
        )
        assert _page_of(document, "Claims", page.height()) == text_page, filler
        assert _page_of(document, "First claim", page.height()) == text_page, filler
