"""Qt's own strings in the Indonesian interface: standard buttons, the file and colour
dialogs, input and message boxes, the menus of text fields, spin boxes and scroll bars.

Qt ships no Indonesian qtbase translation; ClaimTrack's own (resources/translations/
qtbase_id.ts) fills in. Each test walks dialogs the app shows, the way it shows them (the
modal ones through the app's own code, closed again from a timer), and checks two things:

* no text a user can see (buttons and their tooltips, labels, menu entries, list headers,
  combo items, window titles) is one of the English Qt strings;
* a translator installed *under* all of the app's records every lookup nobody answered:
  none may come from Qt's contexts (except key names and file types; see ``MISSES_ALLOWED``).
"""

from __future__ import annotations

import functools
import struct
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QLibraryInfo, QLocale, QPoint, Qt, QTimer, QTranslator
from PySide6.QtGui import QAction, QContextMenuEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QScrollBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from claimtrack.ui import i18n
from tests.conftest import SCREENSHOTS
from tests.gui.conftest import open_and_wait, save_shot

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
QT_TS = TRANSLATIONS / "qtbase_id.ts"
# Lookups allowed to fall through: key names in shortcuts ("Ctrl+S", "Del": what the keys of
# keyboards sold in Indonesia say) and file types, which the system's shared-mime-info
# database describes in Indonesian itself (Qt asks its own catalogue only for the rest).
MISSES_ALLOWED = {"QShortcut", "QMimeType"}


def _messages(ts: Path) -> list[tuple[str, str, str, str]]:
    """(context, source, comment, translation) of every message in a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()) if translation is not None else ""
            found.append(
                (name, message.findtext("source") or "", message.findtext("comment") or "", text)
            )
    return found


def _plain(text: str) -> str:
    return text.replace("&", "").strip()


QT_MESSAGES = _messages(QT_TS)
# English Qt texts a user could meet, and their Indonesian: the ones spelt the same in both
# ("OK", "Alias", "%p%", "Alt+Left") prove nothing either way.
ENGLISH = {_plain(s) for _c, s, _m, t in QT_MESSAGES if _plain(s) != _plain(t)}
INDONESIAN = {_plain(t) for _c, s, _m, t in QT_MESSAGES if _plain(s) != _plain(t)}


def _qm_messages(path: Path) -> set[tuple[str, str]]:
    """(context, source) of a compiled .qm file: Qt's own catalogues keep both."""
    data = path.read_bytes()
    position, messages = 16, b""
    while position < len(data):  # blocks: tag byte, big-endian length, body
        tag, length = data[position], struct.unpack(">I", data[position + 1 : position + 5])[0]
        if tag == 0x69:
            messages = data[position + 5 : position + 5 + length]
        position += 5 + length
    found, current, at = set(), {}, 0
    while at < len(messages):
        tag = messages[at]
        at += 1
        if tag == 1:  # end of one message
            found.add((current.get(7, ""), current.get(6, "")))
            current = {}
        elif tag in (3, 6, 7, 8):  # translation, source, context, comment
            length = struct.unpack(">I", messages[at : at + 4])[0]
            at += 4
            if length != 0xFFFFFFFF:
                if tag != 3:
                    current[tag] = messages[at : at + length].decode("utf-8")
                at += length
        elif tag == 5:  # obsolete hash
            at += 4
        else:
            raise ValueError(f"{path.name}: unknown tag {tag}")
    return found


@functools.cache
def qt_catalogue() -> frozenset[tuple[str, str]]:
    """Every (context, source) of Qt's own shipped qtbase catalogues."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    catalogues = sorted(folder.glob("qtbase_*.qm"))
    assert len(catalogues) > 10
    return frozenset(set().union(*(_qm_messages(path) for path in catalogues)))


class Misses(QTranslator):
    """Installed first, so Qt asks it last: sees exactly the lookups no one translated."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        self.seen.add((context, source))
        return None

    def isEmpty(self) -> bool:
        return False

    def from_qt(self) -> set[tuple[str, str]]:
        """The misses that are Qt's own interface strings: Qt's catalogue has them, under a
        widget, GUI class or platform theme. (PySide's ``self.tr`` also tries the app's
        strings under each Qt base class: the app's catalogue's business, tested elsewhere;
        loaders' internal errors such as QLibrary's, met while probing plugins, never show.)"""
        qt = qt_catalogue()
        return {
            (c, s)
            for c, s in self.seen
            if (c, s) in qt
            and c not in MISSES_ALLOWED
            and (hasattr(QtWidgets, c) or hasattr(QtGui, c) or c.endswith("Theme"))
        }


