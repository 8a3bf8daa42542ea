"""``claimtrack backup [-o PATH]`` and ``claimtrack restore BACKUP``: File ▸ Back Up Now and
File ▸ Restore from Backup… for scripts and cron, through the very same code (store/backup.py).

A SQLite file is backed up into its own rotated backups (``-o`` writes one copy elsewhere
instead); a restore moves the current file aside, never deletes it. A PostgreSQL database
is the server's to back up: ``backup -o FILE`` runs ``pg_dump`` (custom format) when it is
installed, and both commands otherwise name the server's own tools.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

HELP = "back up a database into its rotated backups (or -o FILE); PostgreSQL: runs pg_dump"
RESTORE_HELP = "put a backup in place of the database; the current file is moved aside, kept"

_PG_TOOLS = (
    "ClaimTrack does not {what} a PostgreSQL database itself: the server's own tools do "
    "(pg_dump to back up, pg_restore to restore; see your server's documentation)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write the backup to this new file (or into this folder) instead of beside the "
        "database; for PostgreSQL, the pg_dump file to write",
    )


def run(args: Any) -> int:
    from claimtrack.domain import StoreError
    from claimtrack.store.engine import _resolve_sqlite_path

    path = _resolve_sqlite_path(args.db)
    output = Path(args.output).expanduser() if args.output else None
    if path is None:
        return _pg_dump(args.db, output)
    if not path.is_file():
        raise StoreError(f"{path} does not exist, so there is nothing to back up.")
    progress = _progress_printer()
    try:
        if output is None:
            from claimtrack.store.backup import back_up

            info = back_up(path, "manual", progress=progress)
            where, size, claims = info.path, info.size, info.claims or 0
        else:
            from claimtrack.store.backup import copy_database

            where = _output_file(path, output)
            claims = max(copy_database(path, where, progress=progress), 0)
            size = where.stat().st_size
    finally:
        _end_progress(progress)
    print(f"Backed up {claims} claim(s) to {where} ({human_size(size)}).")
    return 0


def _output_file(database: Path, output: Path) -> Path:
    """``-o``: a new file, or a fresh backup name inside a folder; never an existing file."""
    from claimtrack.domain import StoreError
    from claimtrack.store.backup import backup_path

    if output.is_dir():
        return backup_path(output.absolute() / database.name, "manual")
    if output.exists():
        raise StoreError(f"{output} exists already; give a new file name or a folder.")
    if not output.absolute().parent.is_dir():
        raise StoreError(f"The folder {output.absolute().parent} does not exist.")
    return output.absolute()


def add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", metavar="BACKUP", help="the backup file to restore")


def run_restore(args: Any) -> int:
    from claimtrack.domain import StoreError
    from claimtrack.store.backup import claim_count, restore_backup
    from claimtrack.store.engine import _resolve_sqlite_path

    path = _resolve_sqlite_path(args.db)
    if path is None:
        raise StoreError(_PG_TOOLS.format(what="restore") + ".")
    holder = _open_elsewhere(path)
    if holder:
        raise StoreError(f"{path.name} is open in ClaimTrack ({holder}); close it there first.")
    backup = Path(args.backup).expanduser().absolute()
    moved = restore_backup(backup, path)
    claims = claim_count(path) or 0
    kept = f"the file it replaced is kept as {moved}" if moved else "there was no file before"
    print(f"Restored {backup.name} ({claims} claim(s)) as {path}; {kept}.")
    return 0


def _open_elsewhere(database: Path) -> str | None:
    """Who holds the window's lock on ``database`` (ui/lock.py's QLockFile), if anyone alive.

    Read without Qt: the lock file's first lines are the process id, the application and
    the host. A lock whose process is gone on this host is stale and does not count.
    """
    import os
    import socket

    lock = database.with_name(f".{database.name}.lock")
    try:
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        return None
    host = lines[2] if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return f"process {pid} on {host}"
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass  # alive, someone else's
    return f"process {pid}"


# ---------------------------------------------------------------- PostgreSQL


def find_pg_dump() -> str | None:
    """``pg_dump`` on PATH, else the newest of Debian's versioned server folders."""
    import glob
    import re
    import shutil

    found = shutil.which("pg_dump")
    if found:
        return found

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path))

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), key=version)
    return candidates[-1] if candidates else None


def _pg_dump(url: str, output: Path | None) -> int:
    import os
    import subprocess

    from sqlalchemy.engine import URL, make_url

    from claimtrack.domain import StoreError
    from claimtrack.store.copy import safe_name

    tool = find_pg_dump()
    if tool is None:
        raise StoreError(_PG_TOOLS.format(what="back up") + "; pg_dump is not installed here.")
    if output is None:
        raise StoreError(
            "For a PostgreSQL database give -o FILE: pg_dump writes the backup there "
            "(custom format; pg_restore puts it back)."
        )
    if output.exists():
        raise StoreError(f"{output} exists already; give a new file name.")
    parsed = make_url(url)
    # libpq's own URL, without the driver name; the password goes by the environment,
    # never on a command line that `ps` shows.
    # (URL.set(password=None) keeps the password; URL.create with none leaves it out.)
    bare = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    libpq = bare.render_as_string(hide_password=False)
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    part = output.absolute().with_name(output.name + ".part")
    try:
        result = subprocess.run(
            [tool, "--format=custom", f"--file={part}", f"--dbname={libpq}"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            why = lines[-1].removeprefix("pg_dump: ") if lines else f"status {result.returncode}"
            raise StoreError(f"pg_dump could not back up {safe_name(url)}: {why}")
        fd = os.open(part, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(part, output)
    except OSError as exc:
        raise StoreError(f"Could not write {output}: {exc.strerror or exc}") from exc
    finally:
        part.unlink(missing_ok=True)
    size = human_size(output.stat().st_size)
    print(
        f"Backed up {safe_name(url)} to {output} ({size}) with pg_dump "
        "(custom format; restore with pg_restore)."
    )
    return 0


# ---------------------------------------------------------------- output


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError  # pragma: no cover


class _Progress:
    """Percent on stderr, twice a second, only on a terminal (a script sees one line)."""

    def __init__(self) -> None:
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if total and now - self.last > 0.5:
            self.last = now
            self.shown = True
            print(f"\rbacking up: {100 * done // total}%", end="", file=sys.stderr, flush=True)


def _progress_printer() -> _Progress | None:
    return _Progress() if sys.stderr.isatty() else None


def _end_progress(progress: _Progress | None) -> None:
    if progress is not None and progress.shown:
        print(file=sys.stderr)
