"""The claim table: a model over claim ids with a lazy, bounded cache of records.

The query that decides which ids and in what order runs in SQL (see ClaimService); this
model only fetches the records of the rows being painted, a page at a time, so 100,000
claims cost a list of ints, not 100,000 records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from claimtrack.domain import ClaimKind

if TYPE_CHECKING:  # the data layer loads after the window is painted
    from claimtrack.domain import ChangeSet, ClaimRecord
    from claimtrack.services import Services
    from claimtrack.store.rawread import Peek

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

# (sort key understood by ClaimService, header text); header text is translated at use.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("text", "Claim"),
    ("kind", "Kind"),
    ("claimant", "Claimant"),
    ("status", "Status"),
    ("verdict", "Verdict"),
    ("via", "Via"),
    ("tags", "Tags"),
    ("assignee", "Assignee"),
    ("updated", "Updated"),
)
PAGE = 60  # records fetched around a row being painted: two to three screens of rows
CACHE_LIMIT = 4000


EDITABLE_KEYS = ("status", "verdict")
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)
_COLUMN_FLAGS = tuple(
    _ROW_FLAGS | Qt.ItemFlag.ItemIsEditable if key in EDITABLE_KEYS else _ROW_FLAGS
    for key, _ in COLUMNS
)

_EDIT = int(Qt.ItemDataRole.EditRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset(
    {int(Qt.ItemDataRole.DisplayRole), _EDIT, _DECORATION, _TOOLTIP, ID_ROLE, RECORD_ROLE}
)

# Called with (claim id, field, new key); returns True when the edit was saved.
EditHandler = Callable[[int, str, Any], bool]


class ClaimTableModel(QAbstractTableModel):
    """Rows are claim ids; cells are filled from records fetched on demand.

    Status and verdict are editable in place; the edit is handed to ``edit_handler`` (the
    window, which saves it as an undoable step) rather than written here.
    """

    sortRequested = Signal(str, bool)  # sort key, descending

    def __init__(self, services: Services | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.edit_handler: EditHandler | None = None
        self._services = services
        # What records are read from: the services, or a start-up peek until they load.
        self._reader: Any = services.claims if services is not None else None
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: dict[int, ClaimRecord] = {}
        # Edits applied here, counted, and when each claim last changed: records a worker
        # read before an edit must not overwrite it (see ``set_ids``' ``as_of``).
        self.epoch = 0
        self._changed_at: dict[int, int] = {}
        self._status_labels: dict[str, str] = {}
        self._verdict_labels: dict[str, str] = {}
        self._verdict_colours: dict[str, QColor] = {}

    # -------------------------------------------------------------- setup
    def set_services(self, services: Services | None, *, keep_rows: bool = False) -> None:
        """Read from ``services`` from now on.

        ``keep_rows``: the rows shown stay on screen (scroll position and selection with
        them) until the services' own query replaces them, when they come from a peek of
        the same file (see ``show_peek``) or from these same services (a reload).
        """
        same = services is not None and services is self._services
        keep = keep_rows and services is not None and (self.peeking or same)
        if not keep:
            self.beginResetModel()
        self._services = services
        self._reader = services.claims if services is not None else None
        self._cache = {}
        if not keep:
            self._ids, self._row_of = [], {}
        if services is not None:
            statuses = services.catalog.statuses()
            ratings = services.catalog.ratings()
            self._set_labels(
                [(s.key, s.label) for s in statuses], [(r.key, r.label, r.colour) for r in ratings]
            )
        if keep:
            self._announce_all()
        else:
            self.endResetModel()

    def show_peek(self, peek: Peek) -> None:
        """Show a file's claims read before the data layer loaded (``store.rawread.peek``).

        Read only: nothing is editable until ``set_services`` hands over the services.
        """
        self.beginResetModel()
        self._services = None
        self._reader = peek
        self._set_labels(peek.statuses, peek.ratings)
        self._ids, self._row_of = list(peek.ids), {}
        self._cache = dict(peek.records)
        self.endResetModel()

    @property
    def peeking(self) -> bool:
        """True while the rows come from a start-up peek, not from the services."""
        return self._reader is not None and self._services is None

    def _set_labels(
        self, statuses: Sequence[tuple[str, str]], ratings: Sequence[tuple[str, str, str]]
    ) -> None:
        from claimtrack.ui.labels import status_label, verdict_label

        self._status_labels = {key: status_label(key, label) for key, label in statuses}
        self._verdict_labels = {key: verdict_label(key, label) for key, label, _ in ratings}
        self._verdict_colours = {key: QColor(colour) for key, _, colour in ratings}

    def _announce_all(self) -> None:
        if self._ids:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))

    def set_ids(
        self,
        ids: Sequence[int],
        rows: dict[int, int] | None = None,
        *,
        records: Sequence[ClaimRecord] | None = None,
        as_of: int | None = None,
    ) -> None:
        """Show these claims in this order (the result of a query run elsewhere).

        When the rows shown are the first page of ``ids`` (a fast first query, then the
        full one), the rest is appended: no reset, so scroll position, selection and the
        records already loaded stay. ``rows`` (claim id -> row) may come precomputed from
        the worker that ran the query; otherwise it is built on first use. ``records``
        (read with the query) go straight into the cache: no query while painting; those
        of claims edited here after ``as_of`` (the ``epoch`` when the query started) are
        left out, to be read again.
        """
        self._as_of = self.epoch if as_of is None else as_of
        ids = list(ids)
        shown = len(self._ids)
        if shown and ids == self._ids:
            # The same rows (a peek's, or a refresh that found nothing new): keep scroll
            # position and selection, just read the records again.
            self._row_of = rows or self._row_of
            self._cache.clear()
            self._keep(records)
            self._announce_all()
            return
        if 0 < shown < len(ids) and ids[:shown] == self._ids:
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids = ids
            self._row_of = rows or {}
            self._keep(records)
            self.endInsertRows()
            return
        self.beginResetModel()
        self._ids = ids
        self._row_of = rows or {}
        self._cache.clear()
        self._keep(records)
        self.endResetModel()

    def _keep(self, records: Sequence[ClaimRecord] | None) -> None:
        changed_at, as_of = self._changed_at, self._as_of
        for record in records or ():
            if changed_at.get(record.id, 0) <= as_of:
                self._cache[record.id] = record
        if as_of == self.epoch:
            changed_at.clear()  # nothing in flight is older than the last edit

    def apply_changes(self, changes: ChangeSet) -> bool:
        """Refresh rows whose claims changed; True when a new query is needed instead.

        Changed rows are announced as one span (first to last), not one signal per row:
        a bulk edit of 10,000 claims is one repaint.
        """
        if changes.created.get("claim") or changes.deleted.get("claim"):
            return True
        rows = []
        self.epoch += 1
        for claim_id in changes.updated.get("claim", ()):
            self._changed_at[claim_id] = self.epoch
            self._cache.pop(claim_id, None)
            row = self.row_of(claim_id)
            if row is not None:
                rows.append(row)
        if rows:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))
        return False

    def status_choices(self) -> list[tuple[str, str]]:
        return list(self._status_labels.items())

    def verdict_choices(self) -> list[tuple[str, str, QColor]]:
        return [(k, v, self._verdict_colours[k]) for k, v in self._verdict_labels.items()]

    def column_of(self, key: str) -> int:
        return [k for k, _ in COLUMNS].index(key)

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    # -------------------------------------------------------------- access
    def seen_versions(self, claim_ids: Sequence[int]) -> dict[int, int]:
        """Versions of the claims whose rows were loaded (what the editor has seen)."""
        return {i: self._cache[i].version for i in claim_ids if i in self._cache}

    def claim_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, claim_id: int) -> int | None:
        if not self._row_of and self._ids:
            self._row_of = {claim_id: row for row, claim_id in enumerate(self._ids)}
        return self._row_of.get(claim_id)

    def record(self, row: int) -> ClaimRecord | None:
        claim_id = self.claim_id(row)
        if claim_id is None or self._reader is None:
            return None
        found = self._cache.get(claim_id)
        if found is None:
            self._fetch_around(row)
            found = self._cache.get(claim_id)
        return found

    def _fetch_around(self, row: int) -> None:
        assert self._reader is not None
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        start = max(0, row - PAGE // 4)
        wanted = [i for i in self._ids[start : start + PAGE] if i not in self._cache]
        for record in self._reader.get_many(wanted):
            self._cache[record.id] = record

    # -------------------------------------------------------------- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~1,000 times per repaint: roles compared as plain ints, unasked ones first.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[row]
        record = self._cache.get(self._ids[row]) or self.record(row)
        if record is None:
            return None
        if role == RECORD_ROLE:
            return record
        key = COLUMNS[index.column()][0]
        if role == _DECORATION:
            return self._verdict_colours.get(record.verdict) if key == "verdict" else None
        if role == _EDIT:
            return getattr(record, key) if key in EDITABLE_KEYS else self._display(record, key)
        if role == _TOOLTIP:
            # Escaped: a tooltip would otherwise render HTML found in an article.
            return _plain_tooltip(record.text) if key == "text" else None
        return self._display(record, key)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Asked for every cell a selection covers: answered from precomputed values (Qt
        # flag arithmetic in Python costs microseconds a call).
        if not index.isValid():
            return _NO_FLAGS
        if self._services is None:
            return _ROW_FLAGS  # a peek: shown, not yet editable
        return _COLUMN_FLAGS[index.column()]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.edit_handler is None:
            return False
        key = COLUMNS[index.column()][0]
        claim_id = self.claim_id(index.row())
        if key not in EDITABLE_KEYS or claim_id is None:
            return False
        return self.edit_handler(claim_id, key, value)

    def _display(self, record: ClaimRecord, key: str) -> str:
        if key == "text":
            return " ".join(record.text.split())
        if key == "kind":
            return kind_label(record.kind)
        if key == "claimant":
            return record.claimant or ""
        if key == "via":
            return " › ".join(record.via)
        if key == "status":
            return self._status_labels.get(record.status, record.status)
        if key == "verdict":
            return self._verdict_labels.get(record.verdict, record.verdict)
        if key == "tags":
            return ", ".join(record.tags)
        if key == "assignee":
            return record.assignee
        return _local_minute(record.updated_at, QLocale().name())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.sortRequested.emit(COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)


@lru_cache(maxsize=8192)
def _local_minute(moment: datetime, _locale: str) -> str:
    """Local time in the locale's short format; cached (per locale), as every repaint asks
    again for each row."""
    from claimtrack.ui.i18n import format_date

    return format_date(moment)


def _plain_tooltip(text: str) -> str:
    import html

    return "<p>" + html.escape(text) + "</p>"


def kind_label(kind: ClaimKind) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        ClaimKind.STATEMENT: QCoreApplication.translate("ClaimKind", "Statement"),
        ClaimKind.DENIAL: QCoreApplication.translate("ClaimKind", "Denial"),
        ClaimKind.NO_COMMENT: QCoreApplication.translate("ClaimKind", "No comment"),
        ClaimKind.NO_RESPONSE: QCoreApplication.translate("ClaimKind", "No response"),
    }
    return labels[kind]
