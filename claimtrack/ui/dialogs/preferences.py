"""Preferences: who edits, for which organisation, in which language; the database's verdict
scale and workflow statuses; export and backup defaults.

Personal choices go to QSettings; the verdict scale and statuses belong to the database and
are written through ``services.catalog`` when the editor presses OK (a few small writes,
each its own transaction with History). A write the database refuses (a verdict still in
use, say) is shown and the dialog stays open with the editor's edits intact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from claimtrack import settings as keys
from claimtrack.settings import Settings
from claimtrack.ui.labels import status_label, verdict_label

_Index = QModelIndex | QPersistentModelIndex


@dataclass
class Row:
    """One verdict or status as edited: ``id`` None until it is created in the database."""

    id: int | None
    key: str
    values: dict[str, Any] = field(default_factory=dict)
    original: dict[str, Any] = field(default_factory=dict)


# (field, header, kind): kind "text", "int", "colour" or "bool"
RATING_COLUMNS = (
    ("label", "Label", "text"),
    ("colour", "Colour", "colour"),
    ("alternate_name", "ClaimReview name", "text"),
    ("rating_value", "Rating value", "int"),
    ("best_rating", "Best", "int"),
    ("worst_rating", "Worst", "int"),
)
STATUS_COLUMNS = (("label", "Label", "text"), ("is_final", "Final", "bool"))
# Every header once, so that the translation script finds them (see headerData).
HEADERS = ("Label", "Colour", "ClaimReview name", "Rating value", "Best", "Worst", "Final")


class ScaleModel(QAbstractTableModel):
    """An ordered, editable list of verdicts or statuses, with deletions remembered."""

    def __init__(self, columns: tuple[tuple[str, str, str], ...], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Row] = []
        self.deleted: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows, self.deleted = rows, []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.tr(HEADERS[HEADERS.index(self.columns[section][1])])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        name, _header, kind = self.columns[index.column()]
        value = self.rows[index.row()].values.get(name)
        if kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if kind == "colour" and role == Qt.ItemDataRole.DecorationRole:
            return QColor(value) if value else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if value is None:
                return "" if role == Qt.ItemDataRole.DisplayRole else None
            return value if kind == "int" and role == Qt.ItemDataRole.EditRole else str(value)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        kind = self.columns[index.column()][2]
        if kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if kind == "colour":
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return False
        name, _header, kind = self.columns[index.column()]
        if kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif kind == "int":
            text = str(value).strip() if value is not None else ""
            if text and not re.fullmatch(r"-?\d+", text):
                return False
            value = int(text) if text else None
        elif kind == "text":
            value = str(value).strip()
            if name == "label" and not value:
                return False  # a verdict or status always has a name
        elif kind == "colour" and not QColor(str(value)).isValid():
            return False
        self.rows[index.row()].values[name] = value
        self.dataChanged.emit(index, index)
        return True

    def add(self, label: str, defaults: dict[str, Any]) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(Row(None, "", {"label": label, **defaults}))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        gone = self.rows.pop(row)
        self.endRemoveRows()
        if gone.id is not None:
            self.deleted.append(gone)

    def move(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self.rows) and 0 <= target < len(self.rows)):
            return row
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self.rows[row], self.rows[target] = self.rows[target], self.rows[row]
        self.endMoveRows()
        return target


def _slug(label: str, taken: set[str]) -> str:
    """A new key from a label: "Partly true" → "partly_true", unique in ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "item"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


