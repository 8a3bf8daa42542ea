"""The database's life in the window: open (with the start-up peek), check, back up,
restore, and the per-file lock and unsaved-note store that go with it.

The window shows what happens; this decides when. It reports through signals:
``peeked`` (a local file's first rows, read while the data layer loads), ``opened``
(Services and whether the database is empty), ``openFailed`` (the error and whether it
came from the latest open), ``damaged`` (a background check found the open file broken),
``failed`` and ``message`` (for backups), and ``closeRequested`` / ``reopenRequested``
(a restore must let go of the file, then open the restored one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from claimtrack.services import Services
    from claimtrack.services.drafts import DraftStore
    from claimtrack.ui.lock import DatabaseLocks
    from claimtrack.ui.tasks import TaskControl, TaskRunner

PEEK_WAIT_MS = 300  # the longest the start-up peek holds back the open (see _peek)
SYNC_CHECK_BYTES = 32 * 1024 * 1024


def _small_file(target: str | None) -> bool:
    """True when ``target`` is a SQLite file small enough to check before showing it."""
    from claimtrack import paths

    path = paths.sqlite_file(target)
    try:
        return path is None or not path.exists() or path.stat().st_size < SYNC_CHECK_BYTES
    except OSError:
        return True


def _read_only_for(target: str | None, chosen: bool) -> bool:
    """Read-only as the editor chose, and always for an existing file on a read-only
    filesystem (a CD, a write-protected share): it can be read there, never written."""
    from claimtrack.store.sqlitefile import readonly_location

    return chosen or readonly_location(target)


class DatabaseController(QObject):
    """Opens databases off the GUI thread and looks after the one that is open."""

    peeked = Signal(object)  # claimtrack.store.rawread's peek result
    opened = Signal(object, bool)  # Services, empty
    openFailed = Signal(object, bool)  # the error, whether the latest open raised it
    damaged = Signal(object, object)  # the Services found damaged, the error
    failed = Signal(object)  # a backup's error
    message = Signal(str, int)  # status text, milliseconds (0: until replaced)
    closeRequested = Signal()  # let go of the file now (a restore replaces it)
    reopenRequested = Signal(str)  # a restored file to open

    def __init__(self, settings: Any, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner
        self._widget = parent  # dialogs open over it
        self.services: Services | None = None
        self.restore_dialog: QWidget | None = None
        self._opening = 0  # which open() call is the latest
        self._locks: DatabaseLocks | None = None
        self._drafts: DraftStore | None = None

    def set_services(self, services: Services | None) -> None:
        """The database the window now shows (None: none)."""
        self.services = services

    @property
    def locks(self) -> DatabaseLocks:
        """One writer per file, held while it is open here (made on first use)."""
        if self._locks is None:
            from claimtrack.ui.lock import DatabaseLocks

            self._locks = DatabaseLocks()
        return self._locks

    @property
    def drafts(self) -> DraftStore:
        """Notes being typed, kept on disk until saved (made on first use)."""
        if self._drafts is None:
            from claimtrack.services.drafts import DraftStore

            self._drafts = DraftStore()
        return self._drafts

    # ------------------------------------------------------------------ open
    def open(
        self,
        target: str | None,
        *,
        create: bool = True,
        editor: str = "",
        read_only: bool = False,
        peek: bool = False,
    ) -> None:
        """Open ``target`` (None: the default database) in a worker; ``peek`` first shows
        a local file's rows (for an empty window only: it would hide nothing else)."""
        self.message.emit(self.tr("Opening the database…"), 0)
        drafts = self.drafts

        def work(_control: TaskControl) -> tuple[Services, bool]:
            from claimtrack.services import Services
            from claimtrack.store import open_store

            # A big file is checked in the background once its claims show (check()).
            check = _small_file(target)
            # Any: the open leaves three notes on the store (checked, location_warning,
            # orphan_drafts) that the window reads once it shows the database.
            store: Any = open_store(
                target, create=create, readonly=_read_only_for(target, read_only), quick_check=check
            )
            store.checked = check
            services = Services(store, editor)
            # Slow on a network share, so here rather than on the GUI thread.
            from claimtrack.store.location import check_location

            store.location_warning = check_location(store.path) if store.path else None
            store.orphan_drafts = drafts.list_orphans(store.display_name)
            return services, services.is_empty()

        self._opening += 1
        opening = self._opening

        def done(result: tuple[Services, bool]) -> None:
            if opening == self._opening:
                self.opened.emit(*result)
                self._after_open(result[0])
            else:  # another open started meanwhile: this one is not wanted any more
                result[0].store.close()

        def failed(exc: BaseException) -> None:
            self.openFailed.emit(exc, opening == self._opening)

        def start_open() -> None:
            self.runner.run(work, done, failed)

        if peek:
            self._peek(target, opening, then=start_open)
        else:
            start_open()

    def _peek(self, target: str | None, opening: int, then: Callable[[], None]) -> None:
        """Read a local file's first rows while the data layer loads (~0.4 s of imports).

        Plain sqlite3, read-only; anything unusual (another revision, damage, a server)
        yields nothing and the normal open decides what to say.

        ``then`` (the open) starts once the peeked rows are shown, or the peek gave up,
        or after PEEK_WAIT_MS: run side by side, the open's imports hold the GIL and
        starve the peek's row-by-row reads and the paint (a 60 ms peek took 0.6 s).
        """
        from claimtrack import paths

        path = paths.sqlite_file(target)
        if path is None:
            then()
            return
        started = [False]

        def start_once() -> None:
            if not started[0]:
                started[0] = True
                then()

        QTimer.singleShot(PEEK_WAIT_MS, start_once)

        def work(_control: TaskControl) -> Any:
            from claimtrack.store.rawread import peek
            from claimtrack.store.revision import HEAD_REVISION

            return peek(path, HEAD_REVISION)

        def done(found: Any) -> None:
            if found is not None and opening == self._opening and self.services is None:
                self.peeked.emit(found)  # connected directly: painted before the open
            start_once()

        self.runner.run(work, done, lambda _exc: start_once())

    def _after_open(self, services: Services) -> None:
        """A big file's integrity check and the daily backup, both in the background."""
        if not getattr(services.store, "checked", True):
            self.check(services)
        path = services.store.path
        if path is None or services.store.readonly:
            return
        from claimtrack import settings as keys
        from claimtrack.ui.dialogs.backups import backup_done_message, start_automatic_backup

        def daily(info: Any) -> None:
            if info is not None:
                self.message.emit(backup_done_message(info), 8000)

        start_automatic_backup(
            self.runner,
            path,
            daily,
            lambda exc: self.message.emit(
                self.tr("The daily backup failed: %1").replace("%1", str(exc)), 15000
            ),
            keep_days=self.settings.get(keys.BACKUP_KEEP_DAILY),
        )

    def check(self, services: Services) -> None:
        """The full integrity check of ``services``' file, off the GUI thread."""

        def work(_control: TaskControl) -> None:
            from claimtrack.store.engine import check_sqlite_file

            check_sqlite_file(services.store)

        self.runner.run(work, None, lambda exc: self.damaged.emit(services, exc))

    # ------------------------------------------------------------------ safety
    def backup_now(self) -> None:
        services = self.services
        if services is None or services.store.path is None:
            return
        from claimtrack.ui.dialogs.backups import backup_done_message, start_backup

        self.message.emit(self.tr("Backing up…"), 0)
        start_backup(
            self.runner,
            services.store.path,
            lambda info: self.message.emit(backup_done_message(info), 8000),
            self.failed.emit,
        )

    def restore_backup(self) -> None:
        services = self.services
        if services is None or services.store.path is None:
            return
        from claimtrack.ui.dialogs.backups import RestoreDialog

        dialog = RestoreDialog(
            services.store.path, self.runner, self.closeRequested.emit, self._widget
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(lambda path: self.reopenRequested.emit(str(path)))
        self.restore_dialog = dialog
        dialog.open()

    def release(self) -> None:
        """Give up the file locks (the window closes)."""
        if self._locks is not None:
            self._locks.release()
