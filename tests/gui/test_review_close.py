"""Issue 16: Esc or the close button in "Review Proposed Claims" threw away every decision
and the article without a question; "Edit proposal" was cramped and showed raw keys; a
reply request with nobody in "Asked" closed and saved nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from claimtrack.domain import ClaimFilter
from claimtrack.ui import i18n
from claimtrack.ui.review import ACCEPTED, EditProposalDialog, ReviewDialog
from claimtrack.ui.tasks import TaskRunner
from tests.gui.conftest import save_shot
from tests.gui.test_review import STORY


@pytest.fixture
def services(tmp_path: Path) -> Iterator:
    from claimtrack.services import Services
    from claimtrack.store import open_store

    store = open_store(tmp_path / "review.sqlite")
    yield Services(store, "Ayu")
    store.close()


@pytest.fixture
def dialog(qtbot, services) -> ReviewDialog:
    from claimtrack.extract import extract_claims
    from claimtrack.services.intake import article_from_text

    review = ReviewDialog(services, TaskRunner())
    qtbot.addWidget(review)
    loaded = article_from_text(STORY, title="Maduro", outlet="Kabar Dunia")
    review.panel.set_article(loaded, extract_claims(loaded.text, loaded.language))
    review.show()
    qtbot.waitExposed(review)
    return review


def _articles(services) -> int:
    return len(services.articles.list())


def _question(qtbot, dialog: ReviewDialog) -> QMessageBox:
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible())
    assert dialog.question is not None
    return dialog.question


def test_closing_with_nothing_decided_just_closes(qtbot, dialog, services) -> None:
    qtbot.keyClick(dialog.panel.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.question is None
    assert _articles(services) == 0


def test_esc_after_decisions_asks_and_cancel_keeps_reviewing(qtbot, dialog, services) -> None:
    qtbot.keyClick(dialog.panel.table, Qt.Key.Key_A)
    qtbot.keyClick(dialog.panel.table, Qt.Key.Key_Escape)
    box = _question(qtbot, dialog)
    assert "1 accepted claim" in box.text()
    save_shot(box, "review_close_question.png")
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible() and dialog.panel.model.decision(0) == ACCEPTED
    # The window's close button asks the same.
    dialog.close()
    box = _question(qtbot, dialog)
    assert dialog.isVisible()
    box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _articles(services) == 0


def test_save_stores_the_article_with_its_accepted_claims(qtbot, dialog, services) -> None:
    panel = dialog.panel
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    qtbot.keyClick(panel.table, Qt.Key.Key_Escape)
    box = _question(qtbot, dialog)
    assert "2 accepted claim" in box.text()
    with qtbot.waitSignal(panel.applied, timeout=20_000):
        box.button(QMessageBox.StandardButton.Save).click()
    (article,) = services.articles.list()
    assert services.claims.count(ClaimFilter(article_id=article.id)) == 2
    # Stored: closing asks nothing more.
    dialog.reject()
    assert dialog.question is None and not dialog.isVisible()


@pytest.fixture(params=["en", "id"])
def language(request, qapp) -> Iterator[str]:
    from PySide6.QtCore import QLocale

    saved = QLocale()
    i18n.install_language(qapp, request.param)
    yield request.param
    i18n.install_language(qapp, "en")
    QLocale.setDefault(saved)


def test_edit_proposal_shows_labels_and_room(qtbot, dialog, language) -> None:
    panel = dialog.panel
    proposal = panel.model.proposal(0)
    edit = EditProposalDialog(proposal, panel.loaded.text, dialog)
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    shown = [edit.kind.itemText(i) for i in range(edit.kind.count())]
    assert not any("_" in text for text in shown), shown  # "No comment", not "no_comment"
    assert [edit.kind.itemData(i) for i in range(edit.kind.count())][2] == "no_comment"
    assert edit.width() >= 620
    # The whole span is in view without scrolling.
    assert edit.span.verticalScrollBar().maximum() == 0
    if language == "id":
        assert "Pernyataan" in shown or all(t != "Statement" for t in shown), shown
    save_shot(edit, f"edit_proposal_{language}.png")
    edit.reject()


def test_a_reply_request_without_who_was_asked_stays_open_and_says_why(qtbot) -> None:
    from claimtrack.ui.widgets.detail import RowDialog

    row = RowDialog("reply", ["Kementerian Informasi"])
    qtbot.addWidget(row)
    row.show()
    row.response.setPlainText("No answer yet.")
    row.accept()  # OK with "Asked" empty
    assert row.isVisible() and row.result() != row.DialogCode.Accepted
    assert row.error.isVisible() and "who was asked" in row.error.text()
    assert row.response.toPlainText() == "No answer yet."  # nothing typed is lost
    row.party.setEditText("Kementerian Informasi")
    row.accept()
    assert row.result() == row.DialogCode.Accepted
    empty = RowDialog("evidence", [])
    qtbot.addWidget(empty)
    empty.show()
    empty.accept()
    assert empty.isVisible() and "link, a file or an excerpt" in empty.error.text()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()
