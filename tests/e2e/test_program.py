"""The real program, started as a user starts it, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import run_claimtrack

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def claimtrack(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_claimtrack(*args, env=env)


@pytest.fixture
def profile(tmp_path: Path) -> dict[str, str]:
    return {
        "CLAIMTRACK_DATA_DIR": str(tmp_path / "data"),
        "CLAIMTRACK_CONFIG_DIR": str(tmp_path / "config"),
    }


def test_first_start_on_the_default_database_offers_the_sample(profile, tmp_path) -> None:
    result = claimtrack("--self-test", "--db", "default", env=profile)
    assert result.returncode == 0, result.stderr
    default = tmp_path / "data" / "claims.claimtrack"
    assert f"0 claim(s) listed from {default}; sample offered" in result.stdout
    assert default.is_file()


def test_sample_from_the_cli_then_the_window_lists_it(profile, tmp_path) -> None:
    db = tmp_path / "desk.sqlite"
    assert claimtrack("sample", "--db", str(db), env=profile).returncode == 0
    result = claimtrack("--self-test", "--db", str(db), env=profile)
    assert result.returncode == 0, result.stderr
    assert f"7 claim(s) listed from {db}" in result.stdout
    assert "sample offered" not in result.stdout


def test_self_test_on_a_broken_database_fails_cleanly(profile, tmp_path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00garbage" * 100)
    result = claimtrack("--self-test", "--db", str(bad), env=profile)
    assert result.returncode == 1
    assert "not a ClaimTrack database" in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_start_opens_the_default_database(profile, tmp_path) -> None:
    """`claimtrack` with no arguments: the GUI starts and creates the default database."""
    process = subprocess.Popen(
        [sys.executable, "-m", "claimtrack"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **profile},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    default = tmp_path / "data" / "claims.claimtrack"
    try:
        deadline = time.monotonic() + 60
        while not default.exists() and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)  # polling another process's progress; no Qt event loop here
        assert default.exists()
        assert process.poll() is None  # still running: the window is up
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=30)
    assert "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"meeting notes, not a database\n" * 50, None])
def test_claimtrack_file_that_is_not_a_database_is_one_line_and_exit_2(
    profile, tmp_path, content
) -> None:
    """`claimtrack FILE` (the file manager's open) on an empty file, a text file or a
    folder: the README's promise, exit 2 and one line, before any window or Qt message."""
    target = tmp_path / "notes.claimtrack"
    if content is None:
        target.mkdir()
    else:
        target.write_bytes(content)
    result = claimtrack(str(target), env=profile)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimtrack: "), result.stderr
    assert str(target) in lines[0]
    assert result.stdout == ""
    if content is not None:
        assert target.read_bytes() == content  # never written into
