"""The export dialog's Language choice: the preview and the written file follow it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.services.sample import PARTIES
from claimtrack.ui.dialogs.export import ExportDialog
from claimtrack.ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
PROTECTED_NAME = next(name for name, (_k, protected, _a) in PARTIES.items() if protected)


@pytest.fixture
def runner():
    runner = TaskRunner()
    yield runner
    runner.wait()


def open_dialog(qtbot, sample, runner, **kwargs) -> ExportDialog:
    dialog = ExportDialog(sample, runner, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
        dialog.show()
    return dialog


def test_switching_the_language_changes_the_preview(qtbot, sample, runner) -> None:
    dialog = open_dialog(qtbot, sample, runner, language="en")
    english = dialog.preview.toPlainText()
    assert "Overview" in english and "Attribution:" in english and "a protected source" in english
    assert [dialog.language_box.itemData(i) for i in range(dialog.language_box.count())] == [
        "en",
        "id",
    ]
    with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("id"))
    indonesian = dialog.preview.toPlainText()
    for word in ("Ikhtisar", "Atribusi:", "sumber yang dilindungi", "Menolak berkomentar"):
        assert word in indonesian, word
    for word in ("Overview", "Attribution:", "a protected source", "No comment"):
        assert word not in indonesian, word
    assert PROTECTED_NAME not in indonesian
    with qtbot.waitSignal(dialog.previewUpdated, timeout=20_000):
        dialog.set_language("en")
    assert "Overview" in dialog.preview.toPlainText()


def test_the_exported_file_is_in_the_chosen_language(qtbot, sample, runner, tmp_path) -> None:
    dialog = open_dialog(qtbot, sample, runner, language="id")
    assert dialog.language == "id"
    dialog.set_format("md")
    target = tmp_path / "laporan.md"
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_to(str(target))
    text = Path(target).read_text(encoding="utf-8")
    assert "## Ikhtisar" in text and "## Overview" not in text


def test_the_default_is_the_interface_language(qapp, qtbot, sample, runner) -> None:
    from PySide6.QtCore import QLocale

    from claimtrack.ui import i18n

    assert open_dialog(qtbot, sample, runner).language == "en"
    subprocess.run([sys.executable, "scripts/build_translations.py"], cwd=ROOT, check=True)
    saved = QLocale()
    try:
        assert i18n.install_language(qapp, "id") == "id"
        assert i18n.installed_language() == "id"
        dialog = open_dialog(qtbot, sample, runner)
        assert dialog.language == "id"
        assert "Ikhtisar" in dialog.preview.toPlainText()
    finally:
        i18n.install_language(qapp, "en")
        QLocale.setDefault(saved)
