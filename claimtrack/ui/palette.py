"""The style and, under Fusion, light and dark palettes that follow the system's scheme."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

# The styles Qt ships as the look of these platforms (the keys of QStyleFactory, lowercase).
NATIVE_STYLES = {"win32": {"windows11", "windowsvista"}, "darwin": {"macos"}}


def dark_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#dfe1e5")
    for r, c in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor("#26282b")),
        (role.ToolTipBase, window),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor("#8c9096")),
        (role.Text, text),
        (role.Button, window),
        (role.ButtonText, text),
        (role.BrightText, QColor("#ff6b6b")),
        (role.Light, QColor("#3c3f41")),
        (role.Midlight, QColor("#35373a")),
        (role.Mid, QColor("#4a4d50")),
        (role.Dark, QColor("#151617")),
        (role.Shadow, QColor("#000000")),
        (role.Highlight, QColor("#2f65ca")),
        (role.HighlightedText, QColor("#ffffff")),
        (role.Link, QColor("#6ea8fe")),
        (role.LinkVisited, QColor("#b197fc")),
    ):
        p.setColor(r, c)
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#6f737a"))
    return p


def use_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    if scheme == Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())


def style_to_force(platform: str, current: str, available: Iterable[str]) -> str | None:
    """ "Fusion" where the platform's own style is missing, else None (keep Qt's choice).

    ``platform`` is ``sys.platform``, ``current`` the name of the style Qt picked and
    ``available`` ``QStyleFactory.keys()``. Windows and macOS keep their native style
    whenever Qt has it (a bundle without the style plugin falls back to Fusion). Elsewhere
    Qt picks what the desktop's platform theme asks for (Breeze under KDE, for one), and
    Fusion itself when there is none; only its last resort, the bare "Windows" style that
    looks native nowhere, is replaced.
    """
    native = NATIVE_STYLES.get(platform)
    if native is not None:
        return None if native & {key.lower() for key in available} else "Fusion"
    return "Fusion" if current.lower() in ("", "windows") else None


def apply_palette(app: QApplication) -> None:
    """The platform's own style where Qt has it, else Fusion (style_to_force). Under
    Fusion, ClaimTrack's palettes: dark when the system says dark, following later
    changes; a native style keeps the platform's own colours, dark mode included."""
    style = style_to_force(sys.platform, app.style().name(), QStyleFactory.keys())
    if style is not None:
        app.setStyle(style)
    if app.style().name().lower() != "fusion":
        return
    hints = QGuiApplication.styleHints()
    use_scheme(app, hints.colorScheme())
    hints.colorSchemeChanged.connect(lambda scheme: use_scheme(app, scheme))
