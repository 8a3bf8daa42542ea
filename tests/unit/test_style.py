"""Fusion only where the platform's own style is missing (claimtrack/ui/palette.py)."""

from __future__ import annotations

from claimtrack.ui.palette import style_to_force

WINDOWS_KEYS = ["windows11", "windowsvista", "Windows", "Fusion"]
MAC_KEYS = ["macOS", "Windows", "Fusion"]
LINUX_KEYS = ["Windows", "Fusion"]


def test_windows_and_macos_keep_their_native_style() -> None:
    assert style_to_force("win32", "windows11", WINDOWS_KEYS) is None
    assert style_to_force("win32", "windowsvista", ["windowsvista", "Windows", "Fusion"]) is None
    assert style_to_force("darwin", "macOS", MAC_KEYS) is None


def test_windows_and_macos_without_their_style_plugin_get_fusion() -> None:
    assert style_to_force("win32", "Windows", LINUX_KEYS) == "Fusion"
    assert style_to_force("darwin", "Fusion", LINUX_KEYS) == "Fusion"


def test_linux_keeps_the_style_its_desktop_theme_chose() -> None:
    assert style_to_force("linux", "Breeze", ["Breeze", *LINUX_KEYS]) is None
    assert style_to_force("linux", "kvantum", ["kvantum", *LINUX_KEYS]) is None
    assert style_to_force("linux", "fusion", LINUX_KEYS) is None  # Qt's own pick already


def test_linux_without_a_native_style_gets_fusion_not_the_bare_windows_one() -> None:
    assert style_to_force("linux", "Windows", LINUX_KEYS) == "Fusion"
    assert style_to_force("freebsd14", "windows", LINUX_KEYS) == "Fusion"
    assert style_to_force("linux", "", LINUX_KEYS) == "Fusion"
