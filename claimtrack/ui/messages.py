"""The error dialog every part of the interface shows (a leaf: imports Qt only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A non-blocking error dialog showing the message as plain text."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
