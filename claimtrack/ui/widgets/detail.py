"""The detail pane of the selected claim: every field, evidence, replies and History.

The Evidence, Replies and History tabs are their own widgets (evidence.py, replies.py,
history.py); this module holds the claim's fields and composes the tabs.

Each field saves itself when the editor leaves it (or presses Ctrl+Return) as one undoable
step. A field whose save fails keeps its text; a refresh never overwrites a field the
editor is still changing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from claimtrack.domain import (
    ChainRole,
    ClaimKind,
    ClaimRecord,
    EvidenceRecord,
    HistoryRecord,
    ReplyRequestRecord,
)
from claimtrack.ui.models.claims import kind_label
from claimtrack.ui.widgets.evidence import EvidenceTable
from claimtrack.ui.widgets.history import HistoryTable
from claimtrack.ui.widgets.replies import ReplyTable
from claimtrack.ui.widgets.rows import RowDialog, local_moment

if TYPE_CHECKING:
    from claimtrack.ui.desk import Desk


class _FocusOut(QObject):
    """Calls back when a text box loses focus: the moment a field is saved."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class TextField(QPlainTextEdit):
    """Plain text, saved on focus-out and Ctrl+Return."""

    committed = Signal()

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 12
        self.setMinimumHeight(height)
        self.setMaximumHeight(height if lines < 6 else 16_777_215)
        self.installEventFilter(_FocusOut(self.committed.emit, self))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(
                QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetShortcut
            )
            shortcut.activated.connect(self.committed.emit)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, text: str) -> None:
        if self.toPlainText() != text:
            self.setPlainText(text)


class ChainEditor(QWidget):
    """The ordered intermediaries between claimant and reader, nearest first."""

    changed = Signal(list)  # [(party id, role)]

    def __init__(
        self, desk_getter: Callable[[], Desk | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk_getter
        self.list = QListWidget()
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 8)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.model().rowsMoved.connect(lambda *_: self._emit())
        self.picker = QComboBox()
        self.picker.setEditable(True)
        self.picker.lineEdit().setPlaceholderText(self.tr("Add an outlet or intermediary…"))
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.lineEdit().returnPressed.connect(self._add)
        add = QToolButton()
        add.setText(self.tr("Add"))
        add.clicked.connect(self._add)
        up = QToolButton()
        up.setArrowType(Qt.ArrowType.UpArrow)
        up.setToolTip(self.tr("Move up"))
        up.clicked.connect(lambda: self._move(-1))
        down = QToolButton()
        down.setArrowType(Qt.ArrowType.DownArrow)
        down.setToolTip(self.tr("Move down"))
        down.clicked.connect(lambda: self._move(1))
        remove = QToolButton()
        remove.setText(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        # The picker on a line of its own: beside four buttons it left them no room
        # in a narrow pane ("Tambah" elided to "Ta…ah" in Indonesian).
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (add, up, down, remove):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.picker)
        layout.addLayout(buttons)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def set_parties(self, names: list[str]) -> None:
        text = self.picker.currentText()
        self.picker.clear()
        self.picker.addItems(names)
        self.picker.setEditText(text)

    def set_chain(self, links: list[tuple[int, str, str]]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for party_id, name, role in links:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, (party_id, role))
            self.list.addItem(item)
        self.list.blockSignals(False)

    def links(self) -> list[tuple[int, str]]:
        return [
            tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole))  # type: ignore[misc]
            for i in range(self.list.count())
        ]

    def _emit(self) -> None:
        self.changed.emit(self.links())

    def _add(self) -> None:
        desk = self._desk()
        name = self.picker.currentText().strip()
        if desk is None or not name:
            return
        from claimtrack.domain import PartyKind

        party_id = desk.party_id(name, PartyKind.OUTLET)
        if party_id is None:
            return
        self.changed.emit([*self.links(), (party_id, ChainRole.VIA.value)])
        self.picker.setEditText("")

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        links = self.links()
        target = row + step
        if 0 <= row < len(links) and 0 <= target < len(links):
            links[row], links[target] = links[target], links[row]
            self.changed.emit(links)

    def _remove(self) -> None:
        row = self.list.currentRow()
        links = self.links()
        if 0 <= row < len(links):
            del links[row]
            self.changed.emit(links)


