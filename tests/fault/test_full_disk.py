"""RELIABILITY 3: a full disk at every single write, and a real file-size limit.

The sweep runs a backup (its fsync and rename; SQLite writes its pages, so a child process
meets a real file-size limit at 24 sizes of the copy instead) and exports in four formats
once to count their writes, fsyncs and renames, then again once per point with
``OSError(ENOSPC)`` injected exactly there. Each
time: a clear error (or, when only the folder fsync failed, a complete file), no temporary
file left, the earlier backup/export byte-for-byte intact, the database intact. A child
process under ``RLIMIT_FSIZE`` then meets a real limit in a backup, an export and a write
to the database itself.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimtrack.domain import StoreError
from claimtrack.services import Services
from claimtrack.store import backup as bk
from claimtrack.store import open_store
from tests.fault.conftest import FIGURES, ROOT


class DiskFull:
    """Stands in for the ``os`` module of one writer: fails the N-th write/fsync/rename."""

    def __init__(self, fail_at: int | None) -> None:
        self.fail_at = fail_at
        self.points = 0

    def tick(self, what: str) -> None:
        self.points += 1
        if self.points == self.fail_at:
            raise OSError(errno.ENOSPC, f"No space left on device ({what})")

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def write(self, fd: int, data: Any) -> int:
        self.tick("write")
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        self.tick("fsync")
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self.tick("rename")
        os.replace(src, dst)

    def fdopen(self, fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        return _FaultyFile(os.fdopen(fd, mode, *args, **kwargs), self)


class _FaultyFile:
    def __init__(self, raw: Any, disk: DiskFull) -> None:
        self._raw = raw
        self._disk = disk

    def write(self, data: Any) -> int:
        self._disk.tick("write")
        return self._raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def __enter__(self) -> _FaultyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _db_state(path: Path) -> tuple[str, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("SELECT count(*) FROM claim").fetchone()[0],
        )
    finally:
        conn.close()


@pytest.fixture
def database(db_path: Path) -> Iterator[Path]:
    from claimtrack.services.sample import load_sample

    store = open_store(db_path)
    load_sample(Services(store, "Ayu"))
    store.close()
    yield db_path


def test_a_full_disk_at_every_python_write_point_of_a_backup(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are written by SQLite (see the next test); the fsync and the rename are ours."""
    earlier = bk.back_up(database, "daily", rotate_after=False)
    earlier_digest = _digest(earlier.path)
    counter = DiskFull(None)
    monkeypatch.setattr(bk, "os", counter)
    clean = bk.back_up(database, "manual", rotate_after=False)
    total = counter.points
    clean.path.unlink()
    assert total >= 2, total
    for n in range(1, total + 1):
        monkeypatch.setattr(bk, "os", DiskFull(n))
        with pytest.raises(StoreError) as raised:
            bk.back_up(database, "manual", rotate_after=False)
        assert "disk is full" in str(raised.value), n
        assert "earlier backups are kept" in str(raised.value)
        assert [b.path for b in bk.list_backups(database, counts=False)] == [earlier.path]
        assert not list(database.parent.glob("*.part")), f"temporary file left at point {n}"
        assert _digest(earlier.path) == earlier_digest
    monkeypatch.setattr(bk, "os", os)
    assert _db_state(database) == ("ok", 7)
    FIGURES["faults injected (ENOSPC at the n-th fsync/rename of a backup)"] += total


SWEEP = """
import json, resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
from claimtrack.domain import ClaimTrackError
from claimtrack.store.backup import back_up
db = Path(sys.argv[1])
hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
out = []
for limit in json.loads(sys.argv[2]):
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))  # the soft limit: raised again
    try:
        back_up(db, "manual", rotate_after=False)
        out.append("written")
    except ClaimTrackError as exc:
        out.append(str(exc))
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
    out.append(sorted(p.name for p in db.parent.glob("*.part")))
print(json.dumps(out))
"""


