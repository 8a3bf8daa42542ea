"""PDF reports (QTextDocument + QPdfWriter), read back with poppler's pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from claimtrack.export import ReportOptions, Scope, build_report
from claimtrack.services.sample import PARTIES

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext/pdfinfo (poppler-utils) not installed; scripts/system-deps.sh installs it",
)
PROTECTED_NAME = next(name for name, (_k, protected, _a) in PARTIES.items() if protected)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def flowing(text: str, title: str) -> str:
    """The body text with page footers removed and whitespace collapsed."""
    lines = [
        line
        for line in text.splitlines()
        if not re.fullmatch(r"Page \d+ of \d+", line.strip()) and not line.startswith(title)
    ]
    return " ".join(" ".join(lines).replace("\u00ad", "").split())


@pytest.mark.parametrize(("paper", "size"), [("a4", "A4"), ("letter", "letter")])
def test_pdf_holds_every_claim_and_numbers_every_page(qapp, sample, tmp_path, paper, size) -> None:
    from claimtrack.pdf import write_pdf

    report = build_report(sample, Scope(), ReportOptions(title="Desk report", include_history=True))
    path = write_pdf(report, tmp_path / "r.pdf", paper=paper)
    info = pdf_info(path)
    pages = int(info["Pages"])
    assert pages >= 2
    assert size in info["Page size"]
    text = pdf_text(path)
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    body = flowing(text, "Desk report ·")
    for claim in sample.claims.list():
        assert " ".join(claim.text.split()) in body, claim.text
    assert "a protected source" in body
    assert PROTECTED_NAME.lower() not in text.lower()


def test_a_cancelled_pdf_leaves_the_previous_file(qapp, sample, tmp_path) -> None:
    from claimtrack.pdf import write_pdf
    from claimtrack.ui.tasks import Cancelled

    class CancelAfterFirstPage:
        calls = 0

        def progress(self, done: int, total: int, text: str = "") -> None:
            pass

        def check(self) -> None:
            self.calls += 1
            if self.calls > 2:
                raise Cancelled

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "r.pdf"
    target.write_bytes(b"%PDF previous")
    report = build_report(sample, Scope(), ReportOptions(include_history=True))
    with pytest.raises(Cancelled):
        write_pdf(report, target, control=CancelAfterFirstPage())
    assert target.read_bytes() == b"%PDF previous"
    assert [p.name for p in folder.iterdir()] == ["r.pdf"]
