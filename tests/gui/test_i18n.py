"""The Indonesian interface: menus, dialogs, status and verdict names, dates and numbers.

The translators are installed on the real application and removed again after each test,
so the other tests keep their English texts.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMenu

from claimtrack.ui import i18n
from claimtrack.ui.labels import status_label, verdict_label

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "claimtrack_id.ts"
# Words spelt the same in both languages, allowed to stay as they are.
SAME_IN_BOTH = {"Status", "Tag:", "Filter", "Host", "TLS", "A4", "Letter", "Port"}


@pytest.fixture(scope="module", autouse=True)
def _built() -> None:
    subprocess.run([sys.executable, "scripts/build_translations.py"], cwd=ROOT, check=True)


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[QApplication]:
    saved = QLocale()
    assert i18n.install_language(qapp, "id") == "id"
    yield qapp
    i18n.install_language(qapp, "en")
    QLocale.setDefault(saved)


def _english_sources(context: str) -> set[str]:
    root = ET.parse(TS).getroot()
    return {
        (m.findtext("source") or "").replace("&", "")
        for c in root.iter("context")
        if c.findtext("name") == context
        for m in c.iter("message")
    }


def _menu_texts(window) -> list[str]:
    texts = []
    for action in window.menuBar().actions():
        texts.append(action.text())
        menu: QMenu | None = action.menu()
        if menu is not None:
            texts += [a.text() for a in menu.actions() if not a.isSeparator() and a.text()]
    return texts


def test_the_ts_file_has_no_unfinished_entry_and_plurals_are_filled() -> None:
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 300
    for message in messages:
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (
            message.findtext("source")
        )
        if message.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.iter("numerusform")]
            assert forms and all("%n" in f for f in forms), message.findtext("source")
        else:
            assert (translation.text or "").strip(), message.findtext("source")
        source = message.findtext("source") or ""
        for placeholder in set(re.findall(r"%\d", source)):
            text = "".join(translation.itertext())
            assert placeholder in text, (source, text)


def test_the_menus_have_no_english_left(indonesian, make_window) -> None:
    window = make_window(size=None)
    english = _english_sources("MainWindow")
    texts = _menu_texts(window)
    assert "&Berkas" in texts and "&Sunting" in texts and "Ban&tuan" in texts
    left = [t for t in texts if t.replace("&", "") in english - SAME_IN_BOTH]
    assert left == []
    from PySide6.QtCore import Qt

    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Klaim"


def test_a_dialog_is_indonesian(indonesian, qtbot) -> None:
    from claimtrack.settings import Settings
    from claimtrack.ui.dialogs.connect import ConnectDialog, Credentials

    dialog = ConnectDialog(Settings(), Credentials(use_keyring=False))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Sambung ke basis data tim"
    english = _english_sources("ConnectDialog") - SAME_IN_BOTH
    from PySide6.QtWidgets import QAbstractButton, QLabel

    shown = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    assert [t for t in shown if t.replace("&", "") in english] == []


def test_status_and_verdict_names_are_indonesian(indonesian, services) -> None:
    statuses = [status_label(s.key, s.label) for s in services.catalog.statuses()]
    verdicts = [verdict_label(r.key, r.label) for r in services.catalog.ratings()]
    assert statuses == ["Belum ditinjau", "Sedang dikerjakan", "Perlu persetujuan", "Selesai"]
    assert "Salah" in verdicts and "Akurat" in verdicts and "Menyesatkan" in verdicts
    assert not {"Unreviewed", "Done", "False", "Accurate"} & set(statuses + verdicts)


def test_a_label_the_newsroom_chose_is_shown_as_typed(indonesian) -> None:
    assert status_label("done", "Terbit") == "Terbit"
    assert verdict_label("false", "Hoaks") == "Hoaks"
    assert status_label("fact_checked", "Fact-checked") == "Fact-checked"


def test_switching_back_to_english_at_run_time(indonesian, make_window) -> None:
    window = make_window(size=None)
    assert window.menuBar().actions()[0].text() == "&Berkas"
    i18n.install_language(indonesian, "en")
    assert i18n.installed_language() == "en"
    assert status_label("done", "Done") == "Done"
    assert window.tr("&File") == "&File"  # what a retranslate hook re-reads
    i18n.install_language(indonesian, "id")
    assert window.tr("&File") == "&Berkas"
    assert i18n.installed_language() == "id"


def test_the_window_renames_itself_when_the_language_changes(
    indonesian, qtbot, make_window
) -> None:
    window = make_window(size=None)
    menus = lambda: [a.text() for a in window.menuBar().actions()]  # noqa: E731
    assert menus()[:2] == ["&Berkas", "&Sunting"]
    i18n.install_language(indonesian, "en")
    qtbot.waitUntil(lambda: menus()[:2] == ["&File", "&Edit"])
    assert window.actions_.quit.text() == "&Quit"
    assert window.filterbar.status.itemText(0) == "Any status"
    assert window.detail.tabs.tabText(1) == "Notes"
    i18n.install_language(indonesian, "id")
    qtbot.waitUntil(lambda: menus()[0] == "&Berkas")
    assert window.actions_.quit.text() != "&Quit"
    assert window.detail.tabs.tabText(1) != "Notes"


def test_dates_and_numbers_follow_the_language(indonesian) -> None:
    from datetime import date

    assert i18n.format_number(12345.5, 1) == "12.345,5"
    assert "Desember" in i18n.format_date(date(2026, 12, 3), long=True)
    i18n.install_language(indonesian, "en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert i18n.format_number(12345.5, 1) == "12,345.5"
    assert "December" in i18n.format_date(date(2026, 12, 3), long=True)


def test_the_guide_opens_in_the_language_with_its_screenshots(indonesian, qtbot) -> None:
    from PySide6.QtGui import QTextDocument

    from claimtrack.ui.dialogs.guide import GuideDialog, about_text

    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Panduan Pengguna"
    text = dialog.browser.toPlainText()
    assert "Panduan pengguna ClaimTrack" in text
    images = dialog.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, dialog.browser.source().resolved("desk.png")
    )
    assert images is not None and not images.isNull()
    english = GuideDialog(language="en")
    qtbot.addWidget(english)
    assert "ClaimTrack user guide" in english.browser.toPlainText()
    about = about_text()
    for name in ("Python", "Qt", "PySide6", "SQLite", "SQLAlchemy"):
        assert name in about
    assert "Lacak klaim" in about


def test_about_names_the_licence_in_indonesian(indonesian) -> None:
    from claimtrack.ui.dialogs.guide import about_text

    about = about_text()
    assert "Lisensi: GNU General Public License, versi 3" in about
    assert "GPL-3.0-or-later" in about
    assert "tanpa jaminan" in about
