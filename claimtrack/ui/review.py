"""Review of proposed claims: the article with highlighted spans beside a list of proposals.

The editor works by keyboard — A accept, R reject, E edit, N/Down next, P/Up previous,
Ctrl+Shift+A accept all — and "Done" stores the article with the accepted proposals through
the intake service in a TaskRunner worker, then emits ``applied(ChangeSet)``.  The article is
shown as plain text, never as HTML, because it comes from untrusted files.
"""

from __future__ import annotations

import dataclasses
import html
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from claimtrack.domain import ChangeSet, ClaimKind
from claimtrack.ui.models.claims import kind_label
from claimtrack.ui.tasks import TaskControl, TaskRunner

if TYPE_CHECKING:
    from claimtrack.extract import ProposedClaim
    from claimtrack.intake import LoadedArticle
    from claimtrack.services import Services
    from claimtrack.services.intake import ImportResult

Index = QModelIndex | QPersistentModelIndex

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
KINDS = ("statement", "denial", "no_comment", "no_response")
COLUMNS = ("Decision", "Claim", "Claimant", "Via", "Kind", "Cue", "Confidence")
_COLOURS = {PENDING: "#fff3b0", ACCEPTED: "#c8f0c8", REJECTED: "#eeeeee"}
_CURRENT = "#9fd3ff"


