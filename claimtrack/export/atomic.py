"""Write a file so that a reader sees the old file or the new one, never half of one.

The content goes to a temporary file in the target's folder, is flushed and fsynced,
then replaces the target with ``os.replace`` (atomic on POSIX and Windows); the folder is
fsynced too where the OS allows. Any failure removes the temporary file and leaves the
previous export untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from claimtrack.domain import ClaimTrackError
from claimtrack.paths import fsync_folder as _fsync_folder


class ExportError(ClaimTrackError):
    """The export could not be written (folder missing, disk full, no permission …)."""


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> Path:
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
