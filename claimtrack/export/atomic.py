"""Write a file so that a reader sees the old file or the new one, never half of one.

The content goes to a temporary file in the target's folder, is flushed and fsynced,
then replaces the target with ``os.replace`` (atomic on POSIX and Windows); the folder is
fsynced too where the OS allows. Any failure removes the temporary file and leaves the
previous export untouched.

A writer killed mid-export leaves its temporary ``.NAME.XXXXXXXX.part`` behind; the next
export of the same target removes such leftovers (:func:`remove_stale_parts`). A part is a
leftover only when no process holds its lock (POSIX ``flock``, held while it is written) and
it has not changed for a while, so a concurrent export of the same file is never harmed.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from claimtrack.domain import ClaimTrackError
from claimtrack.paths import fsync_folder as _fsync_folder

try:  # POSIX; on Windows an open part can't be deleted anyway, so age alone decides
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STALE_AFTER = 120.0  # seconds without a change before an unlocked part counts as left over
_RANDOM = re.compile(r"[a-z0-9_]{8}")  # what tempfile.mkstemp puts between prefix and suffix


class ExportError(ClaimTrackError):
    """The export could not be written (folder missing, disk full, no permission …)."""


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write(stream)`` on a temporary file, then move it over ``path``."""
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name to export to.")
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist.")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"Cannot write into {folder}: {exc.strerror or exc}.") from exc
    temp = Path(temp_name)
    _hold(fd)  # ours while we write: a concurrent export's cleanup leaves it alone
    remove_stale_parts(target, keep=temp)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise ExportError(f"Could not write {target}: {exc.strerror or exc}.") from exc
        raise
    _fsync_folder(folder)
    return target


def _hold(fd: int) -> None:
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _is_part_of(name: str, target: Path) -> bool:
    prefix, suffix = f".{target.name}.", ".part"
    if not (name.startswith(prefix) and name.endswith(suffix)):
        return False
    return bool(_RANDOM.fullmatch(name[len(prefix) : -len(suffix)]))


def remove_stale_parts(target: Path, *, keep: Path | None = None) -> list[Path]:
    """Remove the parts interrupted exports of ``target`` left beside it; return them.

    Only parts of this very target (same name, mkstemp's pattern), unchanged for
    :data:`STALE_AFTER` seconds and not locked by a live writer. Failures are ignored:
    cleaning up must never stop the export the user asked for.
    """
    folder = target.parent if str(target.parent) else Path(".")
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not _is_part_of(entry.name, target) or (keep is not None and entry.path == str(keep)):
            continue
        part = Path(entry.path)
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                continue
            fd = os.open(part, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a live writer holds it
            part.unlink()
            removed.append(part)
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed
