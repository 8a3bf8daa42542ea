"""The article view: the story as plain text with every claim's span in its verdict colour.

Selecting a claim scrolls to its span; clicking inside a span selects that claim; a text
selection can become a new claim with its offsets kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Span:
    claim_id: int
    start: int
    end: int
    colour: str


class ArticleText(QPlainTextEdit):
    """Read-only text with highlighted spans; never interprets the article as HTML."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.new_claim_action: QAction | None = None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        if self.new_claim_action is not None:
            menu.addSeparator()
            menu.addAction(self.new_claim_action)
        menu.exec(event.globalPos())


class ArticleView(QWidget):
    claimClicked = Signal(int)
    newClaimRequested = Signal(int, int, int, str)  # article id, start, end, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = ArticleText()
        self.text.setObjectName("articleText")
        self.text.cursorPositionChanged.connect(self._cursor_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self.article_id: int | None = None
        self.spans: list[Span] = []
        self.current: int | None = None
        self._quiet = False

    def show_article(
        self, article_id: int | None, title: str, text: str, spans: list[Span]
    ) -> None:
        self._quiet = True
        if article_id != self.article_id or self.text.toPlainText() != text:
            self.text.setPlainText(text)
        self.article_id = article_id
        self.title.setText(title)
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._paint()
        self._quiet = False

    def clear(self) -> None:
        self.show_article(None, "", "", [])

    def select_claim(self, claim_id: int | None) -> None:
        """Mark ``claim_id``'s span and scroll it into view."""
        self.current = claim_id
        self._paint()
        span = next((s for s in self.spans if s.claim_id == claim_id), None)
        if span is None:
            return
        self._quiet = True
        cursor = self.text.textCursor()
        cursor.setPosition(span.start)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        self._quiet = False

    def selection(self) -> tuple[int, int, str] | None:
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        return start, end, self.text.toPlainText()[start:end]

    def request_new_claim(self) -> None:
        picked = self.selection()
        if picked is not None and self.article_id is not None and picked[2].strip():
            self.newClaimRequested.emit(self.article_id, *picked)

    def _paint(self) -> None:
        selections = []
        for span in self.spans:
            colour = QColor(span.colour)
            fmt = QTextCharFormat()
            chosen = span.claim_id == self.current
            colour.setAlpha(140 if chosen else 60)
            fmt.setBackground(colour)
            if chosen:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(span.colour).darker(150))
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def _cursor_moved(self) -> None:
        if self._quiet or self.text.textCursor().hasSelection():
            return
        position = self.text.textCursor().position()
        inside = [s for s in self.spans if s.start <= position < s.end]
        if inside:
            narrowest = min(inside, key=lambda s: s.end - s.start)
            if narrowest.claim_id != self.current:
                self.claimClicked.emit(narrowest.claim_id)
