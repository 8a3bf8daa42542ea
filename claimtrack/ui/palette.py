"""Light and dark palettes that follow the system's colour scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


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


def apply_palette(app: QApplication) -> None:
    """Fusion everywhere, dark when the system says dark; follows later changes."""
    app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    use_scheme(app, hints.colorScheme())
    hints.colorSchemeChanged.connect(lambda scheme: use_scheme(app, scheme))
