"""ImportController on its own: a real TaskRunner and a real SQLite file, no main window.

It is driven only through its methods and observed only through its signals, which is all
the window does with it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QWidget

from claimtrack.ui.controllers.imports import ImportController, importable_paths
from claimtrack.ui.tasks import TaskRunner
from tests.gui.test_review import STORY


@pytest.fixture
def sqlite_services(tmp_path: Path) -> Iterator:
    from claimtrack.services import Services
    from claimtrack.store import open_store

    store = open_store(tmp_path / "imports.sqlite")
    yield Services(store, "Ayu")
    store.close()


@pytest.fixture
def controller(qtbot, sqlite_services) -> Iterator[ImportController]:
    host = QWidget()  # stands in for the window: only the dialogs' parent
    qtbot.addWidget(host)
    runner = TaskRunner()
    imports = ImportController(runner, host)
    imports.set_services(sqlite_services)
    yield imports
    runner.shutdown()


def test_a_file_is_reviewed_and_its_accepted_claims_come_back_as_a_changeset(
    qtbot, controller: ImportController, sqlite_services, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    messages: list[tuple[str, int]] = []
    controller.message.connect(lambda text, ms: messages.append((text, ms)))
    with qtbot.waitSignal(controller.reviewOpened, timeout=20_000) as opened:
        controller.import_files([path])
    assert messages[0] == ("Reading story.txt…", 0)
    dialog = opened.args[0]
    assert dialog is controller.review_dialog and dialog.isVisible()

    panel = dialog.panel
    panel.accept_all()
    accepted = len(panel.model.accepted())
    with qtbot.waitSignal(controller.applied, timeout=20_000) as applied:
        qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    changes = applied.args[0]
    stored = sqlite_services.claims.list()
    assert accepted >= 4 and len(stored) == accepted
    assert changes.ids("claim") == {c.id for c in stored}
    assert messages[-1] == (f"Added {accepted} claim(s).", 8000)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_an_unreadable_file_fails_with_its_error(
    qtbot, controller: ImportController, tmp_path: Path
) -> None:
    from claimtrack.services.intake import ArticleFileError

    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with qtbot.waitSignal(controller.failed, timeout=20_000) as failed:
        controller.import_files([path])
    assert isinstance(failed.args[0], ArticleFileError)
    assert controller.review_dialog is None


def test_blank_paste_only_says_so(qtbot, controller: ImportController) -> None:
    with qtbot.waitSignal(controller.message) as said:
        controller.import_text("  \n")
    assert said.args == ["The clipboard holds no text.", 5000]


def test_without_a_database_nothing_starts(qtbot, controller: ImportController) -> None:
    controller.set_services(None)
    with qtbot.assertNotEmitted(controller.message):
        controller.import_text(STORY)
    assert controller.runner.wait(1000)


def test_only_a_drop_of_articles_is_importable(tmp_path: Path) -> None:
    def mime(*names: str) -> QMimeData:
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(tmp_path / n)) for n in names])
        return data

    assert importable_paths(mime("a.txt", "b.DOCX")) == [tmp_path / "a.txt", tmp_path / "b.DOCX"]
    assert importable_paths(mime("a.txt", "photo.png")) == []
    assert importable_paths(QMimeData()) == []
