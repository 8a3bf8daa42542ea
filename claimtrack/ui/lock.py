"""One writer per database file, and a word about risky places, before a database opens.

A ``QLockFile`` named ``.<database name>.lock`` beside the database tells a second
ClaimTrack that the file is already open for writing; that instance may open it read-only
instead. A lock left by a crashed instance is stale (its process is gone) and is taken
over. Stale detection is by process only (``setStaleLockTime(0)``): a lock held for hours
by a live instance must never be mistaken for an abandoned one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLockFile, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from claimtrack import paths
from claimtrack import settings as keys
from claimtrack.settings import Settings
from claimtrack.store.location import LocationWarning


def _tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseLock", text)


def lock_path(database: Path) -> Path:
    return database.with_name(f".{database.name}.lock")


@dataclass(frozen=True)
class LockHolder:
    """Who holds a database: enough for a message a person can act on."""

    pid: int
    host: str
    app: str


class DatabaseLock:
    """The lock of one database file; ``acquire`` never waits."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> LockHolder | None:
        """Take the lock; return None when taken, else who holds it.

        A folder where no lock file can be made (read-only, or gone) is not another
        writer: the store reports that folder clearly when it opens, so this says None.
        """
        if self._lock.tryLock(0):
            return None
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            return None
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) == 3:
            pid, host, app = info
            return LockHolder(int(pid), str(host), str(app))
        return LockHolder(0, "", "")

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


class DatabaseLocks:
    """The lock a window holds: one database at a time, released when it moves on."""

    def __init__(self) -> None:
        self.current: DatabaseLock | None = None

    def claim(self, database: Path | None) -> LockHolder | None:
        """Lock ``database`` (None: a server, nothing to lock); on success the previous
        database's lock is released. Returns the holder when someone else has it."""
        if database is None:
            self.release()
            return None
        if self.current is not None and self.current.database == database:
            return None
        lock = DatabaseLock(database)
        holder = lock.acquire()
        if holder is not None:
            return holder
        self.release()
        self.current = lock if lock.held else None
        return None

    def release(self) -> None:
        if self.current is not None:
            self.current.release()
            self.current = None


def lock_message(database: Path, holder: LockHolder) -> str:
    """What the second instance says: who has the file, and the two ways out."""
    from socket import gethostname

    if holder.host and holder.host != gethostname():
        where = _tr("on the computer “%1”").replace("%1", holder.host)
    elif holder.pid:
        where = _tr("in another ClaimTrack window (process %1)").replace("%1", str(holder.pid))
    else:
        where = _tr("in another ClaimTrack window")
    return (
        _tr(
            "%1 is already open %2. Only one ClaimTrack can change a database at a time, so "
            "that nothing is overwritten.\n\nOpen it read-only to look at it without changing "
            "anything, or close it there first and open it again."
        )
        .replace("%1", database.name)
        .replace("%2", where)
    )


class LockedDialog(QMessageBox):
    """Offers read-only when the database is locked; non-blocking (use ``open()``)."""

    readOnlyChosen = Signal()

    def __init__(self, database: Path, holder: LockHolder, parent: QWidget | None = None) -> None:
        super().__init__(
            QMessageBox.Icon.Information,
            _tr("Database already open"),
            lock_message(database, holder),
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_button = self.addButton(
            _tr("Open Read-Only"), QMessageBox.ButtonRole.AcceptRole
        )
        self.setDefaultButton(self.read_only_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: object) -> None:
        if button is self.read_only_button:
            self.readOnlyChosen.emit()


# ---------------------------------------------------------------- risky places


def location_text(warning: LocationWarning) -> str:
    """The dangerous-place warning in the editor's language."""
    if warning.kind == "network":
        text = _tr(
            "%1 is on a network drive (%2). SQLite cannot lock files reliably over a network, "
            "so two computers writing to it can damage it. Keep the database on this "
            "computer's own disk, or share the work through team mode (a PostgreSQL server)."
        )
    else:
        text = _tr(
            "%1 is inside a %2 folder. Sync services copy the file while ClaimTrack is "
            "writing it and can damage it or split it into conflicting copies. Move it out "
            "of the synced folder (keep exports or backups there instead), or share the "
            "work through team mode (a PostgreSQL server)."
        )
    return text.replace("%1", warning.path.name).replace("%2", warning.detail)


def location_notice(settings: Settings, warning: LocationWarning | None) -> str | None:
    """The warning text the first time a database is seen in a risky place, else None.

    Compute ``warning`` with ``store.location.check_location`` in the open worker (a stat
    on a network share can be slow); call this on the GUI thread with the result.
    """
    if warning is None:
        return None
    key = str(warning.path)
    seen = settings.get(keys.LOCATION_WARNED)
    if key in seen:
        return None
    settings.set(keys.LOCATION_WARNED, [*seen, key][-50:])
    return location_text(warning)


__all__ = [
    "DatabaseLock",
    "DatabaseLocks",
    "LockHolder",
    "LockedDialog",
    "location_notice",
    "location_text",
    "lock_message",
    "lock_path",
]


def open_locked(window: Any, target: str | None, locks: Any, *, create: bool = True) -> None:
    """Open ``target`` once its lock is ours; if another ClaimTrack holds it, say so and
    offer read-only instead of opening a second writer (RELIABILITY.md: one writer)."""
    path = None
    if not window.read_only:
        # Light on purpose: importing the store here would delay the first paint.
        path = paths.sqlite_file(target)
        if path is not None and not path.parent.is_dir():
            path = None  # a bad location: the window's own open reports it clearly
    holder = locks.claim(path) if path is not None else None
    if holder is None:
        window.open_database(target, create=create)
        return
    assert path is not None  # a holder exists only for a locked file
    dialog = LockedDialog(path, holder, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def read_only() -> None:
        window.read_only = True
        window.open_database(target, create=create)

    dialog.readOnlyChosen.connect(read_only)
    dialog.open()
