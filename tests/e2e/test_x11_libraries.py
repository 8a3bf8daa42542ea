"""The real program on an X11 desktop that lacks the xcb libraries: one line, exit 2."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.ui.platform_check import LIBRARIES

pytestmark = pytest.mark.e2e


def _missing_by_ldd() -> list[str]:
    """What the dynamic linker cannot find for Qt's xcb plugin, asked independently (ldd)."""
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if shutil.which("ldd") is None or not plugin.is_file():
        pytest.skip("needs ldd and the Linux PySide6 wheel")
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    return sorted(set(re.findall(r"^\s*(\S+) => not found", out, re.MULTILINE)))


def test_missing_xcb_libraries_are_named_with_the_install_line(tmp_path: Path) -> None:
    missing = _missing_by_ldd()
    if not missing:
        pytest.skip("every xcb library is installed here; the unit tests cover the message")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "CLAIMTRACK_SKIP_X11_CHECK")
    }
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=":99")  # no server needed: we stop before it
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(tmp_path / "desk.sqlite")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert (
        "Traceback" not in result.stderr and "Could not load the Qt platform" not in result.stderr
    )
    for name in missing:
        assert name in lines[0]
    packages = sorted({LIBRARIES[name][0] for name in missing})
    if Path("/etc/debian_version").exists():
        assert lines[0].endswith("sudo apt-get install " + " ".join(packages)), lines[0]
    assert not (tmp_path / "desk.sqlite").exists()  # nothing was opened
