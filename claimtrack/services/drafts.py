"""Drafts: text an editor is typing, kept on disk until it is saved, so a crash loses nothing.

One small JSON file per database + claim + field in ``<data dir>/drafts``, replaced
atomically (write a temporary file, fsync, rename, fsync the folder) on every pause in
typing, deleted once the real save succeeds. A draft left behind by a process that is no
longer running is an *orphan*: the app offers it back on the next start. No Qt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from claimtrack import paths
from claimtrack.paths import fsync_folder as _fsync_folder

FORMAT = 1
_FIELD = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


@dataclass(frozen=True)
class Draft:
    """Unsaved text for one field of one claim, and what it would replace."""

    database: str
    claim_id: int
    field: str
    text: str
    original: str | None  # the saved value when editing began (to show what changes)
    base_version: int | None  # the claim's version then (to warn about a conflict)
    saved_at: datetime  # UTC
    pid: int
    path: Path


def database_key(database: str | Path) -> str:
    """The stable name of a database in drafts: a resolved path, or a URL as given."""
    text = str(database)
    if "://" in text:
        return text
    return str(Path(text).expanduser().resolve())


def _process_start(pid: int) -> str | None:
    """When ``pid`` started (Linux clock ticks since boot), to tell a reused PID apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[-1].split()[19]


def _alive(pid: int, started: str | None) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - no cheap, safe probe without psutil
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, but belongs to someone else
    if started is not None:
        return _process_start(pid) == started
    return True


class DraftStore:
    """Drafts of one user profile; ``folder`` defaults to ``<data dir>/drafts``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else paths.data_dir() / "drafts"
        self._started = _process_start(os.getpid())

    def _path(self, database: str | Path, claim_id: int, field: str) -> Path:
        if not _FIELD.match(field):
            raise ValueError(f"not a field name: {field!r}")
        digest = hashlib.sha256(database_key(database).encode("utf-8")).hexdigest()[:16]
        return self.folder / f"{digest}-{int(claim_id)}-{field}.json"

    def save(
        self,
        database: str | Path,
        claim_id: int,
        field: str,
        text: str,
        *,
        original: str | None = None,
        base_version: int | None = None,
    ) -> Draft:
        """Write the draft atomically: afterwards the file holds this text or, after a
        crash mid-write, the previous draft, never a mix."""
        target = self._path(database, claim_id, field)
        self.folder.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        payload = {
            "format": FORMAT,
            "database": database_key(database),
            "claim_id": int(claim_id),
            "field": field,
            "text": text,
            "original": original,
            "base_version": base_version,
            "saved_at": now.isoformat(),
            "pid": os.getpid(),
            "started": self._started,
        }
        # ASCII with \u escapes: any text (lone surrogates too) round-trips exactly.
        data = json.dumps(payload, ensure_ascii=True).encode("ascii")
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0))
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_folder(self.folder)
        return Draft(
            str(payload["database"]), int(claim_id), field, text, original, base_version, now,
            os.getpid(), target,
        )  # fmt: skip

    def load(self, database: str | Path, claim_id: int, field: str) -> Draft | None:
        return _read(self._path(database, claim_id, field))

    def discard(self, database: str | Path, claim_id: int, field: str) -> None:
        """Forget the draft (after a successful save, or when the editor declines it)."""
        with contextlib.suppress(FileNotFoundError):
            self._path(database, claim_id, field).unlink()

    def all(self, database: str | Path | None = None) -> list[Draft]:
        """Every readable draft (of ``database`` if given), oldest first."""
        if not self.folder.is_dir():
            return []
        key = database_key(database) if database is not None else None
        drafts = []
        for path in self.folder.glob("*.json"):
            draft = _read(path)
            if draft is not None and (key is None or draft.database == key):
                drafts.append(draft)
        drafts.sort(key=lambda d: d.saved_at)
        return drafts

    def list_orphans(self, database: str | Path | None = None) -> list[Draft]:
        """Drafts whose writer is gone (crashed or killed): the ones to offer back."""
        orphans = []
        for draft in self.all(database):
            raw = _raw(draft.path)
            started = raw.get("started") if raw else None
            if not _alive(draft.pid, started if isinstance(started, str) else None):
                orphans.append(draft)
        return orphans


def _raw(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read(path: Path) -> Draft | None:
    """The draft in ``path``; None if missing or unreadable (a foreign or broken file)."""
    data = _raw(path)
    if data is None or data.get("format") != FORMAT:
        return None
    try:
        return Draft(
            database=str(data["database"]),
            claim_id=int(data["claim_id"]),  # type: ignore[call-overload]
            field=str(data["field"]),
            text=str(data["text"]),
            original=None if data.get("original") is None else str(data["original"]),
            base_version=(
                None if data.get("base_version") is None else int(data["base_version"])  # type: ignore[call-overload]
            ),
            saved_at=datetime.fromisoformat(str(data["saved_at"])),
            pid=int(data["pid"]),  # type: ignore[call-overload]
            path=path,
        )
    except (KeyError, TypeError, ValueError):
        return None


__all__ = ["Draft", "DraftStore", "database_key"]
