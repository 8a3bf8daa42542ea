"""A claim whose dates were damaged by another tool still lists, sorts by date and shows
its detail pane: the window reads the nearest real moment (tests/fault covers the rest)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from tests.gui.conftest import open_and_wait


def test_the_window_opens_a_claim_with_impossible_dates(
    qtbot, qtmodeltester, make_window, sample, db_path
) -> None:
    conn = sqlite3.connect(db_path)
    claim_id = conn.execute("SELECT min(claim_id) FROM reply_request").fetchone()[0]
    conn.execute(
        "UPDATE claim SET created_at='2025-02-30 10:00:00.000000', updated_at='soon' WHERE id=?",
        (claim_id,),
    )
    conn.execute(
        "UPDATE reply_request SET asked_at='2025-11-31 08:00:00' WHERE claim_id=?", (claim_id,)
    )
    conn.commit()
    total = conn.execute("SELECT count(*) FROM claim").fetchone()[0]
    conn.close()

    window = make_window()
    open_and_wait(qtbot, window, db_path)
    assert window.model.rowCount() == total
    qtmodeltester.check(window.model)
    updated = window.model.column_of("updated")
    row = window.model.row_of(claim_id)
    assert row is not None
    assert window.model.index(row, updated).data(Qt.ItemDataRole.DisplayRole).find("1970") >= 0

    with qtbot.waitSignal(window.detailShown, timeout=10_000) as shown:
        window.select_claim(claim_id)
    assert shown.args == [claim_id]
    from datetime import datetime

    from claimtrack.ui.i18n import format_date

    # The impossible 30 February shows as the 28th, in the locale's format.
    assert format_date(datetime(2025, 2, 28, 10, 0)) in window.detail.stamp.text()

    with qtbot.waitSignal(window.claimsShown, timeout=10_000):
        window.table.sortByColumn(updated, Qt.SortOrder.AscendingOrder)
    # The database sorts the stored text ('soon' after every real date): still listed.
    assert window.model.rowCount() == total
    assert window.model.row_of(claim_id) in (0, total - 1)
