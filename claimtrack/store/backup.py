"""Verified, rotated backups of a SQLite database, and the way back from one. No Qt.

Where and what
    Backups sit beside the database (the same disk, so a restore is a rename, and they
    travel with the file when an editor moves it), named
    ``<stem>.backup-<YYYYmmdd-HHMMSS>-<reason><suffix>``, e.g.
    ``claims.backup-20260105-091500-daily.sqlite``. Reasons: ``daily`` (taken after
    opening when the newest backup is a day old), ``manual`` (File ▸ Back up now),
    ``before-<revision>`` (taken before a schema migration), ``before-restore``.

How one is written
    SQLite's online backup API copies the database page by page, ``STEP_PAGES`` at a
    time, straight into ``<name>.part`` beside the destination: memory stays flat however
    large the file (the pages pass through SQLite's small page caches, never a whole
    image in memory). The source is read inside one read transaction, so the copy is a
    consistent snapshot (in WAL mode a writer may go on meanwhile; its later commits are
    simply not in this backup, and the copy never restarts). Between steps the caller's
    ``cancelled`` is asked. The copy is then set to a rollback-journal file, passed
    through ``integrity_check``, fsynced, renamed into place and the folder fsynced. A
    crash, a cancel or a full disk leaves the old backups and at most a ``.part`` file
    (removed on the spot, or by rotation an hour later after a crash), never half a
    backup under a real name.

Rotation (``rotate``)
    Kept: the newest backup of each of the last 7 days that have backups, the newest of
    each of the last 4 ISO weeks, the last 2 migration backups, and always the newest
    backup. Everything else of ours is deleted; files we did not name are never touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from claimtrack.domain import DamagedDatabaseError, StoreError
from claimtrack.paths import fsync_folder as _fsync_folder
from claimtrack.store.sqlitefile import looks_like_sqlite as looks_like_sqlite
from claimtrack.store.sqlitefile import sqlite_read_uri

KEEP_DAYS = 7
KEEP_WEEKS = 4
KEEP_MIGRATION_BACKUPS = 2
KEEP_MANUAL_BACKUPS = 10  # "Back up now" copies are the editor's own: never rotated away at once
DAILY_AGE = timedelta(days=1)
STAMP_FORMAT = "%Y%m%d-%H%M%S"
STEP_PAGES = 256  # pages per backup step (1 MiB at 4 KiB pages): progress and cancel
_BUSY_TIMEOUT = 5.0

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the Restore dialog lists it."""

    path: Path
    taken: datetime  # local time, from the name (what the editor's clock said)
    reason: str
    size: int
    claims: int | None  # None when the file could not be read

    @property
    def readable(self) -> bool:
        return self.claims is not None


@dataclass(frozen=True)
class DamageRecovery:
    """What happened to a damaged database: where it went, and what can replace it."""

    moved_to: Path
    backup: BackupInfo | None


# ---------------------------------------------------------------- names


def _name_pattern(database: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(database.stem)
        + r"\.backup-(\d{8}-\d{6})(?:_(\d+))?-([a-z0-9-]+)"
        + re.escape(database.suffix)
        + "$"
    )


def backup_path(database: Path, reason: str, when: datetime | None = None) -> Path:
    """A fresh name for a backup of ``database`` (never one that exists already)."""
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError(f"backup reason must be lower-case letters, digits, '-': {reason!r}")
    stamp = (when or datetime.now()).strftime(STAMP_FORMAT)
    candidate = database.with_name(f"{database.stem}.backup-{stamp}-{reason}{database.suffix}")
    n = 2
    while candidate.exists() or candidate.with_name(candidate.name + ".part").exists():
        candidate = database.with_name(
            f"{database.stem}.backup-{stamp}_{n}-{reason}{database.suffix}"
        )
        n += 1
    return candidate


def _parse(database: Path, path: Path) -> tuple[datetime, str] | None:
    match = _name_pattern(database).match(path.name)
    if not match:
        return None
    try:
        taken = datetime.strptime(match.group(1), STAMP_FORMAT)
    except ValueError:
        return None
    if match.group(2):  # same second: order by the counter
        taken += timedelta(microseconds=int(match.group(2)))
    return taken, match.group(3)


# ---------------------------------------------------------------- writing


def _ro_uri(path: Path, *, immutable: bool = False) -> str:
    if not immutable:
        return sqlite_read_uri(path)  # immutable by itself on a read-only filesystem
    return f"file:{quote(str(path))}?mode=ro&immutable=1"


