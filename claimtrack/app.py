"""Composition root of the GUI: builds the application, settings, runner and window.

The window is shown before the data layer is imported; the database opens in a worker
and fills the window when it is ready.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from claimtrack import APP_ID, APP_NAME, ORG_NAME, __version__


def _editor_name(settings: object) -> str:
    from claimtrack import settings as keys
    from claimtrack.identity import editor_name

    stored = settings.get(keys.EDITOR_NAME)  # type: ignore[attr-defined]
    return stored or editor_name()


def _build(read_only: bool = False) -> tuple[Any, Any, Any]:
    """The application, its settings and the main window, wired together."""
    from claimtrack.ui.platform_check import require_x11_libraries

    require_x11_libraries()  # before any Qt library loads: a missing xcb one aborts the process
    from PySide6.QtWidgets import QApplication

    from claimtrack.settings import Settings
    from claimtrack.ui.mainwindow import MainWindow
    from claimtrack.ui.palette import apply_palette
    from claimtrack.ui.tasks import TaskRunner

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    apply_palette(app)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    settings = Settings()
    _install_language(app, settings)
    runner = TaskRunner(app)
    window = MainWindow(settings, runner, editor=_editor_name(settings))
    window.read_only = read_only
    window.after_first_paint(lambda: _install_icon(app))
    return app, settings, window


def _install_language(app: Any, settings: Any) -> None:
    """The language chosen in Preferences (else the system's) before any widget exists."""
    from claimtrack.settings import LANGUAGE
    from claimtrack.ui.i18n import install_language

    install_language(app, settings.get(LANGUAGE))


def _install_icon(app: Any) -> None:
    """The application icon; set once the window has painted (reading the SVG is not free)."""
    from PySide6.QtGui import QIcon

    from claimtrack.ui.i18n import resource_dir

    icon = resource_dir() / f"{APP_ID}.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def run_gui(db: str | None = None, read_only: bool = False) -> int:

    from claimtrack.settings import EDITOR_NAME, LAST_DATABASE

    app, settings, window = _build(read_only)
    # A bug must not take the editor's work down with it: the log gets the report, the
    # editor a dialog saying what failed and where that report is (ui/crash.py).
    from claimtrack.ui.crash import install

    reporter = install(window)
    reporter.window = window
    if os.environ.get("CLAIMTRACK_BENCH_STARTUP"):
        from claimtrack.ui.startup_probe import StartupProbe

        window.startup_probe = StartupProbe(app, window)
    window.show()
    target = db
    if target is None:
        last = settings.get(LAST_DATABASE)
        if last and (("://" in last) or _exists(last)):
            target = last
    # The database opens once the window has painted: its worker would compete with the
    # first paint for the interpreter. One writer per file, held while the window runs.
    from claimtrack.ui.lock import open_locked

    window.after_first_paint(lambda: open_locked(window, target, window.locks))
    window.after_first_paint(_start_log)  # after the open has started in its worker
    if not settings.get(EDITOR_NAME) and not os.environ.get("CLAIMTRACK_EDITOR"):
        # Asked once, kept in settings: the name stamps History and "updated by".
        window.after_first_paint(window.ask_editor_name)
    code = int(app.exec())
    # A worker that ignored cancel on close still runs: give it its time before Python
    # tears down the objects it reports to.
    window.runner.shutdown()
    return code


def _start_log() -> None:
    """The log file for this run (after the first paint: ``logging`` is not free), and
    ``crash.log`` beside it for a crash Python cannot report itself (faulthandler)."""
    from claimtrack import logs

    logs.setup("claimtrack-gui")
    logs.started("claimtrack-gui")
    logs.enable_crash_dump()


def self_test(db: str | None = None, timeout_ms: int = 60_000, read_only: bool = False) -> int:
    """Start the real window offscreen on ``db`` (or a temporary database) and report.

    ``db`` "default" means the editor's default database, as a plain start would open it.

    Exit 0 once the claims are shown; 1 if opening fails or nothing happens in time.
    """
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="claimtrack-self-test-") as folder:
        if not os.environ.get("CLAIMTRACK_CONFIG_DIR"):
            os.environ["CLAIMTRACK_CONFIG_DIR"] = os.path.join(folder, "config")
        from PySide6.QtCore import QTimer

        app, _settings, window = _build(read_only)
        outcome = {"code": 1}

        def shown(count: int) -> None:
            offered = "; sample offered" if window.banner.isVisibleTo(window) else ""
            where = window.database_name
            services = window.services
            if services is not None and services.store.readonly:
                where += " (read-only)"
            print(f"self-test: window shown, {count} claim(s) listed from {where}{offered}")
            outcome["code"] = 0
            app.quit()

        def failed(message: str) -> None:
            print(f"self-test: failed: {message}", file=sys.stderr)
            app.quit()

        window.claimsShown.connect(shown)
        window.failed.connect(failed)
        window.after_first_paint(_start_log)
        window.show()
        target = None if db == "default" else db or os.path.join(folder, "self-test.sqlite")
        QTimer.singleShot(0, lambda: window.open_database(target))
        QTimer.singleShot(timeout_ms, app.quit)
        app.exec()
        window.close()
        return outcome["code"]


def _exists(path: str) -> bool:
    from pathlib import Path

    return Path(path).is_file()
