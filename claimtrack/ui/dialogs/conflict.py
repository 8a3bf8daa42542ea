"""Both values of a field side by side, when another editor saved it while I edited it.

For each conflicting field the editor chooses "keep mine", "take theirs" or "merge (edit)"
(a text box that starts from both values). ``resolutions()`` gives the values to save;
the caller saves them with ``claims.update_merging(claim_id, conflict.current, …)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from claimtrack.services.merge import FieldConflict, FieldValues

MINE, THEIRS, MERGE = 0, 1, 2
# Fields whose value is free text, so a hand merge makes sense.
TEXT_FIELDS = frozenset({"text", "paraphrase", "cue", "verdict_explanation", "notes", "assignee"})


def _shown(value: Any) -> str:
    return "" if value is None else str(getattr(value, "value", value))


class ConflictDialog(QDialog):
    def __init__(self, conflict: FieldConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Someone else changed this claim"))
        self._conflict = conflict
        self._choices: dict[str, QButtonGroup] = {}
        self._merged: dict[str, QPlainTextEdit] = {}
        who = conflict.current.updated_by or self.tr("another editor")
        intro = QLabel(
            self.tr(
                "%1 saved changes to the same fields while you were editing. "
                "Nothing of yours was saved yet: choose what to keep for each field."
            ).replace("%1", who)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        body = QWidget()
        rows = QVBoxLayout(body)
        for name, values in sorted(conflict.fields.items()):
            rows.addWidget(self._field_box(name, values, who))
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def _field_box(self, name: str, values: FieldValues, who: str) -> QGroupBox:
        labels = {
            "text": self.tr("Claim"),
            "paraphrase": self.tr("Paraphrase"),
            "kind": self.tr("Kind"),
            "cue": self.tr("Cue"),
            "claimant_id": self.tr("Claimant"),
            "status": self.tr("Status"),
            "verdict": self.tr("Verdict"),
            "verdict_explanation": self.tr("Explanation"),
            "notes": self.tr("Notes"),
            "assignee": self.tr("Assignee"),
        }
        box = QGroupBox(labels.get(name, name.replace("_", " ")))
        grid = QGridLayout(box)
        for column, (title, value) in enumerate(
            (
                (self.tr("Mine"), values.mine),
                (self.tr("Theirs (%1)").replace("%1", who), values.theirs),
            )
        ):
            heading = QLabel(title)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            shown = QLabel(_shown(value) or self.tr("(empty)"))
            shown.setTextFormat(Qt.TextFormat.PlainText)  # claim text is untrusted
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setObjectName(f"{name}-{'mine' if column == 0 else 'theirs'}")
            grid.addWidget(heading, 0, column)
            grid.addWidget(shown, 1, column)
        group = QButtonGroup(box)
        options = [(MINE, self.tr("Keep mine")), (THEIRS, self.tr("Take theirs"))]
        if name in TEXT_FIELDS:
            options.append((MERGE, self.tr("Merge (edit)")))
        for n, (choice, label) in enumerate(options):
            button = QRadioButton(label)
            button.setObjectName(f"{name}-choice-{choice}")
            group.addButton(button, choice)
            grid.addWidget(button, 2, n)
        group.button(MINE).setChecked(True)
        if name in TEXT_FIELDS:
            editor = QPlainTextEdit()
            editor.setObjectName(f"{name}-merged")
            editor.setPlainText(self._merge_start(values))
            editor.setEnabled(False)
            group.idClicked.connect(lambda choice, e=editor: e.setEnabled(choice == MERGE))
            grid.addWidget(editor, 3, 0, 1, 2)
            self._merged[name] = editor
        self._choices[name] = group
        return box

    @staticmethod
    def _merge_start(values: FieldValues) -> str:
        mine, theirs = _shown(values.mine), _shown(values.theirs)
        if not mine or mine in theirs:
            return theirs
        if not theirs or theirs in mine:
            return mine
        return f"{theirs}\n{mine}"

    def choose(self, name: str, choice: int) -> None:
        """Pick for one field (what clicking its radio button does)."""
        self._choices[name].button(choice).click()

    def merged_editor(self, name: str) -> QPlainTextEdit:
        return self._merged[name]

    def resolutions(self) -> dict[str, Any]:
        """The value to save per conflicting field, as chosen."""
        out: dict[str, Any] = {}
        for name, group in self._choices.items():
            values = self._conflict.fields[name]
            choice = group.checkedId()
            if choice == MERGE:
                out[name] = self._merged[name].toPlainText()
            elif choice == THEIRS:
                out[name] = values.theirs
            else:
                out[name] = values.mine
        return out