@pytest.fixture(scope="module", autouse=True)
def _built() -> None:
    subprocess.run([sys.executable, "scripts/build_translations.py"], cwd=ROOT, check=True)


def _language(app: QApplication, code: str) -> Iterator[Misses]:
    saved = QLocale()
    misses = Misses()
    app.installTranslator(misses)
    assert i18n.install_language(app, code) == code
    misses.seen.clear()  # the lookups made while the translators went in one by one
    yield misses
    i18n.install_language(app, "en")
    app.removeTranslator(misses)
    QLocale.setDefault(saved)


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[Misses]:
    yield from _language(qapp, "id")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[Misses]:
    yield from _language(qapp, "en")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the file dialogs open in (the app passes "", the working directory)."""
    here = tmp_path / "desk"
    (here / "drafts").mkdir(parents=True)
    (here / "story.txt").write_text("Menteri mengatakan harga turun.\n", encoding="utf-8")
    (here / "claims.sqlite").write_bytes(b"")
    monkeypatch.chdir(here)
    return here


def shown_texts(root: QWidget) -> list[str]:
    """Every text of ``root`` a user can read: titles, buttons and tooltips, labels, menus."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractButton):
            texts += [widget.text(), widget.toolTip()]
        elif isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount(widget.rootIndex()))
            ]
            rows = min(model.rowCount(widget.rootIndex()), 50)
            texts += [str(model.index(r, 0, widget.rootIndex()).data() or "") for r in range(rows)]
    for action in [*root.actions(), *root.findChildren(QAction)]:
        texts += [action.text().split("\t")[0], action.toolTip()]
    return [t for t in texts if t]


def english_in(texts: list[str]) -> list[str]:
    """The texts that are an English Qt string (or start with one such as "Show ")."""
    prefixes = tuple(e for e in ENGLISH if e.endswith(" "))
    return sorted(
        {t for t in texts if _plain(t) in ENGLISH or (prefixes and t.startswith(prefixes))}
    )


def while_open(
    trigger: Callable[[], object],
    *,
    popup: bool = False,
    then: Callable[[QWidget], None] | None = None,
) -> list[str]:
    """Run ``trigger``, which opens a modal dialog (or a popup menu) and waits for it; read
    the texts of what it opened, run ``then`` on it, close it. Polls from timers: no sleep."""
    found: list[str] = []
    failed: list[BaseException] = []
    state = {"done": False}

    def look() -> None:
        if state["done"]:
            return
        shown = QApplication.activePopupWidget() if popup else QApplication.activeModalWidget()
        if shown is None or not shown.isVisible() or (found and not popup):
            QTimer.singleShot(5, look)
            return
        try:
            found.extend(shown_texts(shown))
            if then is not None:
                then(shown)
        except BaseException as exc:  # re-raised once the dialog is closed
            failed.append(exc)
        finally:
            if isinstance(shown, QDialog):
                shown.reject()
            else:
                shown.close()

    QTimer.singleShot(0, look)
    trigger()
    if popup and not found and QApplication.activePopupWidget() is not None:
        look()  # a menu shown with popup(), not exec(): it is open now
    state["done"] = True
    if failed:
        raise failed[0]
    assert found, "nothing opened"
    return found


def context_menu(widget: QWidget) -> list[str]:
    """The texts of the menu a right click on ``widget`` opens (it runs its own loop)."""
    point = QPoint(4, 4)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, widget.mapToGlobal(point))
    return while_open(lambda: QApplication.sendEvent(widget, event), popup=True)


def standard_menu(widget: QLineEdit | QTextEdit | QPlainTextEdit) -> list[str]:
    menu = widget.createStandardContextMenu()
    actions = [a for a in menu.actions() if not a.isSeparator()]
    for action in menu.actions():
        if action.menu() is not None:
            actions += action.menu().actions()
    texts = [a.text().split("\t")[0] for a in actions]  # "&Salin\tCtrl+C": the entry
    menu.deleteLater()
    return texts


