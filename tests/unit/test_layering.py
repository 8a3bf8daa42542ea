"""The layers under the UI must not load Qt: they run in the CLI, workers and exporters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
import claimtrack.domain, claimtrack.store, claimtrack.services, claimtrack.extract
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
    for package in ("domain", "store", "services", "extract", "export"):
        for path in (ROOT / "claimtrack" / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "PySide6" not in text, f"{path} mentions PySide6"
