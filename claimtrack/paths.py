"""Where ClaimTrack keeps its files, overridable for tests and portable installs.

``CLAIMTRACK_DATA_DIR``, ``CLAIMTRACK_CONFIG_DIR`` and ``CLAIMTRACK_LOG_DIR`` win over the
platform defaults, so a test (or an editor running from a USB stick) never touches the real
profile.
"""

from __future__ import annotations

import os
from pathlib import Path

from claimtrack import APP_NAME, ORG_NAME

# The app's own file type (packaging/linux registers application/x-claimtrack for it).
DEFAULT_DB_NAME = "claims.claimtrack"
# Earlier defaults, still opened when present so that an upgrade finds the user's data.
OLD_DEFAULT_DB_NAMES = ("claimtrack.sqlite",)


def data_dir() -> Path:
    override = os.environ.get("CLAIMTRACK_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, ORG_NAME))


def config_dir() -> Path:
    override = os.environ.get("CLAIMTRACK_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, ORG_NAME))


def log_dir() -> Path:
    """Where the log (claimtrack/logs.py) goes: ``CLAIMTRACK_LOG_DIR``; else, for a profile
    moved by ``CLAIMTRACK_DATA_DIR`` (portable, tests, benchmarks), its ``logs`` folder; else
    the platform's log folder."""
    override = os.environ.get("CLAIMTRACK_LOG_DIR")
    if override:
        return Path(override)
    data = os.environ.get("CLAIMTRACK_DATA_DIR")
    if data:
        return Path(data) / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, ORG_NAME))


def default_database() -> Path:
    """``claims.claimtrack`` in the data folder; but while only an earlier version's
    default (``claimtrack.sqlite``) is there, that one: it holds the editor's claims, and
    starting a new empty database beside it would look like losing them."""
    folder = data_dir()
    current = folder / DEFAULT_DB_NAME
    if current.exists():
        return current
    for name in OLD_DEFAULT_DB_NAMES:
        if (folder / name).is_file():
            return folder / name
    return current


def sqlite_file(target: str | Path | None) -> Path | None:
    """The file a database target names, or None for a server URL.

    Deliberately free of SQLAlchemy, so the window can take the file's lock before the
    data layer is imported (the store resolves targets the same way).
    """
    if target is None:
        return default_database()
    text = str(target)
    if "://" not in text:
        return Path(text).expanduser().absolute()
    scheme, _, rest = text.partition("://")
    if not scheme.startswith("sqlite"):
        return None
    rest = rest.split("?", 1)[0]
    if not rest.startswith("/") or rest in ("/", "/:memory:"):
        return None
    return Path(rest[1:]).expanduser().absolute()


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); best effort elsewhere.

    The file's own data is fsynced by the writer already; a folder that refuses fsync
    (some network and FUSE file systems, and Windows, which journals renames itself) must
    not turn a good write into an error.
    """
    if os.name != "posix":
        return
    import contextlib

    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
