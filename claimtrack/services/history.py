"""Reading the append-only History."""

from __future__ import annotations

from sqlmodel import col, select

from claimtrack.domain import HistoryRecord
from claimtrack.services.base import ServiceBase, to_record
from claimtrack.store.models import History


class HistoryService(ServiceBase):
    def for_entity(self, entity: str, entity_id: int) -> list[HistoryRecord]:
        with self._read() as session:
            rows = session.exec(
                select(History)
                .where(History.entity == entity, History.entity_id == entity_id)
                .order_by(col(History.at), col(History.id))
            )
            return [to_record(HistoryRecord, row) for row in rows]

    def recent(self, limit: int = 100) -> list[HistoryRecord]:
        with self._read() as session:
            rows = session.exec(select(History).order_by(col(History.id).desc()).limit(limit))
            return [to_record(HistoryRecord, row) for row in rows]
