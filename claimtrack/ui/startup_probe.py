"""Reports start-up milestones for the benchmark suite (``CLAIMTRACK_BENCH_STARTUP=1``).

Prints wall-clock times of the window's first paint and of the first paint with claim
rows, then scrolls the table end to end, prints peak memory and quits. Nothing of this
runs in normal use.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from claimtrack.ui.mainwindow import MainWindow


def peak_rss_kib() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class StartupProbe(QObject):
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self.app, self.window = app, window
        self.painted = False
        self.rows_ready = False
        self.rows_seen = False
        self.loaded = False
        window.installEventFilter(self)
        window.table.viewport().installEventFilter(self)
        # Rows may first come from the start-up peek (firstRowsShown) and the data layer
        # later (claimsShown): the first paint with rows is timed, the memory is measured
        # once everything has loaded.
        window.firstRowsShown.connect(self._rows)
        window.claimsShown.connect(self._loaded)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            now = time.time()
            if not self.painted:
                self.painted = True
                print(f"first-paint {now:.6f}", flush=True)
            if self.rows_ready and watched is self.window.table.viewport():
                self.rows_ready = False
                self.rows_seen = True
                print(f"rows-visible {now:.6f}", flush=True)
                self._maybe_scroll()
        return False

    def _rows(self, count: int) -> None:
        if count and not self.rows_seen:
            self.rows_ready = True
            self.window.table.viewport().update()

    def _loaded(self, count: int) -> None:
        self.loaded = True
        self._rows(count)
        self._maybe_scroll()

    def _maybe_scroll(self) -> None:
        if self.loaded and self.rows_seen:
            self.loaded = False
            QTimer.singleShot(0, self._scroll)

    def _scroll(self) -> None:
        table = self.window.table
        bar = table.verticalScrollBar()
        step = max(1, bar.pageStep())
        for value in range(0, bar.maximum() + step, step * 50):
            bar.setValue(value)
            table.viewport().repaint()
        table.scrollToBottom()
        table.viewport().repaint()
        print(f"peak-rss-kib {peak_rss_kib()}", flush=True)
        self.app.quit()
