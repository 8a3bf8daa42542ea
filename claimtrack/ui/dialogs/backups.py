"""File ▸ Back up now, File ▸ Restore from backup…, and the way out of a damaged database.

All file work (copying, checking, counting claims in each backup, moving files aside)
runs through the TaskRunner; these widgets only show results and ask. The window owns the
open store: it passes ``close_database`` (called on the GUI thread right before a restore
replaces the file) and reopens the database when ``restored`` is emitted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from claimtrack.domain import DamagedDatabaseError
from claimtrack.store.backup import BackupInfo
from claimtrack.ui.tasks import Task, TaskControl, TaskRunner

_Index = QModelIndex | QPersistentModelIndex


def _when(info: BackupInfo) -> str:
    return QLocale().toString(info.taken, QLocale.FormatType.ShortFormat)


def _size(size: int) -> str:
    return QLocale().formattedDataSize(size)


# ---------------------------------------------------------------- Back up now


def start_backup(
    runner: TaskRunner,
    database: Path,
    on_done: Callable[[BackupInfo], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Task:
    """Run File ▸ Back up now off the GUI thread (verified copy, then rotation)."""

    def work(control: TaskControl) -> BackupInfo:
        from claimtrack.store.backup import back_up

        def progress(done: int, total: int) -> None:
            control.progress(done, total, "")

        return back_up(database, "manual", progress=progress, cancelled=lambda: control.cancelled)

    return runner.run(work, on_done, on_error, on_progress)


def start_automatic_backup(
    runner: TaskRunner,
    database: Path | None,
    on_done: Callable[[BackupInfo | None], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    keep_days: int | None = None,
) -> Task:
    """The daily backup after opening: does nothing unless the newest is a day old."""

    def work(control: TaskControl) -> BackupInfo | None:
        from claimtrack.store.backup import KEEP_DAYS, backup_if_due

        days = keep_days if keep_days and keep_days > 0 else KEEP_DAYS
        return backup_if_due(database, cancelled=lambda: control.cancelled, keep_days=days)

    return runner.run(work, on_done, on_error)


def backup_done_message(info: BackupInfo) -> str:
    """The status-bar line after a backup: where it went and what it holds."""
    text = _tr_backups("Backed up %n claim(s) to %1.", info.claims or 0)
    return text.replace("%1", info.path.name)


def _tr_backups(text: str, n: int = -1) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Backups", text, None, n)


# ---------------------------------------------------------------- the list of backups


class BackupListModel(QAbstractTableModel):
    """Backups newest first: date, claims, reason, size."""

    HEADERS = ("Date", "Claims", "Kind", "Size")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupInfo] = []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(backups)
        self.endResetModel()

    def backup(self, row: int) -> BackupInfo:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return _tr_backups(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return _when(info)
            if column == 1:
                return str(info.claims) if info.readable else _tr_backups("unreadable")
            if column == 2:
                return _reason_label(info.reason)
            if column == 3:
                return _size(info.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        info = self._rows[index.row()]
        if not info.readable:
            return Qt.ItemFlag.NoItemFlags  # a damaged backup cannot be chosen
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _reason_label(reason: str) -> str:
    if reason == "daily":
        return _tr_backups("automatic")
    if reason == "manual":
        return _tr_backups("backed up by hand")
    if reason.startswith("before-") and reason[7:].isdigit():
        return _tr_backups("before upgrade to schema %1").replace("%1", reason[7:])
    return reason


class RestoreDialog(QDialog):
    """File ▸ Restore from backup…: pick a backup; the current file is moved aside."""

    restored = QtSignal(object)  # the database Path, ready to be opened again
    listed = QtSignal(int)

    def __init__(
        self,
        database: Path,
        runner: TaskRunner,
        close_database: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.runner = runner
        self._close_database = close_database
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.resize(560, 360)
        self.intro = QLabel(
            self.tr(
                "Choose a backup of %1. The database as it is now is kept beside it "
                "(renamed, not deleted), so a restore can be undone by hand."
            ).replace("%1", database.name)
        )
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.model = BackupListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(self.tr("Reading the backups…"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._load()

    def _load(self) -> None:
        database = self.database

        def work(_control: TaskControl) -> list[BackupInfo]:
            from claimtrack.store.backup import list_backups

            return list_backups(database)

        self.runner.run(work, self._listed, self._failed)

    def _listed(self, backups: list[BackupInfo]) -> None:
        self.model.set_backups(backups)
        if backups:
            self.status.setText(self.tr("%n backup(s).", "", len(backups)))
            first = next((i for i, b in enumerate(backups) if b.readable), None)
            if first is not None:
                self.table.selectRow(first)
        else:
            self.status.setText(
                self.tr("There are no backups of %1 yet.").replace("%1", self.database.name)
            )
        self.listed.emit(len(backups))

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        self.restore_button.setEnabled(False)
        self.status.setText(self.tr("Restoring…"))
        self._close_database()
        database = self.database

        def work(_control: TaskControl) -> Path | None:
            from claimtrack.store.backup import restore_backup

            return restore_backup(info.path, database)

        self.runner.run(work, lambda _moved: self._done(), self._failed)

    def _done(self) -> None:
        self.restored.emit(self.database)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc) or exc.__class__.__name__)
        self.restore_button.setEnabled(self.selected() is not None)


# ---------------------------------------------------------------- a damaged database


class DamagedDialog(QDialog):
    """Shown when opening fails with DamagedDatabaseError: offers the newest good backup.

    Nothing moves until the editor agrees; then the damaged file (with its -wal/-shm) is
    renamed ``<name>.damaged-<time>`` and the backup copied into its place.
    """

    restored = QtSignal(object)  # the database Path, ready to be opened again
    searched = QtSignal(object)  # the BackupInfo found, or None

    def __init__(
        self, error: DamagedDatabaseError, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if error.path is None:
            raise ValueError("a damaged server database has no file to move aside")
        self.database = Path(error.path)
        self.runner = runner
        self.error = error
        self.backup: BackupInfo | None = None
        self.setWindowTitle(self.tr("Damaged database"))
        self.heading = QLabel(self.tr("%1 is damaged.").replace("%1", self.database.name))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.detail = QLabel(str(error))
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.offer = QLabel(self.tr("Looking for a good backup…"))
        self.offer.setTextFormat(Qt.TextFormat.PlainText)
        self.offer.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(self.tr("Restore This Backup"))
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.detail, self.offer, self.buttons):
            layout.addWidget(widget)
        database = self.database

        def work(_control: TaskControl) -> BackupInfo | None:
            from claimtrack.store.backup import newest_good_backup

            return newest_good_backup(database)

        runner.run(work, self._found, self._failed)

    def _found(self, info: BackupInfo | None) -> None:
        self.backup = info
        if info is None:
            self.offer.setText(
                self.tr(
                    "No good backup of it was found. The file has not been changed; "
                    "`claimtrack check` shows what SQLite reports, and a copy of the file "
                    "may still be rescued with SQLite's .recover command."
                )
            )
        else:
            self.offer.setText(
                self.tr(
                    "The newest good backup is from %1 and holds %n claim(s). Restore it? "
                    "The damaged file is kept beside it, renamed, in case anything can be "
                    "rescued from it; work done after %1 is not in the backup.",
                    "",
                    info.claims or 0,
                ).replace("%1", _when(info))
            )
            self.restore_button.setEnabled(True)
        self.searched.emit(info)

    def restore(self) -> None:
        info = self.backup
        if info is None:
            return
        self.restore_button.setEnabled(False)
        self.offer.setText(self.tr("Restoring…"))
        database = self.database

        def work(_control: TaskControl) -> Path:
            from claimtrack.store.backup import move_aside, restore_backup

            move_aside(database, "damaged")
            restore_backup(info.path, database)
            return database

        self.runner.run(work, self._restored, self._failed)

    def _restored(self, database: Path) -> None:
        self.restored.emit(database)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.offer.setText(str(exc) or exc.__class__.__name__)


__all__ = [
    "BackupListModel",
    "DamagedDialog",
    "RestoreDialog",
    "backup_done_message",
    "start_automatic_backup",
    "start_backup",
]
