"""Lay the report out with QTextDocument and print it page by page with page numbers.

QTextDocument.print_() cannot add a footer, so we paginate ourselves: set the document's
page size to the printable area minus a footer band, then for each page translate the
painter, draw that slice of the document, and draw "Page n of N" underneath. The file is
written through QSaveFile: the old PDF stays until the new one is complete.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSaveFile, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from claimtrack.export.atomic import ExportError
from claimtrack.export.report import Control, NullControl, Report
from claimtrack.pdf.document import CLAIM_STATE, ReportParts

PAPER_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGIN_MM = 16.0


def ensure_gui_app() -> QGuiApplication | None:
    """A QGuiApplication for fonts and painting; offscreen when no display is set."""
    app = QGuiApplication.instance()
    if app is not None:
        return None  # somebody else owns it
    if (
        not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        and sys.platform.startswith("linux")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1] or ["claimtrack"])


def write_pdf(
    report: Report,
    path: str | os.PathLike[str],
    *,
    paper: str = "a4",
    control: Control | None = None,
) -> Path:
    """Write ``report`` as a PDF on A4 or Letter with "Page n of N" on every page."""
    control = control or NullControl()
    if paper not in PAPER_SIZES:
        raise ExportError(f"Unknown paper size {paper!r}; choose a4 or letter.")
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name to export to.")
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist.")
    control.progress(0, 3, "Laying out the PDF")
    parts = ReportParts.of(report)
    control.check()
    save = QSaveFile(str(target))
    if not save.open(QSaveFile.OpenModeFlag.WriteOnly):
        raise ExportError(f"Could not write {target}: {save.errorString()}.")
    try:
        _paint(parts, save, paper, control.check, control.progress)
    except BaseException:
        save.cancelWriting()
        raise
    if not save.commit():
        raise ExportError(f"Could not write {target}: {save.errorString()}.")
    return target


def _paint(
    parts: ReportParts,
    device: QSaveFile,
    paper: str,
    check: Callable[[], None],
    progress: Callable[[int, int, str], None],
) -> None:
    report = parts.report
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION)
    writer.setTitle(report.title)
    writer.setCreator("ClaimTrack")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAPER_SIZES[paper]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = RESOLUTION * 0.35  # about 9 mm for the page number
    # Lay out in points (72 per inch) like a screen document, then scale to the device.
    scale = RESOLUTION / 72.0
    page = QSizeF(area.width() / scale, (area.height() - footer) / scale)
    slices = _lay_out(parts, page, check)  # all of them first: "of N" needs N
    pages = len(slices)
    slices.reverse()
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Qt could not start the PDF.")
    try:
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(8)
        grey = QColor("#616161")
        left = _footer_left(report)
        band = QRectF(0, area.height() - footer * 0.7, area.width(), footer * 0.7)
        to_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        to_right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        numbering = report.texts("Page {number} of {pages}", number="\x00", pages=pages)
        width = page.width()
        for number in range(1, pages + 1):
            check()
            if number > 1:
                writer.newPage()
            document, top, height = slices.pop()  # a chunk is freed once drawn
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -top)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, top, width, height)
            painter.setClipRect(context.clip)
            document.documentLayout().draw(painter, context)
            painter.restore()
            del document
            painter.setFont(footer_font)
            painter.setPen(grey)
            painter.drawText(band, to_left, left)
            painter.drawText(band, to_right, numbering.replace("\x00", str(number)))
            progress(number, pages, "Writing the PDF")
    finally:
        painter.end()


# Claims per QTextDocument: small enough to parse and lay out quickly, large enough that
# the seams between chunks (see _lay_out) are rare.
CHUNK_CLAIMS = 500


def _lay_out(
    parts: ReportParts, page: QSizeF, check: Callable[[], None]
) -> list[tuple[QTextDocument, float, float]]:
    """The PDF's pages as (document, top, height) slices, a chunk of claims at a time.

    A chunk's last page is usually part-filled. Rather than leave it so, the claims that
    reach onto it start the next chunk, and the page before ends where the first of them
    began: each seam looks like a page break before a claim's heading.
    """
    slices: list[tuple[QTextDocument, float, float]] = []
    height = page.height()
    count = len(parts.claims)
    start = 0
    while True:
        check()
        stop = min(count, start + CHUNK_CLAIMS)
        document = parts.document(start, stop)
        headings = _keep_glyphs(document)
        document.setPageSize(page)
        pages = max(1, document.pageCount())  # lays the whole chunk out
        pages = _keep_headings_with_text(
            document, headings, height, pages, claim_headings=count <= CHUNK_CLAIMS
        )
        end = pages * height
        if stop < count:
            cut = _seam(document, headings, stop - start, (pages - 1) * height)
            if cut is not None:  # (a block touching the clip is drawn, if unseen: 1 pt less)
                stop, end = start + cut[0], cut[1] - 1
        top = 0.0
        while top < end - 0.5:
            slices.append((document, top, min(height, end - top)))
            top += height
        if stop >= count:
            return slices
        start = stop


def _seam(
    document: QTextDocument, headings: list[QTextBlock], claims: int, last_page: float
) -> tuple[int, float] | None:
    """Where to end a chunk: the index of the first of its claims to reach onto the page
    that starts at ``last_page``, with that claim's top; None if that is its first claim."""
    layout = document.documentLayout()
    starts = [h for h in headings if h.userState() == CLAIM_STATE]
    first = claims - len(starts)  # the chunk's first block, a claim's heading, is not listed
    for n in range(len(starts) - 1, -1, -1):
        top = layout.blockBoundingRect(starts[n]).top()
        if top <= last_page + 0.5:
            return (first + n, top) if first + n > 0 else None
    return None


