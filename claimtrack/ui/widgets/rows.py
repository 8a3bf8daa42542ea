"""What the detail pane's evidence and reply tables share: the row dialog and the table.

An evidence item and a reply request are both rows under a claim, added, edited and
removed through the same dialog and buttons; only the columns and the words differ
(evidence.py, replies.py). Every change goes through the desk as one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from claimtrack.domain import ClaimRecord, EvidenceType, ReplyChannel, Stance
from claimtrack.ui.models.records import RecordTableModel

if TYPE_CHECKING:
    from claimtrack.ui.desk import Desk

# What a row table needs of its pane, asked at each click: (desk, claim shown, parties).
PaneState = Callable[[], "tuple[Desk | None, ClaimRecord | None, list[str]]"]


def local_moment(moment: datetime | None) -> str:
    """A moment in the interface language's own short date and time format."""
    from claimtrack.ui.i18n import format_date

    return format_date(moment) if moment else ""


class RowDialog(QDialog):
    """Add or edit an evidence item or a reply request."""

    def __init__(self, kind: str, parties: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(self.tr("Evidence") if kind == "evidence" else self.tr("Reply request"))
        form = QFormLayout(self)
        if kind == "evidence":
            self.url = QLineEdit()
            self.url.setPlaceholderText("https://…")
            self.file = QLineEdit()
            self.type = QComboBox()
            for value, label in evidence_types():
                self.type.addItem(label, value)
            self.stance = QComboBox()
            for value, label in stances():
                self.stance.addItem(label, value)
            self.excerpt = QPlainTextEdit()
            self.accessed_known = QCheckBox(self.tr("Accessed on"))
            self.accessed = QDateEdit(QDate.currentDate())
            self.accessed.setCalendarPopup(True)
            accessed_row = QHBoxLayout()
            accessed_row.addWidget(self.accessed_known)
            accessed_row.addWidget(self.accessed, 1)
            form.addRow(self.tr("Link"), self.url)
            form.addRow(self.tr("File"), self.file)
            form.addRow(self.tr("Type"), self.type)
            form.addRow(self.tr("Stance"), self.stance)
            form.addRow(self.tr("Excerpt"), self.excerpt)
            form.addRow(accessed_row)
        else:
            self.party = QComboBox()
            self.party.setEditable(True)
            self.party.addItems(parties)
            self.party.setEditText("")
            self.asked = QDateTimeEdit(QDateTime.currentDateTime())
            self.asked.setCalendarPopup(True)
            self.channel = QComboBox()
            for value, label in channels():
                self.channel.addItem(label, value)
            self.response = QPlainTextEdit()
            self.answered = QCheckBox(self.tr("Answered on"))
            self.responded = QDateTimeEdit(QDateTime.currentDateTime())
            answered_row = QHBoxLayout()
            answered_row.addWidget(self.answered)
            answered_row.addWidget(self.responded, 1)
            form.addRow(self.tr("Asked"), self.party)
            form.addRow(self.tr("When"), self.asked)
            form.addRow(self.tr("Channel"), self.channel)
            form.addRow(self.tr("Response"), self.response)
            form.addRow(answered_row)
        # Why OK did not close the dialog: nothing the editor typed is dropped silently.
        self.error = QLabel()
        self.error.setObjectName("rowDialogError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #b00020; }")
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        problem, field = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            field.setFocus()
            return
        super().accept()

    def problem(self) -> tuple[str, QWidget]:
        """What keeps the row from being saved, and the field to fix ("" when none)."""
        if self.kind == "evidence":
            empty = not (
                self.url.text().strip()
                or self.file.text().strip()
                or self.excerpt.toPlainText().strip()
            )
            return (self.tr("Give a link, a file or an excerpt.") if empty else "", self.url)
        if not self.party.currentText().strip():
            return self.tr("Say who was asked: a person or an organisation."), self.party
        return "", self.party

    def load(self, record: Any) -> None:
        if self.kind == "evidence":
            self.url.setText(record.url or "")
            self.file.setText(record.file_path or "")
            self.type.setCurrentIndex(max(self.type.findData(record.type.value), 0))
            self.stance.setCurrentIndex(max(self.stance.findData(record.stance.value), 0))
            self.excerpt.setPlainText(record.excerpt)
            self.accessed_known.setChecked(record.accessed is not None)
            if record.accessed:
                self.accessed.setDate(QDate(record.accessed))
        else:
            self.party.setEditText(record.party_name)
            self.asked.setDateTime(_qdt(record.asked_at))
            self.channel.setCurrentIndex(max(self.channel.findData(record.channel.value), 0))
            self.response.setPlainText(record.response)
            self.answered.setChecked(record.responded_at is not None)
            if record.responded_at:
                self.responded.setDateTime(_qdt(record.responded_at))

    def values(self) -> dict[str, Any]:
        if self.kind == "evidence":
            return {
                "url": self.url.text().strip() or None,
                "file_path": self.file.text().strip() or None,
                "type": self.type.currentData(),
                "stance": self.stance.currentData(),
                "excerpt": self.excerpt.toPlainText(),
                "accessed": self.accessed.date().toPython()
                if self.accessed_known.isChecked()
                else None,
            }
        return {
            "asked_at": _aware(self.asked.dateTime()),
            "channel": self.channel.currentData(),
            "response": self.response.toPlainText(),
            "responded_at": _aware(self.responded.dateTime())
            if self.answered.isChecked()
            else None,
        }


class RowTable(QWidget):
    """A claim's evidence or reply requests: the table and its Add, Edit, Remove buttons.

    Subclasses give the columns, the undo labels and the fields a removal keeps (so that
    undo can bring the row back).
    """

    kind = ""
    removed_fields: tuple[str, ...] = ()

    def __init__(
        self,
        columns: list[tuple[str, Callable[[Any], str]]],
        state: PaneState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self.model: RecordTableModel[Any] = RecordTableModel(columns, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_row())
        fit_columns(self.view, self.model)
        add = QPushButton(self.tr("Add…"))
        add.clicked.connect(self.add_row)
        edit = QPushButton(self.tr("Edit…"))
        edit.clicked.connect(self.edit_row)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (add, edit, remove):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def labels(self) -> tuple[str, str, str]:
        """The undo steps' names: add, edit, remove."""
        raise NotImplementedError

    def add_row(self) -> None:
        desk, claim, parties = self._state()
        if claim is None or desk is None:
            return
        dialog = RowDialog(self.kind, parties, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fields = self._fields(desk, dialog)
        if fields is not None:
            desk.add_row(self.kind, claim.id, fields, self.labels()[0])

    def edit_row(self) -> None:
        record = self.model.record(self.view.currentIndex().row())
        desk, claim, parties = self._state()
        if record is None or desk is None or claim is None:
            return
        dialog = RowDialog(self.kind, parties, self)
        dialog.load(record)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = self._fields(desk, dialog)
        if new is None:
            return
        old = {name: _plain(getattr(record, name)) for name in new}
        new = {k: v for k, v in new.items() if old.get(k) != v}
        if new:
            old = {k: old[k] for k in new}
            desk.update_row(self.kind, record.id, new, old, self.labels()[1])

    def remove_row(self) -> None:
        record = self.model.record(self.view.currentIndex().row())
        desk, claim, _parties = self._state()
        if record is None or desk is None or claim is None:
            return
        fields = {name: _plain(getattr(record, name)) for name in self.removed_fields}
        desk.delete_row(self.kind, claim.id, record.id, fields, self.labels()[2])

    def _fields(self, desk: Desk, dialog: RowDialog) -> dict[str, Any] | None:
        return dialog.values()


def fit_columns(view: QTableView, model: RecordTableModel[Any]) -> None:
    """One line per row; columns sized to their contents, within reason."""
    view.setWordWrap(False)
    # Size from the first rows only: measuring all 100+ History rows on every claim
    # opened cost more than the rest of the pane together.
    view.horizontalHeader().setResizeContentsPrecision(40)

    def fit() -> None:
        view.resizeColumnsToContents()
        for column in range(model.columnCount()):
            view.setColumnWidth(column, min(view.columnWidth(column), 220))

    model.modelReset.connect(fit)


def _qdt(moment: datetime) -> QDateTime:
    local = moment.astimezone()
    return QDateTime(QDate(local.date()), QTime(local.hour, local.minute, local.second))


def _aware(value: QDateTime) -> datetime:
    naive: datetime = value.toPython()
    return naive.astimezone().astimezone(UTC)


def evidence_types() -> list[tuple[str, str]]:
    tr = QObject().tr
    labels = {
        EvidenceType.PRIMARY_DOCUMENT: tr("Primary document"),
        EvidenceType.OFFICIAL_DATA: tr("Official data"),
        EvidenceType.EXPERT: tr("Expert"),
        EvidenceType.EYEWITNESS: tr("Eyewitness"),
        EvidenceType.MEDIA_REPORT: tr("Media report"),
        EvidenceType.OTHER: tr("Other"),
    }
    return [(k.value, v) for k, v in labels.items()]


def stances() -> list[tuple[str, str]]:
    tr = QObject().tr
    return [
        (Stance.SUPPORTS.value, tr("Supports")),
        (Stance.REFUTES.value, tr("Refutes")),
        (Stance.CONTEXT.value, tr("Context")),
    ]


def channels() -> list[tuple[str, str]]:
    tr = QObject().tr
    return [
        (ReplyChannel.EMAIL.value, tr("E-mail")),
        (ReplyChannel.PHONE.value, tr("Phone")),
        (ReplyChannel.MESSAGE.value, tr("Message")),
        (ReplyChannel.IN_PERSON.value, tr("In person")),
        (ReplyChannel.OTHER.value, tr("Other")),
    ]


def label_of(pairs: list[tuple[str, str]], value: str) -> str:
    return dict(pairs).get(value, value)


def _plain(value: Any) -> Any:
    if hasattr(value, "value") and not isinstance(value, date | datetime):
        return value.value
    return value
