"""What an editor sees in the PDF: its text read back with pdftotext, its colours from the
laid-out document.

The DOCX report writes roles in lower case, names a direct claimant with its kind and
shows the attribution line only when someone relays; the PDF must read the same. Verdicts
are a badge with readable ink, never coloured text on white; History moments fit their
column on one line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from claimtrack.export import ReportOptions, Scope, build_report
from claimtrack.export.markup import safe_colour
from tests.colours import contrast

MOMENT = datetime(2025, 12, 5, 9, 30, tzinfo=UTC)
COMPACT_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
@pytest.mark.parametrize("language", ["en", "id"])
def test_pdf_reads_like_the_docx(qapp, sample, tmp_path: Path, language: str) -> None:
    from claimtrack.pdf import write_pdf

    options = ReportOptions(include_history=True, language=language)
    report = build_report(sample, Scope(), options, now=MOMENT)
    path = write_pdf(report, tmp_path / "r.pdf")
    layout = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(layout.split())
    if language == "en":
        assert "Attribution: Nicolas Maduro (claimant) › Reuters (via) › Warta Contoh (via)" in text
        assert "Claimant: Gedung Putih (government)" in text
        assert "Attribution: Gedung Putih" not in text  # nobody relays the White House
        assert "Claimant: a protected source Attribution:" in text  # no "(Protected)"
        assert "#1 (asked for comment)" in text  # the sources table
        for capitalised in ("(Via)", "(Claimant)", "(Protected)", "(Asked for"):
            assert capitalised not in text, capitalised
    else:
        assert "Reuters (melalui)" in text and "Pengklaim: Gedung Putih (pemerintah)" in text
        assert "(Melalui)" not in text and "(Pengklaim)" not in text
    # Each History row's moment on one line of the page (it took four before).
    moments = [line for line in layout.splitlines() if COMPACT_MOMENT.match(line.strip())]
    assert len(moments) == len(report.history or ()) > 0


def _fragments(document: Any) -> list[Any]:
    out = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            out.append(it.fragment())
            it += 1
        block = block.next()
    return out


def test_pdf_verdicts_are_badges_with_readable_ink(qapp, sample) -> None:
    """No text in a verdict's colour on white paper, only the marker before the heading."""
    from PySide6.QtGui import QTextFormat

    from claimtrack.pdf.document import build_document

    report = build_report(sample, Scope(), ReportOptions(), now=MOMENT)
    colours = {safe_colour(c.verdict.colour).lower() for c in report.claims}
    badges = 0
    foreground, background = (
        QTextFormat.Property.ForegroundBrush,
        QTextFormat.Property.BackgroundBrush,
    )
    document = build_document(report)  # alive while its fragments are read
    for fragment in _fragments(document):
        fmt = fragment.charFormat()
        ink = fmt.foreground().color().name() if fmt.hasProperty(foreground) else ""
        paper = fmt.background().color().name() if fmt.hasProperty(background) else ""
        if ink in colours:
            assert fragment.text() == "\u25a0", fragment.text()
        if paper in colours:
            badges += 1
            assert contrast(ink, paper) >= 4.5, fragment.text()
    assert badges == len(report.claims)
