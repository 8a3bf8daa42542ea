"""Reports and exports: claims → HTML, PDF, Markdown, DOCX, CSV, XLSX, ClaimReview JSON-LD.

``build_report`` reads a selection through the services into a frozen, redacted
``Report``; ``export_report`` writes it in one format, atomically. CSV and XLSX need only
the table's cells: ``export_table`` reads those straight from the database and writes
the same file several times faster (the command line and the export dialog use it). No
Qt here: the PDF writer lives in ``claimtrack.pdf`` (QtGui), loaded only for a PDF, and
the chart painter in ``claimtrack.render`` (QtGui), loaded only for a PDF or a DOCX and
handed to the DOCX writer. Both formats need a QGuiApplication (the command line makes
an offscreen one, ``claimtrack.pdf.ensure_gui_app``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrack.export.atomic import ExportError, atomic_write
from claimtrack.export.report import (
    Control,
    NullControl,
    Report,
    ReportOptions,
    Scope,
    build_report,
    chart_from_counts,
)

if TYPE_CHECKING:
    from datetime import datetime

    from claimtrack.services import Services

# format key -> (file suffix, label)
FORMATS: dict[str, tuple[str, str]] = {
    "html": (".html", "HTML page"),
    "pdf": (".pdf", "PDF document"),
    "md": (".md", "Markdown"),
    "docx": (".docx", "Word document (DOCX)"),
    "csv": (".csv", "CSV table"),
    "xlsx": (".xlsx", "Excel workbook (XLSX)"),
    "claimreview": (".jsonld", "ClaimReview JSON-LD"),
}
PAPERS = ("a4", "letter")
TABULAR = ("csv", "xlsx")  # formats ``export_table`` writes


def export_report(
    report: Report,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    paper: str = "a4",
    csv_raw: bool = False,
    control: Control | None = None,
) -> Path:
    """Write ``report`` as ``fmt`` to ``path``; the old file survives any failure."""
    control = control or NullControl()
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    control.check()
    if fmt == "pdf":
        from claimtrack.pdf import write_pdf

        return write_pdf(report, path, paper=paper, control=control)
    if fmt == "html":
        from claimtrack.export.html import write_html

        return atomic_write(path, lambda s: write_html(report, s))
    if fmt == "md":
        from claimtrack.export.markdown import write_markdown

        return atomic_write(path, lambda s: write_markdown(report, s))
    if fmt == "docx":
        from claimtrack.export.docx import write_docx
        from claimtrack.render.chart import chart_png

        return atomic_write(
            path,
            lambda s: write_docx(report, s, control=control, paper=paper, chart_png=chart_png),
        )
    if fmt == "csv":
        from claimtrack.export.tabular import write_csv

        return atomic_write(path, lambda s: write_csv(report, s, raw=csv_raw, control=control))
    if fmt == "xlsx":
        from claimtrack.export.tabular import write_xlsx

        return atomic_write(path, lambda s: write_xlsx(report, s, control=control))
    from claimtrack.export.claimreview import write_claimreview

    return atomic_write(path, lambda s: write_claimreview(report, s))


def export_table(
    services: Services,
    scope: Scope | None,
    options: ReportOptions | None,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    csv_raw: bool = False,
    control: Control | None = None,
    now: datetime | None = None,
) -> tuple[Path, int]:
    """Write a scope's claims as CSV or XLSX without building the Report; (path, rows).

    The file is the one ``export_report(build_report(...), fmt, ...)`` writes, with the
    same redaction, language and spreadsheet safety (see ``claimtrack.export.rows``).
    """
    from claimtrack.export.rows import export_rows

    return export_rows(
        services, scope, options, fmt, path, csv_raw=csv_raw, control=control, now=now
    )


__all__ = [
    "FORMATS",
    "PAPERS",
    "TABULAR",
    "Control",
    "ExportError",
    "NullControl",
    "Report",
    "ReportOptions",
    "Scope",
    "build_report",
    "chart_from_counts",
    "export_report",
    "export_table",
]
