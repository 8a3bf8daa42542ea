"""Before Qt starts on X11: are the system libraries its xcb plugin loads present?

Qt >= 6.5's X11 plugin needs a dozen xcb libraries a plain Debian or Fedora desktop may
lack; without them Qt prints "Could not load the Qt platform plugin xcb ... Reinstalling
the application may fix this problem" and aborts, naming nothing to install. This check
runs before the QApplication (no Qt import: ctypes only) and names the packages instead.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

# What libqxcb.so and libQt6XcbQpa.so.6 of the PySide6 wheels list as NEEDED (readelf -d),
# less Qt's own libraries and the C/C++ runtime; with the package that ships each on
# Debian/Ubuntu and on Fedora. tests/unit/test_platform_check.py compares it with the
# plugin installed.
LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
}


def debian_packages() -> list[str]:
    """Every Debian package the X11 window needs (the .deb's Depends, the README's line)."""
    return sorted({deb for deb, _ in LIBRARIES.values()})


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt would pick its X11 plugin: Linux, a DISPLAY, no other platform asked for."""
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "")
    first = requested.split(";", 1)[0].split(":", 1)[0].strip()
    if first:
        return first == "xcb"
    # Unset: Qt prefers Wayland in a Wayland session.
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" or environ.get("WAYLAND_DISPLAY")
    return not wayland


def _loads(name: str, folders: Iterable[Path]) -> bool:
    try:
        ctypes.CDLL(name)
        return True
    except OSError:
        pass
    # A bundle may carry some of them beside Qt's own libraries.
    for folder in folders:
        try:
            ctypes.CDLL(str(folder / name))
            return True
        except OSError:
            continue
    return False


def _bundled_folders() -> list[Path]:
    folders = []
    if getattr(sys, "frozen", False):
        folders.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)))
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "Qt" / "lib")
    return folders


def missing_libraries(loads: Callable[[str], bool] | None = None) -> list[str]:
    """The sonames of LIBRARIES the dynamic linker cannot find, in LIBRARIES' order."""
    if loads is None:
        folders = _bundled_folders()
        return [name for name in LIBRARIES if not _loads(name, folders)]
    return [name for name in LIBRARIES if not loads(name)]


def _distribution(os_release: str) -> str:
    """'debian', 'fedora' or '' from the text of /etc/os-release."""
    words: set[str] = set()
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            words.update(value.strip().strip("\"'").lower().split())
    if words & {"debian", "ubuntu"}:
        return "debian"
    if words & {"fedora", "rhel", "centos"}:
        return "fedora"
    return ""


def install_advice(missing: Iterable[str], os_release: str) -> str:
    """One line: what is missing and the one install command that brings it."""
    names = list(missing)
    debian = sorted({LIBRARIES[n][0] for n in names})
    fedora = sorted({LIBRARIES[n][1] for n in names})
    apt = "sudo apt-get install " + " ".join(debian)
    dnf = "sudo dnf install " + " ".join(fedora)
    family = _distribution(os_release)
    fix = {"debian": apt, "fedora": dnf}.get(family, f"{apt} (Debian/Ubuntu) or {dnf} (Fedora)")
    return (
        "claimtrack: cannot open a window on this X11 desktop: missing system libraries "
        f"{', '.join(names)}; install them with: {fix}"
    )


def require_x11_libraries() -> None:
    """Exit 2 with the install line if Qt's X11 plugin would fail to load; else nothing."""
    if os.environ.get("CLAIMTRACK_SKIP_X11_CHECK") or not uses_xcb(os.environ):
        return
    missing = missing_libraries()
    if not missing:
        return
    try:
        os_release = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        os_release = ""
    print(install_advice(missing, os_release), file=sys.stderr)
    raise SystemExit(2)
