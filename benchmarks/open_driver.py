"""Open a database in the real window (offscreen), wait for every background task (the
daily backup on a first open among them), print what happened, and exit.

    python benchmarks/open_driver.py DB        # run by bench_backup.py as a child
"""

from __future__ import annotations

import os
import sys


def main(db: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from claimtrack.app import _build

    app, _settings, window = _build()
    state = {"shown": 0, "code": 1}

    def idle() -> None:
        if window.runner.busy:
            QTimer.singleShot(50, idle)
            return
        state["code"] = 0
        app.quit()

    def shown(count: int) -> None:
        state["shown"] = count
        QTimer.singleShot(50, idle)

    window.claimsShown.connect(shown)
    window.failed.connect(lambda message: (print(message, file=sys.stderr), app.quit()))
    window.show()
    QTimer.singleShot(0, lambda: window.open_database(db, create=False))
    QTimer.singleShot(600_000, app.quit)
    app.exec()
    print(f"shown {state['shown']} claims")
    window.close()
    return state["code"]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
