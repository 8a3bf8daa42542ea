"""CSV and XLSX: one row per claim, the same columns in both.

CSV is spreadsheet-safe by default (OWASP CSV injection): a cell that starts with ``=``,
``+``, ``-``, ``@``, tab, CR or LF gets a leading apostrophe, so a spreadsheet shows it as
text instead of running it as a formula. ``raw=True`` writes cells exactly as stored.
XLSX writes every text cell with ``write_string``, so "=1+1" and "007" stay text. Its
Summary sheet lists the chart's bars and draws them as native Excel bar charts (one per
series, each bar in its status or verdict colour) over those cells: no picture, so
Excel, LibreOffice and Numbers draw it in their own fonts, and it follows edited counts.

Both writers take a ``Sheet``: the few header facts a table shows and its rows, streamed a
batch at a time. ``sheet_of(report)`` makes one from a built ``Report``; the export
commands use ``claimtrack.export.rows``, which reads the same cells straight from the
database without building the whole report (the same text, several times faster).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

from claimtrack.export.chart import Chart, Series
from claimtrack.export.markup import safe_colour, when
from claimtrack.export.report import Control, NullControl, Report, ReportClaim
from claimtrack.export.texts import Texts, texts

COLUMNS = (
    "ID",
    "Claim",
    "Paraphrase",
    "Kind",
    "Claimant",
    "Attribution chain",
    "Cue",
    "Status",
    "Verdict",
    "Verdict explanation",
    "Notes",
    "Evidence",
    "Requests for comment",
    "Tags",
    "Assignee",
    "Article",
    "Article URL",
    "Updated",
    "Updated by",
)
_WIDTHS = (6, 60, 40, 12, 24, 36, 16, 14, 14, 40, 40, 40, 30, 18, 12, 36, 30, 17, 14)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_MAX = 32_767  # characters Excel allows in one cell
BATCH = 2000  # rows between progress reports and cancel checks

Row = list[str | int]
Batch = list[tuple[Row, str]]  # rows, each with its verdict colour


@dataclass(frozen=True)
class Sheet:
    """What the CSV and XLSX writers need of a report: its header facts and its rows.

    ``batches`` yields the rows a batch at a time, each row with its verdict's colour; it
    may read them lazily (so a cancel between batches stops the reading too). ``chart`` is
    called only after the last batch, so a streaming source can count as it goes.
    """

    title: str
    scope: str
    generated_at: datetime
    generated_by: str
    language: str
    total: int  # rows expected, for progress (fewer if claims vanished meanwhile)
    batches: Iterable[Batch]
    chart: Callable[[], Chart]
    safe: bool = False  # the cells are already spreadsheet-safe (a CSV that is not raw)

    @property
    def texts(self) -> Texts:
        return texts(self.language)


def sheet_of(report: Report) -> Sheet:
    """The rows of an already built report."""
    t, claims = report.texts, report.claims

    def batches() -> Iterator[Batch]:
        for start in range(0, len(claims), BATCH):
            yield [(row(c, t), c.verdict.colour) for c in claims[start : start + BATCH]]

    return Sheet(
        title=report.title,
        scope=report.scope,
        generated_at=report.generated_at,
        generated_by=report.generated_by,
        language=report.language,
        total=len(claims),
        batches=batches(),
        chart=lambda: report.chart,
    )


def columns(t: Texts) -> list[str]:
    """The header row in the report's language (the column order never changes)."""
    return [t(name) for name in COLUMNS]


def row(c: ReportClaim, t: Texts | None = None) -> list[str | int]:
    """One claim's cells. Dates stay ISO 8601 in every language: a spreadsheet sorts them."""
    t = t or texts()
    label = t.label
    chain = " › ".join(
        [c.claimant.name if c.claimant else "—"] + [f"{x.name} ({label(x.role)})" for x in c.chain]
    )
    evidence = "\n".join(
        f"{label(e.stance)} · {label(e.type)}: {e.target}"
        + (f" — {e.excerpt}" if e.excerpt else "")
        for e in c.evidence
    )
    replies = "\n".join(
        f"{q.party}, {when(q.asked_at)}, {label(q.channel)}: {q.response or t('no reply yet')}"
        for q in c.replies
    )
    return [
        c.id,
        c.text,
        c.paraphrase,
        label(c.kind),
        c.claimant.name if c.claimant else "",
        chain,
        c.cue,
        c.status_label,
        c.verdict.label,
        c.explanation,
        c.notes,
        evidence,
        replies,
        ", ".join(c.tags),
        c.assignee,
        c.article.title,
        c.article.url,
        when(c.updated_at),
        c.updated_by,
    ]


