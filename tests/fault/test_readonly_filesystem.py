"""Issue 15: a database on a read-only filesystem could not be read even with --read-only
(the advice the error gave), and `check` called it UNREADABLE.

A real read-only mount: inside a private mount namespace (``unshare``), a folder holding a
WAL-mode ClaimTrack database is bind-mounted read-only, and the real program runs there.
Nothing outside the namespace sees the mount, and nothing needs root.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fault.conftest import FIGURES, ROOT

# Runs inside the namespace: mount, then run each command and report what it did.
DRIVER = r"""
import json, os, subprocess, sys
src, ro, commands = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
subprocess.run(["mount", "--bind", src, ro], check=True)
subprocess.run(["mount", "-o", "remount,bind,ro", ro], check=True)
out = []
for args in commands:
    r = subprocess.run([sys.executable, "-m", "claimtrack", *args], capture_output=True, text=True)
    out.append({"args": args, "code": r.returncode, "stdout": r.stdout, "stderr": r.stderr})
print(json.dumps(out))
"""


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture(scope="module")
def unshare() -> str:
    tool = shutil.which("unshare")
    if tool is None or sys.platform != "linux":
        pytest.skip("needs Linux's unshare(1) to mount a folder read-only")
    probe = subprocess.run(
        [tool, "--user", "--map-root-user", "--mount", "true"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip("this kernel does not let an unprivileged user make a mount namespace")
    return tool


def _run_read_only(
    unshare: str, tmp_path: Path, commands: list[list[str]]
) -> tuple[Path, list[dict]]:
    """Make a sample database, mount its folder read-only, run ``commands`` on it."""
    src = tmp_path / "src"
    src.mkdir()
    mounted = tmp_path / "ro"
    mounted.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMTRACK_LOG_DIR": str(tmp_path / "logs")}
    subprocess.run(
        [sys.executable, "-m", "claimtrack", "sample", "--db", str(src / "desk.sqlite")],
        env=env,
        check=True,
        capture_output=True,
    )
    # A clean close leaves no -wal/-shm: exactly the case SQLite cannot read without help.
    assert sorted(p.name for p in src.iterdir()) == ["desk.sqlite"]
    before = _digest(src)
    db = str(mounted / "desk.sqlite")
    filled = [[a.replace("{db}", db) for a in args] for args in commands]
    result = subprocess.run(
        [
            *(unshare, "--user", "--map-root-user", "--mount", sys.executable, "-c", DRIVER),
            *(str(src), str(mounted), json.dumps(filled)),
        ],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert _digest(src) == before, "a command changed a file on the read-only mount"
    FIGURES["faults injected (read-only filesystem: real program on a read-only mount)"] += len(
        commands
    )
    return mounted, json.loads(result.stdout)


def _no_traceback(run: dict) -> None:
    assert "Traceback" not in run["stderr"], run["stderr"]


def test_read_commands_work_on_a_read_only_filesystem(unshare: str, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    _mounted, runs = _run_read_only(
        unshare,
        tmp_path,
        [
            ["list", "--db", "{db}"],
            ["list", "--read-only", "--db", "{db}", "--format", "jsonl"],
            ["--read-only", "list", "--db", "{db}", "--search", "Maduro"],
            ["export", "--db", "{db}", "--format", "md", "-o", str(out)],
            ["check", "--db", "{db}"],
            ["backup", "--db", "{db}", "-o", str(tmp_path / "copy.sqlite")],
        ],
    )
    listed, jsonl, searched, exported, checked, backed_up = runs
    for run in runs:
        _no_traceback(run)
    # Without --read-only a read command opens read-only by itself there.
    assert listed["code"] == 0 and "7 claim(s)" in listed["stdout"], listed
    assert jsonl["code"] == 0
    assert len([json.loads(line) for line in jsonl["stdout"].splitlines()]) == 7
    assert searched["code"] == 0 and "Maduro" in searched["stdout"], searched
    assert exported["code"] == 0, exported
    assert "Reuters" in out.read_text(encoding="utf-8")
    assert checked["code"] == 0, checked
    assert "UNREADABLE" not in checked["stdout"] and "Verdict: healthy" in checked["stdout"]
    assert backed_up["code"] == 0, backed_up
    assert (tmp_path / "copy.sqlite").stat().st_size > 0


def test_writing_commands_say_the_folder_is_read_only(unshare: str, tmp_path: Path) -> None:
    _mounted, runs = _run_read_only(
        unshare,
        tmp_path,
        [["sample", "--db", "{db}"], ["import", "--db", "{db}", str(ROOT / "README.md")]],
    )
    for run in runs:
        _no_traceback(run)
        assert run["code"] == 2, run
        lines = [line for line in run["stderr"].splitlines() if line.strip()]
        assert len(lines) == 1 and "read-only" in lines[0], run["stderr"]


def test_the_window_opens_it_read_only_and_says_so(unshare: str, tmp_path: Path) -> None:
    _mounted, (shown,) = _run_read_only(unshare, tmp_path, [["--self-test", "--db", "{db}"]])
    assert shown["code"] == 0, shown["stderr"]
    assert "7 claim(s) listed from" in shown["stdout"]
    assert "(read-only)" in shown["stdout"], shown["stdout"]
