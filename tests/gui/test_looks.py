"""How the main window looks at its default size, in English and Indonesian: the claim
table's main columns fit without scrolling and no filter menu clips its label."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QPoint, QTime, QTimer
from PySide6.QtWidgets import QApplication

from claimtrack.ui import i18n
from tests.gui.conftest import open_and_wait, save_shot

MAIN = ("text", "kind", "claimant", "status", "verdict", "via")


@pytest.fixture(params=["en", "id"])
def language(request, qapp: QApplication) -> Iterator[str]:
    saved = QLocale()
    assert i18n.install_language(qapp, request.param) == request.param
    yield request.param
    i18n.install_language(qapp, "en")
    QLocale.setDefault(saved)


@pytest.fixture
def sample_db(db_path):
    from claimtrack.services import Services
    from claimtrack.services.sample import load_sample
    from claimtrack.store import open_store

    store = open_store(db_path)
    load_sample(Services(store, "Ayu"))
    store.close()
    return db_path


def test_main_columns_fit_and_filter_labels_are_whole(qtbot, make_window, sample_db, language):
    from claimtrack.ui.models.claims import COLUMNS

    window = make_window()
    open_and_wait(qtbot, window, sample_db)
    qtbot.waitUntil(lambda: window.table.viewport().width() > 0)
    header = window.table.horizontalHeader()
    keys = [k for k, _ in COLUMNS]
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    assert {keys[i] for i in shown} >= set(MAIN)
    total = sum(header.sectionSize(i) for i in shown)
    assert total <= window.table.viewport().width()
    assert window.table.horizontalScrollBar().maximum() == 0
    # The claim itself keeps a readable width; the labelled columns hold their longest label.
    assert header.sectionSize(keys.index("text")) >= 80
    metrics = window.table.fontMetrics()
    for combo_owner, key in (
        (window.filterbar.verdict, "verdict"),
        (window.filterbar.status, "status"),
    ):
        longest = max(
            metrics.horizontalAdvance(combo_owner.itemText(i))
            for i in range(1, combo_owner.count())
        )
        assert header.sectionSize(keys.index(key)) >= longest
    bar = window.filterbar
    for combo in (bar.status, bar.verdict, bar.kind, bar.party, bar.tag, bar.assignee):
        fm = combo.fontMetrics()
        # The "any" entry always; the known lists (status, verdict, kind) every entry.
        count = combo.count() if combo in (bar.status, bar.verdict, bar.kind) else 1
        for i in range(count):
            combo.setCurrentIndex(i)
            needed = combo.sizeHint().width() if i == 0 else 0
            assert combo.width() >= fm.horizontalAdvance(combo.itemText(i)) + 20, combo.itemText(i)
            assert combo.width() >= min(needed, combo.width())
        combo.setCurrentIndex(0)
    save_shot(window, f"looks16_{language}.png")


@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise)")
def test_hidden_columns_come_back_from_the_header_menu(qtbot, make_window, sample_db):
    from claimtrack.ui.models.claims import COLUMNS

    window = make_window()
    open_and_wait(qtbot, window, sample_db)
    header = window.table.horizontalHeader()
    tags = [k for k, _ in COLUMNS].index("tags")
    assert header.isSectionHidden(tags)
    picked: list[str] = []

    def pick() -> None:
        from PySide6.QtWidgets import QMenu

        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            picked.append(action.text())
            if action.text() == "Tags":
                action.trigger()
        menu.close()

    QTimer.singleShot(0, pick)
    header.customContextMenuRequested.emit(QPoint(10, 5))
    assert "Claim" not in picked and {"Kind", "Verdict", "Tags", "Updated"} <= set(picked)
    assert not header.isSectionHidden(tags)


def test_history_shows_labels_and_dates_in_the_interface_language(
    qtbot, make_window, sample_db, language
):
    from datetime import datetime

    from claimtrack.services import Services
    from claimtrack.store import open_store

    store = open_store(sample_db)
    services = Services(store, "Ayu")
    claim = next(c for c in services.claims.list() if c.status != "in_progress")
    services.claims.update(claim.id, status="in_progress", verdict="mostly_false")
    store.close()

    window = make_window()
    open_and_wait(qtbot, window, sample_db)
    window.select_claim(claim.id)
    model = window.detail.history_model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    after = {row[2]: row[4] for row in rows}
    expected = {"en": ("In progress", "Mostly false"), "id": None}[language]
    assert "in_progress" not in after.values() and "mostly_false" not in after.values()
    status_text = window.detail.status.itemText(window.detail.status.findData("in_progress"))
    assert after["status"] == status_text
    if expected:
        assert (after["status"], after["verdict"]) == expected
    else:
        assert after["status"] != "In progress"
    # The date is the locale's short format, not a fixed pattern.
    moment = QLocale().toDateTime(rows[0][0], QLocale.FormatType.ShortFormat)
    assert moment.isValid(), rows[0][0]
    now = datetime.now()  # two-digit years parse into the 1900s: compare day and time only
    assert (moment.date().month(), moment.date().day()) == (now.month, now.day)
    assert abs(moment.time().msecsTo(QTime.currentTime())) < 3_600_000


def _highlighted(window) -> list[int]:
    """The claims whose span the article pane marks as the chosen one (underlined)."""
    article = window.article
    return [
        s.claim_id
        for s, sel in zip(article.spans, article.text.extraSelections(), strict=True)
        if sel.format.underlineStyle() != sel.format.UnderlineStyle.NoUnderline
    ]


def test_search_and_delete_leave_no_stale_highlight(qtbot, make_window, sample_db):
    window = make_window()
    open_and_wait(qtbot, window, sample_db)
    first = window.model.record(0)
    with qtbot.waitSignal(window.detailShown, timeout=10_000):
        window.select_claim(first.id)
    assert _highlighted(window) == [first.id]

    # A search that leaves the selected claim out.
    with qtbot.waitSignal(window.claimsShown, timeout=10_000):
        qtbot.keyClicks(window.filterbar.search, "zzz-no-such-claim")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: not _highlighted(window), timeout=10_000)
    assert window.article.text.toPlainText() == ""

    with qtbot.waitSignal(window.claimsShown, timeout=10_000):
        window.filterbar.search.clear()
        window.filterbar.search.returnPressed.emit()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    with qtbot.waitSignal(window.detailShown, timeout=10_000):
        window.select_claim(first.id)
    assert _highlighted(window) == [first.id]
    window.delete_selected()
    qtbot.waitUntil(lambda: window.model.row_of(first.id) is None, timeout=10_000)
    qtbot.waitUntil(lambda: first.id not in _highlighted(window), timeout=10_000)


def _error_boxes() -> list:
    from PySide6.QtWidgets import QMessageBox

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_opening_a_file_that_is_not_a_database_says_so_in_the_interface_language(
    qtbot, make_window, tmp_path, language
):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_bytes(b"these are notes, not a database\n" * 200)
    window = make_window()
    with qtbot.waitSignal(window.failed, timeout=20_000) as failed:
        window.open_database(str(bogus), create=False)
    message = failed.args[0]
    assert str(bogus) in message
    wanted = {"en": "is not a ClaimTrack database", "id": "bukan basis data ClaimTrack"}
    assert wanted[language] in message
    qtbot.waitUntil(lambda: bool(_error_boxes()), timeout=10_000)
    assert any(wanted[language] in box.text() for box in _error_boxes())
    for box in _error_boxes():
        box.close()


def test_a_locked_database_is_reported_in_indonesian(qtbot, make_window, sample_db, qapp):
    import sqlite3

    saved = QLocale()
    i18n.install_language(qapp, "id")
    try:
        window = make_window()
        open_and_wait(qtbot, window, sample_db)
        holder = sqlite3.connect(sample_db, timeout=0)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            claim = window.model.record(0)
            with qtbot.waitSignal(window.failed, timeout=30_000) as failed:
                window.desk.edit_cell(claim.id, "assignee", "Budi", "ubah")
            assert "sedang dipakai program lain" in failed.args[0], failed.args[0]
        finally:
            holder.rollback()
            holder.close()
        for box in _error_boxes():
            box.close()
    finally:
        i18n.install_language(qapp, "en")
        QLocale.setDefault(saved)


def test_detail_pane_shows_its_buttons_and_choices_whole(qtbot, make_window, sample_db, language):
    """The narrow detail pane (so the table fits) still shows every button and choice whole."""
    from PySide6.QtWidgets import QComboBox, QToolButton

    window = make_window()
    open_and_wait(qtbot, window, sample_db)
    window.table.selectRow(1)
    detail = window._detail
    qtbot.waitUntil(lambda: detail.findChild(QComboBox) is not None and detail.isVisible())
    buttons = [b for b in detail.findChildren(QToolButton) if b.isVisible() and b.text()]
    assert buttons
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
    combos = [  # the label choices; a typed claimant name may be longer than any pane
        c
        for c in detail.findChildren(QComboBox)
        if c.isVisible() and c.currentText() and not c.isEditable()
    ]
    assert len(combos) >= 3  # kind, status, verdict
    for combo in combos:
        advance = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert combo.width() >= advance + 20, combo.currentText()
    save_shot(window, f"detail_{language}.png")


def test_the_window_never_writes_a_schema_into_an_existing_empty_file(qtbot, make_window, tmp_path):
    """Opening (even with create, as a plain start does) an existing zero-byte file refuses it
    and leaves it empty: only a path where no file exists yet becomes a new database."""
    empty = tmp_path / "empty.claimtrack"
    empty.write_bytes(b"")
    window = make_window()
    with qtbot.waitSignal(window.failed, timeout=20_000) as failed:
        window.open_database(str(empty), create=True)
    assert "is not a ClaimTrack database" in failed.args[0]
    assert empty.stat().st_size == 0
    qtbot.waitUntil(lambda: bool(_error_boxes()), timeout=10_000)
    for box in _error_boxes():
        box.close()
