"""The one chart painter (claimtrack.render.chart) in every place the chart is drawn.

The DOCX carries a PNG Qt painted, the XLSX a native Excel chart of the same bars, the
PDF the painter's image, and the live widget calls the same routine. Labels come from
the system's fonts, so letters beyond ASCII are drawn, not replaced by "?".
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from claimtrack.export import ReportOptions, Scope, build_report, export_report, export_table
from claimtrack.export.chart import Bar, Chart, Series, layout
from claimtrack.render.chart import PRINT_SCALE, chart_font, chart_image, chart_png, paint_chart

WORLD = "Ç ğ Ж 中"  # Latin with marks, Cyrillic, Han: all beyond the old bitmap font


def rgb_bytes(image: QImage) -> bytes:
    """The pixels as 4-byte BGRA words (little-endian RGB32), for fast colour searches."""
    return bytes(image.convertToFormat(QImage.Format.Format_RGB32).constBits())


def has_colour(image: QImage, colour: str) -> bool:
    c = QColor(colour)
    return bytes((c.blue(), c.green(), c.red(), 0xFF)) in rgb_bytes(image)


def one_bar(label: str) -> Chart:
    return Chart((Series("Status", (Bar(label, 3, "#1e88e5"), Bar("Done", 1, "#43a047"))),))


def label_crop(image: QImage, chart: Chart) -> QImage:
    """The rectangle of the first bar's label (the label column of its row)."""
    laid = layout(chart)
    label = next(i for i in laid.items if getattr(i, "anchor", "") == "end")
    s = PRINT_SCALE
    top, bottom = (label.y - 16) * s, (label.y + 6) * s
    return image.copy(0, round(top), round(label.x * s) + 4, round(bottom - top))


def ink_in(image: QImage) -> int:
    """How many pixels are not white."""
    data = rgb_bytes(image)
    return sum(1 for i in range(0, len(data), 4) if data[i : i + 3] != b"\xff\xff\xff")


# ---------------------------------------------------------------- DOCX


def test_docx_holds_a_png_of_the_chart_that_qt_painted(qapp, sample, tmp_path: Path) -> None:
    report = build_report(sample, Scope(), ReportOptions())
    path = export_report(report, "docx", tmp_path / "r.docx")
    with zipfile.ZipFile(path) as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and media[0].endswith(".png")
        data = docx.read(media[0])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    assert image.width() == 600 * PRINT_SCALE
    assert ink_in(image) > image.width() * image.height() // 50  # not a blank picture
    for series in report.chart.series:
        for bar in series.bars:
            if bar.count:
                assert has_colour(image, bar.colour), bar
    # The very picture the painter makes of this chart.
    assert image.convertToFormat(QImage.Format.Format_RGB32) == chart_image(report.chart)


# ---------------------------------------------------------------- XLSX


def chart_xml(path: Path, n: int) -> str:
    with zipfile.ZipFile(path) as book:
        names = book.namelist()
        assert f"xl/charts/chart{n}.xml" in names, names
        assert not [name for name in names if name.startswith("xl/media/")]  # no picture
        return book.read(f"xl/charts/chart{n}.xml").decode("utf-8")


@pytest.mark.parametrize("route", ["report", "table"])
def test_xlsx_has_native_bar_charts_of_status_and_verdict(sample, tmp_path: Path, route) -> None:
    report = build_report(sample, Scope(), ReportOptions())
    path = tmp_path / "r.xlsx"
    if route == "report":
        export_report(report, "xlsx", path)
    else:  # what the command line and the dialog run
        export_table(sample, Scope(), ReportOptions(), "xlsx", path)
    status, verdict = report.chart.series
    for n, series in ((1, status), (2, verdict)):
        xml = chart_xml(path, n)
        assert "<c:barChart>" in xml and '<c:barDir val="bar"/>' in xml
        assert "Summary!$A$" in xml  # the series reads the Summary sheet's cells
        values = re.findall(r"<c:v>([^<]*)</c:v>", xml)
        assert series.title in values  # the series' name
        for bar in series.bars:
            assert bar.label in values  # a category
            assert bar.colour.lstrip("#").upper() in xml  # the bar in its own colour
        assert f"{series.title} ({series.total})" in xml  # the chart's title
        assert '<c:orientation val="maxMin"/>' in xml  # top-down, as in the report


