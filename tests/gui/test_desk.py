"""The editor's desk, driven as an editor drives it, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from claimtrack.domain import ClaimFilter, ClaimKind
from claimtrack.services import Services
from claimtrack.store import open_store
from claimtrack.ui.models.records import RecordTableModel
from claimtrack.ui.models.sidebar import SidebarModel, gather
from tests.gui.conftest import open_and_wait, save_shot


def _choose(qtbot, window, combo: QComboBox, data) -> None:
    """Pick an entry of a filter menu as a user would, and wait for the table."""
    with qtbot.waitSignal(window.claimsShown, timeout=20_000):
        combo.setCurrentIndex(combo.findData(data))
        combo.activated.emit(combo.currentIndex())


def _column(window, key: str) -> list[str]:
    column = window.model.column_of(key)
    return [window.model.index(r, column).data() for r in range(window.model.rowCount())]


def _select_rows(window, rows: list[int]) -> None:
    selection = window.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(window.model.index(row, 0), flags)
    selection.setCurrentIndex(
        window.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def _close_message_boxes() -> list[str]:
    texts = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            texts.append(widget.text())
            widget.close()
    return texts


@pytest.fixture
def desk(qtbot, make_window, sample, db_path):
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    return window


def test_filter_to_no_comment_change_verdict_undo_redo(qtbot, desk, sample) -> None:
    _choose(qtbot, desk, desk.filterbar.kind, ClaimKind.NO_COMMENT.value)
    assert desk.model.rowCount() == 1
    assert _column(desk, "kind") == ["No comment"]
    desk.select_claim(desk.model.claim_id(0))
    claim_id = desk.model.claim_id(0)
    # The editor presses Alt+2 ("Accurate", the second step of the scale).
    qtbot.keyClick(desk.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _column(desk, "verdict") == ["Accurate"])
    assert sample.claims.get(claim_id).verdict == "accurate"
    assert desk.undo_action.isEnabled()
    desk.undo_action.trigger()
    qtbot.waitUntil(lambda: _column(desk, "verdict") == ["Unrated"])
    assert sample.claims.get(claim_id).verdict == "unrated"
    desk.redo_action.trigger()
    qtbot.waitUntil(lambda: _column(desk, "verdict") == ["Accurate"])
    assert sample.claims.get(claim_id).verdict == "accurate"
    history = [(h.field, h.old, h.new) for h in sample.history.for_entity("claim", claim_id)]
    assert history[-3:] == [
        ("verdict", "unrated", "accurate"),
        ("verdict", "accurate", "unrated"),
        ("verdict", "unrated", "accurate"),
    ]


def test_status_edited_in_the_table_cell(qtbot, desk, sample) -> None:
    column = desk.model.column_of("status")
    index = desk.model.index(1, column)
    claim_id = desk.model.claim_id(1)
    desk.table.setCurrentIndex(index)
    desk.table.edit(index)
    editor = desk.table.indexWidget(index) or desk.table.findChild(QComboBox)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData("needs_signoff"))
    editor.activated.emit(editor.currentIndex())
    qtbot.waitUntil(lambda: sample.claims.get(claim_id).status == "needs_signoff")
    assert desk.model.index(1, column).data() == "Needs sign-off"


def test_bulk_change_three_claims_is_one_undo_step(qtbot, desk, sample) -> None:
    ids = [desk.model.claim_id(r) for r in range(3)]
    before = {i: sample.claims.get(i).status for i in ids}
    _select_rows(desk, [0, 1, 2])
    qtbot.keyClick(desk.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # "Done"
    qtbot.waitUntil(lambda: _column(desk, "status")[:3] == ["Done"] * 3)
    assert {sample.claims.get(i).status for i in ids} == {"done"}
    assert desk.undo_stack.count() == 1
    desk.undo_action.trigger()
    qtbot.waitUntil(lambda: {i: sample.claims.get(i).status for i in ids} == before)
    assert desk.count_label.text() == "3 selected of 7 claim(s)"


def test_rows_picked_with_ctrl_and_shift_are_the_selection(qtbot, desk) -> None:
    """Overlapping blocks picked with Ctrl and Shift: each claim counts once, in table
    order, the same rows Qt's own (slow, cell by cell) selectedRows() names."""
    table = desk.table

    def click(row: int, modifier=Qt.KeyboardModifier.NoModifier) -> list[int]:
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, modifier, _row_point(desk, row)
        )
        by_qt = sorted(i.row() for i in table.selectionModel().selectedRows())
        assert desk.selected_rows() == by_qt
        return by_qt

    click(4)
    click(0, Qt.KeyboardModifier.ControlModifier)
    click(1, Qt.KeyboardModifier.ControlModifier)
    click(3, Qt.KeyboardModifier.ShiftModifier)
    rows = click(5, Qt.KeyboardModifier.ControlModifier)
    click(1, Qt.KeyboardModifier.ControlModifier)  # and one taken out again
    rows = sorted(i.row() for i in table.selectionModel().selectedRows())
    assert len(rows) >= 3
    assert desk.selected_ids() == [desk.model.claim_id(r) for r in rows]
    assert desk.count_label.text() == f"{len(rows)} selected of 7 claim(s)"


