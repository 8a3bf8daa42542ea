"""TeamController on its own: the live label's text and another editor's changes, seen
only through its signals, on a real PostgreSQL database and on a SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from claimtrack.services import Services
from claimtrack.settings import Settings
from claimtrack.store import open_store
from claimtrack.ui.controllers.team import TeamController


@pytest.fixture
def team(qtbot) -> Iterator[TeamController]:
    host = QWidget()  # stands in for the window: only the dialogs' parent
    qtbot.addWidget(host)
    controller = TeamController(Settings(), host)
    yield controller
    controller.stop()


def test_a_file_database_has_no_live_connection(qtbot, team: TeamController, db_path: Path):
    services = Services(open_store(db_path), "Ayu")
    try:
        with qtbot.waitSignal(team.connectionText) as said:
            team.set_services(services)
        assert said.args == [""] and team.live is None
    finally:
        services.store.close()


def test_another_editors_change_arrives_until_the_database_goes(
    qtbot, team: TeamController, pg_url: str
) -> None:
    mine, theirs = Services(open_store(pg_url), "Ayu"), Services(open_store(pg_url), "Budi")
    try:
        article = theirs.articles.create("Dermaga", "Dermaga baru dibuka bulan Mei.").id
        texts: list[str] = []
        team.connectionText.connect(texts.append)
        team.set_services(mine)
        qtbot.waitUntil(lambda: texts[-1:] == ["Live: connected"], timeout=10_000)
        assert team.live is not None

        with qtbot.waitSignal(
            team.changed, timeout=10_000, check_params_cb=lambda c: c.touches("claim")
        ):
            theirs.claims.create(article, "Dermaga baru dibuka bulan Mei")

        live = team.live
        team.set_services(None)  # stop() joins the listener's thread
        assert team.live is None and texts[-1] == ""
        assert live is not None and live.state == "stopped"
    finally:
        mine.store.close()
        theirs.store.close()


def test_the_state_names_read_as_labels(team: TeamController) -> None:
    assert team.state_text("reconnecting") == "Live: reconnecting…"
    assert team.state_text("stopped") == "Live: off"
    assert team.state_text("odd") == "odd"
