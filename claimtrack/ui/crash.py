"""Where the window's unexpected errors go: the log file and one dialog, never a traceback
on a terminal nobody watches, never a window that silently stops working.

``install()`` routes ``sys.excepthook`` (exceptions in slots and event handlers, and worker
errors nobody handled, see ui/tasks.py), ``threading.excepthook`` (other Python threads)
and Qt's own messages (``qInstallMessageHandler``: warnings and criticals are logged; a
fatal one is logged before Qt aborts) to one ``Reporter``. A bug opens an ``ErrorDialog``:
what failed, the log file holding the full report, Copy Details and Open Log Folder. A
known failure (a full disk, a locked database) gets its one clear sentence instead.
While a dialog is open, further errors are logged and counted in it, not stacked.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QtMsgType, QUrl, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtrack import APP_NAME, logs, paths

if TYPE_CHECKING:
    from types import TracebackType

    from PySide6.QtCore import QMessageLogContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorDialog", text)


class ErrorDialog(QDialog):
    """What failed, where the full report is, and the report itself one click away."""

    def __init__(
        self, what: str, details: str, log: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("ClaimTrack: Unexpected Error"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details = details
        self.log = log
        self.more = 0
        layout = QVBoxLayout(self)
        heading = QLabel(_tr("Something went wrong inside ClaimTrack. Your saved work is safe."))
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.what_label = QLabel(_tr("What failed: %1").replace("%1", what))
        self.what_label.setWordWrap(True)
        self.what_label.setTextFormat(Qt.TextFormat.PlainText)
        self.what_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.what_label)
        if log is not None:
            where = _tr("The full report was written to %1.").replace("%1", str(log))
        else:
            where = _tr(
                "The report could not be written to the log in %1; use Copy Details to keep it."
            ).replace("%1", str(paths.log_dir()))
        self.where_label = QLabel(where)
        self.where_label.setWordWrap(True)
        self.where_label.setTextFormat(Qt.TextFormat.PlainText)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where_label)
        self.more_label = QLabel()
        self.more_label.setVisible(False)
        layout.addWidget(self.more_label)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setVisible(False)
        self.details_view.setMinimumHeight(160)
        layout.addWidget(self.details_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_tr("&Copy Details"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button = QPushButton(_tr("Show &Details"))
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self.details_view.setVisible)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton(_tr("Open &Log Folder"))
        self.folder_button.clicked.connect(lambda: open_log_folder(self))
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def copy_details(self) -> None:
        """The traceback (and what followed it) on the clipboard, for a bug report."""
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText(_tr("Details Copied"))

    def add(self, details: str) -> None:
        """Another error while this one is shown: counted here, its report kept too."""
        self.more += 1
        self.details = f"{self.details}\n{details}"
        self.details_view.setPlainText(self.details)
        self.more_label.setText(
            self.tr("%n more error(s) followed; all are in the report.", "", self.more)
        )
        self.more_label.setVisible(True)


def open_log_folder(parent: QWidget | None = None) -> bool:
    """Show the log folder in the file manager (made first, so there is one to show)."""
    from PySide6.QtGui import QDesktopServices

    folder = paths.log_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    if folder.is_dir() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    from claimtrack.ui.messages import show_error

    show_error(
        parent,
        APP_NAME,
        _tr("Could not open the log folder %1.").replace("%1", str(folder)),
    )
    return False


class Reporter(QObject):
    """The one place unexpected errors end up in the window; see the module's docstring."""

    fromThread = Signal(object, object, object)  # another thread's error, to the GUI thread
    reported = Signal(str)  # what failed; for tests and the status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: QWidget | None = None
        self.dialog: ErrorDialog | None = None
        self.message_box: Any = None
        self.fromThread.connect(self.report, Qt.ConnectionType.QueuedConnection)

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if threading.current_thread() is not threading.main_thread():
            self.fromThread.emit(kind, exc, tb)
            return
        try:
            self.report(kind, exc, tb)
        except Exception:  # the reporter itself failed: the interpreter's own hook, last
            sys.__excepthook__(kind, exc, tb)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        self.fromThread.emit(args.exc_type, args.exc_value, args.exc_traceback)

    def report(self, kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()  # Ctrl+C in the terminal that started the window
            return
        from claimtrack.errors import known_message

        parent = self.window if self.window is not None and self.window.isVisible() else None
        message = known_message(exc)
        if message is not None:
            logs.note(message, program="claimtrack-gui")
            self.reported.emit(message)
            if self.message_box is None or not _alive(self.message_box):
                from claimtrack.ui.messages import show_error

                self.message_box = show_error(parent, APP_NAME, message)
            return
        import traceback

        what = logs.summary(exc)
        place = logs.where(exc, tb)
        details = "".join(traceback.format_exception(kind, exc, tb))
        log = logs.write_report(
            f"unexpected error: {what}" + (f" ({place})" if place else ""),
            exc,
            tb,
            program="claimtrack-gui",
        )
        self.reported.emit(what)
        if self.dialog is not None and _alive(self.dialog) and self.dialog.isVisible():
            self.dialog.add(details)
            return
        self.dialog = ErrorDialog(what + (f" ({place})" if place else ""), details, log, parent)
        self.dialog.open()

    def qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        """Qt's warnings, criticals and fatals into the log (and, as Qt would, stderr)."""
        import logging

        level = {
            QtMsgType.QtWarningMsg: logging.WARNING,
            QtMsgType.QtCriticalMsg: logging.ERROR,
            QtMsgType.QtFatalMsg: logging.CRITICAL,
        }.get(mode)
        if level is not None:
            logs.setup("claimtrack-gui")
            category = getattr(context, "category", None) or "qt"
            logging.getLogger(f"qt.{category}" if category != "default" else "qt").log(
                level, "%s", message
            )
            logs.flush()
        if sys.stderr is not None:  # a windowed program on Windows has none
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(f"{message}\n")


def _alive(widget: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


_installed: dict[str, Any] = {}


def report_unexpected(exc: BaseException, window: QWidget | None = None) -> bool:
    """For an ``on_error`` handler: a bug goes to the error dialog (True); a known
    failure is left to the handler's own message (False)."""
    from claimtrack.errors import known_message

    if known_message(exc) is not None:
        return False
    reporter = _installed.get("reporter")
    if reporter is None:  # no install() (a test's window): a reporter for this one
        reporter = _installed.setdefault("fallback", Reporter(QCoreApplication.instance()))
    if reporter.window is None:
        reporter.window = window
    reporter.report(type(exc), exc, exc.__traceback__)
    return True


def install(parent: QObject | None = None) -> Reporter:
    """Route every unexpected error of this process to a ``Reporter`` (see the module)."""
    from PySide6.QtCore import qInstallMessageHandler

    reporter = Reporter(parent)
    if "excepthook" not in _installed:
        _installed.update(
            excepthook=sys.excepthook,
            thread_hook=threading.excepthook,
            qt=qInstallMessageHandler(reporter.qt_message),
        )
    else:
        qInstallMessageHandler(reporter.qt_message)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_hook
    _installed["reporter"] = reporter
    return reporter


def uninstall() -> None:
    """Put back what ``install`` replaced (tests)."""
    from PySide6.QtCore import qInstallMessageHandler

    if "excepthook" not in _installed:
        return
    sys.excepthook = _installed.pop("excepthook")
    threading.excepthook = _installed.pop("thread_hook")
    qInstallMessageHandler(_installed.pop("qt"))
    _installed.pop("reporter", None)
