"""The interface language: Qt translators for ClaimTrack and Qt's own dialogs, swapped at
run time, plus locale-aware dates and numbers.

Qt's own strings (standard buttons, the file and colour dialogs, text-field menus) come from
Qt's ``qtbase_<lang>.qm`` where Qt ships one, and from ClaimTrack's ``qtbase_<lang>.qm``
(resources/translations/qtbase_id.ts) for Indonesian, which Qt does not translate.

``install_language(app, code)`` removes the translators it installed before and installs
the new ones; Qt then sends ``QEvent.LanguageChange`` to every widget, whose
``changeEvent`` re-sets its texts (``retranslate`` hooks). ``code`` "" follows the system.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("en", "id")
_installed: list[QTranslator] = []


def resource_dir() -> Path:
    """Built resources (translations, guide, icon): package data in ``claimtrack/i18n``,
    next to the package's modules in an install and inside a PyInstaller bundle."""
    return Path(__file__).resolve().parent.parent / "i18n"


def source_resources() -> Path | None:
    """The repository's ``resources/`` folder when running from a checkout, else None."""
    if getattr(sys, "frozen", False):
        return None
    folder = Path(__file__).resolve().parents[2] / "resources"
    return folder if folder.is_dir() else None


def resolve(code: str) -> str:
    """The language to use for a setting value: "" means the system locale's language."""
    if code in LANGUAGES:
        return code
    return "id" if QLocale.system().language() == QLocale.Language.Indonesian else "en"


def install_language(app: QCoreApplication, code: str) -> str:
    """Swap the interface to ``code`` ("", "en" or "id"); returns the language in use.

    A missing .qm (translations not built) leaves the English source texts: the app still
    works, in English.
    """
    language = resolve(code)
    while _installed:
        app.removeTranslator(_installed.pop())
    locale = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    if language == "en":
        # English words with the system's formats, unless the system itself is Indonesian.
        locale = QLocale.system()
        if locale.language() == QLocale.Language.Indonesian:
            locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    QLocale.setDefault(locale)
    if language != "en":
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"claimtrack_{language}", str(resource_dir())),):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
        qt_translator = QTranslator(app)
        if qt_translator.load(locale, "qtbase", "_", qt_folder):
            app.installTranslator(qt_translator)
            _installed.append(qt_translator)
        # Qt ships no qtbase_id: ClaimTrack's own covers the buttons, the file and colour
        # dialogs and the text fields' menus. Installed last, so it is asked first; what it
        # lacks falls through to Qt's (should Qt ever ship one) and then to English.
        own_qt = QTranslator(app)
        if own_qt.load(f"qtbase_{language}", str(resource_dir())):
            app.installTranslator(own_qt)
            _installed.append(own_qt)
    return language


def installed_language() -> str:
    """The language whose ClaimTrack translator is installed ("en" when none is)."""
    for translator in _installed:
        name = Path(translator.filePath()).stem
        if name.startswith("claimtrack_"):
            return name.removeprefix("claimtrack_")
    return "en"


def format_date(value: date | datetime, long: bool = False) -> str:
    """A date (with time for datetimes) in the interface language's own format."""
    locale = QLocale()
    style = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    if isinstance(value, datetime):
        return locale.toString(value.astimezone() if value.tzinfo else value, style)
    return locale.toString(value, style)


def format_number(value: float, decimals: int = 0) -> str:
    """``12345.6`` → "12,345.6" in English, "12.345,6" in Indonesian."""
    locale = QLocale()
    if decimals == 0 and float(value).is_integer():
        return locale.toString(int(value))
    return locale.toString(float(value), "f", decimals)
