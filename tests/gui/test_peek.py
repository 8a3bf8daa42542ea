"""Start-up peek: a file's rows show before the data layer loads, read only, and the
services take them over without a flicker; a file that then fails to open shows nothing.

The window's runner gets one thread here, so the peek (queued first) always reports
before the open does: the order the start-up has when SQLAlchemy is still importing.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import Qt

from claimtrack.domain import ClaimFilter
from claimtrack.settings import Settings
from claimtrack.ui.mainwindow import MainWindow
from claimtrack.ui.tasks import TaskRunner


def _window(qtbot) -> MainWindow:
    window = MainWindow(Settings(), TaskRunner(max_threads=1), editor="Ayu")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def test_rows_show_from_the_peek_then_become_editable(
    qtbot, qtmodeltester, sample, db_path
) -> None:
    ids = sample.claims.query_ids(ClaimFilter())
    window = _window(qtbot)
    text_column, status_column = window.model.column_of("text"), window.model.column_of("status")
    at_peek: dict[str, Any] = {}

    def first_rows(count: int) -> None:
        if at_peek:
            return
        index = window.model.index(0, status_column)
        at_peek.update(
            services=window.services,
            peeking=window.model.peeking,
            count=count,
            ids=window.model.ids,
            text=window.model.index(0, text_column).data(),
            status=index.data(),
            editable=bool(window.model.flags(index) & Qt.ItemFlag.ItemIsEditable),
        )
        qtmodeltester.check(window.model)  # the model is sound while it reads a peek
        # Selecting a row and asking for a bulk edit before the data layer is ready
        # does nothing (and breaks nothing).
        window.select_claim(ids[0])
        window.set_on_selected("status", "done", "Done")

    window.firstRowsShown.connect(first_rows)
    with qtbot.waitSignals([window.claimsShown, window.choicesShown], timeout=20_000):
        window.open_database(str(db_path), create=False)

    assert at_peek["services"] is None and at_peek["peeking"] is True
    assert at_peek["count"] == len(ids) and at_peek["ids"] == ids
    first = sample.claims.get(ids[0])
    assert at_peek["text"] == " ".join(first.text.split())
    assert at_peek["status"] == window.model.index(0, status_column).data()
    assert at_peek["editable"] is False
    assert sample.claims.get(ids[0]).status == first.status  # the early bulk edit: nothing

    # The services took over the same rows: now editable, the selection kept.
    assert not window.model.peeking and window.model.ids == ids
    index = window.model.index(0, status_column)
    assert window.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert window.selected_ids() == [ids[0]]
    window.runner.wait()


def test_a_file_that_fails_to_open_after_its_peek_shows_no_rows(qtbot, sample, db_path) -> None:
    sample.store.close()
    # Damage the History table only: the peek (claims, parties, scales) reads fine, the
    # open's integrity check does not.
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        query = "SELECT rootpage FROM sqlite_master WHERE name = 'history'"
        (root,) = conn.execute(query).fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    data = bytearray(db_path.read_bytes())
    start = (root - 1) * size
    data[start : start + size] = b"\xa5" * size
    db_path.write_bytes(bytes(data))

    window = _window(qtbot)
    peeked: list[int] = []
    window.firstRowsShown.connect(lambda count: peeked.append(window.model.rowCount()))
    with qtbot.waitSignal(window.failed, timeout=20_000):
        window.open_database(str(db_path), create=False)

    assert peeked and peeked[0] > 0  # the rows did show first
    assert window.model.rowCount() == 0 and not window.model.peeking
    assert window.services is None
    dialog = window.damaged_dialog  # offers the backups; let its search end first
    looking = dialog.offer.text()
    qtbot.waitUntil(lambda: dialog.offer.text() != looking, timeout=20_000)
    dialog.close()
    window.runner.wait()


def test_the_open_waits_for_the_peeked_rows(qtbot, monkeypatch, sample, db_path) -> None:
    """Run side by side, the open's imports starve the peek (it holds the GIL): the open
    starts only once the peeked rows are on screen, even with a thread free for it."""
    import claimtrack.store as store_module

    order: list[str] = []
    real_open = store_module.open_store

    def open_store(*args: Any, **kwargs: Any) -> Any:
        order.append("open")
        return real_open(*args, **kwargs)

    monkeypatch.setattr(store_module, "open_store", open_store)
    window = MainWindow(Settings(), TaskRunner(max_threads=2), editor="Ayu")
    qtbot.addWidget(window)
    window.show()
    window.firstRowsShown.connect(
        lambda _count: order.append("rows" if window.model.peeking else "rows (opened)")
    )
    with qtbot.waitSignal(window.claimsShown, timeout=20_000):
        window.open_database(str(db_path))
    assert order[:2] == ["rows", "open"]
    assert not window.model.peeking
    window.runner.wait()
