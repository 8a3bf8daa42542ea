"""Team mode: the live connection to a shared PostgreSQL database, and the questions a
clash with another editor raises.

The window learns of other editors' changes and of the connection's state only through
signals: ``changed`` (a ChangeSet to apply), ``refreshRequested`` (changes were missed:
reload everything), ``connectionText`` (what the status bar's live label should read;
empty on a file database) and ``openRequested`` (the connect dialog chose a server).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from claimtrack.services import Services
    from claimtrack.settings import Settings
    from claimtrack.ui.dialogs.connect import Credentials
    from claimtrack.ui.live import LiveUpdates


class TeamController(QObject):
    """Owns the LiveUpdates of the open database (only a PostgreSQL one has any)."""

    changed = Signal(object)  # ChangeSet another editor made
    refreshRequested = Signal()
    connectionText = Signal(str)
    openRequested = Signal(str)  # a store target from the connect dialog

    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self._widget = parent  # dialogs open over it
        self.live: LiveUpdates | None = None
        self._credentials: Credentials | None = None

    def set_services(self, services: Services | None) -> None:
        """Listen to ``services``' database, letting go of the one before."""
        self.stop()
        if services is None or services.store.dialect != "postgresql":
            self.connectionText.emit("")
            return
        from claimtrack.ui.live import LiveUpdates

        # Our own commits come back too; they are applied already (and a big one would
        # arrive as "reload everything").
        live = self.live = LiveUpdates(
            services.store.engine.url, parent=self, ignore_pids=services.store.backend_pids
        )
        live.changed.connect(self.changed)
        live.refreshRequested.connect(self.refreshRequested)
        live.connectionStateChanged.connect(self._show_state)
        live.start()
        self._show_state(live.state)

    def stop(self) -> None:
        """End the live connection (closing the database or the window)."""
        live, self.live = self.live, None
        if live is not None:
            live.stop()

    def state_text(self, state: str) -> str:
        labels = {
            "connected": self.tr("Live: connected"),
            "connecting": self.tr("Live: connecting…"),
            "reconnecting": self.tr("Live: reconnecting…"),
            "stopped": self.tr("Live: off"),
        }
        return labels.get(state, state)

    def _show_state(self, state: str) -> None:
        self.connectionText.emit(self.state_text(state))

    def connect_team(self) -> None:
        """Ask for a team server; the credentials typed are kept for this session."""
        from PySide6.QtWidgets import QDialog

        from claimtrack.ui.dialogs.connect import ConnectDialog, Credentials

        if self._credentials is None:
            self._credentials = Credentials()
        dialog = ConnectDialog(self.settings, self._credentials, self._widget)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.store_target():
            self.openRequested.emit(dialog.store_target())

    def resolve_conflict(self, conflict: Any) -> dict[str, Any] | None:
        """The desk's question when a claim changed under an edit: the merged values,
        or None to drop the edit."""
        from PySide6.QtWidgets import QDialog

        from claimtrack.ui.dialogs.conflict import ConflictDialog

        dialog = ConflictDialog(conflict, self._widget)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.resolutions()
        return None

    def confirm_partial(self, conflict: Any) -> bool:
        """A bulk edit where some claims changed meanwhile: go on with the others?"""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self._widget,
            self.tr("Claims changed meanwhile"),
            self.tr(
                "%n of the selected claims were changed by someone else since you loaded "
                "them. Apply your change to the other claims only?",
                "",
                len(conflict.conflicted),
            ),
        )
        return answer == QMessageBox.StandardButton.Yes