def _row_point(desk, row: int):
    return desk.table.visualRect(desk.model.index(row, 0)).center()


def test_search_by_claimant_name_as_you_type(qtbot, desk) -> None:
    with qtbot.waitSignal(desk.claimsShown, timeout=20_000):
        qtbot.keyClicks(desk.filterbar.search, "Pemerintah Venez")
    assert desk.model.rowCount() == 2
    assert set(_column(desk, "claimant")) == {"Pemerintah Venezuela"}
    with qtbot.waitSignal(desk.claimsShown, timeout=20_000):
        desk.filterbar.search.clear()
        desk.filterbar.search.textEdited.emit("")
    assert desk.model.rowCount() == 7


def test_each_key_searches_at_once_and_the_newest_result_stays(qtbot, desk) -> None:
    """No pause needed: each key starts its own query when it is handled; results of
    earlier keys that arrive late never replace the newest one."""
    box = desk.filterbar.search
    typed = "Pemerintah Venez"
    for i, key in enumerate(typed, start=1):
        qtbot.keyClick(box, key)
        QApplication.processEvents()  # what runs between two keys typed by a person
        assert desk.filter.search == typed[:i]  # the window searches this key's text now
    qtbot.waitUntil(lambda: not desk.runner.busy and desk.model.rowCount() == 2)
    assert set(_column(desk, "claimant")) == {"Pemerintah Venezuela"}


def test_keys_typed_while_the_workers_are_busy_run_only_the_newest_search(
    qtbot, desk, monkeypatch
) -> None:
    """Searches queued behind busy workers and made stale by a newer key are skipped, so
    fast typing on a slow server does not pile up queries."""
    import threading

    searched: list[str] = []
    query_page = desk.services.claims.query_page

    def counted(flt, **kwargs):
        searched.append(flt.search)
        return query_page(flt, **kwargs)

    monkeypatch.setattr(desk.services.claims, "query_page", counted)
    release = threading.Event()
    threads = desk.runner._pool.maxThreadCount()
    for _ in range(threads):
        desk.runner.run(lambda _control: release.wait(10))
    qtbot.waitUntil(lambda: desk.runner._pool.activeThreadCount() == threads)
    for key in "harb":
        qtbot.keyClick(desk.filterbar.search, key)
        QApplication.processEvents()
    release.set()
    qtbot.waitUntil(lambda: not desk.runner.busy)
    assert searched == ["harb"]  # "h", "ha" and "har" never reached the database
    assert desk.filter.search == "harb"


def test_sidebar_scopes_filter_the_table(qtbot, desk) -> None:
    qtbot.waitUntil(lambda: desk.sidebar_model.find_scope("status:done").isValid())
    index = desk.sidebar_model.find_scope("status:done")
    assert index.isValid()
    with qtbot.waitSignal(desk.claimsShown, timeout=20_000):
        desk.sidebar.setCurrentIndex(index)
    assert _column(desk, "status") == ["Done", "Done"]
    with qtbot.waitSignal(desk.claimsShown, timeout=20_000):
        desk.sidebar.setCurrentIndex(desk.sidebar_model.find_scope("all"))
    assert desk.model.rowCount() == 7


def test_save_a_filter_and_find_it_in_the_sidebar(qtbot, desk, sample, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    _choose(qtbot, desk, desk.filterbar.status, "unreviewed")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("To check", True))
    desk.save_filter()
    qtbot.waitUntil(lambda: desk.sidebar_model.find_scope("saved:1").isValid())
    [saved] = sample.filters.list()
    assert (saved.name, saved.filter.statuses) == ("To check", ("unreviewed",))


