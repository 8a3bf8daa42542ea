"""Live updates for the window: the PostgreSQL listener on a thread, as Qt signals.

``changed`` carries the ChangeSet another editor committed (the same object the local
services return, so the table and detail pane refresh through one path);
``connectionStateChanged`` says "connecting", "connected", "reconnecting" or "stopped"
for the status bar; ``refreshRequested`` asks for a full reload after a reconnect.
Signals are emitted from the listener's thread and delivered queued on the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from claimtrack.store.live import LiveChange, LiveListener


class LiveUpdates(QObject):
    changed = Signal(object)  # ChangeSet
    changedBy = Signal(object)  # LiveChange: the change set with who made it
    connectionStateChanged = Signal(str)
    refreshRequested = Signal()

    def __init__(self, url: Any, parent: QObject | None = None, **listener_options: Any) -> None:
        """``url`` is the store's SQLAlchemy URL object (``store.engine.url``), password
        included; it is never shown or logged."""
        super().__init__(parent)
        self._listener = LiveListener(
            url,
            on_change=self._on_change,
            on_state=self.connectionStateChanged.emit,
            on_refresh=self.refreshRequested.emit,
            **listener_options,
        )

    @property
    def state(self) -> str:
        return self._listener.state

    @property
    def listener(self) -> LiveListener:
        return self._listener

    def start(self) -> None:
        self._listener.start()

    def stop(self) -> None:
        """Stop listening (call before the window closes; returns within a second)."""
        self._listener.stop()

    def _on_change(self, change: LiveChange) -> None:
        self.changed.emit(change.changes)
        self.changedBy.emit(change)
