"""Fixtures for driving the real main window on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrack.settings import Settings
from claimtrack.ui.mainwindow import MainWindow
from claimtrack.ui.tasks import TaskRunner
from tests.conftest import SCREENSHOTS


@pytest.fixture
def make_window(qtbot):
    windows: list[MainWindow] = []

    def make(*, size: tuple[int, int] | None = (1280, 800), read_only: bool = False) -> MainWindow:
        window = MainWindow(Settings(), TaskRunner(), editor="Ayu")
        window.read_only = read_only
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.wait()


def open_and_wait(qtbot, window: MainWindow, target: Path) -> None:
    # The rows, then the menus (filled off the GUI thread once the rows show).
    with qtbot.waitSignals([window.claimsShown, window.choicesShown], timeout=20_000):
        window.open_database(str(target))


def save_shot(widget, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path))
    return path
