"""The export dialog writes CSV and XLSX through ``export_table``: the Report's own file,
off the GUI thread, with progress and a Cancel that keeps the previous file."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from claimtrack.domain import ClaimFilter
from claimtrack.export import ReportOptions, Scope, build_report, export_report
from claimtrack.services.sample import PARTIES
from claimtrack.ui.dialogs import export as export_module
from claimtrack.ui.dialogs.export import ExportDialog
from claimtrack.ui.tasks import TaskRunner

PROTECTED_NAME = next(name for name, (_k, protected, _a) in PARTIES.items() if protected)


@pytest.fixture
def dialog(qtbot, sample):
    runner = TaskRunner()
    dialog = ExportDialog(sample, runner, claim_filter=ClaimFilter(), language="id")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
        dialog.show()
    yield dialog
    runner.wait()


def test_csv_from_the_dialog_is_the_report_csv(qtbot, dialog, sample, tmp_path: Path) -> None:
    dialog.set_format("csv")
    assert dialog.raw_box.isEnabled()
    dialog.raw_box.setChecked(True)
    target = tmp_path / "klaim.csv"
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_to(str(target))
    report = build_report(
        sample, Scope(claim_filter=ClaimFilter()), ReportOptions(language="id", redact=True)
    )
    expected = export_report(report, "csv", tmp_path / "ref.csv", csv_raw=True)
    assert target.read_bytes() == expected.read_bytes()
    text = target.read_text(encoding="utf-8-sig")
    assert "Rantai atribusi" in text and PROTECTED_NAME not in text
    assert "Exported 7 claim(s)" in dialog.status_label.text()
    assert "Writing rows" in dialog.progress.format()  # the writer's progress reached the bar


def test_cancel_of_an_xlsx_export_keeps_the_previous_file(qtbot, dialog, tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real = export_module.export_table

    def gated(*args, **kwargs):
        started.set()  # hold the export until Cancel was pressed; its next check stops it
        release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(export_module, "export_table", gated)
    dialog.set_format("xlsx")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "klaim.xlsx"
    target.write_bytes(b"the previous workbook")
    dialog.export_to(str(target))
    qtbot.waitUntil(started.is_set, timeout=20_000)
    assert dialog.busy and dialog.cancel_button.isEnabled()
    with qtbot.waitSignal(dialog.cancelled, timeout=20_000):
        dialog.cancel_button.click()
        release.set()
    assert target.read_bytes() == b"the previous workbook"
    assert [p.name for p in folder.iterdir()] == ["klaim.xlsx"]  # no temporary left
    assert not dialog.busy and dialog.export_button.isEnabled()
