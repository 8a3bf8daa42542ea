"""Interrupted exports leave ``.NAME.XXXXXXXX.part`` files; the next export of the same
target removes them, and only them: never a live writer's part, a fresh one, or a part of
another file. The leftovers here are made by really killing the command line mid-export."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimtrack.export.atomic import STALE_AFTER, remove_stale_parts

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and signals")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _parts(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f".{name}.*.part"))


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("parts") / "desk.sqlite"
    done = _cli(
        "generate", "--db", str(db), "--claims", "20000", "--articles", "200", cwd=db.parent
    )
    assert done.returncode == 0, done.stderr
    return db


def _killed_export(db: Path, out: Path) -> Path:
    """Start a real export and SIGKILL it once its part exists; return the part left."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claimtrack",
            "export",
            "--db",
            str(db),
            "--format",
            "html",
            "-o",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not _parts(out.parent, out.name):
            assert proc.poll() is None, "the export ended before its part could be seen"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    (part,) = _parts(out.parent, out.name)
    return part


def test_a_later_export_removes_what_a_killed_one_left(big_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    part = _killed_export(big_db, out)
    assert not out.exists()
    _age(part, STALE_AFTER + 60)  # as if the editor came back later
    other = tmp_path / ".other.html.abcd1234.part"  # another file's leftover
    other.write_bytes(b"x")
    _age(other, STALE_AFTER + 60)
    done = _cli("export", "--db", str(big_db), "--format", "csv", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    assert _parts(tmp_path, out.name) == []
    assert other.exists()


def test_a_fresh_part_and_a_locked_part_are_left_alone(tmp_path: Path) -> None:
    import fcntl

    target = tmp_path / "claims.xlsx"
    fresh = tmp_path / ".claims.xlsx.fresh123.part"
    held = tmp_path / ".claims.xlsx.held1234.part"
    stale = tmp_path / ".claims.xlsx.stale123.part"
    lookalike = tmp_path / ".claims.xlsx.backup.part"  # not mkstemp's pattern
    for path in (fresh, held, stale, lookalike):
        path.write_bytes(b"half a file")
    for path in (held, stale, lookalike):
        _age(path, STALE_AFTER + 60)
    # A live writer in another process holds its part's lock, as atomic_write does.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys; f = open(sys.argv[1], 'rb+'); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
            str(held),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        removed = remove_stale_parts(target)
        assert removed == [stale]
        assert fresh.exists() and held.exists() and lookalike.exists()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # Once its writer is gone, the held part is a leftover like any other.
    assert remove_stale_parts(target) == [held]
    del fcntl
