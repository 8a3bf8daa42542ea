"""PDF pages read back with pdftotext: no heading is left alone at the foot of a page.

QTextDocument has no "keep with next"; the writer moves a heading to the next page when
its text would start there. The sample dossier, on A4, left both a claim heading and the
Sources heading at the foot of a page before that.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimtrack.export import ReportOptions, Scope, build_report

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (poppler-utils) not installed; scripts/system-deps.sh installs it",
)
NOTE = "We read each claim against the **wire copy**.\n\n- two sources\n- a reply asked for"
SECTIONS = {"Overview", "Methodology", "Sources", "Appendix: History", "Ikhtisar", "Metodologi"}
SECTIONS |= {"Sumber", "Lampiran: Riwayat"}


def last_lines(path: Path) -> list[str]:
    """The last line of text above the footer on every page."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    out = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if len(lines) >= 2:
            out.append(lines[-2])  # the last one is the footer
    return out


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("language", ["en", "id"])
def test_no_heading_ends_a_page(qapp, sample, tmp_path: Path, paper: str, language: str) -> None:
    from claimtrack.pdf import write_pdf

    moment = datetime(2025, 12, 5, 9, 30, tzinfo=UTC)
    for n, options in enumerate(
        (
            ReportOptions(include_history=True, methodology=NOTE, language=language),
            ReportOptions(language=language),
            ReportOptions(include_history=True, language=language, redact=False),
        )
    ):
        report = build_report(sample, Scope(), options, now=moment)
        path = write_pdf(report, tmp_path / f"r{n}.pdf", paper=paper)
        ends = last_lines(path)
        assert len(ends) >= 2
        for line in ends:
            assert not line.startswith("■ #"), (n, line)
            assert line.split("(")[0].strip() not in SECTIONS, (n, line)
            assert not line.startswith(("Claims (", "Klaim (")), (n, line)
