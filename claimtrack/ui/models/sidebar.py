"""The sidebar: all claims, articles, saved filters, and counts per status and verdict.

Its contents are gathered off the GUI thread (``gather``) into plain data, then shown by
``populate``; each row carries the filter it stands for in ``SCOPE_ROLE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

from claimtrack.domain import ClaimFilter
from claimtrack.ui.labels import status_label, verdict_label

if TYPE_CHECKING:
    from claimtrack.services import Services

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 10

# A row's scope as text, so Qt can compare it: "all", "article:12", "saved:3",
# "status:done", "verdict:false", "section:Articles".
Scope = str


def scope_parts(scope: Scope) -> tuple[str, str]:
    kind, _, value = scope.partition(":")
    return kind, value


@dataclass(frozen=True)
class SidebarData:
    total: int
    articles: tuple[tuple[int, str, int], ...]
    saved: tuple[tuple[int, str, ClaimFilter], ...]
    statuses: tuple[tuple[str, str, int], ...]
    verdicts: tuple[tuple[str, str, str, int], ...]


def gather(services: Services) -> SidebarData:
    """Read everything the sidebar shows in a few queries (runs in a worker)."""
    counts = services.articles.claim_counts()
    by_status = services.claims.counts_by("status")
    by_verdict = services.claims.counts_by("verdict")
    return SidebarData(
        total=sum(counts.values()),
        articles=tuple((a.id, a.title, counts.get(a.id, 0)) for a in services.articles.list()),
        saved=tuple((f.id, f.name, f.filter) for f in services.filters.list()),
        statuses=tuple(
            (s.key, status_label(s.key, s.label), by_status.get(s.key, 0))
            for s in services.catalog.statuses()
        ),
        verdicts=tuple(
            (r.key, verdict_label(r.key, r.label), r.colour, by_verdict.get(r.key, 0))
            for r in services.catalog.ratings()
        ),
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("Sidebar", text)


class SidebarModel(QStandardItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.saved_filters: dict[int, ClaimFilter] = {}

    def populate(self, data: SidebarData) -> None:
        self.clear()
        self.saved_filters = {fid: flt for fid, _name, flt in data.saved}
        root = self.invisibleRootItem()
        root.appendRow(self._item(_tr("All claims"), "all", data.total))

        def section(title: str, rows: list[QStandardItem]) -> None:
            head = QStandardItem(title)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(f"section:{title}", SCOPE_ROLE)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            for row in rows:
                head.appendRow(row)
            root.appendRow(head)

        section(
            _tr("Articles"),
            [self._item(title, f"article:{aid}", n) for aid, title, n in data.articles],
        )
        section(
            _tr("Saved filters"),
            [self._item(name, f"saved:{fid}", None) for fid, name, _flt in data.saved],
        )
        section(
            _tr("Status"),
            [self._item(label, f"status:{key}", n) for key, label, n in data.statuses],
        )
        verdict_rows = []
        for key, label, colour, n in data.verdicts:
            item = self._item(label, f"verdict:{key}", n)
            item.setData(QColor(colour), Qt.ItemDataRole.DecorationRole)
            verdict_rows.append(item)
        section(_tr("Verdict"), verdict_rows)

    @staticmethod
    def _item(label: str, scope: Scope, count: int | None) -> QStandardItem:
        text = " ".join(label.split())
        item = QStandardItem(f"{text}  ({count})" if count is not None else text)
        item.setData(scope, SCOPE_ROLE)
        item.setToolTip("")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return item

    def find_scope(self, scope: Scope) -> Any:
        """The index of the row standing for ``scope``, or an invalid index."""
        from PySide6.QtCore import QModelIndex

        matches = self.match(
            self.index(0, 0),
            SCOPE_ROLE,
            scope,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        return matches[0] if matches else QModelIndex()
