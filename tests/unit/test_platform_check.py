"""The X11 check before Qt starts: the right packages named, only when Qt would use xcb."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from claimtrack.ui import platform_check as pc

ROOT = Path(__file__).resolve().parents[2]
DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
UBUNTU = "ID=ubuntu\nID_LIKE=debian\n"
FEDORA = "ID=fedora\n"
ARCH = "ID=arch\n"


def _plugin_files() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    return [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]


def test_the_list_covers_what_the_installed_plugin_needs() -> None:
    """A PySide6 bump that adds a library to the plugin fails here, not on a user's desk."""
    readelf = shutil.which("readelf")
    files = [f for f in _plugin_files() if f.is_file()]
    if readelf is None or not files:
        pytest.skip("needs readelf (binutils) and the Linux PySide6 wheel")
    needed: set[str] = set()
    for file in files:
        out = subprocess.run([readelf, "-d", str(file)], capture_output=True, text=True).stdout
        needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out))
    runtime = {"libc.so.6", "libm.so.6", "libgcc_s.so.1", "libstdc++.so.6"}
    system = {n for n in needed if not n.startswith("libQt6")} - runtime
    assert system <= set(pc.LIBRARIES), sorted(system - set(pc.LIBRARIES))


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nograb;offscreen"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),  # no display: Qt says that itself
        ({"DISPLAY": ":0"}, "darwin", False),
        ({"DISPLAY": ":0"}, "win32", False),
    ],
)
def test_only_when_qt_would_pick_xcb(environ: dict, platform: str, expected: bool) -> None:
    assert pc.uses_xcb(environ, platform) is expected


def test_debian_and_ubuntu_get_one_apt_line() -> None:
    missing = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    for release in (DEBIAN, UBUNTU):
        line = pc.install_advice(missing, release)
        assert "\n" not in line
        assert line.endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"), (
            line
        )
        assert "dnf" not in line


def test_fedora_gets_one_dnf_line_without_duplicates() -> None:
    line = pc.install_advice(
        ["libxcb-randr.so.0", "libxcb-shape.so.0", "libxcb-icccm.so.4"], FEDORA
    )
    assert line.endswith("sudo dnf install libxcb xcb-util-wm"), line
    assert "apt-get" not in line


def test_another_distribution_gets_both_commands_on_one_line() -> None:
    line = pc.install_advice(["libxkbcommon-x11.so.0"], ARCH)
    assert "\n" not in line
    assert "apt-get install libxkbcommon-x11-0 (Debian/Ubuntu)" in line
    assert "dnf install libxkbcommon-x11 (Fedora)" in line


def test_missing_follows_what_the_linker_finds() -> None:
    gone = {"libxcb-keysyms.so.1", "libGL.so.1"}
    assert pc.missing_libraries(lambda name: name not in gone) == [
        "libxcb-keysyms.so.1",
        "libGL.so.1",
    ]
    assert pc.missing_libraries(lambda name: True) == []


def test_present_libraries_are_found_for_real() -> None:
    """The real loader finds a library every Linux with Qt has (libxcb itself)."""
    if not Path("/usr/lib").exists() or shutil.which("ldconfig") is None:
        pytest.skip("not a Linux system")
    found = "libxcb.so.1" not in pc.missing_libraries()
    listed = (
        "libxcb.so.1" in subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    )
    assert found == listed


def test_the_deb_depends_on_and_the_readme_names_every_package() -> None:
    build_deb = (ROOT / "packaging" / "build_deb.sh").read_text(encoding="utf-8")
    assert "debian_packages()" in build_deb  # Depends is generated from LIBRARIES
    quick_start = (
        (ROOT / "README.md").read_text(encoding="utf-8").split("## Working at the desk")[0]
    )
    for package in pc.debian_packages():
        assert package in quick_start, package