class ProposalModel(QAbstractTableModel):
    """The proposals under review with the editor's decision on each; plain Python rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProposedClaim] = []
        self._decisions: list[str] = []

    # --------------------------------------------------------------- Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        decision = self._decisions[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return "<p>" + html.escape(p.text) + "</p>"  # escaped: tooltips render HTML
        if role == Qt.ItemDataRole.DisplayRole:
            decisions = {
                PENDING: self.tr("pending"),
                ACCEPTED: self.tr("accepted"),
                REJECTED: self.tr("rejected"),
            }
            values = (
                decisions[decision],
                " ".join(p.text.split()),
                p.claimant or "—",
                p.via or "—",
                kind_label(ClaimKind(p.kind)),
                p.cue,
                f"{p.confidence:.2f}",
            )
            return values[col] if 0 <= col < len(values) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(_COLOURS[decision])
        if role == Qt.ItemDataRole.UserRole:
            return p
        return None

    # --------------------------------------------------------------- our API
    def set_proposals(self, proposals: list[ProposedClaim]) -> None:
        self.beginResetModel()
        self._rows = list(proposals)
        self._decisions = [PENDING] * len(self._rows)
        self.endResetModel()

    def proposal(self, row: int) -> ProposedClaim:
        return self._rows[row]

    def decision(self, row: int) -> str:
        return self._decisions[row]

    def set_decision(self, row: int, decision: str) -> None:
        if 0 <= row < len(self._rows) and self._decisions[row] != decision:
            self._decisions[row] = decision
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def replace(self, row: int, proposal: ProposedClaim) -> None:
        self._rows[row] = proposal
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def accepted(self) -> list[ProposedClaim]:
        return [p for p, d in zip(self._rows, self._decisions, strict=True) if d == ACCEPTED]

    def row_at(self, offset: int) -> int | None:
        """The proposal whose span holds ``offset`` (the shortest, if several do)."""
        hits = [i for i, p in enumerate(self._rows) if p.start <= offset < p.end]
        return min(hits, key=lambda i: self._rows[i].end - self._rows[i].start) if hits else None


class EditProposalDialog(QDialog):
    """Edit claimant, via, kind and the span text (which must occur in the article)."""

    def __init__(self, proposal: ProposedClaim, article: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit proposal"))
        self._article = article
        self._proposal = proposal
        # Wide enough for a sentence-long span and a long agency chain without scrolling.
        self.setMinimumWidth(620)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.claimant = QLineEdit(proposal.claimant or "")
        self.via = QLineEdit(proposal.via or "")
        self.via.setPlaceholderText(self.tr("Who relayed it, e.g. an agency (optional)"))
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_label(ClaimKind(kind)), kind)  # labels shown, keys kept
        self.kind.setCurrentIndex(KINDS.index(proposal.kind))
        self.span = QPlainTextEdit(proposal.text)
        self.span.setTabChangesFocus(True)
        self.span.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        hint = QLabel(self.tr("The span must be a passage of the article, word for word."))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        form.addRow(self.tr("&Claimant"), self.claimant)
        form.addRow(self.tr("&Via"), self.via)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Span"), self.span)
        form.addRow(hint)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if self.result_proposal() is None:
            self.error.setText(self.tr("The span text must be a passage of the article."))
            return
        self.accept()

    def result_proposal(self) -> ProposedClaim | None:
        """The edited proposal; None if the span text is not found in the article."""
        p = self._proposal
        text = self.span.toPlainText()
        if not text.strip():
            return None
        if text == p.text:
            start = p.start
        else:
            hits = []
            pos = self._article.find(text)
            while pos >= 0:
                hits.append(pos)
                pos = self._article.find(text, pos + 1)
            if not hits:
                return None
            start = min(hits, key=lambda h: abs(h - p.start))
        return dataclasses.replace(
            p,
            text=text,
            start=start,
            end=start + len(text),
            claimant=self.claimant.text().strip() or None,
            via=self.via.text().strip() or None,
            kind=self.kind.currentData(),
            confidence=1.0,
        )


class ReviewPanel(QWidget):
    """The article and its proposals, reviewed by keyboard; "Done" stores the accepted ones.

    ``services`` is the open database's facade; ``runner`` runs the store step off the GUI
    thread.  Call ``set_article(loaded, proposals)`` (e.g. from an ``ImportTask``), optionally
    with ``into=article_id`` to re-import into a stored article.
    """

    applied = Signal(object)  # ChangeSet of the stored article and claims
    importFinished = Signal(object)  # the ImportResult (for a re-import report)
    failed = Signal(str)
    currentChanged = Signal(int)

    def __init__(
        self, services: Services, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.loaded: LoadedArticle | None = None
        self.into: int | None = None
        self.model = ProposalModel(self)
        self._syncing = False
        self.stored = False  # the article went into the database

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        # what the reader could not keep of the file (LoadedArticle.warnings), never hidden
        self.warning = QLabel()
        self.warning.setObjectName("reviewWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { background: #fff3b0; color: #3d2b00; padding: 4px; }")
        self.warning.hide()
        self.article_view = QTextEdit()
        self.article_view.setReadOnly(True)
        self.article_view.setAcceptRichText(False)
        self.article_view.setObjectName("reviewArticle")
        self.table = QTableView()
        self.table.setObjectName("reviewProposals")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.done_button = QPushButton(self.tr("&Done"))
        self.done_button.clicked.connect(self.done)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.article_view)
        splitter.addWidget(self.table)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.warning)
        layout.addWidget(splitter, 1)
        hint = QLabel(
            self.tr(
                "A accept · R reject · E edit · N/↓ next · P/↑ previous · Ctrl+Shift+A accept all"
            )
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
        layout.addLayout(bottom)

        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.article_view.cursorPositionChanged.connect(self._cursor_moved)
        self.model.dataChanged.connect(self._repaint)
        keys: list[tuple[str, Callable[[], None]]] = [
            ("A", self.accept_current),
            ("R", self.reject_current),
            ("E", self.edit_current),
            ("N", self.next),
            ("P", self.previous),
            ("Ctrl+Shift+A", self.accept_all),
        ]
        for seq, slot in keys:
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_status()

    # --------------------------------------------------------------- content
    def set_article(
        self,
        loaded: LoadedArticle,
        proposals: list[ProposedClaim],
        *,
        into: int | None = None,
    ) -> None:
        self.loaded = loaded
        self.into = into
        self.title.setText(loaded.title)
        self.warning.setText("\n".join(loaded.warnings))
        self.warning.setVisible(bool(loaded.warnings))
        self.article_view.setPlainText(loaded.text)  # plain text: the file is untrusted
        self.model.set_proposals(proposals)
        self.done_button.setEnabled(True)
        if proposals:
            self.select_row(0)
        self._repaint()
        self.table.setFocus()

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))

    # --------------------------------------------------------------- actions
    def accept_current(self) -> None:
        self._decide(ACCEPTED)

    def reject_current(self) -> None:
        self._decide(REJECTED)

    def _decide(self, decision: str) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.model.set_decision(row, decision)
        self.next()

    def accept_all(self) -> None:
        for row in range(self.model.rowCount()):
            if self.model.decision(row) == PENDING:
                self.model.set_decision(row, ACCEPTED)

    def next(self) -> None:
        self.select_row(min(self.current_row() + 1, self.model.rowCount() - 1))

    def previous(self) -> None:
        self.select_row(max(self.current_row() - 1, 0))

    def edit_current(self) -> None:
        row = self.current_row()
        if row < 0 or self.loaded is None:
            return
        dialog = EditProposalDialog(self.model.proposal(row), self.loaded.text, self)
        dialog.setObjectName("editProposal")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            edited = dialog.result_proposal()
            if edited is not None:
                self.model.replace(row, edited)
                self.model.set_decision(row, ACCEPTED)
                self._show_span(row)

    def done(self) -> None:
        """Store the article with the accepted proposals, off the GUI thread."""
        if self.loaded is None:
            return
        loaded, accepted, into = self.loaded, self.model.accepted(), self.into
        services = self.services
        self.done_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))

        def work(control: TaskControl) -> ImportResult:
            from claimtrack.services.intake import IntakeService

            control.progress(0, 1, "storing")
            result = IntakeService(services).import_article(loaded, accepted, into=into)
            control.progress(1, 1, "stored")
            return result

        self.runner.run(work, on_done=self._stored, on_error=self._store_failed)

    def has_decisions(self) -> bool:
        """True when the editor accepted, rejected or edited a proposal not yet stored."""
        if self.stored:
            return False
        return any(self.model.decision(r) != PENDING for r in range(self.model.rowCount()))

    def _stored(self, result: ImportResult) -> None:
        self.stored = True
        if result.duplicate:
            self.status.setText(self.tr("This text is already stored; nothing was added."))
        else:
            self.status.setText(
                self.tr("Stored article %1 with %2 claim(s).")
                .replace("%1", str(result.article_id))
                .replace("%2", str(len(result.claim_ids)))
            )
        self.importFinished.emit(result)
        self.applied.emit(result.changes)

    def _store_failed(self, exc: BaseException) -> None:
        self.done_button.setEnabled(True)
        message = str(exc) or type(exc).__name__
        self.status.setText(message)
        self.failed.emit(message)

    # --------------------------------------------------------------- syncing
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_span(current.row())
            self.currentChanged.emit(current.row())
        self._repaint()

    def _show_span(self, row: int) -> None:
        p = self.model.proposal(row)
        self._syncing = True
        try:
            cursor = self.article_view.textCursor()
            cursor.setPosition(p.start)
            self.article_view.setTextCursor(cursor)
            self.article_view.ensureCursorVisible()
        finally:
            self._syncing = False

    def _cursor_moved(self) -> None:
        if self._syncing:
            return
        row = self.model.row_at(self.article_view.textCursor().position())
        if row is not None and row != self.current_row():
            self.select_row(row)

    def _repaint(self, *_args: object) -> None:
        selections = []
        current = self.current_row()
        for row in range(self.model.rowCount()):
            p = self.model.proposal(row)
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            colour = _CURRENT if row == current else _COLOURS[self.model.decision(row)]
            fmt.setBackground(QColor(colour))
            sel.format = fmt
            cursor = QTextCursor(self.article_view.document())
            cursor.setPosition(p.start)
            cursor.setPosition(p.end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        self.article_view.setExtraSelections(selections)
        self._update_status()

    def highlighted_spans(self) -> list[tuple[int, int]]:
        """The spans highlighted in the article view, for tests and accessibility."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in self.article_view.extraSelections()
        ]

    def _update_status(self) -> None:
        n = self.model.rowCount()
        done = sum(1 for r in range(n) if self.model.decision(r) != PENDING)
        accepted = len(self.model.accepted())
        self.status.setText(
            self.tr("%1 of %2 reviewed, %3 accepted")
            .replace("%1", str(done))
            .replace("%2", str(n))
            .replace("%3", str(accepted))
        )


