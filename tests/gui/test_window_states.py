"""Issue 16: what the window offers follows what is open.

With no database open, Import, Export, Paste, Load Sample and Back Up did nothing; after a
failed open the empty window gave no hint; read-only mode showed nothing until an edit was
refused. Now actions follow the state, the banner says how to go on, and read-only shows
in the title and the status bar from the start.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import open_and_wait, save_shot
from tests.gui.test_looks import sample_db  # noqa: F401  (fixture)


def _close_boxes() -> None:
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.close()


def _enabled(window) -> dict[str, bool]:
    a = window.actions_
    names = (
        "import_article paste_article export load_sample backup_now restore delete "
        "new_claim add_tag assign find open_database new_database connect_team"
    ).split()
    return {name: getattr(a, name).isEnabled() for name in names}


def test_with_no_database_only_opening_is_offered(qtbot, make_window, tmp_path) -> None:
    window = make_window()
    state = _enabled(window)
    assert not any(state[n] for n in ("import_article", "paste_article", "export", "backup_now"))
    assert not state["load_sample"] and not state["restore"]
    assert state["open_database"] and state["new_database"] and state["connect_team"]
    # A failed open: the window says how to go on, with buttons that do it.
    with qtbot.waitSignal(window.failed, timeout=20_000):
        window.open_database(str(tmp_path / "no such folder" / "desk.sqlite"))
    _close_boxes()
    banner = window.banner
    assert banner.isVisible() and banner.mode == "none"
    assert "No database is open" in banner.text.text()
    assert banner.open_button.isVisible() and banner.new_button.isVisible()
    assert not banner.load_button.isVisible()

    # Its button is File ▸ Open (a modal file dialog: closed as soon as it shows).
    def close_dialog() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.reject()
        else:
            QTimer.singleShot(50, close_dialog)

    QTimer.singleShot(0, close_dialog)
    with qtbot.waitSignal(window.actions_.open_database.triggered, timeout=10_000):
        banner.open_button.click()
    assert not _enabled(window)["import_article"]
    save_shot(window, "no_database.png")


def test_an_open_database_enables_its_actions(qtbot, make_window, sample_db) -> None:  # noqa: F811
    window = make_window()
    open_and_wait(qtbot, window, sample_db)
    state = _enabled(window)
    assert all(state[n] for n in ("import_article", "paste_article", "export", "backup_now"))
    assert state["restore"] and state["load_sample"]
    assert not window.read_only_label.isVisible()
    assert "read-only" not in window.windowTitle()


def test_read_only_shows_from_the_start(qtbot, make_window, sample_db) -> None:  # noqa: F811
    window = make_window(read_only=True)
    open_and_wait(qtbot, window, sample_db)
    assert window.windowTitle().startswith(f"{sample_db.name} (read-only)")
    assert window.read_only_label.isVisible() and window.read_only_label.text() == "Read-only"
    state = _enabled(window)
    # Reading, searching, exporting and backing up work; nothing that writes is offered.
    assert state["export"] and state["find"] and state["backup_now"]
    for name in ("import_article", "paste_article", "load_sample", "restore", "delete"):
        assert not state[name], name
    save_shot(window, "read_only.png")