def test_new_claim_from_article_selection_is_highlighted(qtbot, desk, sample) -> None:
    desk.select_claim(desk.model.claim_id(0))
    qtbot.waitUntil(lambda: desk.article.article_id is not None)
    text = desk.article.text.toPlainText()
    phrase = "tidak membuahkan kesepakatan"
    start = text.index(phrase)
    cursor = desk.article.text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(phrase), QTextCursor.MoveMode.KeepAnchor)
    desk.article.text.setTextCursor(cursor)
    with qtbot.waitSignal(desk.claimsShown, timeout=20_000):
        desk.actions_.new_claim.trigger()
    qtbot.waitUntil(lambda: desk.current_claim_id() not in (None, *range(1, 8)))
    new_id = desk.current_claim_id()
    record = sample.claims.get(new_id)
    assert (record.text, record.start, record.end) == (phrase, start, start + len(phrase))
    assert any(s.claim_id == new_id and s.start == start for s in desk.article.spans)
    assert desk.article.current == new_id
    desk.undo_action.trigger()  # undo removes it again
    qtbot.waitUntil(lambda: desk.model.rowCount() == 7)


def test_notes_survive_closing_and_reopening(qtbot, make_window, sample, db_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    window.select_claim(window.model.claim_id(2))
    claim_id = window.model.claim_id(2)
    window.detail.tabs.setCurrentIndex(1)
    window.detail.notes.setFocus()
    window.detail.notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.detail.notes, " Called the press office twice.")
    window.close()  # leaving the field on close saves it
    assert sample.claims.get(claim_id).notes.endswith("Called the press office twice.")
    again = make_window()
    open_and_wait(qtbot, again, db_path)
    again.select_claim(claim_id)
    assert again.detail.notes.toPlainText().endswith("Called the press office twice.")


def test_a_failing_save_shows_an_error_and_keeps_the_text(
    qtbot, make_window, sample, db_path
) -> None:
    window = make_window(read_only=True)
    open_and_wait(qtbot, window, db_path)
    window.select_claim(window.model.claim_id(0))
    window.detail.tabs.setCurrentIndex(1)
    window.detail.notes.setPlainText("Draft that must not vanish")
    with qtbot.waitSignal(window.failed, timeout=10_000) as failure:
        window.detail.notes.committed.emit()
    assert "read-only" in failure.args[0]
    assert any("read-only" in t for t in _close_message_boxes())
    assert window.detail.notes.toPlainText() == "Draft that must not vanish"
    # A refresh of the same claim does not overwrite what the editor typed.
    window._load_detail()
    assert window.detail.notes.toPlainText() == "Draft that must not vanish"


def test_detail_pane_edits_are_undoable(qtbot, desk, sample) -> None:
    desk.select_claim(desk.model.claim_id(4))
    claim_id = desk.model.claim_id(4)
    detail = desk.detail
    detail.paraphrase.setPlainText("Caracas rejects every US accusation.")
    detail.paraphrase.committed.emit()
    detail.claimant.setEditText("Delcy Rodriguez")
    detail.claimant.lineEdit().editingFinished.emit()
    detail.tags.setText("venezuela, denial")
    detail.tags.editingFinished.emit()
    record = sample.claims.get(claim_id)
    assert record.paraphrase == "Caracas rejects every US accusation."
    assert record.claimant == "Delcy Rodriguez"
    assert set(record.tags) == {"venezuela", "denial"}
    for _ in range(3):
        desk.undo_action.trigger()
    record = sample.claims.get(claim_id)
    assert record.claimant == "Pemerintah Venezuela"
    assert record.tags == ("venezuela",)
    assert record.paraphrase.startswith("Maduro's government denies")


def test_delete_with_undo(qtbot, desk, sample) -> None:
    _select_rows(desk, [0, 1])
    ids = desk.selected_ids()
    with qtbot.waitSignal(desk.claimsShown, timeout=20_000):
        desk.actions_.delete.trigger()
    assert desk.model.rowCount() == 5
    with qtbot.waitSignal(desk.claimsShown, timeout=20_000):
        desk.undo_action.trigger()
    assert desk.model.rowCount() == 7
    restored = sample.claims.get(ids[0])
    assert restored.via and sample.evidence.for_claim(ids[0])