# ------------------------------------------------------------------ the catalogue itself
def test_every_entry_is_translated_and_is_a_string_qt_really_asks_for() -> None:
    """Contexts and sources must be Qt's to the letter, or the entry silently never applies:
    each one is checked against the catalogues Qt itself ships (built from its sources)."""
    assert len(QT_MESSAGES) > 150
    known = qt_catalogue()
    assert ("QPlatformTheme", "Cancel") in known
    unknown = [(c, s) for c, s, _m, _t in QT_MESSAGES if (c, s) not in known]
    assert unknown == []
    for context, source, _comment, translation in QT_MESSAGES:
        assert translation.strip(), (context, source)
        for placeholder in ("%1", "%2", "%p"):
            assert (placeholder in source) == (placeholder in translation), (source, translation)
        if source.count("&") == 1:  # a mnemonic stays a mnemonic
            assert translation.count("&") == 1, (source, translation)
    assert (ROOT / "claimtrack" / "i18n" / "qtbase_id.qm").is_file()


def test_the_mnemonics_of_one_menu_do_not_clash(indonesian) -> None:
    for widget in (QLineEdit(), QPlainTextEdit()):
        keys = [t[t.index("&") + 1].lower() for t in standard_menu(widget) if "&" in t]
        assert len(keys) == len(set(keys)), keys


# ------------------------------------------------------------------ the app's own dialogs
def test_the_apps_dialogs_have_indonesian_buttons(indonesian, qtbot, sample, db_path) -> None:
    from claimtrack.domain import ClaimFilter, DamagedDatabaseError
    from claimtrack.extract.extractor import extract_claims
    from claimtrack.services import Services
    from claimtrack.services.merge import FieldConflict
    from claimtrack.settings import Settings
    from claimtrack.store import open_store
    from claimtrack.ui.dialogs.backups import DamagedDialog, RestoreDialog
    from claimtrack.ui.dialogs.conflict import ConflictDialog
    from claimtrack.ui.dialogs.connect import ConnectDialog, Credentials
    from claimtrack.ui.dialogs.export import ExportDialog
    from claimtrack.ui.dialogs.guide import GuideDialog
    from claimtrack.ui.dialogs.preferences import PreferencesDialog
    from claimtrack.ui.lock import LockedDialog, LockHolder
    from claimtrack.ui.mainwindow import show_error
    from claimtrack.ui.review import EditProposalDialog
    from claimtrack.ui.tasks import TaskRunner
    from claimtrack.ui.widgets.detail import RowDialog

    article = "Menteri Keuangan mengatakan inflasi turun menjadi 2 persen tahun ini."
    claim = sample.claims.create(sample.articles.create("Inflasi", article).id, article[:40]).id
    mine = sample.claims.get(claim)
    other = Services(open_store(db_path), "Dimas")
    try:
        other.claims.update_merging(claim, other.claims.get(claim), {"notes": "theirs"})
        with pytest.raises(FieldConflict) as caught:
            sample.claims.update_merging(claim, mine, {"notes": "mine"})
    finally:
        other.store.close()
    runner = TaskRunner()
    proposals = extract_claims('"Harga beras turun," kata Menteri Perdagangan di Jakarta.')
    assert proposals
    dialogs: list[QWidget] = [
        PreferencesDialog(Settings(), sample),
        ConnectDialog(Settings(), Credentials(use_keyring=False)),
        ConflictDialog(caught.value),
        RestoreDialog(db_path, runner, lambda: None),
        DamagedDialog(DamagedDatabaseError("damaged", db_path), runner),
        LockedDialog(db_path, LockHolder(pid=4321, host="meja-2", app="ClaimTrack")),
        ExportDialog(sample, runner, claim_filter=ClaimFilter()),
        EditProposalDialog(proposals[0], article),
        RowDialog("evidence", ["Menteri"]),
        RowDialog("reply", ["Menteri"]),
        GuideDialog(),
        show_error(None, "Tidak dapat membuka", "Berkas terkunci."),
    ]
    left: dict[str, list[str]] = {}
    try:
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            texts = shown_texts(dialog)
            assert texts
            if english_in(texts):
                left[type(dialog).__name__] = english_in(texts)
        buttons = [
            b.text() for d in dialogs for b in d.findChildren(QAbstractButton) if b.isVisible()
        ]
        assert {"Batal", "Simpan", "OK", "Tutup"} <= set(buttons)  # Save: the conflict dialog
    finally:
        runner.wait()
    assert left == {}
    assert indonesian.from_qt() == set()


