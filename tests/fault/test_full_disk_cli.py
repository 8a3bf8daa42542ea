"""Issue 15: `claimtrack generate` into a database on a full disk ended in a 40-line
SQLAlchemy traceback. Now: one line, exit 2, and the file still healthy.

Two real full disks: a file-size limit (RLIMIT_FSIZE, as tests/fault/test_full_disk.py
uses), and, where the kernel lets an unprivileged user mount one, a 1 MB tmpfs that SQLite
finds full (ENOSPC, "database or disk is full"), exactly as an editor's disk would be.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fault.conftest import FIGURES, ROOT

LIMITED = """
import resource, signal, sys
limit = int(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from claimtrack.cli import main
sys.exit(main(sys.argv[2:]))
"""


GENERATE_FEW = ["generate", "--claims", "20", "--articles", "2"]
GENERATE_MANY = ["generate", "--claims", "5000", "--articles", "40"]


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMTRACK_LOG_DIR": str(tmp_path / "logs")}


def _assert_one_line(stderr: str) -> str:
    assert "Traceback" not in stderr and "[SQL:" not in stderr, stderr
    lines = [line for line in stderr.replace("\r", "\n").splitlines() if line.strip()]
    # Only generate's own progress counter ("1,000/5,000 claims") comes before it.
    assert all(line.endswith(" claims") for line in lines[:-1]), stderr
    return lines[-1]


def _healthy(path: Path) -> tuple[str, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("SELECT count(*) FROM claim").fetchone()[0],
        )
    finally:
        conn.close()


def test_generate_into_a_file_at_its_size_limit_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "claims.sqlite"
    made = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(db), *GENERATE_FEW],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    before = _healthy(db)
    limit = db.stat().st_size + 200_000  # room for a little; 5,000 claims do not fit
    result = subprocess.run(
        [sys.executable, "-c", LIMITED, str(limit), "--db", str(db), *GENERATE_MANY],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    line = _assert_one_line(result.stderr)
    assert line.startswith("claimtrack: ") and str(db) in line
    assert "full" in line or "too large" in line
    state, claims = _healthy(db)
    assert state == "ok" and claims >= before[1]
    checked = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(db), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    FIGURES["faults injected (real RLIMIT_FSIZE: generate through the CLI)"] += 1


INTEGRITY = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "print(c.execute('PRAGMA integrity_check').fetchone()[0])"
)
ON_TMPFS = """
set -e
mount -t tmpfs -o size=1m tmpfs "$1"
export CLAIMTRACK_LOG_DIR="$1/../logs"
"$2" -m claimtrack --db "$1/claims.sqlite" generate --claims 20 --articles 2 2>/dev/null
set +e
"$2" -m claimtrack --db "$1/claims.sqlite" generate --claims 5000 --articles 40
echo "exit=$?" >&2
"$2" -c "$INTEGRITY" "$1/claims.sqlite"
"""


def test_generate_onto_a_really_full_disk_is_one_line(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        pytest.skip("needs Linux's unshare(1) to mount a small tmpfs")
    probe = subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "true"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip("this kernel does not let an unprivileged user mount a tmpfs")
    disk = tmp_path / "small"
    disk.mkdir()
    here = [str(disk), sys.executable]
    result = subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", ON_TMPFS, "sh", *here],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**_env(tmp_path), "INTEGRITY": INTEGRITY},
        timeout=180,
        check=False,
    )
    err, _, status = result.stderr.rpartition("exit=")
    assert status.strip() == "2", result.stderr
    line = _assert_one_line(err)
    assert "is full" in line and "claims.sqlite" in line, line
    assert result.stdout.strip().splitlines()[-1] == "ok", result.stdout
    FIGURES["faults injected (real ENOSPC on a 1 MB tmpfs: generate through the CLI)"] += 1
