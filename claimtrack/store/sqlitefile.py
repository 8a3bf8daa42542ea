"""How to open a SQLite file for reading wherever it lies (a leaf: no other store imports)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def on_readonly_filesystem(path: Path) -> bool:
    """True when ``path``'s folder sits on a filesystem mounted read-only (a CD, a
    write-protected share, a snapshot). Nothing can change a file there, which makes
    SQLite's ``immutable`` open safe, and the only way to read a WAL file without its -shm."""
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is None:
        return False
    try:
        return bool(statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def readonly_location(target: str | Path | None) -> bool:
    """True for an existing database file on a read-only filesystem: there it can only be
    read, so the window and the read commands open it read-only by themselves."""
    from claimtrack import paths

    path = paths.sqlite_file(target)
    return path is not None and path.is_file() and on_readonly_filesystem(path)


def sqlite_read_uri(path: Path) -> str:
    """The URI that opens ``path`` read-only, also from a read-only filesystem."""
    uri = f"file:{quote(str(path))}?mode=ro"
    return uri + "&immutable=1" if on_readonly_filesystem(path) else uri


_SQLITE_MAGIC = b"SQLite format 3\x00"


def looks_like_sqlite(path: Path) -> bool:
    """True when the file starts with SQLite's magic string, allowing a few damaged bytes.

    Reads the 16 header bytes with plain I/O, so call it only while no connection to the
    file is open (closing any descriptor drops a process's SQLite locks). A text file
    shares at most a couple of these bytes by chance; a damaged database shares most.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    same = sum(1 for a, b in zip(head, _SQLITE_MAGIC, strict=False) if a == b)
    return len(head) == 16 and same >= 13