def _write_error(target: Path, why: str) -> StoreError:
    return StoreError(
        f"Could not write the backup {target.name}: {why}. The database itself was not "
        "changed and earlier backups are kept."
    )


# SQLite's result codes for a write the disk refused (SQLITE_FULL, SQLITE_IOERR_WRITE,
# _FSYNC, _TRUNCATE, _DIR_FSYNC): only the copy is written, so these are about it.
_FULL = 13
_WRITE_ERRORS = {778, 1034, 1290, 1546}
_CANT_OPEN = 14


class _CancelledError(Exception):
    pass


def _stream_copy(
    source: Path, tmp: Path, progress: Progress | None, cancelled: Cancelled | None
) -> None:
    """Copy ``source`` into the empty file ``tmp`` through the backup API, in steps."""
    src = sqlite3.connect(_ro_uri(source), uri=True, timeout=_BUSY_TIMEOUT, isolation_level=None)
    try:
        # One read transaction for the whole copy: every step sees the same snapshot.
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        page_size = int(src.execute("PRAGMA page_size").fetchone()[0])
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            # The .part file is thrown away on any failure: no journal needed for it.
            dst.execute("PRAGMA journal_mode = OFF")

            def step(_status: int, remaining: int, total: int) -> None:
                if cancelled is not None and cancelled():
                    raise _CancelledError
                if progress is not None:
                    progress((total - remaining) * page_size, total * page_size)

            src.backup(dst, pages=STEP_PAGES, progress=step)
            # The pages carry the source's "WAL" header bytes; a backup is a plain file,
            # and opening it later leaves no -wal/-shm beside it.
            if dst.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _verify(path: Path, cancelled: Cancelled | None = None) -> int:
    """``integrity_check`` the finished copy; return its claim count (-1: no claim table)."""

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise _CancelledError

    # Asked before and after the check as well: on a small file the check may end before
    # the progress handler is first called, and a cancel must still be honoured.
    check_cancel()
    conn = sqlite3.connect(_ro_uri(path), uri=True)
    try:
        if cancelled is not None:
            # A check of a large file takes a while: the cancel is still heard.
            conn.set_progress_handler(lambda: 1 if cancelled() else 0, 10_000)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.OperationalError:
            check_cancel()
            raise
        check_cancel()
        if verdict != "ok":
            raise StoreError(f"The new backup {path.name} failed its integrity check: {verdict}")
        try:
            return int(conn.execute("SELECT count(*) FROM claim").fetchone()[0])
        except sqlite3.OperationalError:
            return -1
    finally:
        conn.close()


