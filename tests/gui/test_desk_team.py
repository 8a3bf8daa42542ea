"""Two editors' windows on one real PostgreSQL database: live updates and conflicts."""

from __future__ import annotations

import pytest

from claimtrack.services import Services
from claimtrack.services.sample import load_sample
from claimtrack.store import open_store
from tests.gui.conftest import open_and_wait


@pytest.fixture
def team_url(pg_url: str) -> str:
    services = Services(open_store(pg_url), "Setup")
    load_sample(services)
    services.store.close()
    return pg_url


def test_another_editors_change_appears_live(qtbot, make_window, team_url) -> None:
    mine, theirs = make_window(), make_window()
    open_and_wait(qtbot, mine, team_url)
    open_and_wait(qtbot, theirs, team_url)
    qtbot.waitUntil(lambda: theirs.connection_label.text() == "Live: connected", timeout=10_000)
    claim_id = mine.model.claim_id(2)
    theirs.select_claim(claim_id)
    column = theirs.model.column_of("verdict")
    row = theirs.model.row_of(claim_id)
    assert theirs.model.index(row, column).data() == "Unrated"
    assert mine.desk.edit_cell(claim_id, "verdict", "false", "Change verdict")
    qtbot.waitUntil(lambda: theirs.model.index(row, column).data() == "False", timeout=5_000)
    assert theirs.current_claim_id() == claim_id  # their selection is kept
    assert theirs.detail.verdict.currentData() == "false"


def test_a_clash_asks_the_editor_and_never_overwrites_silently(
    qtbot, make_window, team_url
) -> None:
    mine, theirs = make_window(), make_window()
    open_and_wait(qtbot, mine, team_url)
    open_and_wait(qtbot, theirs, team_url)
    claim_id = mine.model.claim_id(0)
    mine.select_claim(claim_id)
    theirs.select_claim(claim_id)
    stale = mine.detail.record
    assert theirs.desk.edit_claim(theirs.detail.record, {"notes": "Theirs."}, "Edit notes")
    asked = []

    def keep_both(conflict):
        asked.append({name: (v.mine, v.theirs) for name, v in conflict.fields.items()})
        return {"notes": "Theirs. Mine."}

    mine.desk.resolve_conflict = keep_both
    assert mine.desk.edit_claim(stale, {"notes": "Mine.", "assignee": "Ayu"}, "Edit notes")
    assert asked == [{"notes": ("Mine.", "Theirs.")}]
    services = Services(open_store(team_url), "Check")
    record = services.claims.get(claim_id)
    services.store.close()
    assert (record.notes, record.assignee) == ("Theirs. Mine.", "Ayu")

    # Declining the choice saves nothing and says why.
    mine.desk.resolve_conflict = lambda conflict: None
    with qtbot.waitSignal(mine.failed, timeout=5_000):
        assert not mine.desk.edit_claim(stale, {"notes": "Only mine."}, "Edit notes")


def test_a_bulk_change_skips_claims_changed_meanwhile_only_when_asked(
    qtbot, make_window, team_url
) -> None:
    mine = make_window()
    open_and_wait(qtbot, mine, team_url)
    ids = [mine.model.claim_id(r) for r in range(3)]
    for row in range(3):
        mine.model.record(row)  # what the editor has seen
    other = Services(open_store(team_url), "Dimas")
    other.claims.update(ids[1], status="done")
    asked = []
    mine.desk.confirm_partial = lambda conflict: asked.append(set(conflict.conflicted)) or True
    versions = mine.model.seen_versions(ids)
    assert mine.desk.bulk_edit(ids, "status", "needs_signoff", "Set status", versions)
    assert asked == [{ids[1]}]
    statuses = [other.claims.get(i).status for i in ids]
    other.store.close()
    assert statuses == ["needs_signoff", "done", "needs_signoff"]


def test_the_windows_own_changes_do_not_come_back_as_live_updates(
    qtbot, make_window, team_url
) -> None:
    """A bulk change of the editor's own is applied once, selection kept; the live
    connection still brings another editor's change (sent after it, so it arrives after)."""
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    mine = make_window()
    open_and_wait(qtbot, mine, team_url)
    qtbot.waitUntil(lambda: mine.connection_label.text() == "Live: connected", timeout=10_000)
    received: list = []
    mine.live.changed.connect(received.append)
    reloads: list = []
    mine.live.refreshRequested.connect(lambda: reloads.append(True))
    ids = [mine.model.claim_id(r) for r in range(4)]
    mine.table.selectionModel().select(
        QItemSelection(mine.model.index(0, 0), mine.model.index(3, 0)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    mine.set_on_selected("verdict", "false", "False")
    assert mine.services.store.backend_pids  # the window's own server processes

    other = Services(open_store(team_url), "Dimas")
    try:
        other.claims.update(ids[-1], notes="Seen by Dimas.")
    finally:
        other.store.close()
    qtbot.waitUntil(lambda: bool(received), timeout=5_000)
    assert [set(c.updated.get("claim", ())) for c in received] == [{ids[-1]}]
    assert not reloads
    assert mine.selected_ids() == ids
