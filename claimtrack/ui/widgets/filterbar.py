"""The search box and filter menus above the claim table.

Search as you type: each keystroke's query starts as soon as the key is handled (a zero
timer only folds keys that arrive together, such as a paste), in SQL off the GUI thread;
the window drops a result that a newer keystroke made stale. The first rows come back in
a few milliseconds (docs/benchmarks.md), so waiting for a pause would only add delay.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from claimtrack.domain import ClaimFilter, ClaimKind
from claimtrack.ui.models.claims import kind_label

DEBOUNCE_MS = 0


class FilterBar(QWidget):
    changed = Signal(object)  # the new ClaimFilter
    saveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = ClaimFilter()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search claims, notes, parties, articles…"))
        # Its icon takes ~5 ms to load and shows only once there is text: after the paint.
        QTimer.singleShot(0, lambda: self.search.setClearButtonEnabled(True))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_settled)
        self.search.textEdited.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search_settled)

        self.status = self._combo(self.tr("Any status"))
        self.verdict = self._combo(self.tr("Any verdict"))
        self.kind = self._combo(self.tr("Any kind"))
        for kind in ClaimKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.party = self._combo(self.tr("Any party"))
        self.tag = self._combo(self.tr("Any tag"))
        self.assignee = self._combo(self.tr("Anyone"))
        self.save_button = QPushButton(self.tr("Save Filter…"))
        self.save_button.clicked.connect(self.saveRequested)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.save_button)
        # Two rows of three: in one row of six the Indonesian labels were clipped
        # ("Semua statu") at the default window size.
        combos = QGridLayout()
        combos.setHorizontalSpacing(4)
        combos.setVerticalSpacing(4)
        for i, combo in enumerate(
            (self.status, self.verdict, self.kind, self.party, self.tag, self.assignee)
        ):
            combos.addWidget(combo, i // 3, i % 3)
            combo.activated.connect(self._combo_changed)
        for column in range(3):
            combos.setColumnStretch(column, 1)
        self._fit_combos()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(combos)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search claims, notes, parties, articles…"))
        self.save_button.setText(self.tr("Save Filter…"))
        for combo, anything in (
            (self.status, self.tr("Any status")),
            (self.verdict, self.tr("Any verdict")),
            (self.kind, self.tr("Any kind")),
            (self.party, self.tr("Any party")),
            (self.tag, self.tr("Any tag")),
            (self.assignee, self.tr("Anyone")),
        ):
            combo.setItemText(0, anything)
        for i, kind in enumerate(ClaimKind, start=1):
            self.kind.setItemText(i, kind_label(kind))
        self._fit_combos()

    def _fit_combos(self) -> None:
        """Each menu at least as wide as its "any" entry and, for status, verdict and kind
        (short, known lists), its longest entry; party and tag names may be long and elide."""
        for combo in (self.status, self.verdict, self.kind, self.party, self.tag, self.assignee):
            count = combo.count() if combo in (self.status, self.verdict, self.kind) else 1
            combo.setMinimumWidth(combo_width_for(combo, count))

    def _combo(self, anything: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(anything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        return combo

    # ------------------------------------------------------------------ choices
    def set_choices(
        self,
        statuses: list[tuple[str, str]],
        verdicts: list[tuple[str, str]],
        parties: list[tuple[int, str]],
        tags: list[str],
        assignees: list[str],
    ) -> None:
        for combo, items in (
            (self.status, statuses),
            (self.verdict, verdicts),
            (self.party, [(pid, name) for pid, name in parties]),
            (self.tag, [(t, t) for t in tags]),
            (self.assignee, [(a, a) for a in assignees]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for data, label in items:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)
        self._fit_combos()

    # ------------------------------------------------------------------ state
    @property
    def filter(self) -> ClaimFilter:
        return self._filter

    def set_filter(self, flt: ClaimFilter) -> None:
        """Show ``flt`` without announcing it (the caller already acts on it)."""
        self._filter = flt
        self.search.setText(flt.search)
        self._select(self.status, flt.statuses[0] if len(flt.statuses) == 1 else None)
        self._select(self.verdict, flt.verdicts[0] if len(flt.verdicts) == 1 else None)
        kind = flt.kinds[0].value if len(flt.kinds) == 1 else None
        self._select(self.kind, kind)
        self._select(self.party, flt.party_id)
        self._select(self.tag, flt.tag)
        self._select(self.assignee, flt.assignee)

    @staticmethod
    def _select(combo: QComboBox, data: Any) -> None:
        combo.setCurrentIndex(max(combo.findData(data), 0) if data is not None else 0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_settled(self) -> None:
        self._debounce.stop()
        if self.search.text() != self._filter.search:
            self._emit(replace(self._filter, search=self.search.text()))

    def _combo_changed(self) -> None:
        def one(combo: QComboBox) -> tuple[Any, ...]:
            data = combo.currentData()
            return () if data is None else (data,)

        flt = replace(
            self._filter,
            statuses=one(self.status),
            verdicts=one(self.verdict),
            kinds=tuple(ClaimKind(k) for k in one(self.kind)),
            party_id=self.party.currentData(),
            tag=self.tag.currentData(),
            assignee=self.assignee.currentData(),
        )
        if flt != self._filter:
            self._emit(flt)

    def _emit(self, flt: ClaimFilter) -> None:
        self._filter = flt
        self.changed.emit(flt)


def combo_width_for(combo: QComboBox, count: int) -> int:
    """The width the style needs to show the longest of the first ``count`` entries whole."""
    metrics = combo.fontMetrics()
    text = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(count)), default=0)
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    size = QSize(text, metrics.height())
    return (
        combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, size, combo).width()
    )
