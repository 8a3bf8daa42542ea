"""The PDF lays its claims out a chunk at a time: the chunks together hold the report that
one document parsed from the whole HTML holds, and a PDF cut into many chunks still shows
every claim once, on consecutively numbered pages."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimtrack.export import ReportOptions, Scope, build_report


def _texts(document: Any) -> list[str]:
    out = []
    block = document.begin()
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out


def _many(sample: Any, copies: int) -> Any:
    report = build_report(sample, Scope(), ReportOptions(include_history=True))
    claims = tuple(replace(c, id=n * 100 + c.id) for n in range(copies) for c in report.claims)
    return replace(report, claims=claims, total=len(claims))


def test_chunks_hold_what_the_whole_document_holds(qapp, sample) -> None:
    from claimtrack.pdf.document import ReportParts, build_document

    report = _many(sample, 3)
    parts = ReportParts.of(report)
    chunked: list[str] = []
    for start in range(0, len(report.claims), 4):
        chunked += _texts(parts.document(start, start + 4))
    assert chunked == _texts(build_document(report))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_every_claim_once_across_seams(qapp, sample, tmp_path: Path, monkeypatch) -> None:
    from claimtrack.pdf import write_pdf, writer

    monkeypatch.setattr(writer, "CHUNK_CLAIMS", 5)
    report = _many(sample, 6)
    path = write_pdf(report, tmp_path / "r.pdf")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.count("\f")
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    for claim in report.claims:
        assert text.count(f"■ #{claim.id} ·") == 1, claim.id
