"""Help ▸ User Guide: the bundled guide in the interface language, and About with the
licence and versions."""

from __future__ import annotations

import platform
import sqlite3

from PySide6.QtCore import QUrl, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from claimtrack import __version__
from claimtrack.ui.i18n import installed_language, resource_dir, source_resources


def guide_path(language: str | None = None) -> QUrl | None:
    """The guide's Markdown for ``language`` (default: the one installed), English fallback."""
    language = language or installed_language()
    folders = [resource_dir() / "guide"]
    source = source_resources()
    if source is not None:
        folders.append(source / "guide")
    for folder in folders:
        for name in (f"guide_{language}.md", "guide_en.md"):
            if (folder / name).is_file():
                return QUrl.fromLocalFile(str(folder / name))
    return None


class GuideDialog(QDialog):
    """A QTextBrowser showing the Markdown guide; its screenshots load from beside it."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User Guide"))
        self.resize(820, 700)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        url = guide_path(language)
        if url is None:
            self.browser.setPlainText(self.tr("The user guide is not installed."))
        else:
            self.browser.setSource(url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


def versions() -> dict[str, str]:
    """What About shows: ClaimTrack and the versions of what it runs on."""
    import PySide6
    import sqlalchemy

    return {
        "ClaimTrack": __version__,
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "SQLite": sqlite3.sqlite_version,
        "SQLAlchemy": sqlalchemy.__version__,
    }


def about_text() -> str:
    """The About box's plain text (the lead shows it with QMessageBox.about or similar)."""
    from PySide6.QtCore import QCoreApplication

    intro = QCoreApplication.translate(
        "About",
        "Track the attributed claims in news stories: who says what, through whom, "
        "and what is true.",
    )
    licence = QCoreApplication.translate(
        "About",
        "Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later). "
        "You may share and change ClaimTrack on its terms; it comes with no warranty.",
    )
    lines = [f"{name} {version}" for name, version in versions().items()]
    return f"{lines[0]}\n\n{intro}\n\n{licence}\n\n" + "\n".join(lines[1:])
