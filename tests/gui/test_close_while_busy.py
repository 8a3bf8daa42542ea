"""Issue 15: closing the window while a worker ran printed
``RuntimeError: Signal source has been deleted``. Now the close cancels and joins the
workers and drops what they send late: nothing printed, nothing logged, nothing lost.

The work is held for real: a hook keeps the worker inside its job until the window's close
has begun (the close then cancels it), so the close always lands mid-import, mid-export or
mid-search however fast the machine is.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtTest import QTest

from claimtrack.ui import review
from claimtrack.ui.dialogs import export as export_dialog
from claimtrack.ui.tasks import TaskRunner
from tests.gui.conftest import open_and_wait

ROOT = Path(__file__).resolve().parents[2]
HOLD_S = 30  # the longest a held worker waits for the close (a failing test, not a hang)


class Hold:
    """Keeps a worker inside its job until the window starts closing."""

    def __init__(self, window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered = threading.Event()
        self.closing = threading.Event()
        self.released_by_close = False
        self.started_after_close = 0
        real = window.runner.shutdown

        def shutdown(*args: Any, **kwargs: Any) -> Any:
            self.closing.set()
            return real(*args, **kwargs)

        monkeypatch.setattr(window.runner, "shutdown", shutdown)

    def wrap(self, fn: Any) -> Any:
        def held(*args: Any, **kwargs: Any) -> Any:
            if self.closing.is_set():
                self.started_after_close += 1
            self.entered.set()
            self.released_by_close = self.closing.wait(HOLD_S)
            return fn(*args, **kwargs)

        return held


def _counts(path: Path) -> tuple[str, int, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("SELECT count(*) FROM article").fetchone()[0],
            conn.execute("SELECT count(*) FROM claim").fetchone()[0],
        )
    finally:
        conn.close()


def _close_and_settle(qtbot, window, hold: Hold, capfd) -> None:
    qtbot.waitUntil(hold.entered.is_set, timeout=20_000)
    assert window.runner.busy
    window.close()
    assert hold.released_by_close  # the close, not a timeout, let the worker go
    assert not window.isVisible()
    # Whatever the workers sent late is delivered now, to nobody.
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    QTest.qWait(0)  # one more turn of the event loop for queued signals
    err = capfd.readouterr().err
    for needle in ("Traceback", "RuntimeError", "Signal source", "Error calling Python"):
        assert needle not in err, err
    log = Path(os.environ["CLAIMTRACK_LOG_DIR"]) / "claimtrack.log"
    if log.exists():
        assert " ERROR " not in log.read_text(encoding="utf-8")


def _reopened(qtbot, make_window, db_path: Path) -> int:
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    return window.model.rowCount()


def test_closing_mid_import(
    qtbot, make_window, sample, db_path, tmp_path, monkeypatch, capfd
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Harbour plans\n\nThe minister said the harbour would reopen in May. "
        "Police said nobody was hurt.",
        encoding="utf-8",
    )
    before = _counts(db_path)
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    hold = Hold(window, monkeypatch)
    monkeypatch.setattr(review.ImportTask, "__call__", hold.wrap(review.ImportTask.__call__))
    window.import_files([story])
    _close_and_settle(qtbot, window, hold, capfd)
    assert getattr(window, "review_dialog", None) is None  # nothing offered to nobody
    assert _counts(db_path) == before
    assert _reopened(qtbot, make_window, db_path) == before[2]


def test_closing_mid_export(
    qtbot, make_window, sample, db_path, tmp_path, monkeypatch, capfd
) -> None:
    target = tmp_path / "report.html"
    target.write_text("last week's report\n", encoding="utf-8")
    before = _counts(db_path)
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    hold = Hold(window, monkeypatch)
    monkeypatch.setattr(export_dialog, "build_report", hold.wrap(export_dialog.build_report))
    window.open_export()
    dialog = window.export_dialog
    dialog.set_format("html")
    dialog.export_to(str(target))
    assert dialog.busy
    _close_and_settle(qtbot, window, hold, capfd)
    # The preview the dialog had scheduled comes due after the close: no worker starts.
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog._debounce.isActive())
    QTest.qWait(0)
    assert hold.started_after_close == 0
    assert target.read_text(encoding="utf-8") == "last week's report\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".", "report"))) == [
        "report.html"
    ]  # no half-written temporary file beside it
    assert _counts(db_path) == before


def test_closing_mid_search(qtbot, make_window, sample, db_path, monkeypatch, capfd) -> None:
    before = _counts(db_path)
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    hold = Hold(window, monkeypatch)
    claims = window.services.claims
    monkeypatch.setattr(claims, "query_page", hold.wrap(claims.query_page))
    window._filter_changed(replace(window.filter, search="Maduro"))
    _close_and_settle(qtbot, window, hold, capfd)
    assert _counts(db_path) == before
    assert _reopened(qtbot, make_window, db_path) == before[2]


def test_a_worker_whose_receiver_is_gone_reports_into_nothing(qtbot, capfd) -> None:
    """What the app's exit does to a worker that ignored cancel: the objects its signals
    come from are deleted under it. Its progress and result are dropped, not raised."""
    runner = TaskRunner()
    entered, go = threading.Event(), threading.Event()
    finished: list[str] = []

    def work(control: Any) -> str:
        entered.set()
        go.wait(HOLD_S)
        control.progress(1, 2, "late")
        finished.append("ran to the end")
        return "late result"

    task = runner.run(work, lambda _r: finished.append("delivered"))
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    shiboken6.delete(task.signals)  # as PySide does to every QObject when the app exits
    go.set()
    assert runner.wait(20_000)
    QTest.qWait(0)
    assert finished == ["ran to the end"]
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err and "Traceback" not in err, err


def test_no_work_starts_once_the_runner_has_shut_down(qtbot) -> None:
    runner = TaskRunner()
    ran: list[int] = []
    assert runner.shutdown()
    task = runner.run(lambda _c: ran.append(1))
    assert runner.wait(10_000)
    assert ran == [] and task.control.cancelled and not runner.busy


CLOSE_MID_EXPORT = """
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import claimtrack.ui.dialogs.export as export_dialog
from claimtrack.ui.tasks import TaskRunner

entered = threading.Event()
closing = threading.Event()
real_build = export_dialog.build_report
real_shutdown = TaskRunner.shutdown

def held(*args, **kwargs):
    entered.set()
    closing.wait(30)
    return real_build(*args, **kwargs)

def shutdown(self, *args, **kwargs):
    closing.set()
    return real_shutdown(self, *args, **kwargs)

export_dialog.build_report = held
TaskRunner.shutdown = shutdown

def window():
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow"
                or type(w).__name__ == "MainWindow")

def drive():
    w = window()
    def shown(_count):
        w.open_export()
        w.export_dialog.set_format("html")
        w.export_dialog.export_to(sys.argv[2])
        def close_when_held():
            if entered.is_set():
                w.close()
            else:
                QTimer.singleShot(10, close_when_held)
        close_when_held()
    w.claimsShown.connect(shown)

QTimer.singleShot(0, drive)
from claimtrack.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_the_real_program_closed_mid_export_exits_cleanly(sample, db_path, tmp_path) -> None:
    target = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_MID_EXPORT, str(db_path), str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    for needle in ("Traceback", "RuntimeError", "Signal source", "Error calling Python"):
        assert needle not in result.stderr, result.stderr
    assert not target.exists()
    log = Path(os.environ["CLAIMTRACK_LOG_DIR"]) / "claimtrack.log"
    text = log.read_text(encoding="utf-8")
    assert "claimtrack-gui 0." in text and " ERROR " not in text  # the run's log, clean
