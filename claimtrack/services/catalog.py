"""The verdict scale, the workflow statuses and tags: the vocabulary of a database."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from claimtrack.domain import (
    ChangeSet,
    Created,
    RatingRecord,
    StatusRecord,
    TagRecord,
    ValidationError,
)
from claimtrack.services.base import ServiceBase, changes, to_record
from claimtrack.store.models import Rating, Tag, WorkflowStatus

_RATING_EDITABLE = frozenset(
    {"label", "colour", "alternate_name", "rating_value", "best_rating", "worst_rating", "position"}
)
_STATUS_EDITABLE = frozenset({"label", "position", "is_final"})
_TAG_EDITABLE = frozenset({"name", "colour"})


class CatalogService(ServiceBase):
    # -- verdict scale
    def ratings(self) -> list[RatingRecord]:
        with self._read() as session:
            rows = session.exec(select(Rating).order_by(col(Rating.position), col(Rating.id)))
            return [to_record(RatingRecord, row) for row in rows]

    def create_rating(self, key: str, label: str, **fields: Any) -> Created:
        with self._write() as session:
            row = Rating(key=key, label=label, **fields)
            session.add(row)
            session.flush()
            assert row.id is not None
            self._log(session, "rating", row.id, "(created)", None, key)
            return Created(row.id, changes(created={"rating": [row.id]}))

    def update_rating(self, rating_id: int, **fields: Any) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, Rating, rating_id)
            if not self._assign(session, row, fields, _RATING_EDITABLE):
                return ChangeSet()
            return changes(updated={"rating": [rating_id]})

    def delete_rating(self, rating_id: int) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, Rating, rating_id)
            self._log(session, "rating", rating_id, "(deleted)", row.key, None)
            session.delete(row)
            return changes(deleted={"rating": [rating_id]})

    # -- workflow statuses
    def statuses(self) -> list[StatusRecord]:
        with self._read() as session:
            rows = session.exec(select(WorkflowStatus).order_by(col(WorkflowStatus.position)))
            return [to_record(StatusRecord, row) for row in rows]

    def create_status(self, key: str, label: str, **fields: Any) -> Created:
        with self._write() as session:
            row = WorkflowStatus(key=key, label=label, **fields)
            session.add(row)
            session.flush()
            assert row.id is not None
            self._log(session, "workflow_status", row.id, "(created)", None, key)
            return Created(row.id, changes(created={"workflow_status": [row.id]}))

    def update_status(self, status_id: int, **fields: Any) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, WorkflowStatus, status_id)
            if not self._assign(session, row, fields, _STATUS_EDITABLE):
                return ChangeSet()
            return changes(updated={"workflow_status": [status_id]})

    def delete_status(self, status_id: int) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, WorkflowStatus, status_id)
            self._log(session, "workflow_status", status_id, "(deleted)", row.key, None)
            session.delete(row)
            return changes(deleted={"workflow_status": [status_id]})

    # -- tags
    def tags(self) -> list[TagRecord]:
        with self._read() as session:
            rows = session.exec(select(Tag).order_by(Tag.name))
            return [to_record(TagRecord, row) for row in rows]

    def create_tag(self, name: str, colour: str | None = None) -> Created:
        name = name.strip()
        if not name:
            raise ValidationError("A tag needs a name.")
        with self._write() as session:
            row = Tag(name=name, colour=colour)
            session.add(row)
            session.flush()
            assert row.id is not None
            self._log(session, "tag", row.id, "(created)", None, name)
            return Created(row.id, changes(created={"tag": [row.id]}))

    def update_tag(self, tag_id: int, **fields: Any) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, Tag, tag_id)
            if not self._assign(session, row, fields, _TAG_EDITABLE):
                return ChangeSet()
            return changes(updated={"tag": [tag_id]})

    def delete_tag(self, tag_id: int) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, Tag, tag_id)
            self._log(session, "tag", tag_id, "(deleted)", row.name, None)
            session.delete(row)
            return changes(deleted={"tag": [tag_id]})
