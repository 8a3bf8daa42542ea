"""Issue 15 §2 in the window: an unexpected error is a dialog (what failed, where the full
report is, Copy Details), never a traceback or a silently dead window; Qt's own warnings
reach the log; Help ▸ Open Log Folder shows it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from claimtrack.domain import StoreError
from claimtrack.ui import crash
from tests.gui.conftest import open_and_wait


def _log() -> Path:
    return Path(os.environ["CLAIMTRACK_LOG_DIR"]) / "claimtrack.log"


@pytest.fixture
def reporter(make_window):
    """The app's error routing, as run_gui installs it, put back afterwards."""
    window = make_window()
    installed = crash.install(window)
    installed.window = window
    yield installed
    crash.uninstall()
    if installed.dialog is not None and crash._alive(installed.dialog):
        installed.dialog.close()


def _broken_work(_control) -> None:
    raise ZeroDivisionError("the chart's arithmetic broke")


def test_a_worker_bug_nobody_handles_opens_the_error_dialog(qtbot, reporter) -> None:
    window = reporter.window
    with qtbot.waitSignal(reporter.reported, timeout=10_000) as blocker:
        window.runner.run(_broken_work)  # no on_error: it used to vanish
    assert "ZeroDivisionError" in blocker.args[0]
    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible()
    assert "ZeroDivisionError: the chart's arithmetic broke" in dialog.what_label.text()
    assert "test_errors.py" in dialog.what_label.text()  # where it happened
    assert str(_log()) in dialog.where_label.text()
    report = _log().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in report and "_broken_work" in report
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert "Traceback" in copied and "the chart's arithmetic broke" in copied
    assert dialog.isVisible()  # copying does not close it
    # A second error while it is shown is counted in it, not a second dialog.
    with qtbot.waitSignal(reporter.reported, timeout=10_000):
        window.runner.run(_broken_work)
    assert reporter.dialog is dialog and dialog.more == 1 and dialog.more_label.isVisible()
    assert window.isVisible()  # the window lives on


def test_a_bug_in_a_slot_reaches_the_dialog(qtbot, reporter) -> None:
    def broken_slot() -> None:
        {}["missing key"]

    with qtbot.waitSignal(reporter.reported, timeout=10_000) as blocker:
        QTimer.singleShot(0, broken_slot)
    assert blocker.args[0].startswith("KeyError")
    assert "broken_slot" in _log().read_text(encoding="utf-8")


def test_a_bug_on_another_thread_reaches_the_dialog(qtbot, reporter) -> None:
    def broken_thread() -> None:
        raise ValueError("listener thread broke")

    with qtbot.waitSignal(reporter.reported, timeout=10_000) as blocker:
        threading.Thread(target=broken_thread).start()
    assert blocker.args[0] == "ValueError: listener thread broke"
    assert reporter.dialog is not None and reporter.dialog.isVisible()


def test_a_known_failure_is_its_sentence_not_a_crash_report(qtbot, reporter) -> None:
    def full(_control) -> None:
        raise StoreError("The disk holding claims.sqlite is full; nothing was written.")

    with qtbot.waitSignal(reporter.reported, timeout=10_000) as blocker:
        reporter.window.runner.run(full)
    assert "is full" in blocker.args[0]
    assert reporter.dialog is None  # no "something went wrong inside ClaimTrack"
    box = reporter.message_box
    assert isinstance(box, QMessageBox) and "is full" in box.text()
    box.close()


def test_a_bug_reaching_the_windows_error_handler_gets_the_report(
    qtbot, make_window, db_path
) -> None:
    """Handled worker errors that are bugs still give the report (window._failed)."""
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    with qtbot.waitSignal(window.failed, timeout=10_000):
        window.runner.run(_broken_work, on_error=window._failed)
    dialog = crash._installed["fallback"].dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert "ZeroDivisionError" in dialog.what_label.text()
    assert "_broken_work" in _log().read_text(encoding="utf-8")
    dialog.close()


def test_qt_warnings_and_criticals_are_logged(qtbot, reporter, capfd) -> None:
    from PySide6.QtCore import qCritical, qWarning

    qWarning("a Qt warning for the log")
    qCritical("a Qt critical for the log")
    log = _log().read_text(encoding="utf-8")
    assert "WARNING qt: a Qt warning for the log" in log
    assert "ERROR qt: a Qt critical for the log" in log
    assert "a Qt warning for the log" in capfd.readouterr().err  # still on stderr, as Qt does


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_help_open_log_folder_shows_the_log_folder(qtbot, make_window) -> None:
    window = make_window()
    action = window.actions_.open_log_folder
    help_menu = next(
        m.menu() for m in window.menuBar().actions() if m.text().replace("&", "") == "Help"
    )
    assert action in help_menu.actions()
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    folder = Path(os.environ["CLAIMTRACK_LOG_DIR"])
    assert [Path(u.toLocalFile()) for u in catcher.urls] == [folder]
    assert folder.is_dir()  # made, so the file manager has something to show


def test_the_error_dialog_is_indonesian(qtbot) -> None:
    from claimtrack.ui.i18n import install_language

    app = QApplication.instance()
    install_language(app, "id")
    try:
        dialog = crash.ErrorDialog("KeyError: 'x'", "Traceback …", _log())
        qtbot.addWidget(dialog)
        assert dialog.copy_button.text() == "&Salin Rincian"
        assert dialog.what_label.text() == "Yang gagal: KeyError: 'x'"
        assert dialog.where_label.text().startswith("Laporan lengkapnya ditulis ke ")
    finally:
        install_language(app, "en")