def test_a_real_size_limit_at_every_step_of_a_backup(database: Path) -> None:
    """SQLite writes the copy in steps: a real limit (RLIMIT_FSIZE) at each of many sizes."""
    store = open_store(database)
    Services(store, "Ayu").articles.create("Besar", "Kalimat panjang tentang pelabuhan. " * 40000)
    store.close()
    earlier = bk.back_up(database, "daily", rotate_after=False)
    earlier_digest = _digest(earlier.path)
    size = database.stat().st_size
    # From 64 KiB: below that the limit also stops SQLite making the source's -shm file.
    floor = 64 * 1024
    limits = sorted({floor + (size - floor) * k // 24 for k in range(24)})
    result = subprocess.run(
        [sys.executable, "-c", SWEEP, str(database), json.dumps(limits)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    for limit, message, parts in zip(limits, out[::2], out[1::2], strict=True):
        assert "disk is full or the file is too large" in message, (limit, message)
        assert "earlier backups are kept" in message
        assert parts == [], f"temporary file left at a {limit}-byte limit"
    assert [b.path for b in bk.list_backups(database, counts=False)] == [earlier.path]
    assert _digest(earlier.path) == earlier_digest
    assert _db_state(database) == ("ok", 7)
    FIGURES["faults injected (real RLIMIT_FSIZE at each 1/24 of a backup)"] += len(limits)


@pytest.mark.parametrize("fmt", ["csv", "html", "md", "claimreview"])
def test_a_full_disk_at_every_write_of_an_export(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, fmt: str
) -> None:
    atomic = pytest.importorskip("claimtrack.export.atomic")
    from claimtrack.cli import main

    out = tmp_path / "exports"
    out.mkdir()
    target = out / f"report.{fmt}"
    target.write_bytes(b"the export from last week\n")
    args = ["--db", str(database), "export", "--format", fmt, "-o", str(target)]
    counter = DiskFull(None)
    monkeypatch.setattr(atomic, "os", counter)
    assert main(args) == 0
    good = target.read_bytes()
    total = counter.points
    assert total >= 3
    for n in range(1, total + 1):
        target.write_bytes(b"the export from last week\n")
        monkeypatch.setattr(atomic, "os", DiskFull(n))
        code = main(args)
        err = capsys.readouterr().err
        if code == 0:  # the folder fsync is best effort; the file is complete
            assert target.read_bytes() == good
        else:
            assert code == 2 and "Traceback" not in err and "No space left" in err
            assert target.read_bytes() == b"the export from last week\n"
        assert sorted(p.name for p in out.iterdir()) == [target.name], "temp file left"
    assert _db_state(database) == ("ok", 7)
    FIGURES["faults injected (ENOSPC at the n-th write/fsync/rename of an export)"] += total


LIMITED = """
import json, resource, signal, sys
from pathlib import Path
limit = int(sys.argv[2])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from claimtrack.domain import ClaimTrackError
from claimtrack.services import Services
from claimtrack.store import open_store
from claimtrack.store.backup import back_up
db = Path(sys.argv[1])
out = {}
try:
    back_up(db, "manual", rotate_after=False)
    out["backup"] = "written"
except ClaimTrackError as exc:
    out["backup"] = str(exc)
try:
    store = open_store(db)
    Services(store, "Ayu").articles.create("Besar", "Kalimat panjang tentang pelabuhan. " * 60000)
    out["write"] = "written"
except ClaimTrackError as exc:
    out["write"] = str(exc)
from claimtrack.cli import main
out["export"] = main(["--db", str(db), "export", "--format", "html", "-o", sys.argv[3]])
print(json.dumps(out))
"""


def test_a_real_file_size_limit_gives_clear_errors_and_loses_nothing(
    database: Path, tmp_path: Path
) -> None:
    from claimtrack.cli import main

    earlier = bk.back_up(database, "daily", rotate_after=False)
    earlier_digest = _digest(earlier.path)
    (tmp_path / "exports").mkdir()
    export = tmp_path / "exports" / "report.html"
    assert main(["--db", str(database), "export", "--format", "html", "-o", str(export)]) == 0
    export_digest = _digest(export)
    limit = database.stat().st_size // 2  # the database fits; a copy of it does not
    result = subprocess.run(
        [sys.executable, "-c", LIMITED, str(database), str(limit), str(export)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert "disk is full or the file is too large" in out["backup"]
    assert out["write"] != "written" and "Traceback" not in result.stderr
    assert "full" in out["write"] or "too large" in out["write"] or "disk" in out["write"]
    assert out["export"] in (0, 2)  # a small report may fit; a partial one never stays
    assert _digest(earlier.path) == earlier_digest
    assert [b.path for b in bk.list_backups(database, counts=False)] == [earlier.path]
    assert sorted(p.name for p in export.parent.iterdir()) == ["report.html"]
    assert not list(database.parent.glob("*.part"))
    if out["export"] == 2:
        assert _digest(export) == export_digest
    assert _db_state(database) == ("ok", 7)  # the failed article left no trace
    FIGURES["faults injected (real RLIMIT_FSIZE: backup, database write, export)"] += 3
