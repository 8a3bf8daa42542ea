"""Run long work off the GUI thread, with progress and cancel, results back on it.

Work functions receive a ``TaskControl``: they report progress and check ``cancelled``
between steps. Results and errors come back through queued signals, so callbacks always
run on the GUI thread. An error nobody handles (no ``on_error``) goes to ``sys.excepthook``,
which in the app is the error dialog (ui/crash.py), never lost.

On close, ``shutdown`` cancels and joins what runs and refuses new work; a signal a worker
still sends after its receiver is gone (the app quitting past a worker that ignored cancel)
is dropped instead of raising "Signal source has been deleted" in the worker.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside a task by ``TaskControl.check`` once cancel was asked."""


class TaskControl:
    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        _emit(self._signals, "progress", done, total, text)


def _emit(signals: _Signals, name: str, *args: Any) -> None:
    """Emit unless the receiving side is already gone (then the signal has nobody to tell)."""
    if not shiboken6.isValid(signals):
        return
    try:
        getattr(signals, name).emit(*args)
    except RuntimeError:
        if shiboken6.isValid(signals):
            raise  # not the deleted source: a real error


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)
    cancelled = Signal()


class Task(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self.control = TaskControl(self.signals)
        self._fn = fn
        self.setAutoDelete(False)  # the runner keeps it until its result is delivered

    def run(self) -> None:
        signals = self.signals  # held here: this thread may outlive the runner's reference
        try:
            result = self._fn(self.control)
        except Cancelled:
            _emit(signals, "cancelled")
        except Exception as exc:  # delivered to the GUI thread as a message, never lost
            _emit(signals, "failed", exc)
        else:
            _emit(signals, "finished", result)


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them alive until they report back."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._live: set[Task] = set()
        self._closed = False

    def run(
        self,
        fn: Callable[[TaskControl], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> Task:
        task = Task(fn)
        if self._closed:  # the window is closing: nobody is left to receive a result
            task.control.cancel()
            return task
        self._live.add(task)
        if on_progress:
            task.signals.progress.connect(
                lambda *args: None if self._closed else on_progress(*args)
            )

        def settle(callback: Callable[..., None] | None, *args: Any) -> None:
            self._live.discard(task)
            if not self._live:
                self.busy_changed.emit(False)
            if callback and not self._closed:
                callback(*args)

        def failed(exc: BaseException) -> None:
            if on_error is None and not self._closed:
                # Nobody asked for it: the app's error path (a dialog), not silence.
                settle(lambda: sys.excepthook(type(exc), exc, exc.__traceback__))
            else:
                settle(on_error, exc)

        task.signals.finished.connect(lambda result: settle(on_done, result))
        task.signals.failed.connect(failed)
        task.signals.cancelled.connect(lambda: settle(on_cancel))
        if len(self._live) == 1:
            self.busy_changed.emit(True)
        self._pool.start(task)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle; for shutdown only, never during normal work."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 30_000) -> bool:
        """Cancel what runs, refuse new work, wait for it, and drop results nobody is
        there to receive; False when a worker outlived ``msecs`` (its signals are dropped)."""
        self._closed = True
        for task in list(self._live):
            task.control.cancel()
        return self.wait(msecs)