class DetailPane(QWidget):
    """Shows and edits one claim. ``desk`` does the saving; ``load`` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk: Desk | None = None
        # (DraftStore, database name, TaskRunner): notes are kept as drafts while typed.
        self.drafts: tuple[Any, str, Any] | None = None
        self.record: ClaimRecord | None = None
        self._loaded: dict[str, Any] = {}
        self.placeholder = QLabel(self.tr("Select a claim to see and edit it here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.addTab(self._claim_tab(), self.tr("Claim"))
        self.tabs.addTab(self._notes_tab(), self.tr("Notes"))
        self.tabs.addTab(self._evidence_tab(), self.tr("Evidence"))
        self.tabs.addTab(self._replies_tab(), self.tr("Replies"))
        self.tabs.addTab(self._history_tab(), self.tr("History"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.tabs, 1)
        self.tabs.hide()

    # ------------------------------------------------------------------ building
    def _claim_tab(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.source = QLabel()
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setWordWrap(True)
        self.source.setObjectName("claimSource")
        self.text = TextField(3)
        self.text.committed.connect(
            lambda: self._commit_text("text", self.text, self.tr("Edit claim text"))
        )
        self.paraphrase = TextField(2)
        self.paraphrase.committed.connect(
            lambda: self._commit_text("paraphrase", self.paraphrase, self.tr("Edit paraphrase"))
        )
        self.kind = QComboBox()
        for kind in ClaimKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.kind.activated.connect(
            lambda _i: self._commit("kind", self.kind.currentData(), self.tr("Change kind"))
        )
        self.cue = QLineEdit()
        self.cue.editingFinished.connect(
            lambda: self._commit("cue", self.cue.text(), self.tr("Edit cue"))
        )
        self.claimant = QComboBox()
        self.claimant.setEditable(True)
        self.claimant.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.claimant.lineEdit().setPlaceholderText(self.tr("Who says it"))
        self.claimant.lineEdit().editingFinished.connect(self._commit_claimant)
        self.claimant.activated.connect(lambda _i: self._commit_claimant())
        self.chain = ChainEditor(lambda: self.desk)
        self.chain.changed.connect(self._commit_chain)
        self.status = QComboBox()
        self.status.activated.connect(
            lambda _i: self._commit("status", self.status.currentData(), self.tr("Change status"))
        )
        self.verdict = QComboBox()
        self.verdict.activated.connect(
            lambda _i: self._commit(
                "verdict", self.verdict.currentData(), self.tr("Change verdict")
            )
        )
        self.explanation = TextField(3)
        self.explanation.committed.connect(
            lambda: self._commit_text(
                "verdict_explanation", self.explanation, self.tr("Edit verdict explanation")
            )
        )
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma, separated, tags"))
        self.tags.editingFinished.connect(self._commit_tags)
        self.assignee = QLineEdit()
        self.assignee.editingFinished.connect(
            lambda: self._commit("assignee", self.assignee.text().strip(), self.tr("Assign claim"))
        )
        self.stamp = QLabel()
        self.stamp.setTextFormat(Qt.TextFormat.PlainText)
        self.stamp.setObjectName("claimStamp")
        self.stamp.setMinimumHeight(self.stamp.fontMetrics().lineSpacing() * 2 + 6)
        form.addRow(self.tr("&Claim"), self.text)
        form.addRow(self.tr("&Paraphrase"), self.paraphrase)
        # One field a row: pairs side by side clipped both in a narrow pane (issue 16).
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Cue"), self.cue)
        form.addRow(self.tr("Claima&nt"), self.claimant)
        form.addRow(self.tr("&Via"), self.chain)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Verdict"), self.verdict)
        form.addRow(self.tr("E&xplanation"), self.explanation)
        form.addRow(self.tr("&Tags"), self.tags)
        form.addRow(self.tr("&Assignee"), self.assignee)
        outer.insertWidget(0, self.source)
        outer.insertWidget(2, self.stamp)
        return page

    def _notes_tab(self) -> QWidget:
        page = QTabWidget()
        page.setTabPosition(QTabWidget.TabPosition.South)
        self.notes = TextField(12)
        self.notes.setPlaceholderText(self.tr("Notes in Markdown: **bold**, - lists, [links](…)"))
        self.notes.committed.connect(
            lambda: self._commit_text("notes", self.notes, self.tr("Edit notes"))
        )
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(800)
        self._draft_timer.timeout.connect(self._save_draft)
        self.notes.textChanged.connect(self._notes_typed)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        page.addTab(self.notes, self.tr("Write"))
        page.addTab(self.preview, self.tr("Preview"))
        page.currentChanged.connect(lambda i: self._render_preview() if i == 1 else None)
        self.notes_tabs = page
        return page

    def _notes_typed(self) -> None:
        if self.record is not None and self.notes.toPlainText() != self._loaded.get("notes"):
            self._draft_timer.start()

    def _save_draft(self) -> None:
        """Keep what is typed in a draft file (off the GUI thread): a crash loses nothing."""
        record, drafts = self.record, self.drafts
        text = self.notes.toPlainText()
        if record is None or drafts is None or text == self._loaded.get("notes"):
            return
        store, database, runner = drafts
        original, version = self._loaded.get("notes", record.notes), record.version
        runner.run(
            lambda _c: store.save(
                database, record.id, "notes", text, original=original, base_version=version
            )
        )

    def _render_preview(self) -> None:
        # Markdown without raw HTML: a note can never inject markup into the preview.
        features = (
            QTextDocument.MarkdownFeature.MarkdownDialectGitHub
            | QTextDocument.MarkdownFeature.MarkdownNoHTML
        )
        self.preview.document().setMarkdown(self.notes.toPlainText(), features)

    def _row_state(self) -> tuple[Desk | None, ClaimRecord | None, list[str]]:
        return self.desk, self.record, getattr(self, "parties", [])

    def _evidence_tab(self) -> QWidget:
        self.evidence_table = EvidenceTable(self._row_state)
        self.evidence_view = self.evidence_table.view
        self.evidence_model = self.evidence_table.model
        return self.evidence_table

    def _replies_tab(self) -> QWidget:
        self.replies_table = ReplyTable(self._row_state)
        self.replies_view = self.replies_table.view
        self.replies_model = self.replies_table.model
        return self.replies_table

    def _history_value(self, field: str, value: str | None) -> str:
        """Status, verdict and kind keys as the labels the rest of the window shows."""
        if not value:
            return ""
        combo = {"status": self.status, "verdict": self.verdict, "kind": self.kind}.get(field)
        if combo is not None:
            index = combo.findData(value)
            if index >= 0:
                return combo.itemText(index)
        return value

    def _history_tab(self) -> QWidget:
        self.history_view = HistoryTable(self._history_value)
        self.history_model = self.history_view.history_model
        return self.history_view

    def prepare(self) -> None:
        """Polish and lay out the tabs ahead of the first claim, off the critical path.

        Their first show costs ~50 ms (styles, fonts, layouts); shown and hidden again in
        one go, before anything paints, so the editor sees no flicker and the first
        claim opens as fast as the next.
        """
        if self.record is None and not self.tabs.isVisibleTo(self) and self.isVisible():
            self.tabs.show()
            self.tabs.hide()

    def retranslate(self) -> None:
        """New texts after a language switch (the form's field labels and tab names)."""
        self.placeholder.setText(self.tr("Select a claim to see and edit it here."))
        for index, title in enumerate(
            (
                self.tr("Claim"),
                self.tr("Notes"),
                self.tr("Evidence"),
                self.tr("Replies"),
                self.tr("History"),
            )
        ):
            self.tabs.setTabText(index, title)
        self.notes_tabs.setTabText(0, self.tr("Write"))
        self.notes_tabs.setTabText(1, self.tr("Preview"))
        labels = {
            self.text: self.tr("&Claim"),
            self.paraphrase: self.tr("&Paraphrase"),
            self.claimant: self.tr("Claima&nt"),
            self.chain: self.tr("&Via"),
            self.explanation: self.tr("E&xplanation"),
            self.tags: self.tr("&Tags"),
            self.assignee: self.tr("&Assignee"),
        }
        form = self.text.parentWidget().layout().itemAt(1).layout()
        for widget, text in labels.items():
            label = form.labelForField(widget)
            if label is not None:
                label.setText(text)
        kind = self.kind.currentData()
        for index, value in enumerate(ClaimKind):
            self.kind.setItemText(index, kind_label(value))
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        if self.record is not None:
            self.load(self.record)

    # ------------------------------------------------------------------ choices
    def set_choices(
        self, statuses: list[tuple[str, str]], verdicts: list[tuple[str, str]], parties: list[str]
    ) -> None:
        record = self.record
        for combo, items, shown in (
            (self.status, statuses, record.status if record else None),
            (self.verdict, verdicts, record.verdict if record else None),
        ):
            current = shown if shown is not None else combo.currentData()
            combo.clear()
            for key, label in items:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self.parties = parties
        text = self.claimant.currentText()
        self.claimant.clear()
        self.claimant.addItems(parties)
        self.claimant.setEditText(text)
        completer = QCompleter(parties, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.claimant.setCompleter(completer)
        self.chain.set_parties(parties)

    # ------------------------------------------------------------------ loading
    def load(
        self,
        record: ClaimRecord | None,
        evidence: list[EvidenceRecord] | None = None,
        replies: list[ReplyRequestRecord] | None = None,
        history: list[HistoryRecord] | None = None,
    ) -> None:
        """Show ``record``; on a refresh of the same claim, fields being edited are kept."""
        same = record is not None and self.record is not None and record.id == self.record.id
        self.record = record
        self.placeholder.setVisible(record is None)
        self.tabs.setVisible(record is not None)
        if record is None:
            self._loaded = {}
            return
        if not same:
            self._loaded = {}
        values = {
            "text": record.text,
            "paraphrase": record.paraphrase,
            "verdict_explanation": record.verdict_explanation,
            "notes": record.notes,
            "cue": record.cue,
            "assignee": record.assignee,
            "tags": ", ".join(record.tags),
            "claimant": record.claimant or "",
        }
        widgets: dict[str, Any] = {
            "text": self.text,
            "paraphrase": self.paraphrase,
            "verdict_explanation": self.explanation,
            "notes": self.notes,
            "cue": self.cue,
            "assignee": self.assignee,
            "tags": self.tags,
            "claimant": self.claimant,
        }
        for name, value in values.items():
            widget = widgets[name]
            if same and self._current(name) != self._loaded.get(name):
                continue  # the editor is changing this field: keep their text
            self._set_widget(widget, value)
            self._loaded[name] = value
        self.kind.setCurrentIndex(max(self.kind.findData(record.kind.value), 0))
        self.status.setCurrentIndex(max(self.status.findData(record.status), 0))
        self.verdict.setCurrentIndex(max(self.verdict.findData(record.verdict), 0))
        self.chain.set_chain([(c.party_id, c.name, c.role.value) for c in record.chain])
        self.source.setText(record.article_title)
        self.stamp.setText(
            self.tr("Created %1 by %2\nUpdated %3 by %4")
            .replace("%1", local_moment(record.created_at))
            .replace("%2", record.created_by or "—")
            .replace("%3", local_moment(record.updated_at))
            .replace("%4", record.updated_by or "—")
        )
        if evidence is not None:
            self.evidence_model.set_records(evidence)
        if replies is not None:
            self.replies_model.set_records(replies)
        if history is not None:
            self.history_view.show_history(history)
        if self.notes_tabs.currentIndex() == 1:
            self._render_preview()

    @staticmethod
    def _set_widget(widget: Any, value: str) -> None:
        if isinstance(widget, TextField):
            widget.set_value(value)
        elif isinstance(widget, QComboBox):
            widget.setEditText(value)
        elif widget.text() != value:
            widget.setText(value)

    def _current(self, name: str) -> str:
        widget = {
            "text": self.text,
            "paraphrase": self.paraphrase,
            "verdict_explanation": self.explanation,
            "notes": self.notes,
        }.get(name)
        if widget is not None:
            return widget.value()
        if name == "claimant":
            return self.claimant.currentText()
        return {"cue": self.cue, "assignee": self.assignee, "tags": self.tags}[name].text()

    # ------------------------------------------------------------------ saving
    def _commit(self, name: str, value: Any, label: str) -> bool:
        record, desk = self.record, self.desk
        if record is None or desk is None:
            return False
        current = getattr(record, name)
        current = current.value if hasattr(current, "value") else current
        if value == current:
            return True
        ok = desk.edit_claim(record, {name: value}, label)
        if ok:
            self._loaded[name] = value
            if name == "notes" and self.drafts is not None:
                self._draft_timer.stop()
                store, database, _runner = self.drafts
                store.discard(database, record.id, "notes")
        return ok

    def _commit_text(self, name: str, widget: TextField, label: str) -> None:
        value = widget.value()
        if self.record is None or value == self._loaded.get(name):
            return
        self._commit(name, value, label)

    def _commit_claimant(self) -> None:
        record, desk = self.record, self.desk
        name = " ".join(self.claimant.currentText().split())
        if record is None or desk is None or name == (record.claimant or ""):
            return
        party_id = desk.party_id(name) if name else None
        if name and party_id is None:
            return
        if desk.edit_claim(record, {"claimant_id": party_id}, self.tr("Change claimant")):
            self._loaded["claimant"] = name

    def _commit_chain(self, links: list[tuple[int, str]]) -> None:
        if self.record is not None and self.desk is not None:
            self.desk.set_chain(self.record, links, self.tr("Change attribution chain"))

    def _commit_tags(self) -> None:
        record, desk = self.record, self.desk
        if record is None or desk is None:
            return
        names = tuple(dict.fromkeys(t.strip() for t in self.tags.text().split(",") if t.strip()))
        if names == tuple(sorted(record.tags)) or set(names) == set(record.tags):
            return
        if desk.set_tags([record], {record.id: names}, self.tr("Change tags")):
            self._loaded["tags"] = self.tags.text()


__all__ = ["ChainEditor", "DetailPane", "RowDialog", "TextField"]