class ReviewDialog(QDialog):
    """ "Review Proposed Claims": the panel in a window that never throws away decisions
    unasked. Esc or the close button with accepted, rejected or edited proposals asks
    whether to store the article with them, discard the review, or go on reviewing."""

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review Proposed Claims"))
        self.resize(1100, 700)
        self.panel = ReviewPanel(services, runner, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.question: QMessageBox | None = None

    def _would_lose_decisions(self) -> bool:
        """Decisions not stored yet, and no store step already running for them."""
        return self.panel.has_decisions() and self.panel.done_button.isEnabled()

    def reject(self) -> None:
        """Esc, Cancel and the window's close button all come here."""
        if not self._would_lose_decisions():
            super().reject()  # nothing decided, or the store step is already running
            return
        if self.question is not None:
            return
        accepted = len(self.panel.model.accepted())
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            self.tr(
                "Store the article with the %n accepted claim(s) before closing? "
                "If you discard the review, the article and your decisions are not kept.",
                "",
                accepted,
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        self.question = box

        def answered(button: Any) -> None:
            choice = box.standardButton(button)
            self.question = None
            if choice == QMessageBox.StandardButton.Save:
                self.panel.done()  # the window closes once the article is stored
            elif choice == QMessageBox.StandardButton.Discard:
                QDialog.reject(self)

        box.buttonClicked.connect(answered)
        box.open()

    def closeEvent(self, event: Any) -> None:
        if self._would_lose_decisions():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


# From this size on an import shows a progress dialog with Cancel: reading and extracting a
# file this big takes long enough for a user to wonder, or to change their mind.
LARGE_IMPORT_BYTES = 1_000_000


class ImportProgress(QProgressDialog):
    """Progress of one large import; Cancel stops the worker, and nothing is stored."""

    def __init__(self, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        self.setLabelText(self.tr("Reading and proposing claims in %1…").replace("%1", name))
        self.setRange(0, 100)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.WindowModal)


class ImportTask:
    """Read and extract a file (or pasted text) off the GUI thread, with progress.

    ``start(runner, on_done, on_error)`` calls ``on_done((loaded, proposals))`` on the GUI
    thread; feed that to ``ReviewPanel.set_article``.  With ``parent``, a large input
    (``LARGE_IMPORT_BYTES``) shows an ``ImportProgress`` whose Cancel ends the task.
    """

    def __init__(self, path: str | None = None, *, text: str | None = None) -> None:
        if (path is None) == (text is None):
            raise ValueError("give a path or a text")
        self.path = path
        self.text = text
        self.dialog: ImportProgress | None = None

    @property
    def large(self) -> bool:
        if self.text is not None:
            return len(self.text) >= LARGE_IMPORT_BYTES
        try:
            return os.stat(self.path or "").st_size >= LARGE_IMPORT_BYTES
        except OSError:
            return False  # reading it will say what is wrong

    def __call__(self, control: TaskControl) -> tuple[LoadedArticle, list[ProposedClaim]]:
        from claimtrack.intake import article_from_text, read_article
        from claimtrack.services.intake import propose

        control.progress(0, 100, "reading")
        loaded = (
            read_article(self.path) if self.path is not None else article_from_text(self.text or "")
        )
        control.check()
        control.progress(5, 100, "extracting")

        def extracting(done: int, total: int) -> None:
            control.check()  # raising Cancelled here ends the extraction
            control.progress(5 + 94 * done // max(total, 1), 100, "extracting")

        proposals = propose(loaded, extracting)
        control.check()
        control.progress(100, 100, "done")
        return loaded, proposals

    def start(
        self,
        runner: TaskRunner,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None = None,
        *,
        on_cancel: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        name: str = "",
    ) -> Any:
        if parent is None or not self.large:
            return runner.run(
                self,
                on_done=on_done,
                on_error=on_error,
                on_progress=on_progress,
                on_cancel=on_cancel,
            )
        dialog = self.dialog = ImportProgress(name, parent)

        def ended(callback: Callable[..., None] | None, done: bool = False) -> Callable[..., None]:
            def call(*args: Any) -> None:
                cancelled = dialog.wasCanceled()
                dialog.close()
                dialog.deleteLater()
                self.dialog = None
                target = callback
                if done and cancelled:  # finished just as Cancel was pressed: still cancelled
                    target, args = on_cancel, ()
                if target is not None:
                    target(*args)

            return call

        def progress(done: int, total: int, step: str) -> None:
            if not dialog.wasCanceled():
                dialog.setValue(done)
            if on_progress is not None:
                on_progress(done, total, step)

        handle = runner.run(
            self,
            on_done=ended(on_done, done=True),
            on_error=ended(on_error),
            on_progress=progress,
            on_cancel=ended(on_cancel),
        )
        dialog.canceled.connect(handle.control.cancel)
        dialog.show()
        return handle


__all__ = [
    "LARGE_IMPORT_BYTES",
    "ChangeSet",
    "ImportProgress",
    "ImportTask",
    "ProposalModel",
    "ReviewPanel",
]