class ScaleEditor(QWidget):
    """A table with Add, Remove, Up, Down (and Colour… for verdicts)."""

    def __init__(self, model: ScaleModel, new_label: str, defaults: dict[str, Any]) -> None:
        super().__init__()
        self.model = model
        self._new_label, self._defaults = new_label, defaults
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        self.colour_button: QPushButton | None = None
        if any(kind == "colour" for _n, _h, kind in model.columns):
            self.colour_button = QPushButton(self.tr("Colour…"))
            self.colour_button.clicked.connect(self.choose_colour)
            buttons.addWidget(self.colour_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def add(self) -> None:
        row = self.model.add(self._new_label, dict(self._defaults))
        self.table.selectRow(row)
        self.table.edit(self.model.index(row, 0))

    def remove(self) -> None:
        self.model.remove(self.current_row())

    def move(self, delta: int) -> None:
        self.table.selectRow(self.model.move(self.current_row(), delta))

    def choose_colour(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        current = QColor(self.model.rows[row].values.get("colour") or "#9e9e9e")
        colour = QColorDialog.getColor(current, self, self.tr("Verdict colour"))
        if colour.isValid():
            self.set_colour(row, colour.name())

    def set_colour(self, row: int, colour: str) -> None:
        column = [n for n, _h, _k in self.model.columns].index("colour")
        index = self.model.index(row, column)
        self.model.rows[row].values["colour"] = colour
        self.model.dataChanged.emit(index, index)


class PreferencesDialog(QDialog):
    """Edit > Preferences…: personal settings and, with a database open, its vocabulary."""

    languageChosen = Signal(str)  # "", "en" or "id": the caller swaps translators
    catalogChanged = Signal(object)  # ChangeSet of the verdict/status writes
    failed = Signal(str)

    def __init__(self, settings: Settings, services: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.services = services
        self.setWindowTitle(self.tr("Preferences"))
        self.resize(760, 480)
        self.tabs = QTabWidget()

        general = QWidget()
        form = QFormLayout(general)
        self.editor = QLineEdit(settings.get(keys.EDITOR_NAME))
        self.organisation = QLineEdit(settings.get(keys.ORGANISATION))
        self.organisation.setPlaceholderText(self.tr("Named as author of ClaimReview verdicts"))
        self.language = QComboBox()
        for code, name in (
            ("", self.tr("Follow the system")),
            ("en", "English"),
            ("id", "Bahasa Indonesia"),
        ):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.get(keys.LANGUAGE)), 0))
        form.addRow(self.tr("Your &name:"), self.editor)
        form.addRow(self.tr("&Organisation:"), self.organisation)
        form.addRow(self.tr("&Language:"), self.language)
        self.tabs.addTab(general, self.tr("General"))

        self.ratings = ScaleModel(RATING_COLUMNS, self)
        self.statuses = ScaleModel(STATUS_COLUMNS, self)
        self.rating_editor = ScaleEditor(
            self.ratings, self.tr("New verdict"), {"colour": "#9e9e9e", "alternate_name": ""}
        )
        self.status_editor = ScaleEditor(self.statuses, self.tr("New status"), {"is_final": False})
        self.tabs.addTab(self.rating_editor, self.tr("Verdicts"))
        self.tabs.addTab(self.status_editor, self.tr("Statuses"))
        if services is None:
            for editor in (self.rating_editor, self.status_editor):
                editor.setEnabled(False)
                editor.setToolTip(self.tr("Open a database to edit its verdicts and statuses."))
        else:
            self._load_catalog()

        export = QWidget()
        export_form = QFormLayout(export)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("Letter"), "letter")
        self.paper.setCurrentIndex(max(self.paper.findData(settings.get(keys.EXPORT_PAPER)), 0))
        self.redact = QCheckBox(self.tr("Redact protected sources"))
        self.redact.setChecked(settings.get(keys.EXPORT_REDACT))
        export_form.addRow(self.tr("&Paper:"), self.paper)
        export_form.addRow("", self.redact)
        self.tabs.addTab(export, self.tr("Export"))

        backups = QWidget()
        backup_form = QFormLayout(backups)
        self.keep_daily = QSpinBox()
        self.keep_daily.setRange(1, 90)
        self.keep_daily.setValue(settings.get(keys.BACKUP_KEEP_DAILY))
        self.keep_daily.setSuffix(self.tr(" days"))
        backup_form.addRow(self.tr("&Keep daily backups for:"), self.keep_daily)
        note = QLabel(self.tr("Backups are made once a day, beside the database file."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        backup_form.addRow(note)
        self.tabs.addTab(backups, self.tr("Backups"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _load_catalog(self) -> None:
        catalog = self.services.catalog
        rating_fields = [n for n, _h, _k in RATING_COLUMNS]
        self.ratings.set_rows(
            [self._row(r, rating_fields, verdict_label(r.key, r.label)) for r in catalog.ratings()]
        )
        self.statuses.set_rows(
            [
                self._row(s, ["label", "is_final"], status_label(s.key, s.label))
                for s in catalog.statuses()
            ]
        )

    @staticmethod
    def _row(record: Any, names: list[str], shown_label: str) -> Row:
        values = {name: getattr(record, name) for name in names}
        values["label"] = shown_label  # the translated default, kept as is unless edited
        original = {**values, "position": record.position, "stored_label": record.label}
        return Row(record.id, record.key, dict(values), original)

    # ------------------------------------------------------------------ saving
    def accept(self) -> None:
        try:
            changes = self.save_catalog()
        except Exception as exc:  # the database refused: say so, keep the edits
            message = str(exc) or exc.__class__.__name__
            self.failed.emit(message)
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Could not save"), message, parent=self
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
            return
        self.save_settings()
        if changes is not None:
            self.catalogChanged.emit(changes)
        super().accept()

    def save_settings(self) -> None:
        s = self.settings
        old_language = s.get(keys.LANGUAGE)
        s.set(keys.EDITOR_NAME, self.editor.text().strip())
        s.set(keys.ORGANISATION, self.organisation.text().strip())
        s.set(keys.LANGUAGE, self.language.currentData())
        s.set(keys.EXPORT_PAPER, self.paper.currentData())
        s.set(keys.EXPORT_REDACT, self.redact.isChecked())
        s.set(keys.BACKUP_KEEP_DAILY, self.keep_daily.value())
        s.sync()
        if self.language.currentData() != old_language:
            self.languageChosen.emit(self.language.currentData())

    def save_catalog(self) -> Any:
        """Write the edited scale and statuses; returns the merged ChangeSet (or None)."""
        if self.services is None:
            return None
        from claimtrack.domain import ChangeSet

        catalog = self.services.catalog
        merged = ChangeSet()
        for model, kind in ((self.ratings, "rating"), (self.statuses, "status")):
            create = catalog.create_rating if kind == "rating" else catalog.create_status
            update = catalog.update_rating if kind == "rating" else catalog.update_status
            delete = catalog.delete_rating if kind == "rating" else catalog.delete_status
            for row in model.deleted:
                merged = merged.merged(delete(row.id))
            taken = {r.key for r in model.rows if r.key}
            for position, row in enumerate(model.rows):
                values = dict(row.values, position=position)
                if row.id is None:
                    row.key = _slug(values["label"], taken)
                    taken.add(row.key)
                    created = create(row.key, values.pop("label"), **values)
                    row.id = created.id
                    merged = merged.merged(created.changes)
                    continue
                if values["label"] == row.original["label"]:
                    values["label"] = row.original["stored_label"]  # shown translated only
                changed = {k: v for k, v in values.items() if row.original.get(k) != v}
                changed.pop("stored_label", None)
                if "label" in changed and changed["label"] == row.original["stored_label"]:
                    del changed["label"]
                if changed:
                    merged = merged.merged(update(row.id, **changed))
            model.deleted = []
        return merged
