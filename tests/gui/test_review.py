"""The review panel, driven by keyboard on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from claimtrack.ui.review import ACCEPTED, PENDING, REJECTED, ImportTask, ProposalModel, ReviewPanel
from claimtrack.ui.tasks import TaskRunner

STORY = """\
Kabar Dunia, JAKARTA - Menurut laporan Reuters, Maduro menawarkan diri untuk mundur apabila \
Washington menjamin keselamatannya.

Gedung Putih menolak berkomentar mengenai laporan tersebut.

"Kami tidak pernah menerima tawaran itu," kata juru bicara Departemen Luar Negeri, Anna Reyes.

Kementerian Informasi Venezuela belum memberikan tanggapan hingga Senin malam.
"""


@pytest.fixture
def sqlite_services(tmp_path: Path) -> Iterator:
    from claimtrack.services import Services
    from claimtrack.store import open_store

    store = open_store(tmp_path / "review.sqlite")
    yield Services(store, "Ayu")
    store.close()


@pytest.fixture
def panel(qtbot, sqlite_services) -> ReviewPanel:
    from claimtrack.extract import extract_claims
    from claimtrack.services.intake import article_from_text

    runner = TaskRunner()
    widget = ReviewPanel(sqlite_services, runner)
    qtbot.addWidget(widget)
    loaded = article_from_text(STORY, title="Maduro", outlet="Kabar Dunia")
    widget.set_article(loaded, extract_claims(loaded.text, loaded.language))
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    return widget


def test_proposal_model_passes_qt_model_tester(qtmodeltester, panel: ReviewPanel) -> None:
    qtmodeltester.check(panel.model, force_py=True)
    empty = ProposalModel()
    qtmodeltester.check(empty, force_py=True)


def test_every_proposal_is_highlighted_and_article_is_plain_text(panel: ReviewPanel) -> None:
    spans = panel.highlighted_spans()
    rows = panel.model.rowCount()
    assert rows >= 4 and len(spans) == rows
    for (a, b), row in zip(spans, range(rows), strict=True):
        p = panel.model.proposal(row)
        assert (a, b) == (p.start, p.end)
    assert panel.article_view.toPlainText() == panel.loaded.text


def test_keyboard_accept_reject_next_previous(qtbot, panel: ReviewPanel) -> None:
    assert panel.current_row() == 0
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert panel.model.decision(0) == ACCEPTED and panel.current_row() == 1
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    assert panel.model.decision(1) == REJECTED and panel.current_row() == 2
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    assert panel.current_row() == 1
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.current_row() == 3
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    assert panel.current_row() == 2
    assert panel.model.decision(2) == PENDING


def test_selecting_a_proposal_moves_the_article_cursor_and_back(qtbot, panel: ReviewPanel) -> None:
    panel.select_row(2)
    p = panel.model.proposal(2)
    assert panel.article_view.textCursor().position() == p.start
    other = panel.model.proposal(0)
    cursor = panel.article_view.textCursor()
    cursor.setPosition(other.start + 1)
    panel.article_view.setTextCursor(cursor)
    assert panel.current_row() == 0


def test_edit_by_keyboard_changes_claimant_and_kind(qtbot, panel: ReviewPanel) -> None:
    row = next(
        r for r in range(panel.model.rowCount()) if panel.model.proposal(r).kind == "no_comment"
    )
    panel.select_row(row)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.claimant.setText("White House")  # type: ignore[attr-defined]
        dialog.kind.setCurrentIndex(dialog.kind.findData("no_response"))  # type: ignore[attr-defined]
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, fill)
    qtbot.keyClick(panel.table, Qt.Key.Key_E)
    edited = panel.model.proposal(row)
    assert edited.claimant == "White House" and edited.kind == "no_response"
    assert panel.model.decision(row) == ACCEPTED


def test_accept_all_then_done_stores_claims_and_emits_changes(
    qtbot, panel: ReviewPanel, sqlite_services
) -> None:
    qtbot.keyClick(panel.table, Qt.Key.Key_R)  # reject the first
    qtbot.keyClick(
        panel.table,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    accepted = len(panel.model.accepted())
    assert accepted == panel.model.rowCount() - 1
    with qtbot.waitSignal(panel.applied, timeout=10_000) as blocker:
        qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    changes = blocker.args[0]
    claims = sqlite_services.claims.list()
    assert len(claims) == accepted
    assert changes.ids("claim") == {c.id for c in claims}
    assert all(c.status == "unreviewed" for c in claims)
    assert len(sqlite_services.articles.list()) == 1


def test_import_task_reads_and_extracts_off_the_gui_thread(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    runner = TaskRunner()
    results: list = []
    progress: list = []
    ImportTask(str(path)).start(runner, results.append, pytest.fail, lambda *a: progress.append(a))
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    loaded, proposals = results[0]
    assert loaded.language == "id" and len(proposals) >= 4
    assert progress


def test_import_task_reports_a_bad_file(qtbot, tmp_path: Path) -> None:
    from claimtrack.services.intake import ArticleFileError

    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    runner = TaskRunner()
    errors: list = []
    ImportTask(str(path)).start(runner, pytest.fail, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], ArticleFileError)