def test_xlsx_chart_names_labels_in_any_script(sample, tmp_path: Path) -> None:
    report = build_report(sample, Scope(), ReportOptions())
    status = report.chart.series[0]
    bars = (replace(status.bars[0], label=WORLD), *status.bars[1:])
    chart = Chart((replace(status, bars=bars), *report.chart.series[1:]))
    path = export_report(replace(report, chart=chart), "xlsx", tmp_path / "r.xlsx")
    assert f"<c:v>{WORLD}</c:v>" in chart_xml(path, 1)


# ---------------------------------------------------------------- PDF and the painter


def test_labels_beyond_ascii_draw_as_themselves_not_as_question_marks(qapp) -> None:
    """Each label's pixels match the same text painted straight with the chart's font,
    and differ from "?"s: what the bitmap font used to print for these letters."""
    world, marks = one_bar(WORLD), one_bar("? ? ? ?")
    image, fallback = chart_image(world), chart_image(marks)
    crop = label_crop(image, world)

    laid = layout(world)
    label = next(i for i in laid.items if getattr(i, "anchor", "") == "end")
    direct = QImage(image.size(), QImage.Format.Format_RGB32)
    direct.fill(QColor("#ffffff"))
    painter = QPainter(direct)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(PRINT_SCALE, PRINT_SCALE)
    painter.setFont(chart_font())
    painter.setPen(QColor(label.colour))
    metrics = QFontMetricsF(chart_font())
    room = laid.label_room
    painter.drawText(
        QRectF(label.x - room, label.y - metrics.ascent(), room, metrics.height()),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
        WORLD,
    )
    painter.end()

    assert ink_in(crop) > 100
    assert crop == label_crop(direct, world)
    assert crop != label_crop(fallback, marks)


def test_the_pdf_draws_the_painters_chart_with_its_labels(qapp, sample) -> None:
    from PySide6.QtGui import QTextDocument

    from claimtrack.export.html import CHART_RESOURCE
    from claimtrack.pdf.document import build_document

    report = build_report(sample, Scope(), ReportOptions())
    status = report.chart.series[0]
    world = Chart((replace(status, bars=(replace(status.bars[0], label=WORLD),)),))
    marks = Chart((replace(status, bars=(replace(status.bars[0], label="? ? ? ?"),)),))

    def pdf_chart(chart: Chart) -> QImage:
        document = build_document(replace(report, chart=chart))
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_RESOURCE))
        assert isinstance(image, QImage)
        return image

    image = pdf_chart(world)
    assert image == chart_image(world)
    assert label_crop(image, world) != label_crop(pdf_chart(marks), marks)


def test_a_long_label_is_cut_with_an_ellipsis_inside_its_column(qapp) -> None:
    long = one_bar("A status with a name far too long for the label column of the chart")
    image = chart_image(long)
    laid = layout(long)
    bar_x = next(i.x for i in laid.items if hasattr(i, "w"))
    left_of_bars = image.copy(0, 0, round((bar_x - 6) * PRINT_SCALE), image.height())
    column = image.copy(round((bar_x - 6) * PRINT_SCALE), 0, round(4 * PRINT_SCALE), image.height())
    assert ink_in(left_of_bars) > 100
    assert ink_in(column) == 0  # the text stops before the bars start


def test_chart_png_is_a_png_and_needs_no_widgets(qapp) -> None:
    data = chart_png(one_bar("Unreviewed"))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert QImage.fromData(data, "PNG").convertToFormat(QImage.Format.Format_RGB32) == (
        chart_image(one_bar("Unreviewed"))
    )


# ---------------------------------------------------------------- the widget


def test_the_live_widget_paints_with_the_same_routine(qtbot, monkeypatch) -> None:
    import claimtrack.ui.widgets.chart as widget_module

    calls: list[tuple[float, int]] = []

    def recording(painter: QPainter, laid, **options) -> None:
        calls.append((laid.width, len(laid.items)))
        paint_chart(painter, laid, **options)

    monkeypatch.setattr(widget_module, "paint_chart", recording)
    widget = widget_module.ChartWidget()
    qtbot.addWidget(widget)
    widget.resize(500, 200)
    widget.set_chart(one_bar(WORLD))
    image = widget.grab().toImage()
    assert calls and calls[-1] == (500.0, len(layout(one_bar(WORLD), 500.0).items))
    assert has_colour(image, "#1e88e5")
