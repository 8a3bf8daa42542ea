"""The export dialog and the live chart, driven as an editor would."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from claimtrack.services.sample import PARTIES
from claimtrack.ui.dialogs import export as export_module
from claimtrack.ui.dialogs.export import ExportDialog
from claimtrack.ui.tasks import TaskRunner
from claimtrack.ui.widgets.chart import ChartWidget
from tests.conftest import SCREENSHOTS

PROTECTED_NAME = next(name for name, (_k, protected, _a) in PARTIES.items() if protected)


@pytest.fixture
def make_dialog(qtbot, sample):
    runners: list[TaskRunner] = []

    def make(**kwargs) -> ExportDialog:
        runner = TaskRunner()
        runners.append(runner)
        with_ids = kwargs.pop("claim_ids", None)
        dialog = ExportDialog(sample, runner, claim_ids=with_ids, **kwargs)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
            dialog.show()
        return dialog

    yield make
    for runner in runners:
        runner.wait()


def test_preview_follows_the_options(qtbot, make_dialog) -> None:
    dialog = make_dialog()
    text = dialog.preview.toPlainText()
    assert "Gedung Putih menolak berkomentar" in text
    assert "a protected source" in text and PROTECTED_NAME not in text
    assert "Preview: 7 of 7" in dialog.preview_label.text()
    with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
        dialog.title_edit.setText("Briefing for the desk")
    assert "Briefing for the desk" in dialog.preview.toPlainText()
    with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
        dialog.redact_box.setChecked(False)
    assert PROTECTED_NAME in dialog.preview.toPlainText()
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.resize(1100, 720)
    assert dialog.grab().save(str(SCREENSHOTS / "export-dialog.png"))


def test_claimreview_check_lists_what_is_missing(qtbot, make_dialog) -> None:
    dialog = make_dialog()
    with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
        dialog.set_format("claimreview")
    assert dialog.check_label.isVisibleTo(dialog)
    assert "organisation" in dialog.check_label.text()
    with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
        dialog.organisation_edit.setText("Cek Fakta Contoh")
    assert "organisation" not in dialog.check_label.text()
    assert "has no verdict" in dialog.check_label.text()


def test_export_of_the_selected_claims_through_the_dialog(qtbot, make_dialog, sample, tmp_path):
    import docx

    ids = sample.claims.query_ids()
    dialog = make_dialog(claim_ids=[ids[2], ids[0]])
    assert dialog.scope_box.currentData() == "selection"
    dialog.set_format("docx")
    target = tmp_path / "selection.docx"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        dialog.export_to(str(target))
    assert blocker.args == [str(target)]
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Gedung Putih menolak berkomentar" in text
    assert "akan mempertahankan kedaulatan" not in text  # not selected
    assert "Exported 2 claim(s)" in dialog.status_label.text()
    assert dialog.export_button.isEnabled()


def test_pdf_export_runs_off_the_gui_thread(qtbot, make_dialog, tmp_path: Path) -> None:
    dialog = make_dialog(paper="letter")
    dialog.set_format("pdf")
    assert dialog.paper_box.currentData() == "letter" and dialog.paper_box.isEnabled()
    target = tmp_path / "report.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.export_to(str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert b"/MediaBox [0 0 612.000000 792.000000]" in target.read_bytes()  # US Letter


def test_cancel_keeps_the_previous_file(qtbot, make_dialog, tmp_path, monkeypatch) -> None:
    started, release = threading.Event(), threading.Event()
    real = export_module.export_report

    def gated(*args, **kwargs):
        started.set()  # the report is built; hold the writer until Cancel was pressed
        release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(export_module, "export_report", gated)
    dialog = make_dialog()
    target = tmp_path / "report.html"
    target.write_text("the previous report")
    dialog.export_to(str(target))
    qtbot.waitUntil(started.is_set, timeout=20_000)
    assert dialog.busy and dialog.cancel_button.isEnabled()
    assert not dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.cancelled, timeout=20_000):
        dialog.cancel_button.click()
        release.set()
    assert target.read_text() == "the previous report"
    assert "cancelled" in dialog.status_label.text()
    assert not dialog.busy and dialog.export_button.isEnabled()


def test_a_failed_export_says_why(qtbot, make_dialog, tmp_path) -> None:
    dialog = make_dialog()
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as blocker:
        dialog.export_to(str(tmp_path / "missing" / "r.html"))
    assert "does not exist" in blocker.args[0]
    assert "does not exist" in dialog.status_label.text()


def test_chart_widget_shows_the_database_counts(qtbot, sample) -> None:
    runner = TaskRunner()
    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.resize(460, 420)
    chart.show()
    with qtbot.waitSignal(chart.updated, timeout=20_000):
        chart.refresh(sample, runner)
    status = {b.label: b.count for b in chart.chart.series[0].bars}
    verdict = {b.label: b.count for b in chart.chart.series[1].bars}
    assert status == {"Unreviewed": 2, "In progress": 2, "Needs sign-off": 1, "Done": 2}
    assert verdict["Unrated"] == 4 and verdict["Accurate"] == 1
    assert "Accurate 1" in chart.toolTip()
    assert chart.heightForWidth(460) > 200
    image = chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 460, 3) for y in range(0, 400, 3)}
    assert "#2e7d32" in colours  # the Accurate bar, in its verdict colour
    SCREENSHOTS.mkdir(exist_ok=True)
    chart.grab().save(str(SCREENSHOTS / "status-verdict-chart.png"))
    runner.wait()
