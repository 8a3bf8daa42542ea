"""The first main window: opens off the GUI thread, lists claims, offers the sample."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from claimtrack.ui.models.claims import COLUMNS, RECORD_ROLE, ClaimTableModel
from tests.gui.conftest import open_and_wait, save_shot


def test_claim_model_passes_qt_model_tester(qtmodeltester, sample) -> None:
    model = ClaimTableModel()
    model.set_services(sample)
    model.set_ids(sample.claims.query_ids())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 7 and model.columnCount() == len(COLUMNS)
    verdict = model.column_of("verdict")
    verdicts = {model.index(r, verdict).data() for r in range(7)}
    assert {"Accurate", "Misleading", "Unverifiable", "Unrated"} == verdicts
    assert model.index(0, verdict).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, 0).data(RECORD_ROLE).id == model.claim_id(0)


def test_the_model_refreshes_only_changed_rows(qtbot, sample) -> None:
    model = ClaimTableModel()
    model.set_services(sample)
    model.set_ids(sample.claims.query_ids())
    first = model.claim_id(0)
    status = model.column_of("status")
    assert model.index(0, status).data() == "In progress"
    changes = sample.claims.update(first, status="done")
    with qtbot.waitSignal(model.dataChanged) as blocker:
        needs_query = model.apply_changes(changes)
    assert not needs_query
    assert blocker.args[0].row() == 0
    assert model.index(0, status).data() == "Done"


def test_records_read_with_a_query_never_hide_a_later_edit(sample) -> None:
    """A query's worker reads the first rows' records with the ids; an edit applied while
    it ran must win over the record it read before (the table shows the edit)."""
    model = ClaimTableModel()
    model.set_services(sample)
    ids, records = sample.claims.query_page(records=3)
    assert [r.id for r in records] == ids[:3]
    as_of = model.epoch  # the query starts
    model.apply_changes(sample.claims.update(ids[0], status="done"))  # an edit lands meanwhile
    model.set_ids(ids, records=records, as_of=as_of)  # the query's result, read before it
    status = model.column_of("status")
    assert model.index(0, status).data() == "Done"
    assert model.index(1, 0).data(RECORD_ROLE) == records[1]  # the others are taken
    # A later query knows of the edit: its records are taken as they are.
    ids, records = sample.claims.query_page(records=3)
    model.set_ids(list(reversed(ids)), records=records)
    assert model.index(len(ids) - 1, status).data() == "Done"


def test_empty_database_offers_the_sample_and_loads_it(qtbot, make_window, db_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    assert window.banner.isVisible()
    assert window.model.rowCount() == 0
    save_shot(window, "main-empty.png")
    with qtbot.waitSignals([window.claimsShown, window.sidebarShown], timeout=20_000):
        qtbot.mouseClick(window.banner.load_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 7
    # The sidebar and its chart count the new claims too (not the empty database's zeros).
    sidebar = window.sidebar.model()
    assert sidebar.index(0, 0).data() == "All claims  (7)"
    assert not window.banner.isVisible()
    assert window.count_label.text() == "7 claim(s)"
    texts = [window.model.index(r, 0).data() for r in range(7)]
    assert any("keselamatannya" in t for t in texts)
    save_shot(window, "main-sample.png")


def test_a_database_with_claims_does_not_offer_the_sample(
    qtbot, make_window, sample, db_path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    assert not window.banner.isVisible()
    assert window.model.rowCount() == 7
    assert window.windowTitle().startswith(db_path.name)


def test_clicking_a_header_sorts_in_sql(qtbot, make_window, sample, db_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    header = window.table.horizontalHeader()
    column = [key for key, _ in COLUMNS].index("claimant")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(window.claimsShown, timeout=20_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    names = [window.model.index(r, column).data().lower() for r in range(7)]
    assert names == sorted(names)
    with qtbot.waitSignal(window.claimsShown, timeout=20_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    names = [window.model.index(r, column).data().lower() for r in range(7)]
    assert names == sorted(names, reverse=True)


def test_a_bad_database_shows_a_clear_error_and_the_window_lives(
    qtbot, make_window, tmp_path
) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database at all")
    window = make_window()
    with qtbot.waitSignal(window.failed, timeout=20_000) as blocker:
        window.open_database(str(bad))
    assert "not a ClaimTrack database" in blocker.args[0]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert boxes and "not a ClaimTrack database" in boxes[-1].text()
    assert boxes[-1].textFormat() == Qt.TextFormat.PlainText
    for box in boxes:
        box.close()
    assert window.isVisible() and window.services is None


def test_window_geometry_and_columns_are_remembered(qtbot, make_window, db_path) -> None:
    window = make_window()
    window.resize(1000, 650)
    window.table.horizontalHeader().resizeSection(0, 222)
    window.close()
    again = make_window(size=None)
    assert (again.size().width(), again.size().height()) == (1000, 650)
    assert again.table.horizontalHeader().sectionSize(0) == 222


def test_last_database_is_remembered_as_recent(qtbot, make_window, db_path) -> None:
    from claimtrack import settings as keys

    window = make_window()
    open_and_wait(qtbot, window, db_path)
    assert window.settings.get(keys.RECENT_DATABASES)[0] == str(db_path)
    assert window.settings.get(keys.LAST_DATABASE) == str(db_path)


def _help_menu(window):
    return next(m.menu() for m in window.menuBar().actions() if m.text().replace("&", "") == "Help")


def test_help_about_names_the_licence(qtbot, make_window) -> None:
    window = make_window()
    window.actions_.about.trigger()
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert "GPL-3.0-or-later" in box.text()
    assert "GNU General Public License, version 3 or later" in box.text()
    box.close()


def test_help_about_qt_shows_qts_own_box(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    action = window.actions_.about_qt
    help_menu = _help_menu(window)
    assert action in help_menu.actions()
    assert help_menu.actions().index(action) == help_menu.actions().index(window.actions_.about) + 1
    assert action.menuRole() == action.MenuRole.AboutQtRole  # macOS moves it to the app menu
    shown: list[tuple[object, str]] = []
    # QMessageBox.aboutQt runs its own modal loop; record the call instead of blocking.
    monkeypatch.setattr(
        QMessageBox, "aboutQt", lambda parent, title="": shown.append((parent, title))
    )
    action.trigger()
    assert shown == [(window, "About Qt")]
