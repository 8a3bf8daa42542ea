"""DatabaseController on its own: open, peek, backup and a failed open of a real SQLite
file, observed only through its signals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from claimtrack.services import Services
from claimtrack.services.sample import load_sample
from claimtrack.settings import Settings
from claimtrack.store import open_store
from claimtrack.ui.controllers.database import DatabaseController
from claimtrack.ui.tasks import TaskRunner


@pytest.fixture
def database(qtbot) -> Iterator[DatabaseController]:
    host = QWidget()  # stands in for the window: only the dialogs' parent
    qtbot.addWidget(host)
    runner = TaskRunner()
    controller = DatabaseController(Settings(), runner, host)
    yield controller
    runner.shutdown()
    if controller.services is not None:
        controller.services.store.close()
    controller.release()


@pytest.fixture
def filled(db_path: Path) -> Path:
    services = Services(open_store(db_path), "Setup")
    load_sample(services)
    services.store.close()
    return db_path


def test_a_new_file_opens_empty(qtbot, database: DatabaseController, tmp_path: Path) -> None:
    target = tmp_path / "new.claimtrack"
    with qtbot.waitSignal(database.opened, timeout=20_000) as opened:
        database.open(str(target), editor="Ayu")
    services, empty = opened.args
    database.set_services(services)
    assert empty and services.store.path == target and target.exists()


def test_the_peek_shows_rows_before_the_open_lands(
    qtbot, database: DatabaseController, filled: Path
) -> None:
    order: list[str] = []
    database.peeked.connect(lambda found: order.append(f"peeked {len(found.ids)}"))
    database.opened.connect(lambda services, empty: order.append(f"opened {empty}"))
    with qtbot.waitSignal(database.opened, timeout=20_000) as opened:
        database.open(str(filled), editor="Ayu", peek=True)
    database.set_services(opened.args[0])
    count = len(opened.args[0].claims.list())
    assert order == [f"peeked {count}", "opened False"]


def test_a_later_open_wins_and_the_earlier_is_dropped(
    qtbot, database: DatabaseController, filled: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.claimtrack"
    opened: list[Services] = []
    database.opened.connect(lambda services, _empty: opened.append(services))
    database.open(str(filled))
    database.open(str(other))
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert database.runner.wait(20_000)
    assert [s.store.path for s in opened] == [other]
    database.set_services(opened[0])


def test_a_file_that_is_no_database_fails_as_the_latest_open(
    qtbot, database: DatabaseController, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.claimtrack"
    junk.write_bytes(b"not a database, only some words " * 64)
    with qtbot.waitSignal(database.openFailed, timeout=20_000) as failed:
        database.open(str(junk), create=False)
    error, latest = failed.args
    assert isinstance(error, Exception) and latest is True


def test_backup_now_reports_its_result(qtbot, database: DatabaseController, filled: Path) -> None:
    services = Services(open_store(filled), "Ayu")
    database.set_services(services)
    said: list[tuple[str, int]] = []
    database.message.connect(lambda text, ms: said.append((text, ms)))
    with qtbot.assertNotEmitted(database.failed):
        database.backup_now()
        qtbot.waitUntil(lambda: len(said) == 2, timeout=20_000)
    assert said[0] == ("Backing up…", 0)
    assert said[1][1] == 8000 and said[1][0]  # the done message, shown for 8 s
