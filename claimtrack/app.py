"""Composition root of the GUI: builds the application, settings, runner and window.

The window is shown before the data layer is imported; the database opens in a worker
and fills the window when it is ready.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from claimtrack import APP_ID, APP_NAME, ORG_NAME, __version__, paths

log = logging.getLogger("claimtrack")


def _editor_name(settings: object) -> str:
    from claimtrack import settings as keys
    from claimtrack.cli import editor_name

    stored = settings.get(keys.EDITOR_NAME)  # type: ignore[attr-defined]
    return stored or editor_name()


def run_gui(db: str | None = None, read_only: bool = False) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from claimtrack.settings import LAST_DATABASE, Settings
    from claimtrack.ui.mainwindow import MainWindow, show_error
    from claimtrack.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)

    settings = Settings()
    runner = TaskRunner(app)
    window = MainWindow(settings, runner, editor=_editor_name(settings))
    window.read_only = read_only

    def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        # A bug must not take the editor's work down with it: log it, say so, carry on.
        details = "".join(traceback.format_exception(kind, exc, tb))
        log.error("unexpected error\n%s", details)
        _write_crash_log(details)
        show_error(
            window,
            APP_NAME,
            window.tr("Something went wrong inside ClaimTrack. Your saved work is safe.")
            + "\n\n"
            + f"{kind.__name__}: {exc}",
        )

    sys.excepthook = excepthook
    window.show()
    target = db
    if target is None:
        last = settings.get(LAST_DATABASE)
        if last and (("://" in last) or _exists(last)):
            target = last
    QTimer.singleShot(0, lambda: window.open_database(target))
    return int(app.exec())


def _exists(path: str) -> bool:
    from pathlib import Path

    return Path(path).is_file()


def _write_crash_log(details: str) -> None:
    try:
        folder = paths.data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "errors.log", "a", encoding="utf-8") as fh:
            fh.write(details + "\n")
    except OSError:
        pass
