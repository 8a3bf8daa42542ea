"""Widths of the claim table's columns, so that the ones a fact-checker reads first fit.

At the default window size (1280×800) Claim, Kind, Claimant, Status, Verdict and Via must
all show without horizontal scrolling, in every interface language. Claim stretches into
whatever is left; Kind, Status and Verdict are as wide as their longest label (measured
with the table's font, so Indonesian's longer words fit too); Claimant and Via get a
sensible fixed width (names elide). Tags, Assignee and Updated start hidden and are shown
from the header's context menu; the header's saved state remembers the choice.

Widths come from the label maps, never from the rows: measuring rows would fetch every
claim of a large database.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from claimtrack.domain import ClaimKind
from claimtrack.ui.labels import _translated_statuses, _translated_verdicts
from claimtrack.ui.models.claims import COLUMNS, kind_label

HIDDEN_AT_FIRST = ("tags", "assignee", "updated")
FIXED = {"claimant": 110, "via": 85}
PADDING = 18  # the cell's margins and a little air
PILL = 28  # the verdict and status delegates draw a rounded pill around the label
CLAIM_MINIMUM = 120


def _column(key: str) -> int:
    return [k for k, _ in COLUMNS].index(key)


def fit_claim_columns(table: QTableView, labels: dict[str, list[str]] | None = None) -> None:
    """Size the columns for the current language; ``labels`` adds the database's own
    status and verdict names (keys "status" and "verdict")."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    header_metrics = header.fontMetrics()
    model = table.model()
    texts = {
        "kind": [kind_label(k) for k in ClaimKind],
        "status": list(_translated_statuses().values()),
        "verdict": list(_translated_verdicts().values()),
    }
    for key, more in (labels or {}).items():
        texts.setdefault(key, []).extend(more)
    header.setMinimumSectionSize(40)
    header.setStretchLastSection(False)
    for key, _ in COLUMNS:
        column = _column(key)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        # Room for the title and the sort arrow.
        width = header_metrics.horizontalAdvance(title) + PADDING + 16
        if key in texts:
            extra = PILL if key in ("status", "verdict") else PADDING
            width = max([width] + [metrics.horizontalAdvance(t) + extra for t in texts[key]])
        elif key in FIXED:
            width = max(width, FIXED[key])
        if key == "text":
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)


def hide_extra_columns(table: QTableView) -> None:
    """The first-run choice: the columns beyond the six that must fit start hidden."""
    for key in HIDDEN_AT_FIRST:
        table.horizontalHeader().setSectionHidden(_column(key), True)


def install_column_menu(table: QTableView) -> None:
    """A right-click on the header lists every column with a tick to show or hide it."""
    header = table.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(pos: QPoint) -> None:
        menu = QMenu(header)
        model = table.model()
        for column in range(header.count()):
            if column == _column("text"):
                continue  # the claim itself is always shown
            action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))

    header.customContextMenuRequested.connect(show_menu)