def test_the_windows_message_and_input_boxes_are_indonesian(
    indonesian, qtbot, make_window, db_path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    shown = while_open(window.save_filter)  # QInputDialog.getText
    assert "Batal" in shown and not english_in(shown)
    shown = while_open(window.ask_editor_name)
    assert "Batal" in shown and not english_in(shown)
    partial = types.SimpleNamespace(conflicted=[1, 2])  # only its size is shown
    shown = while_open(lambda: window._confirm_partial(partial))  # QMessageBox.question
    assert {"&Ya", "&Tidak"} <= set(shown) and not english_in(shown)
    window._about()
    [about] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert not english_in(shown_texts(about))
    about.close()
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Simpan perubahan?",
        "Dokumen ini belum disimpan.",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        window,
    )
    box.setDetailedText("Rincian teknis")
    qtbot.addWidget(box)
    box.show()
    texts = [b.text() for b in box.buttons()]
    assert {"Simpan", "Buang", "Batal", "Tampilkan Detail..."} <= set(texts)
    assert indonesian.from_qt() == set()
    save_shot(box, "i18n-qt-messagebox-id.png")  # (writing a PNG asks QImageWriter's texts)


def test_the_file_dialogs_are_indonesian_as_the_app_opens_them(
    indonesian, qtbot, make_window, db_path, folder
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    replace: list[str] = []
    shots: list[QPixmap] = []

    def overwrite(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        view = dialog.findChild(QAbstractItemView, "listView")  # Qt's own, not the system's
        assert view is not None
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 2, timeout=10_000)
        dialog.findChild(QLineEdit, "fileNameEdit").setText("claims.sqlite")
        shots.append(dialog.grab())
        # "claims.sqlite already exists. Do you want to replace it?" — answered No.
        replace.extend(while_open(dialog.accept))

    for trigger in (window._choose_import, window._choose_open):
        shown = while_open(trigger)
        assert "&Cari di:" in shown or "Cari di:" in shown
        assert "&Buka" in shown and "Batal" in shown
        assert any(t.startswith("Artikel (") or t.startswith("Basis data") for t in shown)
        assert english_in(shown) == []
    shown = while_open(window._choose_new, then=overwrite)
    assert "&Simpan" in shown and "&Nama berkas:" in shown and "Kembali" in shown
    assert {"Nama", "Ukuran", "Tanggal Diubah"} <= set(shown)
    assert english_in(shown) == []
    assert any("sudah ada" in t for t in replace), replace
    assert {"&Ya", "&Tidak"} <= set(replace) and english_in(replace) == []
    assert indonesian.from_qt() == set()
    SCREENSHOTS.mkdir(exist_ok=True)  # saved last: writing a PNG asks QImageWriter's texts
    assert shots[0].save(str(SCREENSHOTS / "i18n-qt-filedialog-id.png"))


def test_the_colour_and_export_save_dialogs_are_indonesian(
    indonesian, qtbot, sample, folder
) -> None:
    from claimtrack.domain import ClaimFilter
    from claimtrack.settings import Settings
    from claimtrack.ui.dialogs.export import ExportDialog
    from claimtrack.ui.dialogs.preferences import PreferencesDialog, ScaleEditor
    from claimtrack.ui.tasks import TaskRunner

    preferences = PreferencesDialog(Settings(), sample)
    qtbot.addWidget(preferences)
    preferences.show()
    scale = preferences.findChildren(ScaleEditor)[0]
    scale.table.selectRow(0)
    shown = while_open(scale.choose_colour)  # QColorDialog.getColor
    assert {"Warna &dasar", "&Merah:", "Batal"} <= set(shown) and english_in(shown) == []
    runner = TaskRunner()
    try:
        export = ExportDialog(sample, runner, claim_filter=ClaimFilter())
        qtbot.addWidget(export)
        export.show()
        assert "Dokumen PDF" in shown_texts(export)
        shown = while_open(export.choose_path)
        assert "&Simpan" in shown and english_in(shown) == []
    finally:
        runner.wait()
    assert indonesian.from_qt() == set()


# A popup menu on the offscreen platform: it cannot grab the keyboard or raise the window.
@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise)")
def test_text_field_spin_box_and_scroll_bar_menus_are_indonesian(indonesian, qtbot) -> None:
    from claimtrack.settings import Settings
    from claimtrack.ui.dialogs.guide import GuideDialog
    from claimtrack.ui.dialogs.preferences import PreferencesDialog

    preferences = PreferencesDialog(Settings())
    guide = GuideDialog()
    for dialog in (preferences, guide):
        qtbot.addWidget(dialog)
        dialog.show()
    menu = standard_menu(preferences.editor)
    assert {"&Urungkan", "Po&tong", "&Salin", "Tem&pel", "Hapus", "Pilih Semua"} <= set(menu)
    assert english_in(menu) == []
    text_menu = standard_menu(QPlainTextEdit("Klaim"))
    assert "Tem&pel" in text_menu and english_in(text_menu) == []
    browser_menu = standard_menu(guide.browser)
    assert "&Salin" in browser_menu and english_in(browser_menu) == []
    spin = preferences.findChildren(QAbstractSpinBox)[0]
    spin_menu = context_menu(spin)
    assert "Na&ikkan" in spin_menu and "Tu&runkan" in spin_menu and english_in(spin_menu) == []
    bar = guide.browser.verticalScrollBar()
    assert isinstance(bar, QScrollBar)
    bar_menu = context_menu(bar)
    assert "Gulir ke sini" in bar_menu and english_in(bar_menu) == []
    progress = QProgressDialog()  # for long work that shows Qt's own progress box
    qtbot.addWidget(progress)
    assert [b.text() for b in progress.findChildren(QAbstractButton)] == ["Batal"]
    assert indonesian.from_qt() == set()


