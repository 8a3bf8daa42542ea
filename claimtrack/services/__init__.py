"""Use cases over a store, shared by the GUI, the command line and the exporters. No Qt.

Each method is one unit of work: it opens a short session, commits, and returns plain
records or a ChangeSet naming what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimtrack.domain import EvidenceRecord, HistoryRecord, ReplyRequestRecord
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
        from claimtrack.services.report_queries import ReportQueries
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
        self.report_queries = ReportQueries(self)  # the exporters' bulk reads

    def claim_details(
        self, claim_id: int
    ) -> tuple[list[EvidenceRecord], list[ReplyRequestRecord], list[HistoryRecord]]:
        """A claim's evidence, reply requests and History, read in one session.

        The detail pane loads these on every selection change; one session instead of
        three saves two connection check-outs and transactions each time. Same rows and
        order as ``evidence.for_claim``, ``replies.for_claim`` and ``history.for_entity``.
        """
        from sqlmodel import col, select

        from claimtrack.domain import HistoryRecord, ReplyChannel, ReplyRequestRecord
        from claimtrack.services.base import to_record
        from claimtrack.services.research import _evidence_record
        from claimtrack.store.models import Evidence, History, Party, ReplyRequest

        with self.history._read() as session:
            evidence = [
                _evidence_record(row)
                for row in session.exec(
                    select(Evidence).where(Evidence.claim_id == claim_id).order_by(col(Evidence.id))
                )
            ]
            replies = [
                to_record(
                    ReplyRequestRecord, row, party_name=name, channel=ReplyChannel(row.channel)
                )
                for row, name in session.exec(
                    select(ReplyRequest, Party.name)
                    .join(Party, col(Party.id) == col(ReplyRequest.party_id))
                    .where(ReplyRequest.claim_id == claim_id)
                    .order_by(col(ReplyRequest.asked_at), col(ReplyRequest.id))
                )
            ]
            history = [
                to_record(HistoryRecord, row)
                for row in session.exec(
                    select(History)
                    .where(History.entity == "claim", History.entity_id == claim_id)
                    .order_by(col(History.at), col(History.id))
                )
            ]
        return evidence, replies, history

    def is_empty(self) -> bool:
        return self.claims.count() == 0 and not self.articles.list()


__all__ = ["Services"]
