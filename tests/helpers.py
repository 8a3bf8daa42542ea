"""What many tests need: the real program run as a user runs it, and its one-line errors.

One place for them, so a change to how ClaimTrack is started (or what a clear failure
looks like) is made once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_claimtrack(
    *args: str, env: dict[str, str] | None = None, timeout: float = 180, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """``python -m claimtrack ARGS`` from the repository, offscreen, never raising."""
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        **kwargs,
    )


def one_clear_line(result: subprocess.CompletedProcess[str], needle: str) -> str:
    """Assert the run failed the way a user should see: exit 2, one line, no traceback."""
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert needle in lines[0], lines[0]
    return lines[0]


def profile(folder: Path, editor: str = "Rina") -> dict[str, str]:
    """Environment for a fresh user: their own data and config folders and name."""
    return {
        "CLAIMTRACK_DATA_DIR": str(folder / "data"),
        "CLAIMTRACK_CONFIG_DIR": str(folder / "config"),
        "CLAIMTRACK_EDITOR": editor,
    }


def sample_desk(folder: Path) -> tuple[Path, dict[str, str]]:
    """A database holding the sample dossier, made by the real `claimtrack sample`."""
    env = profile(folder)
    db = folder / "desk.sqlite"
    made = run_claimtrack("sample", "--db", str(db), env=env)
    assert made.returncode == 0, made.stderr
    return db, env
