"""The PDF's text: the report's Qt HTML, parsed by QTextDocument a chunk of claims at a time.

One document for 10,000 claims is slow to parse and lay out, and holds every page at once;
documents of a few hundred claims each are parsed and laid out in a fraction of the time,
with Qt's own HTML importer and the report's style sheet, so the HTML stays the one source
of the look. Each chunk is the report's page shell (the <head> and its style sheet) around
a run of claims; the first chunk also holds what comes before the claims, the last what
comes after them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QImage, QTextDocument

from claimtrack.export.html import CHART_RESOURCE, qt_claims, render_html
from claimtrack.export.report import Report
from claimtrack.render.chart import chart_image

# Every claim's heading carries this block user state (a Qt-only CSS property that changes
# nothing on the page), so the writer can find where each claim starts. Notes cannot set
# it: their HTML is sanitised and keeps no style attributes.
CLAIM_STATE = 0x7C1A
_HEADING = '<h3 style="'


def new_document() -> QTextDocument:
    """An empty document with the report's default font, as the PDF lays it out."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    return document


def build_document(report: Report, html: str | None = None) -> QTextDocument:
    """The whole report in one document (``html``: its Qt HTML, if already rendered)."""
    document = new_document()
    _add_chart(document, chart_image(report.chart))
    document.setHtml(html if html is not None else render_html(report, qt=True))
    return document


def _add_chart(document: QTextDocument, image: QImage) -> None:
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_RESOURCE), image)


@dataclass
class ReportParts:
    """The report's Qt HTML cut where the claims go, and each claim's own markup."""

    report: Report
    before: str  # from <!DOCTYPE to the claims, the page shell's head included
    after: str  # from the claims to </html>
    claims: list[str]
    chart: QImage

    @classmethod
    def of(cls, report: Report) -> ReportParts:
        marker = f"<!--claims-{secrets.token_hex(8)}-->"
        html = render_html(report, qt=True, claims=marker)
        before, after = html.split(marker) if html.count(marker) == 1 else ("", "")
        if not after:
            raise RuntimeError("the claims' marker is missing from the report's HTML")
        claims = []
        for markup in qt_claims(report):
            if not markup.startswith(_HEADING):
                raise RuntimeError("a claim's markup does not start with its heading")
            claims.append(f"{_HEADING}-qt-user-state: {CLAIM_STATE}; {markup[len(_HEADING) :]}")
        return cls(report, before, after, claims, chart_image(report.chart))

    def document(self, start: int, stop: int) -> QTextDocument:
        """Claims ``start`` to ``stop`` in a document of their own (no claims: the shell)."""
        document = new_document()
        if start == 0:
            _add_chart(document, self.chart)  # painted by Qt straight into the image, no PNG
            head = self.before
        else:
            head = self.before.split("<body>", 1)[0] + "<body>\n"
        tail = self.after if stop >= len(self.claims) else "</body></html>"
        document.setHtml(head + "".join(self.claims[start:stop]) + tail)
        return document
