"""The detail pane's History tab: every change to the claim, newest first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from claimtrack.domain import HistoryRecord
from claimtrack.ui.models.records import RecordTableModel
from claimtrack.ui.widgets.rows import fit_columns, local_moment


class HistoryTable(QTableView):
    """Read-only. ``shown(field, value)`` turns stored keys into the labels the window uses."""

    def __init__(
        self, shown: Callable[[str, str | None], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.history_model: RecordTableModel[HistoryRecord] = RecordTableModel(
            [
                (self.tr("When"), lambda h: local_moment(h.at)),
                (self.tr("Who"), lambda h: h.by),
                (self.tr("Field"), lambda h: h.field),
                (self.tr("Before"), lambda h: shown(h.field, h.old)),
                (self.tr("After"), lambda h: shown(h.field, h.new)),
            ],
            self,
        )
        self.setModel(self.history_model)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fit_columns(self, self.history_model)

    def show_history(self, history: list[HistoryRecord]) -> None:
        self.history_model.set_records(list(reversed(history)))
