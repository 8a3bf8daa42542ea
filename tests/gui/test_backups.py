"""Back up now, Restore from backup…, the damaged-file offer, the lock and the place warning."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from claimtrack.domain import DamagedDatabaseError
from claimtrack.services import Services
from claimtrack.settings import Settings
from claimtrack.store import backup as bk
from claimtrack.store import open_store
from claimtrack.store.location import LocationWarning
from claimtrack.ui.dialogs.backups import (
    BackupListModel,
    DamagedDialog,
    RestoreDialog,
    backup_done_message,
    start_automatic_backup,
    start_backup,
)
from claimtrack.ui.lock import DatabaseLock, DatabaseLocks, LockedDialog, location_notice
from claimtrack.ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
NOON = datetime(2026, 3, 10, 12, 0)

HOLD_LOCK = """
import sys, time
from PySide6.QtCore import QCoreApplication
from claimtrack.ui.lock import DatabaseLock
app = QCoreApplication([])
app.setApplicationName("ClaimTrack")
lock = DatabaseLock(__import__("pathlib").Path(sys.argv[1]))
assert lock.acquire() is None
print("locked", flush=True)
time.sleep(120)
"""


@pytest.fixture
def database(db_path: Path) -> Iterator[Path]:
    from claimtrack.services.sample import load_sample

    store = open_store(db_path)
    load_sample(Services(store, "Ayu"))
    store.close()
    yield db_path


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


def _claims(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM claim").fetchone()[0])
    finally:
        conn.close()


def test_backup_list_model_passes_the_model_tester(qtmodeltester, database: Path) -> None:
    bk.back_up(database, "daily", now=NOON - timedelta(days=1), rotate_after=False)
    bk.back_up(database, "manual", now=NOON, rotate_after=False)
    broken = bk.back_up(database, "before-0002", now=NOON - timedelta(days=3))
    broken.path.write_bytes(b"not a database any more")
    model = BackupListModel()
    model.set_backups(bk.list_backups(database))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    assert [model.index(r, 1).data() for r in range(3)] == ["7", "7", "unreadable"]
    assert model.index(2, 2).data() == "before upgrade to schema 0002"
    assert not model.flags(model.index(2, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_back_up_now_runs_in_the_background_and_says_where(qtbot, runner, database) -> None:
    done: list[bk.BackupInfo] = []
    with qtbot.waitSignal(runner.busy_changed, timeout=20_000, check_params_cb=lambda b: not b):
        start_backup(runner, database, done.append, pytest.fail)
    [info] = done
    assert info.path.exists() and info.claims == 7
    assert backup_done_message(info) == f"Backed up 7 claim(s) to {info.path.name}."


def test_the_automatic_backup_is_taken_once_a_day(qtbot, runner, database) -> None:
    results: list[object] = []
    for _ in range(2):
        with qtbot.waitSignal(runner.busy_changed, timeout=20_000, check_params_cb=lambda b: not b):
            start_automatic_backup(runner, database, results.append, pytest.fail)
    assert results[0] is not None and results[1] is None
    assert len(bk.list_backups(database)) == 1


def test_restore_dialog_lists_dates_and_counts_and_restores(qtbot, runner, database) -> None:
    older = bk.back_up(database, "daily", now=NOON - timedelta(days=1), rotate_after=False)
    store = open_store(database)
    services = Services(store, "Ayu")
    services.claims.delete(services.claims.query_ids()[:5])  # a bad afternoon
    store.close()
    closed: list[bool] = []
    dialog = RestoreDialog(database, runner, lambda: closed.append(True))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.listed, timeout=20_000):
        dialog.show()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "7"
    assert dialog.selected() == dialog.model.backup(0)
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.restored, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert closed == [True]  # the window was asked to close its store first
    assert blocker.args == [database]
    assert _claims(database) == 7
    [aside] = database.parent.glob("claims.sqlite.replaced-*")
    assert _claims(aside) == 2  # the current state is kept, not deleted
    assert older.path.exists()


def test_restore_dialog_without_backups_says_so(qtbot, runner, database) -> None:
    dialog = RestoreDialog(database, runner, lambda: None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.listed, timeout=20_000):
        dialog.show()
    assert "no backups" in dialog.status.text()
    assert not dialog.restore_button.isEnabled()


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
    path.write_bytes(bytes(data))


def test_a_damaged_database_offers_the_newest_good_backup_by_date(qtbot, runner, database):
    bk.back_up(database, "daily", now=NOON, rotate_after=False)
    _damage(database)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_store(database)
    dialog = DamagedDialog(caught.value, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.searched, timeout=20_000):
        dialog.show()
    assert "7 claim(s)" in dialog.offer.text()
    assert dialog.backup is not None and dialog.backup.taken == NOON
    assert dialog.detail.textFormat() == Qt.TextFormat.PlainText
    assert database.exists()  # nothing moves before the editor agrees
    with qtbot.waitSignal(dialog.restored, timeout=20_000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    store = open_store(database)
    assert Services(store).claims.count() == 7
    store.close()
    [damaged] = database.parent.glob("claims.sqlite.damaged-*")
    assert damaged.stat().st_size > 0


def test_a_damaged_database_without_backups_is_told_so(qtbot, runner, database) -> None:
    _damage(database)
    dialog = DamagedDialog(DamagedDatabaseError("damaged", database), runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.searched, timeout=20_000):
        dialog.show()
    assert "No good backup" in dialog.offer.text()
    assert not dialog.restore_button.isEnabled()


def _hold_lock(database: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(database)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def _kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    if child.stdout:
        child.stdout.close()


def test_a_second_instance_is_told_and_a_crashed_ones_lock_is_taken_over(qtbot, database) -> None:
    child = _hold_lock(database)
    try:
        lock = DatabaseLock(database)
        holder = lock.acquire()
        assert holder is not None and holder.pid == child.pid
        dialog = LockedDialog(database, holder)
        qtbot.addWidget(dialog)
        assert f"process {child.pid}" in dialog.text() and "read-only" in dialog.text()
        assert dialog.textFormat() == Qt.TextFormat.PlainText
        dialog.open()
        with qtbot.waitSignal(dialog.readOnlyChosen, timeout=5_000):
            qtbot.mouseClick(dialog.read_only_button, Qt.MouseButton.LeftButton)
    finally:
        _kill(child)  # the first instance crashes, leaving its lock file behind
    assert (database.parent / f".{database.name}.lock").exists()
    lock = DatabaseLock(database)
    assert lock.acquire() is None and lock.held
    lock.release()


def test_the_window_opens_read_only_when_another_instance_holds_the_file(qtbot, database) -> None:
    from claimtrack.ui.lock import open_locked
    from claimtrack.ui.mainwindow import MainWindow

    child = _hold_lock(database)
    try:
        window = MainWindow(Settings(), TaskRunner(), editor="Ayu")
        qtbot.addWidget(window)
        window.show()
        locks = DatabaseLocks()
        open_locked(window, str(database), locks)
        qtbot.waitUntil(lambda: window.findChild(LockedDialog) is not None)
        dialog = window.findChild(LockedDialog)
        assert window.services is None  # nothing opened behind the editor's back
        with qtbot.waitSignal(window.claimsShown, timeout=20_000):
            qtbot.mouseClick(dialog.read_only_button, Qt.MouseButton.LeftButton)
        assert window.read_only and window.services.store.readonly
        assert locks.current is None
    finally:
        _kill(child)
        window.runner.wait()
    # The next start finds the crashed holder's lock stale and opens for writing.
    locks = DatabaseLocks()
    assert locks.claim(database) is None and locks.current is not None
    locks.release()


def test_the_place_warning_is_shown_once_per_database(qtbot, tmp_path: Path) -> None:
    settings = Settings()
    risky = LocationWarning("cloud", "Dropbox", tmp_path / "claims.sqlite")
    text = location_notice(settings, risky)
    assert text is not None and "Dropbox" in text and "team mode" in text
    assert location_notice(settings, risky) is None
    other = LocationWarning("network", "NFS", tmp_path / "other.sqlite")
    assert "network drive (NFS)" in (location_notice(settings, other) or "")
    assert location_notice(settings, None) is None