def safe_cell(value: str | int) -> str | int:
    """OWASP: make a cell inert in spreadsheets (a leading apostrophe shows it as text)."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _safe_rows(batch: Batch) -> Iterator[Row]:
    """``safe_cell`` over every cell, inlined: it runs on millions of cells."""
    danger = _DANGEROUS
    for cells, _colour in batch:
        yield ["'" + v if v.__class__ is str and v.startswith(danger) else v for v in cells]


def _sheet(source: Report | Sheet) -> Sheet:
    return source if isinstance(source, Sheet) else sheet_of(source)


def write_csv(
    source: Report | Sheet, stream: BinaryIO, *, raw: bool = False, control: Control | None = None
) -> int:
    """UTF-8 with a byte-order mark (so Excel picks the encoding), CRLF rows; rows written."""
    control = control or NullControl()
    sheet = _sheet(source)
    if raw and sheet.safe:
        raise ValueError("A raw CSV needs the cells as stored, not made spreadsheet-safe.")
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns(sheet.texts))
    done = 0
    control.check()
    control.progress(done, sheet.total, "Writing rows")
    for batch in sheet.batches:
        if raw or sheet.safe:
            writer.writerows([cells for cells, _colour in batch])
        else:
            writer.writerows(_safe_rows(batch))
        done += len(batch)
        control.check()
        control.progress(done, sheet.total, "Writing rows")
    text.flush()
    text.detach()
    return done


def write_xlsx(source: Report | Sheet, stream: BinaryIO, *, control: Control | None = None) -> int:
    """A Claims sheet (verdict cells in the verdict's colour) and a Summary; rows written."""
    import xlsxwriter  # type: ignore[import-untyped]

    control = control or NullControl()
    sheet_data = _sheet(source)
    if sheet_data.safe:
        raise ValueError("XLSX writes cells as text; give it the cells as stored.")
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    t = sheet_data.texts
    workbook.set_properties({"title": sheet_data.title, "author": sheet_data.generated_by})
    sheet = workbook.add_worksheet(t("Claims"))
    head = workbook.add_format({"bold": True, "bg_color": "#263238", "font_color": "#ffffff"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    top = workbook.add_format({"valign": "top"})
    verdict_formats: dict[str, object] = {}
    from claimtrack.export.markup import ink

    def verdict_format(colour: str) -> object:
        colour = safe_colour(colour)
        if colour not in verdict_formats:
            verdict_formats[colour] = workbook.add_format(
                {"bg_color": colour, "font_color": ink(colour), "bold": True, "valign": "top"}
            )
        return verdict_formats[colour]

    for col, (name, width) in enumerate(zip(columns(t), _WIDTHS, strict=True)):
        sheet.write_string(0, col, name, head)
        sheet.set_column(col, col, width, wrap if width >= 30 else top)
    verdict_col = COLUMNS.index("Verdict")
    r = 0
    control.check()
    control.progress(r, sheet_data.total, "Writing rows")
    for batch in sheet_data.batches:
        for cells, colour in batch:
            r += 1
            for col, value in enumerate(cells):
                if isinstance(value, int):
                    sheet.write_number(r, col, value, top)
                else:
                    if len(value) > XLSX_MAX:
                        value = value[: XLSX_MAX - 20] + " … (cut for Excel)"
                    fmt = verdict_format(colour) if col == verdict_col else None
                    sheet.write_string(r, col, value, fmt)
        control.check()
        control.progress(r, sheet_data.total, "Writing rows")
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, r, len(COLUMNS) - 1)

    summary = workbook.add_worksheet(t("Summary"))
    summary.set_column(0, 0, 24)
    summary.write_string(
        0, 0, sheet_data.title, workbook.add_format({"bold": True, "font_size": 14})
    )
    summary.write_string(1, 0, sheet_data.scope)
    generated = t(
        "Generated {when} by {who}",
        when=t.date(sheet_data.generated_at),
        who=sheet_data.generated_by,
    )
    summary.write_string(2, 0, generated)
    line = 4
    chart_top = 0  # pixels below row 5 where the next chart goes
    for series in sheet_data.chart().series:
        summary.write_string(line, 0, series.title, head)
        summary.write_string(line, 1, t("Claims"), head)
        title_row = line
        line += 1
        for bar in series.bars:
            summary.write_string(line, 0, bar.label, verdict_format(bar.colour))
            summary.write_number(line, 1, bar.count)
            line += 1
        if series.bars:
            chart_top += _add_bar_chart(workbook, summary, series, title_row, (4, 3, chart_top))
        line += 1
    workbook.close()
    stream.write(buffer.getvalue())
    return r


def _add_bar_chart(
    workbook: Any, summary: Any, series: Series, title_row: int, at: tuple[int, int, int]
) -> int:
    """A native bar chart of ``series`` (its bars in the rows under ``title_row`` of
    ``summary``), placed at ``at`` (row, column, pixels down); returns its height + gap."""
    chart = workbook.add_chart({"type": "bar"})
    name = summary.get_name()
    first, last = title_row + 1, title_row + len(series.bars)
    chart.add_series(
        {
            "name": [name, title_row, 0],
            "categories": [name, first, 0, last, 0],
            "values": [name, first, 1, last, 1],
            "points": [{"fill": {"color": safe_colour(b.colour)}} for b in series.bars],
            "data_labels": {"value": True},
            "gap": 60,
        }
    )
    chart.set_title({"name": f"{series.title} ({series.total})", "name_font": {"size": 11}})
    chart.set_legend({"none": True})
    # A bar chart's category axis (XlsxWriter's y axis) runs bottom-up: reversed, the
    # bars read top-down in the order of the report and the table beside them.
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"min": 0, "major_gridlines": {"visible": True}})
    height = 70 + 26 * len(series.bars)
    chart.set_size({"width": 520, "height": height})
    row, col, down = at
    summary.insert_chart(row, col, chart, {"y_offset": down})
    return height + 16
