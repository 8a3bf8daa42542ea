"""The claim list: which claims the table shows, and which of them are selected.

The controller holds the filter (filter bar, sidebar scope, sort column), runs each query
on the TaskRunner and keeps only the newest result: every change bumps a generation
counter, and a result from an older generation is dropped rather than shown over a newer
one. The window builds the widgets and lays them out; this class only drives them and
reports back through signals, so it never calls into the window:

``firstRowsShown`` (the rows on screen are right, the full list may follow),
``rowsReplaced`` (a query's result replaced the rows: caches keyed by them are stale),
``selectionChanged`` (the selected claims or the current one changed),
``claimsShown`` (a query finished, with its row count), ``sidebarShown`` (the sidebar's
counts were refilled) and ``failed`` (an exception from a query, for the window's one
error path).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Signal

from claimtrack.domain import ClaimFilter
from claimtrack.ui.models.claims import PAGE
from claimtrack.ui.models.sidebar import SCOPE_ROLE, SidebarData, gather, scope_parts
from claimtrack.ui.tasks import Cancelled, TaskControl

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QTableView, QTreeView

    from claimtrack.domain import ClaimRecord
    from claimtrack.services import Services
    from claimtrack.ui.models.claims import ClaimTableModel
    from claimtrack.ui.models.sidebar import SidebarModel
    from claimtrack.ui.tasks import TaskRunner
    from claimtrack.ui.widgets.filterbar import FilterBar

    # A query's result as a worker hands it over: ids, their rows, the first records.
    _Found = tuple[list[int], dict[int, int] | None, list[ClaimRecord]]

FIRST_PAGE = 200  # rows a search shows before its full result list arrives


class ClaimListController(QObject):
    """Owns the filter, the claim queries and the table's selection."""

    firstRowsShown = Signal(int)
    rowsReplaced = Signal()
    selectionChanged = Signal()
    claimsShown = Signal(int)
    sidebarShown = Signal()
    failed = Signal(object)  # BaseException from a query

    def __init__(
        self,
        runner: TaskRunner,
        table: QTableView,
        model: ClaimTableModel,
        filterbar: FilterBar,
        sidebar: QTreeView,
        sidebar_model: SidebarModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.table = table
        self.model = model
        self.filterbar = filterbar
        self.sidebar = sidebar
        self.sidebar_model = sidebar_model
        self.services: Services | None = None
        self.filter = ClaimFilter()
        self._generation = 0
        # The selection before a search's first page replaced the rows, restored when the
        # whole list of that same query lands.
        self._kept_selection: tuple[int, list[int], int | None] | None = None
        model.sortRequested.connect(self.sort)
        table.selectionModel().selectionChanged.connect(self.selectionChanged)
        sidebar.selectionModel().currentChanged.connect(self._sidebar_clicked)
        filterbar.changed.connect(self.filter_changed)

    def set_services(self, services: Services | None) -> None:
        """The database to query. A new one keeps the rows on screen (peeked, or the last
        database's) until its first query lands; None empties the table."""
        self.services = services
        self.model.set_services(services, keep_rows=services is not None)

    def relabel(self) -> None:
        """Reread labels and colours (catalog edit, language switch, F5), keeping the rows."""
        self.model.set_services(self.services, keep_rows=True)

    def reset(self) -> None:
        """A freshly opened database starts unfiltered, with its sidebar and rows read."""
        self.filter = ClaimFilter()
        self.filterbar.set_filter(self.filter)
        self.refresh_sidebar()
        self.refresh()

    # ------------------------------------------------------------------ queries
    def refresh(self) -> None:
        """Run the current filter in SQL off the GUI thread; only the newest result counts.

        The worker also reads the records of the first rows, so the table paints them
        without a query of its own.
        """
        services = self.services
        if services is None:
            return
        self._generation += 1
        generation, flt = self._generation, self.filter
        as_of = self.model.epoch  # records read from here on know of every edit before

        def stale() -> None:
            # A key typed while this query waited for a thread: skip it (read from the
            # worker; an int, set on the GUI thread only).
            if generation != self._generation:
                raise Cancelled

        def whole(records: int) -> Callable[[TaskControl], _Found]:
            def work(_control: TaskControl) -> _Found:
                stale()
                ids, first = services.claims.query_page(flt, records=records)
                return ids, {claim_id: row for row, claim_id in enumerate(ids)}, first

            return work

        def done(result: _Found) -> None:
            self._show_ids(generation, *result, as_of=as_of)

        if not (flt.search.strip() and flt.sort == "id"):
            self.runner.run(whole(PAGE), done, self.failed.emit)
            return

        # Typing a search: the rows on screen first (FTS hands them over in id order at
        # once), then the whole list, appended to them.
        def first(_control: TaskControl) -> tuple[list[int], list[ClaimRecord]]:
            stale()
            return services.claims.query_page(flt, limit=FIRST_PAGE, records=PAGE)

        def first_done(result: tuple[list[int], list[ClaimRecord]]) -> None:
            if generation != self._generation:
                return
            ids, records = result
            if len(ids) < FIRST_PAGE:  # that was all of them
                self._show_ids(generation, ids, None, records, as_of=as_of)
                return
            self._kept_selection = (generation, self.selected_ids(), self.current_claim_id())
            self.model.set_ids(ids, records=records, as_of=as_of)
            self.firstRowsShown.emit(len(ids))
            self.runner.run(whole(0), done, self.failed.emit)

        self.runner.run(first, first_done, self.failed.emit)

    def _show_ids(
        self,
        generation: int,
        ids: list[int],
        rows: dict[int, int] | None = None,
        records: list[ClaimRecord] | None = None,
        *,
        as_of: int | None = None,
    ) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        selected = self.selected_ids()
        current = self.current_claim_id()
        kept = self._kept_selection
        if kept is not None and kept[0] == generation:  # as it was before the first page
            _, selected, current = kept
        self._kept_selection = None
        self.model.set_ids(ids, rows, records=records, as_of=as_of)
        self.firstRowsShown.emit(len(ids))
        self.rowsReplaced.emit()
        self._reselect(selected, current)
        self.claimsShown.emit(len(ids))

    def _reselect(self, ids: list[int], current: int | None) -> None:
        selection = self.table.selectionModel()
        rows = [r for r in (self.model.row_of(i) for i in ids) if r is not None]
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            selection.select(self.model.index(row, 0), flags)
        current_row = self.model.row_of(current) if rows and current is not None else None
        if current_row is not None:
            selection.setCurrentIndex(
                self.model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        # Also when nothing was reselected: the detail pane must let go of a lost claim.
        self.selectionChanged.emit()

    # ------------------------------------------------------------------ filters
    def filter_changed(self, flt: ClaimFilter) -> None:
        """The filter bar's new filter; the table's sort order is not the bar's to change."""
        self.filter = replace(flt, sort=self.filter.sort, descending=self.filter.descending)
        self.refresh()

    def sort(self, key: str, descending: bool) -> None:
        self.filter = replace(self.filter, sort=key, descending=descending)
        self.refresh()

    def _sidebar_clicked(self, index: QModelIndex, _previous: QModelIndex) -> None:
        scope = index.data(SCOPE_ROLE)
        if not scope:
            return
        kind, value = scope_parts(scope)
        base = ClaimFilter(sort=self.filter.sort, descending=self.filter.descending)
        if kind == "all":
            flt = base
        elif kind == "article":
            flt = replace(base, article_id=int(value))
        elif kind == "status":
            flt = replace(base, statuses=(value,))
        elif kind == "verdict":
            flt = replace(base, verdicts=(value,))
        elif kind == "saved":
            saved = self.sidebar_model.saved_filters.get(int(value))
            if saved is None:
                return
            flt = replace(saved, sort=self.filter.sort, descending=self.filter.descending)
        else:
            return
        self.filter = flt
        self.filterbar.set_filter(flt)
        self.refresh()

    def save_filter(self, name: str) -> None:
        """Store the current filter under ``name``; the sidebar lists it once reread."""
        services = self.services
        if services is None or not name.strip():
            return
        from claimtrack.domain import ClaimTrackError

        try:
            services.filters.save(name, self.filter)
        except ClaimTrackError as exc:
            self.failed.emit(exc)
            return
        self.refresh_sidebar()

    # ------------------------------------------------------------------ sidebar
    def refresh_sidebar(self) -> None:
        """Recount the sidebar (articles, statuses, verdicts, saved filters) in a worker."""
        services = self.services
        if services is None:
            return

        def work(_control: TaskControl) -> SidebarData:
            return gather(services)

        self.runner.run(work, self._show_sidebar, self.failed.emit)

    def _show_sidebar(self, data: SidebarData) -> None:
        # The scope stays chosen across the refill, without re-running its query.
        current = self.sidebar.currentIndex().data(SCOPE_ROLE)
        self.sidebar.selectionModel().blockSignals(True)
        self.sidebar_model.populate(data)
        self.sidebar.expandAll()
        if current:
            index = self.sidebar_model.find_scope(current)
            if index.isValid():
                self.sidebar.setCurrentIndex(index)
        self.sidebar.selectionModel().blockSignals(False)
        self.sidebarShown.emit()

    # ------------------------------------------------------------------ selection
    def selected_rows(self) -> list[int]:
        """Rows selected, in order, read from the selection's ranges.

        The table selects whole rows, so each range is a block of rows. (Qt's
        selectedRows() asks the model for the flags of every cell: ~1 s for 10,000 rows.)
        """
        rows: set[int] = set()
        # PySide6 iterates a QItemSelection; its stubs do not say so.
        for part in self.table.selectionModel().selection():  # type: ignore[attr-defined]
            rows.update(range(part.top(), part.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        ids = (self.model.claim_id(r) for r in self.selected_rows())
        return [cid for cid in ids if cid is not None]

    def current_claim_id(self) -> int | None:
        """The claim the detail pane shows: the current row if selected, else the first."""
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return self.model.claim_id(index.row())
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_claim(self, claim_id: int) -> None:
        """Make ``claim_id`` the only selected claim and scroll to it (if listed)."""
        row = self.model.row_of(claim_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def step(self, delta: int) -> None:
        """Select the claim ``delta`` rows down (up when negative), stopping at the ends."""
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.table.currentIndex().row()
        row = min(max(current + delta, 0), rows - 1) if current >= 0 else 0
        claim_id = self.model.claim_id(row)
        if claim_id is not None:
            self.select_claim(claim_id)