def test_keyboard_review_of_every_claim(qtbot, desk, sample) -> None:
    """A new editor can mark all sample claims without touching the mouse."""
    desk.table.setFocus()
    desk.select_claim(desk.model.claim_id(0))
    for row in range(7):
        qtbot.keyClick(desk.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(desk.table, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
        if row < 6:
            qtbot.keyClick(desk.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: sample.claims.counts_by("status")["needs_signoff"] == 7)
    assert sample.claims.counts_by("verdict")["unverifiable"] == 7


def test_every_desk_model_passes_the_model_tester(qtmodeltester, sample) -> None:
    sidebar = SidebarModel()
    sidebar.populate(gather(sample))
    qtmodeltester.check(sidebar, force_py=True)
    claim = sample.claims.list()[0]
    for records in (
        sample.evidence.for_claim(claim.id),
        sample.replies.for_claim(claim.id),
        sample.history.for_entity("claim", claim.id),
    ):
        model = RecordTableModel([("A", lambda r: str(r.id)), ("B", lambda r: repr(r))])
        model.set_records(records)
        assert model.rowCount() >= 1
        qtmodeltester.check(model, force_py=True)


def test_html_in_claims_is_shown_as_text(qtbot, make_window, db_path) -> None:
    services = Services(open_store(db_path), "Ayu")
    text = '<img src=x onerror="alert(1)"><b>bold</b>'
    article = services.articles.create("<i>Hostile</i> title", text).id
    services.claims.create(article, text, start=0, end=len(text), notes="<script>x()</script>")
    services.store.close()
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    window.select_claim(window.model.claim_id(0))
    assert window.detail.text.toPlainText() == text
    assert window.detail.source.text() == "<i>Hostile</i> title"
    assert window.detail.source.textFormat() == Qt.TextFormat.PlainText
    assert window.article.title.textFormat() == Qt.TextFormat.PlainText
    tip = window.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip


def test_screenshots_light_and_dark(qtbot, make_window, sample, db_path) -> None:
    """Saves the main screens for a person to look at (screenshots/ in the repo)."""
    from claimtrack.ui.palette import apply_palette, use_scheme

    app = QApplication.instance()
    apply_palette(app)
    try:
        for scheme, suffix in ((Qt.ColorScheme.Light, "light"), (Qt.ColorScheme.Dark, "dark")):
            use_scheme(app, scheme)
            window = make_window(size=(1400, 860))
            with qtbot.waitSignals([window.sidebarShown, window.chart.updated], timeout=20_000):
                open_and_wait(qtbot, window, db_path)
            window.select_claim(window.model.claim_id(0))
            qtbot.waitUntil(lambda w=window: w.detail.record is not None)
            record = window.detail.record
            qtbot.waitUntil(lambda w=window: w.detail.verdict.count() > 0)  # menus fill late
            assert window.detail.status.currentData() == record.status  # "in_progress"
            assert window.detail.verdict.currentData() == record.verdict  # "unverifiable"
            table, article = window.center.sizes()
            assert table > article  # the claim table keeps most of the height
            qtbot.waitUntil(  # the status bar lays out the new count on the next pass
                lambda w=window: w.count_label.geometry().right() < w.statusBar().width()
            )
            paths = [
                save_shot(window, f"desk-{suffix}.png"),
                save_shot(window.detail, f"detail-{suffix}.png"),
                save_shot(window.article, f"article-{suffix}.png"),
            ]
            window.detail.tabs.setCurrentIndex(2)
            paths.append(save_shot(window.detail, f"evidence-{suffix}.png"))
            window.detail.tabs.setCurrentIndex(4)
            paths.append(save_shot(window.detail, f"history-{suffix}.png"))
            assert all(Path(p).stat().st_size > 5_000 for p in paths)
            window.close()
    finally:
        use_scheme(app, Qt.ColorScheme.Light)


STORY = (
    "JAKARTA - Kepala Dinas Pekerjaan Umum, Bambang Sutrisno, mengatakan jembatan baru "
    "di Kali Bening akan dibuka pada bulan Mei.\n\n"
    "Juru bicara kontraktor membantah laporan bahwa proyek itu terlambat dua bulan.\n\n"
    "Wali kota menolak berkomentar soal biaya tambahan proyek tersebut.\n"
)


def test_import_a_file_review_and_accept_all(qtbot, desk, sample, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    story = tmp_path / "jembatan.txt"
    story.write_text(STORY, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(story))])
    drop = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    desk.dropEvent(drop)
    qtbot.waitUntil(lambda: getattr(desk, "review_dialog", None) is not None, timeout=20_000)
    from claimtrack.ui.review import ReviewPanel

    panel = desk.review_dialog.findChild(ReviewPanel)
    assert panel.model.rowCount() >= 3
    save_shot(desk.review_dialog, "review.png")
    before = sample.claims.count()
    panel.table.setFocus()
    qtbot.keyClick(
        panel.table,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    with qtbot.waitSignal(desk.claimsShown, timeout=20_000):
        panel.done_button.click()
    assert sample.claims.count() >= before + 3
    [article] = [a for a in sample.articles.list() if "Kali Bening" in a.text]
    kinds = {c.kind for c in sample.claims.list(ClaimFilter(article_id=article.id))}
    assert {ClaimKind.STATEMENT, ClaimKind.DENIAL, ClaimKind.NO_COMMENT} <= kinds
