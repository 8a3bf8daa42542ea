"""The detail pane's Replies tab: who was asked to respond, how, and what they said."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from claimtrack.ui.widgets.rows import (
    PaneState,
    RowDialog,
    RowTable,
    channels,
    label_of,
    local_moment,
)

if TYPE_CHECKING:
    from claimtrack.ui.desk import Desk


class ReplyTable(RowTable):
    kind = "reply"
    removed_fields = ("party_id", "asked_at", "channel", "response", "responded_at")

    def __init__(self, state: PaneState, parent: QWidget | None = None) -> None:
        channel_names = channels()
        super().__init__(
            [
                (self.tr("Asked"), lambda r: r.party_name),
                (self.tr("When"), lambda r: local_moment(r.asked_at)),
                (self.tr("Channel"), lambda r: label_of(channel_names, r.channel.value)),
                (
                    self.tr("Answered"),
                    lambda r: local_moment(r.responded_at) or self.tr("no answer yet"),
                ),
                (self.tr("Response"), lambda r: r.response),
            ],
            state,
            parent,
        )

    def labels(self) -> tuple[str, str, str]:
        return (
            self.tr("Log reply request"),
            self.tr("Edit reply request"),
            self.tr("Remove reply request"),
        )

    def _fields(self, desk: Desk, dialog: RowDialog) -> dict[str, Any] | None:
        """The dialog's values with the party asked as an id; None if it is not known."""
        fields = dialog.values()
        party_id = desk.party_id(dialog.party.currentText())
        if party_id is None:
            return None
        fields["party_id"] = party_id
        return fields
