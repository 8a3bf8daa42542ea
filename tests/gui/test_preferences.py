"""Preferences on a real database: personal settings, the verdict scale and the statuses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from claimtrack import settings as keys
from claimtrack.settings import Settings
from claimtrack.ui.dialogs.preferences import PreferencesDialog


@pytest.fixture
def dialog(qtbot, services):
    dialog = PreferencesDialog(Settings(), services)
    qtbot.addWidget(dialog)
    return dialog


def test_the_models_pass_the_qt_model_tester(qtmodeltester, dialog) -> None:
    qtmodeltester.check(dialog.ratings)
    qtmodeltester.check(dialog.statuses)


def test_personal_settings_are_kept_and_the_language_is_announced(qtbot, dialog) -> None:
    dialog.editor.setText("  Ayu  ")
    dialog.organisation.setText("Cek Fakta Nusantara")
    dialog.language.setCurrentIndex(dialog.language.findData("id"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.redact.setChecked(False)
    dialog.keep_daily.setValue(14)
    with qtbot.waitSignal(dialog.languageChosen) as chosen:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert chosen.args == ["id"]
    stored = Settings()
    assert stored.get(keys.EDITOR_NAME) == "Ayu"
    assert stored.get(keys.ORGANISATION) == "Cek Fakta Nusantara"
    assert stored.get(keys.LANGUAGE) == "id"
    assert stored.get(keys.EXPORT_PAPER) == "letter"
    assert stored.get(keys.EXPORT_REDACT) is False
    assert stored.get(keys.BACKUP_KEEP_DAILY) == 14


def test_verdict_scale_edits_reach_the_database(dialog, services) -> None:
    ratings = dialog.ratings
    false_row = [r.key for r in ratings.rows].index("false")
    assert ratings.setData(ratings.index(false_row, 0), "Hoaks")
    dialog.rating_editor.set_colour(false_row, "#aa0000")
    assert not ratings.setData(ratings.index(false_row, 3), "five")  # not a number: refused
    row = ratings.add("Partly true", {"colour": "#123456", "alternate_name": "Partly true"})
    assert ratings.setData(ratings.index(row, 3), "3")
    unrated = [r.key for r in ratings.rows].index("unrated")
    dialog.rating_editor.table.selectRow(unrated)
    dialog.rating_editor.move(1)  # unrated goes below accurate
    unverifiable = [r.key for r in ratings.rows].index("unverifiable")
    ratings.remove(unverifiable)
    dialog.accept()
    stored = {r.key: r for r in services.catalog.ratings()}
    assert stored["false"].label == "Hoaks" and stored["false"].colour == "#aa0000"
    assert stored["partly_true"].rating_value == 3 and stored["partly_true"].label == "Partly true"
    assert "unverifiable" not in stored
    order = [r.key for r in services.catalog.ratings()]
    assert order[:2] == ["accurate", "unrated"]
    assert stored["accurate"].label == "Accurate"  # untouched labels stay as stored


def test_statuses_final_flag_and_order(dialog, services) -> None:
    statuses = dialog.statuses
    done = [r.key for r in statuses.rows].index("done")
    signoff = [r.key for r in statuses.rows].index("needs_signoff")
    assert statuses.setData(
        statuses.index(signoff, 1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    dialog.status_editor.table.selectRow(done)
    dialog.status_editor.move(-1)
    row = statuses.add("Published", {"is_final": True})
    assert row == 4
    dialog.accept()
    stored = services.catalog.statuses()
    assert [s.key for s in stored] == [
        "unreviewed",
        "in_progress",
        "done",
        "needs_signoff",
        "published",
    ]
    assert {s.key for s in stored if s.is_final} == {"done", "needs_signoff", "published"}


def test_a_refused_write_keeps_the_dialog_open_with_a_message(
    qtbot, dialog, services, sample
) -> None:
    # the sample's claims use the verdicts: deleting them all is refused by the database
    for _ in range(len(dialog.ratings.rows)):
        dialog.ratings.remove(0)
    with qtbot.waitSignal(dialog.failed):
        dialog.accept()
    assert dialog.result() == 0
    assert len(services.catalog.ratings()) == 7


def test_without_a_database_the_scale_is_disabled(qtbot) -> None:
    dialog = PreferencesDialog(Settings(), None)
    qtbot.addWidget(dialog)
    assert not dialog.rating_editor.isEnabled() and not dialog.status_editor.isEnabled()
    dialog.accept()
