"""Use cases over a store, shared by the GUI, the command line and the exporters. No Qt.

Each method is one unit of work: it opens a short session, commits, and returns plain
records or a ChangeSet naming what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimtrack.store import Store


class Services:
    """Everything one editor can do to one open database.

    ``editor`` is read at each write, so renaming the editor takes effect at once.
    """

    def __init__(self, store: Store, editor: str = "") -> None:
        # Imported here, not at module level: a light submodule (services.drafts) must not
        # pull SQLAlchemy into the GUI's start-up before the first paint.
        from claimtrack.services.articles import ArticleService
        from claimtrack.services.catalog import CatalogService
        from claimtrack.services.claims import ClaimService
        from claimtrack.services.filters import SavedFilterService
        from claimtrack.services.history import HistoryService
        from claimtrack.services.parties import PartyService
        from claimtrack.services.research import EvidenceService, ReplyService

        self.store = store
        self.editor = editor
        self.articles = ArticleService(self)
        self.parties = PartyService(self)
        self.claims = ClaimService(self)
        self.catalog = CatalogService(self)
        self.evidence = EvidenceService(self)
        self.replies = ReplyService(self)
        self.history = HistoryService(self)
        self.filters = SavedFilterService(self)

    def is_empty(self) -> bool:
        return self.claims.count() == 0 and not self.articles.list()


__all__ = ["Services"]
