"""Which failures are the world's (a full disk, a denied permission, a read-only folder, a
locked database) and what to tell the user about them, wherever they surface.

The services turn most of them into ``ClaimTrackError`` already; this catches the ones
that escape as a bare ``OSError``, ``sqlite3.OperationalError`` or SQLAlchemy's wrapper of
either, so the command line and the window can say one clear sentence instead of showing a
traceback. Anything not recognised here is a bug: it gets the full report in the log.
No Qt, and nothing heavy imported until a failure is being described.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM}
# SQLite result codes (primary, the low byte) that describe the file's surroundings.
_SQLITE_WORLD = {
    5,  # BUSY
    6,  # LOCKED
    8,  # READONLY
    10,  # IOERR
    11,  # CORRUPT
    13,  # FULL
    14,  # CANTOPEN
    23,  # AUTH
    26,  # NOTADB
}
_SQLITE_WORDS = (
    "disk is full",
    "no space",
    "disk i/o error",
    "database is locked",
    "database table is locked",
    "readonly",
    "read-only",
    "unable to open",
    "malformed",
    "not a database",
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, the DB-API error SQLAlchemy wraps, then its causes and contexts."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        orig = getattr(item, "orig", None)
        todo.extend([orig if isinstance(orig, BaseException) else None])
        todo.extend([item.__cause__, item.__context__])


def _sqlite_is_world(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in _SQLITE_WORLD
    message = str(exc).lower()
    return any(word in message for word in _SQLITE_WORDS)


def _os_message(exc: OSError) -> str | None:
    name = exc.filename if isinstance(exc.filename, str | bytes | Path) else None
    shown = str(name if not isinstance(name, bytes) else name.decode(errors="replace"))
    where = f"{shown}: " if name is not None else ""
    if exc.errno in _FULL:
        return f"{where}the disk is full or the file is too large; nothing more was written."
    if exc.errno in _DENIED or isinstance(exc, PermissionError):
        return f"{where}permission denied; check who may write there."
    if exc.errno == errno.EROFS:
        return f"{where}the disk or folder is read-only."
    if exc.errno == errno.EIO:
        return f"{where}the disk reported an input/output error; it may be failing."
    return None


def known_message(exc: BaseException, database: str | Path | None = None) -> str | None:
    """The one-line message for a failure the user can act on, or None for a bug.

    ``database`` is the target the command was given (for naming the file in the message).
    """
    from claimtrack.domain import ClaimTrackError

    if isinstance(exc, ClaimTrackError):
        return str(exc)
    for item in _chain(exc):
        if isinstance(item, ClaimTrackError):
            return str(item)
        module = type(item).__module__
        if module == "sqlite3" and _sqlite_is_world(item):
            from claimtrack import paths
            from claimtrack.store.errors import describe_sqlite_error

            return str(describe_sqlite_error(item, paths.sqlite_file(database)))
        if module.startswith("psycopg") and type(item).__name__ == "OperationalError":
            from claimtrack.store.errors import describe_pg_error

            return str(describe_pg_error(item, "the database server"))
        if isinstance(item, OSError):
            message = _os_message(item)
            if message is not None:
                return message
    return None
