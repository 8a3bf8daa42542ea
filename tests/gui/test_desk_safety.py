"""The desk's safety nets, driven through the window: backups, damage, one writer, drafts."""

from __future__ import annotations

import json
import shutil

from PySide6.QtWidgets import QApplication, QMessageBox

from claimtrack.services import Services
from claimtrack.store import open_store
from tests.gui.conftest import open_and_wait


def _boxes(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_back_up_now_then_restore_lists_it(qtbot, make_window, sample, db_path) -> None:
    from claimtrack.ui.dialogs.backups import RestoreDialog

    sample.store.close()
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    window.actions_.backup_now.trigger()
    qtbot.waitUntil(
        lambda: any("manual" in p.name for p in db_path.parent.glob("*.backup-*")), timeout=20_000
    )
    qtbot.waitUntil(lambda: "Backed up 7 claim" in window.statusBar().currentMessage())
    window.actions_.restore.trigger()
    dialog = window.restore_dialog
    assert isinstance(dialog, RestoreDialog)
    with qtbot.waitSignal(dialog.listed, timeout=20_000) as listed:
        pass
    assert listed.args[0] >= 1
    dialog.close()


def test_a_damaged_file_offers_its_newest_good_backup(qtbot, make_window, sample, db_path) -> None:
    from claimtrack.store.backup import back_up
    from claimtrack.ui.dialogs.backups import DamagedDialog

    sample.store.close()
    back_up(db_path, "manual")
    data = bytearray(db_path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page but the header
        data[offset : offset + 64] = b"\xa5" * 64
    db_path.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        (db_path.parent / (db_path.name + extra)).unlink(missing_ok=True)
    window = make_window()
    with qtbot.waitSignal(window.failed, timeout=20_000):
        window.open_database(str(db_path), create=False)
    assert isinstance(window.damaged_dialog, DamagedDialog)
    with qtbot.waitSignal(window.damaged_dialog.searched, timeout=20_000) as found:
        pass
    assert found.args[0] is not None and found.args[0].claims == 7
    window.damaged_dialog.close()


def test_a_second_window_on_the_same_file_is_told_and_kept_out(
    qtbot, make_window, sample, db_path
) -> None:
    from claimtrack.ui.lock import LockedDialog

    sample.store.close()
    first = make_window()
    with qtbot.waitSignal(first.claimsShown, timeout=20_000):
        first._open_file(str(db_path), create=False)
    second = make_window()
    second._open_file(str(db_path), create=False)
    qtbot.waitUntil(lambda: bool(_boxes(LockedDialog)))
    assert second.services is None
    [dialog] = _boxes(LockedDialog)
    assert "already open" in dialog.windowTitle().lower() or dialog.text()
    with qtbot.waitSignal(second.claimsShown, timeout=20_000):
        dialog.readOnlyChosen.emit()
    assert second.services.store.readonly
    for box in _boxes(QMessageBox):
        box.close()


def test_typed_notes_survive_a_crash_as_a_draft(qtbot, make_window, sample, db_path) -> None:
    sample.store.close()
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    claim_id = window.model.claim_id(1)
    window.select_claim(claim_id)
    window.detail.tabs.setCurrentIndex(1)
    window.detail.notes.setPlainText("Half-written note about the sources.")
    folder = window.drafts.folder
    qtbot.waitUntil(lambda: any(folder.glob("*.json")), timeout=10_000)
    # Simulate the crash: the draft stays, and its writer is gone.
    saved = folder / "kept.json"
    [draft_file] = list(folder.glob("*.json"))
    shutil.copy(draft_file, saved)
    window.runner.shutdown()
    window.services.store.close()
    window.services = None
    window.locks.release()
    data = json.loads(saved.read_text())
    data["pid"], data["started"] = 999_999, "gone"
    draft_file.write_text(json.dumps(data))
    saved.unlink()

    again = make_window()
    open_and_wait(qtbot, again, db_path)
    qtbot.waitUntil(lambda: getattr(again, "drafts_box", None) is not None, timeout=10_000)
    again.drafts_box.done(QMessageBox.StandardButton.Yes)
    check = Services(open_store(db_path), "check")
    qtbot.waitUntil(
        lambda: check.claims.get(claim_id).notes == "Half-written note about the sources."
    )
    check.store.close()
    assert not list(folder.glob("*.json"))
