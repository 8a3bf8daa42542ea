"""The one painter of the status-and-verdict chart (QtGui and QtCore only).

``paint_chart`` draws a ``ChartLayout`` (from ``claimtrack.export.chart.layout``, which
is Qt-free) with any QPainter: the live widget in the app, a QImage for the PDF and the
export preview, and the PNG inside the DOCX. Text is drawn with the system's fonts, so
Qt's font fallback covers any script a status or verdict may be named in.

Everything here needs a QGuiApplication (fonts); the command line makes an offscreen
one (``claimtrack.pdf.ensure_gui_app``). Painting a QImage is safe in a worker thread.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter

from claimtrack.export.chart import TRACK, Box, Chart, ChartLayout, Label, layout

# The report's face first (the PDF's and DOCX's text is DejaVu Sans), then common ones;
# Qt falls back further, glyph by glyph, for scripts none of these cover.
FAMILIES = ("DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "Arial")
LABEL_PX = 11  # CSS pixels of a bar's label and count
TITLE_PX = 12  # CSS pixels of a series title (bold)
PRINT_SCALE = 2.0  # device pixels per CSS pixel of the images in the PDF and DOCX


def chart_font(bold: bool = False) -> QFont:
    """The font of the printed chart (regular labels, or a bold series title)."""
    font = QFont()
    font.setFamilies(list(FAMILIES))
    font.setPixelSize(TITLE_PX if bold else LABEL_PX)
    font.setBold(bold)
    # Unhinted: the same advances at any scale, so measured right edges line up.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def paint_chart(
    painter: QPainter,
    chart_layout: ChartLayout,
    *,
    font: QFont | None = None,
    ink: QColor | None = None,
    track: QColor | None = None,
) -> None:
    """Draw the boxes and labels of ``chart_layout`` in the painter's coordinates.

    ``font`` is the labels' font (a bold copy titles the series; default: ``chart_font``);
    ``ink`` paints every label in one colour instead of the layout's own (the widget
    follows the palette); ``track`` replaces the grey behind the bars.
    """
    regular = QFont(font) if font is not None else chart_font()
    if font is not None:
        bold = QFont(font)
        bold.setBold(True)
    else:
        bold = chart_font(bold=True)
    fonts = {False: (regular, QFontMetricsF(regular)), True: (bold, QFontMetricsF(bold))}
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    for item in chart_layout.items:
        if isinstance(item, Box):
            colour = track if track is not None and item.colour == TRACK else QColor(item.colour)
            if not colour.isValid():
                colour = QColor("#9e9e9e")
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(item.x, item.y, item.w, item.h), 2, 2)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for item in chart_layout.items:
        if not isinstance(item, Label):
            continue
        face, metrics = fonts[item.bold]
        painter.setFont(face)
        colour = ink if ink is not None else QColor(item.colour)
        painter.setPen(colour if colour.isValid() else QColor("#212121"))
        if item.anchor == "end":
            room = max(0.0, chart_layout.label_room)
            text = metrics.elidedText(item.text, Qt.TextElideMode.ElideRight, room)
            # Right-aligned by Qt in a box whose top sits one ascent above the baseline:
            # the text ends exactly at x however it is shaped.
            box = QRectF(item.x - room, item.y - metrics.ascent(), room, metrics.height())
            flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            painter.drawText(box, int(flags) | int(Qt.TextFlag.TextSingleLine), text)
        else:
            painter.drawText(QPointF(item.x, item.y), item.text)
    painter.restore()


def chart_image(chart: Chart, width: float = 600.0, scale: float = PRINT_SCALE) -> QImage:
    """The chart on white, laid out ``width`` CSS pixels wide, ``scale`` pixels each."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("drawing the chart needs a QGuiApplication (fonts)")
    laid = layout(chart, width)
    image = QImage(
        max(1, round(width * scale)),
        max(1, round(laid.height * scale)),
        QImage.Format.Format_RGB32,
    )
    image.fill(QColor("#ffffff"))
    dots = round(72 * scale / 0.0254)  # 144 dpi at scale 2: the picture's natural size
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        paint_chart(painter, laid)
    finally:
        painter.end()
    return image


def chart_png(chart: Chart, width: float = 600.0, scale: float = PRINT_SCALE) -> bytes:
    """``chart_image`` encoded as PNG (by Qt), for the DOCX."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not chart_image(chart, width, scale).save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError("Qt could not encode the chart as PNG")
    buffer.close()
    return bytes(data.data())


__all__ = ["chart_font", "chart_image", "chart_png", "paint_chart"]
