"""A crash Python cannot report itself (a fault in Qt or another native library) still
leaves its traceback in the log folder: faulthandler, enabled as the window starts its log."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The GUI's own log start (claimtrack/app.py, run after the first paint), then a real
# segmentation fault from a function of ours, so the dump has a frame to name.
_CRASH = """
import faulthandler
from claimtrack.app import _start_log

def handle_a_click():
    faulthandler._sigsegv()

_start_log()
handle_a_click()
"""


def _no_core_dump() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def test_a_segmentation_fault_is_written_to_the_log_folder(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    env["CLAIMTRACK_LOG_DIR"] = str(logs)
    died = subprocess.run(
        [sys.executable, "-c", _CRASH],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_no_core_dump,
    )
    assert died.returncode != 0
    dump = (logs / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in dump
    assert "in handle_a_click" in dump  # the Python traceback of the thread that died
    assert "Fatal Python error" not in died.stderr  # the file got it, not a lost terminal
    assert "claimtrack-gui" in (logs / "claimtrack.log").read_text(encoding="utf-8")


def test_a_crash_file_grown_too_big_is_moved_aside(tmp_path: Path, monkeypatch) -> None:
    import faulthandler

    from claimtrack import logs

    monkeypatch.setenv("CLAIMTRACK_LOG_DIR", str(tmp_path))
    big = tmp_path / "crash.log"
    big.write_text("x" * (logs.MAX_BYTES + 1))
    was_enabled = faulthandler.is_enabled()
    try:
        assert logs.enable_crash_dump() == big
        assert faulthandler.is_enabled()
        assert big.stat().st_size == 0
        assert (tmp_path / "crash.log.1").stat().st_size == logs.MAX_BYTES + 1
    finally:
        # Hand faulthandler back to pytest's own (stderr) before the file closes.
        faulthandler.enable(sys.__stderr__) if was_enabled else faulthandler.disable()
        logs._state.pop("crash").close()
