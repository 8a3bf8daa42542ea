"""The floor for start-up: a bare PySide6 window with an empty table, nothing else.

Prints the wall-clock time of its first paint and its peak memory, then quits.
"""

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class FirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self.finish)
        return False

    def finish(self) -> None:
        with open("/proc/self/status", encoding="ascii") as fh:
            peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
        print(f"peak-rss-kib {peak}", flush=True)
        self.app.quit()


app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1280, 800)
probe = FirstPaint(app)
window.installEventFilter(probe)
window.show()
app.exec()
