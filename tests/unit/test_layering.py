"""The layers under the UI must not load Qt: they run in the CLI, workers and exporters."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
import claimtrack.domain, claimtrack.store, claimtrack.services, claimtrack.extract
import claimtrack.intake, claimtrack.intake.readers
import claimtrack.export, claimtrack.services.sample, claimtrack.cli, claimtrack.paths
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(",".join(qt))
"""


def test_domain_store_services_extract_export_load_no_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == ""


def test_no_qt_import_statements_below_the_ui() -> None:
    for package in ("domain", "store", "services", "extract", "export", "intake"):
        for path in (ROOT / "claimtrack" / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "PySide6" not in text, f"{path} mentions PySide6"


RENDER_PROBE = """
import sys
import claimtrack.render.chart, claimtrack.pdf
print(",".join(sorted(m for m in sys.modules if m.startswith("PySide6."))))
"""


def test_the_chart_painter_and_the_pdf_use_qtgui_only() -> None:
    """claimtrack.render (the one chart painter) and claimtrack.pdf never load QtWidgets:
    the command line paints the DOCX chart and lays out the PDF without a widget."""
    result = subprocess.run(
        [sys.executable, "-c", RENDER_PROBE], capture_output=True, text=True, check=True, cwd=ROOT
    )
    modules = set(result.stdout.strip().split(","))
    qt = {m for m in modules if m.startswith("PySide6.Qt")}  # not PySide6.support.*
    assert qt == {"PySide6.QtCore", "PySide6.QtGui"}, qt
    for package in ("render", "pdf"):
        for path in (ROOT / "claimtrack" / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "PySide6.QtWidgets" not in text and "import QtWidgets" not in text, path


def test_the_exporters_read_only_through_the_services() -> None:
    """One read side: the exporters get their rows from ``services.report_queries``, so
    no module under claimtrack/export may import the store or the SQL toolkits itself."""
    banned = ("claimtrack.store", "sqlalchemy", "sqlmodel")

    def is_banned(name: str) -> bool:
        return any(name == b or name.startswith(b + ".") for b in banned)

    for path in (ROOT / "claimtrack" / "export").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found = [n for n in names if is_banned(n)]
            assert not found, f"{path.relative_to(ROOT)}:{node.lineno} imports {found}"