# ------------------------------------------------------------------ English stays English
def test_the_english_interface_keeps_qts_english(english, qtbot, make_window, db_path, folder):
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    shown = while_open(window._choose_new)
    assert "&Save" in shown and "Cancel" in shown and "File &name:" in shown
    assert "All files (*)" in shown  # the app's own filter, in English too
    shown += while_open(lambda: window._confirm_partial(types.SimpleNamespace(conflicted=[1])))
    assert "&Yes" in shown and "&No" in shown
    shown += standard_menu(QLineEdit())
    assert "&Copy" in shown
    indonesian = sorted({t for t in shown if _plain(t) in INDONESIAN - ENGLISH})
    assert indonesian == []


def test_switching_language_in_preferences_swaps_qts_strings_too(
    qapp, qtbot, make_window, db_path
) -> None:
    """Preferences ▸ Language, at run time: an open dialog's standard buttons follow, the
    next file dialog is Indonesian, and English comes back without a restart."""
    from claimtrack.settings import Settings
    from claimtrack.ui.dialogs.connect import ConnectDialog, Credentials

    saved = QLocale()
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    other = ConnectDialog(Settings(), Credentials(use_keyring=False))
    qtbot.addWidget(other)
    other.show()
    cancel = other.buttons.button(other.buttons.StandardButton.Cancel)

    def choose(code: str) -> None:
        window.open_preferences()
        preferences = window.preferences_dialog
        preferences.language.setCurrentIndex(preferences.language.findData(code))
        with qtbot.waitSignal(preferences.languageChosen):
            preferences.buttons.button(preferences.buttons.StandardButton.Ok).click()

    try:
        assert cancel.text() == "Cancel"
        choose("id")
        assert i18n.installed_language() == "id"
        qtbot.waitUntil(lambda: cancel.text() == "Batal")
        shown = while_open(window._choose_open)
        assert "&Buka" in shown and english_in(shown) == []
        choose("en")
        assert i18n.installed_language() == "en"
        qtbot.waitUntil(lambda: cancel.text() == "Cancel")
        shown = while_open(window._choose_open)
        assert "&Open" in shown and "Cancel" in shown and "&Look in:" in shown
        assert QApplication.translate("QPlatformTheme", "Discard") == "Discard"
    finally:
        i18n.install_language(qapp, "en")
        QLocale.setDefault(saved)