def copy_database(
    source: Path,
    target: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write a verified copy of ``source`` at ``target``: the whole new file or nothing.

    Returns the copy's claim count (-1 when it has no claim table). Raises StoreError
    with one clear sentence; ``source`` is only ever read. ``cancelled`` returning True
    stops the copy and raises StoreError, leaving nothing behind. ``progress`` gets
    (bytes copied, bytes in all) after every step.
    """
    from claimtrack.store.errors import describe_sqlite_error

    source, target = Path(source), Path(target)
    if not source.is_file():
        raise StoreError(f"{source} does not exist, so there is nothing to back up.")
    tmp = target.with_name(target.name + ".part")
    try:
        # Made here, not by SQLite, so a folder that can't be written says why.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
        _stream_copy(source, tmp, progress, cancelled)
        claims = _verify(tmp, cancelled)
        _fsync_file(tmp)
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    except _CancelledError:
        _discard(tmp)
        raise StoreError("The backup was cancelled; nothing was written.") from None
    except sqlite3.Error as exc:
        _discard(tmp)
        code = getattr(exc, "sqlite_errorcode", None)
        if code == _FULL:
            raise _write_error(target, "the disk is full or the file is too large") from exc
        if code in _WRITE_ERRORS:
            why = "the disk is full or the file is too large (or the disk failed a write)"
            raise _write_error(target, why) from exc
        if code == _CANT_OPEN and not source.is_file():
            raise StoreError(f"{source} does not exist, so there is nothing to back up.") from exc
        raise describe_sqlite_error(exc, source) from exc
    except OSError as exc:
        _discard(tmp)
        why = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            why = "the disk is full or the file is too large"
        raise _write_error(target, why) from exc
    except BaseException:
        _discard(tmp)
        raise
    return claims


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


# ---------------------------------------------------------------- policy


def _has_content(database: Path) -> bool:
    """False for a brand-new database: nothing in it is worth a backup yet."""
    conn = sqlite3.connect(_ro_uri(database), uri=True, timeout=_BUSY_TIMEOUT)
    try:
        return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM article)").fetchone()[0] == 1)
    except sqlite3.OperationalError:
        return True  # no article table: not ours or very old; back it up anyway
    finally:
        conn.close()


def back_up(
    database: Path,
    reason: str = "manual",
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    rotate_after: bool = True,
    keep_days: int = KEEP_DAYS,
) -> BackupInfo:
    """Take one verified backup of ``database`` now, then apply the rotation policy."""
    now = now or datetime.now()
    target = backup_path(database, reason, now)
    claims = copy_database(database, target, progress=progress, cancelled=cancelled)
    if rotate_after:
        rotate(database, now=now, keep_days=keep_days)
    taken = _parse(database, target)
    return BackupInfo(
        path=target,
        taken=taken[0] if taken else now,
        reason=reason,
        size=target.stat().st_size,
        claims=max(claims, 0),
    )


def backup_if_due(
    database: Path | None,
    *,
    now: datetime | None = None,
    max_age: timedelta = DAILY_AGE,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    keep_days: int = KEEP_DAYS,
) -> BackupInfo | None:
    """The automatic backup: taken when the newest one is ``max_age`` old or missing.

    Call it after opening, in a worker. ``database`` None (a server database) and an
    empty new database need none. Returns the new backup, or None when none was due.
    """
    if database is None or not database.is_file():
        return None
    now = now or datetime.now()
    newest = next(iter(list_backups(database, counts=False)), None)
    if newest is not None and now - newest.taken < max_age:
        return None
    if not _has_content(database):
        return None
    return back_up(
        database, "daily", now=now, progress=progress, cancelled=cancelled, keep_days=keep_days
    )


def rotate(
    database: Path,
    *,
    now: datetime | None = None,
    keep_days: int = KEEP_DAYS,
    keep_weeks: int = KEEP_WEEKS,
    keep_migrations: int = KEEP_MIGRATION_BACKUPS,
) -> list[Path]:
    """Delete the backups the policy no longer keeps; return what was deleted."""
    backups = list_backups(database, counts=False)  # newest first
    if not backups:
        return []
    keep: set[Path] = {backups[0].path}
    regular = [b for b in backups if not _is_migration(b.reason) and b.reason != "manual"]
    days: set[object] = set()
    weeks: set[object] = set()
    for info in regular:
        day = info.taken.date()
        if day not in days and len(days) < keep_days:
            days.add(day)
            keep.add(info.path)
        week = info.taken.isocalendar()[:2]
        if week not in weeks and len(weeks) < keep_weeks:
            weeks.add(week)
            keep.add(info.path)
    migrations = [b for b in backups if _is_migration(b.reason)]
    keep.update(b.path for b in migrations[:keep_migrations])
    manual = [b for b in backups if b.reason == "manual"]
    keep.update(b.path for b in manual[:KEEP_MANUAL_BACKUPS])
    removed = []
    for info in backups:
        if info.path not in keep:
            try:
                info.path.unlink()
                removed.append(info.path)
            except OSError:
                pass
    _remove_stale_parts(database, now or datetime.now())
    return removed


def _is_migration(reason: str) -> bool:
    return re.fullmatch(r"before-\d+", reason) is not None


def _remove_stale_parts(database: Path, now: datetime) -> None:
    """``.part`` files left by a crash mid-backup, once they are an hour old."""
    pattern = _name_pattern(database)
    for path in database.parent.glob(f"{glob_escape(database.stem)}.backup-*.part"):
        if not pattern.match(path.name[: -len(".part")]):
            continue
        try:
            age = now.timestamp() - path.stat().st_mtime
            if age > 3600:
                path.unlink()
        except OSError:
            pass


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


# ---------------------------------------------------------------- reading


def list_backups(database: Path, *, counts: bool = True) -> list[BackupInfo]:
    """The backups of ``database``, newest first; ``counts`` reads each one's claim count.

    Each backup is read through a read-only, immutable connection: listing never
    changes a backup, even a damaged one.
    """
    found = []
    for path in database.parent.glob(f"{glob_escape(database.stem)}.backup-*"):
        parsed = _parse(database, path)
        if parsed is None or not path.is_file():
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        claims = claim_count(path) if counts else None
        found.append(BackupInfo(path, parsed[0], parsed[1], size, claims))
    found.sort(key=lambda b: b.taken, reverse=True)
    return found


def claim_count(path: Path) -> int | None:
    """How many claims a backup holds, or None when it cannot be read."""
    try:
        conn = sqlite3.connect(_ro_uri(path, immutable=True), uri=True)
    except sqlite3.Error:
        return None
    try:
        return int(conn.execute("SELECT count(*) FROM claim").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def is_good(path: Path) -> bool:
    """True when ``path`` passes ``quick_check`` and holds a claim table."""
    try:
        conn = sqlite3.connect(_ro_uri(path, immutable=True), uri=True)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return False
        conn.execute("SELECT count(*) FROM claim").fetchone()
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def newest_good_backup(database: Path) -> BackupInfo | None:
    """The most recent backup that passes ``quick_check``, with its claim count."""
    for info in list_backups(database, counts=False):
        if is_good(info.path):
            return BackupInfo(info.path, info.taken, info.reason, info.size, claim_count(info.path))
    return None


# ---------------------------------------------------------------- damage and restore


def _sidecars(path: Path) -> list[tuple[Path, str]]:
    return [(path.with_name(path.name + suffix), suffix) for suffix in ("-wal", "-shm")]


def move_aside(database: Path, label: str, *, now: datetime | None = None) -> Path:
    """Rename ``database`` (and its -wal/-shm, kept paired) to ``<name>.<label>-<stamp>``.

    Nothing is deleted: the editor, or a recovery tool, can still open the moved file.
    """
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    target = database.with_name(f"{database.name}.{label}-{stamp}")
    n = 2
    while target.exists():
        target = database.with_name(f"{database.name}.{label}-{stamp}_{n}")
        n += 1
    try:
        os.replace(database, target)
        for sidecar, suffix in _sidecars(database):
            if sidecar.exists():
                os.replace(sidecar, target.with_name(target.name + suffix))
        _fsync_folder(database.parent)
    except OSError as exc:
        raise StoreError(f"Could not move {database.name} aside: {exc.strerror or exc}") from exc
    return target


def recover_damaged(error_or_path: DamagedDatabaseError | Path) -> DamageRecovery:
    """Move a damaged database aside and find the newest good backup to offer instead."""
    path = error_or_path if isinstance(error_or_path, Path) else error_or_path.path
    if path is None:
        raise StoreError("Only a damaged database file can be moved aside.")
    path = Path(path)
    moved = move_aside(path, "damaged")
    return DamageRecovery(moved_to=moved, backup=newest_good_backup(path))


def check_backup(backup: Path, database: Path | None = None) -> None:
    """Raise a one-sentence error unless ``backup`` is a good ClaimTrack backup to restore."""
    if not backup.exists():
        raise StoreError(f"{backup} does not exist.")
    if not backup.is_file():
        raise StoreError(f"{backup} is a folder, not a ClaimTrack backup.")
    if database is not None and database.exists() and backup.samefile(database):
        raise StoreError(f"{backup} is the database itself, not a backup of it.")
    if is_good(backup):
        return
    if not looks_like_sqlite(backup):
        raise StoreError(f"{backup.name} is not a ClaimTrack backup (it is not a SQLite file).")
    if _quick_check_passes(backup):
        raise StoreError(
            f"{backup.name} is not a ClaimTrack backup (a SQLite file without ClaimTrack's tables)."
        )
    raise DamagedDatabaseError(f"The backup {backup.name} is damaged; choose an older one.", backup)


def _quick_check_passes(path: Path) -> bool:
    try:
        conn = sqlite3.connect(_ro_uri(path, immutable=True), uri=True)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def restore_backup(backup: Path, database: Path, *, now: datetime | None = None) -> Path | None:
    """Put ``backup`` in place of ``database``; the current file is moved aside, not deleted.

    The database must be closed. The backup is copied (verified) next to the database
    first, so a failure at any step leaves the current file where it was. Returns where
    the replaced file went, or None if there was none (it had been moved aside already).
    """
    check_backup(backup, database)
    staging = database.with_name(database.name + ".restoring")
    copy_database(backup, staging)
    moved = None
    try:
        if database.exists():
            moved = move_aside(database, "replaced", now=now)
        os.replace(staging, database)
        _fsync_folder(database.parent)
    except OSError as exc:
        _discard(staging)
        raise StoreError(f"Could not restore {backup.name}: {exc.strerror or exc}") from exc
    except BaseException:
        _discard(staging)
        raise
    return moved


__all__ = [
    "BackupInfo",
    "DamageRecovery",
    "back_up",
    "backup_if_due",
    "backup_path",
    "check_backup",
    "copy_database",
    "list_backups",
    "move_aside",
    "newest_good_backup",
    "recover_damaged",
    "restore_backup",
    "rotate",
]
