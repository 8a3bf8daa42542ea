"""A large article file: its import shows progress with Cancel, and Cancel stores nothing;
a file far beyond any news story is refused at once with a clear message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressBar, QPushButton

from claimtrack.services.intake import MAX_EXTRACT_CHARS
from claimtrack.ui.review import LARGE_IMPORT_BYTES, ImportProgress
from tests.gui.conftest import open_and_wait

PARAGRAPHS = (
    "\u201cKami akan menambah jadwal kapal ke pulau-pulau kecil mulai bulan depan,\u201d "
    "kata Kepala Dinas Perhubungan {n}, Ratna Sari, di pelabuhan.",
    "Nelayan di pesisir utara \u2014 dari Indramayu sampai Tuban \u2014 mengeluhkan harga solar.",
    "The harbour office said the new ferry timetable \u2014 the first since May \u2014 would "
    "be published on its website.",
)


def _large_article(path: Path) -> str:
    """A news-like file of at least LARGE_IMPORT_BYTES bytes that stays under the cap."""
    parts: list[str] = []
    size = 0
    n = 0
    while size < LARGE_IMPORT_BYTES + 5_000:
        p = PARAGRAPHS[n % 3].format(n=n)
        parts.append(p)
        size += len(p.encode("utf-8")) + 2
        n += 1
    text = "\n\n".join(parts) + "\n"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= LARGE_IMPORT_BYTES and len(text) <= MAX_EXTRACT_CHARS
    return text


def _counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as con:
        return tuple(
            con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("article", "claim", "party", "history")
        )


def _progress_dialog(window) -> ImportProgress | None:
    found = [d for d in window.findChildren(ImportProgress) if d.isVisible()]
    return found[0] if found else None


def test_cancel_during_a_large_import_stores_nothing(qtbot, make_window, db_path, tmp_path):
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    before = _counts(db_path)
    path = tmp_path / "kapal.txt"
    _large_article(path)

    window.import_files([path])
    qtbot.waitUntil(lambda: _progress_dialog(window) is not None, timeout=10_000)
    dialog = _progress_dialog(window)
    assert dialog is not None and "kapal.txt" in dialog.labelText()
    # extraction is under way (past reading) when Cancel is clicked
    qtbot.waitUntil(lambda: dialog.value() > 5, timeout=20_000)
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    cancel.click()

    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=5_000)
    assert "nothing was stored" in window.statusBar().currentMessage()
    assert _progress_dialog(window) is None
    assert not [d for d in window.findChildren(QDialog) if d.isVisible()], "no review opened"
    assert _counts(db_path) == before


def test_a_large_import_shows_progress_then_the_review(qtbot, make_window, db_path, tmp_path):
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    before = _counts(db_path)
    path = tmp_path / "kapal.txt"
    text = _large_article(path)
    values: list[int] = []

    window.import_files([path])
    qtbot.waitUntil(lambda: _progress_dialog(window) is not None, timeout=10_000)
    dialog = _progress_dialog(window)
    assert dialog is not None
    bar = dialog.findChild(QProgressBar)
    assert bar is not None
    bar.valueChanged.connect(values.append)
    qtbot.waitUntil(
        lambda: (
            getattr(window, "review_dialog", None) is not None and window.review_dialog.isVisible()
        ),
        timeout=60_000,
    )
    assert _progress_dialog(window) is None, "the progress dialog closes when done"
    assert values and values == sorted(values) and len(set(values)) > 3
    assert _counts(db_path) == before, "nothing is stored before the review is accepted"
    window.review_dialog.reject()
    assert text.count("kata Kepala Dinas") > 1000


def test_a_file_far_beyond_a_news_story_is_refused_quickly(
    qtbot, make_window, db_path, tmp_path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, db_path)
    before = _counts(db_path)
    path = tmp_path / "dump.txt"
    path.write_text(PARAGRAPHS[2] * (3 * MAX_EXTRACT_CHARS // len(PARAGRAPHS[2])), "utf-8")

    # The window's failure signal, not the status bar: the daily backup's own message may
    # replace the line there at any moment.
    with qtbot.waitSignal(window.failed, timeout=30_000) as failure:
        window.import_files([path])
    assert "too long to be one news article" in failure.args[0]
    assert "dump.txt" in failure.args[0]
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
    qtbot.waitUntil(lambda: _progress_dialog(window) is None, timeout=5_000)
    assert _counts(db_path) == before
