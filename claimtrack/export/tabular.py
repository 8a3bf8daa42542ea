"""CSV and XLSX: one row per claim, the same columns in both.

CSV is spreadsheet-safe by default (OWASP CSV injection): a cell that starts with ``=``,
``+``, ``-``, ``@``, tab, CR or LF gets a leading apostrophe, so a spreadsheet shows it as
text instead of running it as a formula. ``raw=True`` writes cells exactly as stored.
XLSX writes every text cell with ``write_string``, so "=1+1" and "007" stay text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

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


def _rows(report: Report, control: Control) -> Iterator[list[str | int]]:
    t = report.texts
    for n, claim in enumerate(report.claims):
        if n % 2000 == 0:
            control.check()
            control.progress(n, len(report.claims), "Writing rows")
        yield row(claim, t)


def write_csv(
    report: Report, stream: BinaryIO, *, raw: bool = False, control: Control | None = None
) -> None:
    """UTF-8 with a byte-order mark (so Excel picks the encoding), CRLF rows."""
    control = control or NullControl()
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns(report.texts))
    if raw:
        writer.writerows(_rows(report, control))
    else:
        writer.writerows([safe_cell(v) for v in r] for r in _rows(report, control))
    text.flush()
    text.detach()


def write_xlsx(report: Report, stream: BinaryIO, *, control: Control | None = None) -> None:
    import xlsxwriter

    control = control or NullControl()
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
    t = report.texts
    workbook.set_properties({"title": report.title, "author": report.generated_by})
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
    for r, claim in enumerate(report.claims, start=1):
        if r % 2000 == 0:
            control.check()
            control.progress(r, len(report.claims), "Writing rows")
        for col, value in enumerate(row(claim, t)):
            if isinstance(value, int):
                sheet.write_number(r, col, value, top)
            else:
                if len(value) > XLSX_MAX:
                    value = value[: XLSX_MAX - 20] + " … (cut for Excel)"
                fmt = verdict_format(claim.verdict.colour) if col == verdict_col else None
                sheet.write_string(r, col, value, fmt)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, len(report.claims), len(COLUMNS) - 1)

    summary = workbook.add_worksheet(t("Summary"))
    summary.set_column(0, 0, 24)
    summary.write_string(0, 0, report.title, workbook.add_format({"bold": True, "font_size": 14}))
    summary.write_string(1, 0, report.scope)
    generated = t(
        "Generated {when} by {who}", when=t.date(report.generated_at), who=report.generated_by
    )
    summary.write_string(2, 0, generated)
    line = 4
    for series in report.chart.series:
        summary.write_string(line, 0, series.title, head)
        summary.write_string(line, 1, t("Claims"), head)
        line += 1
        for bar in series.bars:
            summary.write_string(line, 0, bar.label, verdict_format(bar.colour))
            summary.write_number(line, 1, bar.count)
            line += 1
        line += 1
    workbook.close()
    stream.write(buffer.getvalue())