def _keep_glyphs(document: QTextDocument) -> list[QTextBlock]:
    """Keep each block's shaped glyphs from layout until its page is drawn; returns the
    headings (all but the title), which _keep_headings_with_text looks at after layout.

    By default a block's QTextLayout drops its glyphs once the lines are laid out, and
    drawing the page shapes the text all over again; keeping them makes drawing 10,000
    claims about a second faster for some 10 % more memory. The pages are the same.
    """
    headings = []
    block = document.begin()
    first = True
    while block.isValid():
        block.layout().setCacheEnabled(True)
        if not first and block.blockFormat().headingLevel():
            headings.append(block)
        first = False
        block = block.next()
    return headings


# Each heading moved costs a new layout of the rest of the document: claim headings are
# kept with their text in reports of one document up to this long, section headings in any.
KEEP_CLAIM_HEADINGS_PAGES = 120


def _keep_headings_with_text(
    document: QTextDocument,
    headings: list[QTextBlock],
    page_height: float,
    pages: int,
    *,
    claim_headings: bool = True,
) -> int:
    """Word's "keep with next" for headings, which QTextDocument lacks: a heading left at
    the foot of a page, its text starting on the next, gets a page break before it.
    ``claim_headings=False`` keeps section headings only. Returns the page count after."""
    layout = document.documentLayout()
    if pages > KEEP_CLAIM_HEADINGS_PAGES or not claim_headings:
        headings = [h for h in headings if h.blockFormat().headingLevel() <= 2]
    moved = False
    for heading in headings:
        previous = heading.previous()
        if previous.isValid() and previous.blockFormat().headingLevel() and heading != headings[0]:
            continue  # not the first of a run of headings: the run moves as one
        following = heading.next()
        while following.isValid() and following.blockFormat().headingLevel():
            following = following.next()  # "Claims" then a claim's heading: both go along
        if not following.isValid():
            continue
        top = layout.blockBoundingRect(heading).top()
        if top % page_height < 1:
            continue  # already at the top of a page: moving it would not help
        lines = following.layout()
        start = layout.blockBoundingRect(following).top()
        if lines.lineCount():
            start += lines.lineAt(0).y()
        if int(start // page_height) > int(top // page_height):
            block_format = heading.blockFormat()
            block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(heading).setBlockFormat(block_format)  # lays out the rest again
            moved = True
    return max(1, document.pageCount()) if moved else pages


def _footer_left(report: Report) -> str:
    title = report.title if len(report.title) <= 60 else report.title[:59] + "…"
    return f"{title} · {report.texts.date(report.generated_at.date())}"
