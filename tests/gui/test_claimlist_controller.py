"""ClaimListController on its own: real widgets, a real TaskRunner and the sample dossier
in a real SQLite file, observed through its signals (no main window)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableView, QTreeView, QVBoxLayout, QWidget

from claimtrack.domain import ClaimFilter
from claimtrack.services import Services
from claimtrack.services.sample import load_sample
from claimtrack.store import open_store
from claimtrack.ui.controllers.claimlist import ClaimListController
from claimtrack.ui.models.claims import ClaimTableModel
from claimtrack.ui.models.sidebar import SidebarModel
from claimtrack.ui.tasks import TaskRunner
from claimtrack.ui.widgets.filterbar import FilterBar


@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    services = Services(open_store(db_path), "Ayu")
    load_sample(services)
    yield services
    services.store.close()


@pytest.fixture
def claims(qtbot, services: Services) -> Iterator[ClaimListController]:
    host = QWidget()
    qtbot.addWidget(host)
    model = ClaimTableModel(parent=host)
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    sidebar_model = SidebarModel(host)
    sidebar = QTreeView()
    sidebar.setModel(sidebar_model)
    filterbar = FilterBar()
    layout = QVBoxLayout(host)
    for widget in (filterbar, table, sidebar):
        layout.addWidget(widget)
    runner = TaskRunner()
    controller = ClaimListController(runner, table, model, filterbar, sidebar, sidebar_model)
    controller.set_services(services)
    yield controller
    runner.shutdown()


def settle(claims: ClaimListController) -> None:
    """Let every query finish and its result be delivered (shown or dropped)."""
    claims.runner.wait()
    QCoreApplication.processEvents()


def test_refresh_lists_every_claim(qtbot, claims: ClaimListController, services) -> None:
    with qtbot.waitSignal(claims.claimsShown, timeout=20_000) as shown:
        claims.refresh()
    assert shown.args == [len(services.claims.list())]
    assert claims.model.rowCount() == shown.args[0]


def test_only_the_newest_query_is_shown(qtbot, claims: ClaimListController, services) -> None:
    counts: list[int] = []
    claims.claimsShown.connect(counts.append)
    search = replace(ClaimFilter(), search="Reuters")
    with qtbot.waitSignal(claims.claimsShown, timeout=20_000):
        claims.refresh()  # everything: overtaken by the search before it can be shown
        claims.filter_changed(search)
    settle(claims)
    expected = services.claims.query_ids(search)
    assert 0 < len(expected) < len(services.claims.list())
    assert counts == [len(expected)]
    shown = [claims.model.claim_id(row) for row in range(claims.model.rowCount())]
    assert shown == expected


def test_the_selection_survives_a_new_query(qtbot, claims: ClaimListController) -> None:
    with qtbot.waitSignal(claims.claimsShown, timeout=20_000):
        claims.refresh()
    second = claims.model.claim_id(1)
    assert second is not None
    with qtbot.waitSignal(claims.selectionChanged):
        claims.select_claim(second)
    assert claims.selected_ids() == [second] and claims.current_claim_id() == second
    with qtbot.waitSignal(claims.claimsShown, timeout=20_000):
        claims.sort("id", True)  # the same claims, the other way round
    assert claims.current_claim_id() == second
    claims.step(1)
    assert claims.current_claim_id() == claims.model.claim_id(claims.model.row_of(second) + 1)


def test_a_sidebar_scope_filters_and_a_saved_filter_appears(
    qtbot, claims: ClaimListController, services
) -> None:
    with qtbot.waitSignal(claims.sidebarShown, timeout=20_000):
        claims.refresh_sidebar()
    index = claims.sidebar_model.find_scope("status:unreviewed")
    assert index.isValid()
    with qtbot.waitSignal(claims.claimsShown, timeout=20_000) as shown:
        claims.sidebar.setCurrentIndex(index)
    assert claims.filter.statuses == ("unreviewed",)
    assert shown.args == [len(services.claims.query_ids(claims.filter))]
    with qtbot.waitSignal(claims.sidebarShown, timeout=20_000):
        claims.save_filter("To check")
    assert claims.sidebar_model.find_scope("saved:1").isValid()
    assert claims.sidebar.currentIndex().data() == index.data()  # the scope stays chosen
    [saved] = services.filters.list()
    assert saved.filter.statuses == ("unreviewed",)
