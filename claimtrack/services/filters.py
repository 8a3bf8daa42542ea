"""Saved filters: named claim filters that appear in the sidebar."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from sqlmodel import select

from claimtrack.domain import ChangeSet, ClaimFilter, ClaimKind, ValidationError
from claimtrack.services.base import ServiceBase, changes
from claimtrack.store.models import SavedFilter


@dataclass(frozen=True)
class SavedFilterRecord:
    id: int
    name: str
    filter: ClaimFilter


def filter_to_json(flt: ClaimFilter) -> str:
    return json.dumps(asdict(flt), ensure_ascii=False, sort_keys=True)


def filter_from_json(raw: str) -> ClaimFilter:
    """Read a stored filter, ignoring keys this version does not know."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return ClaimFilter()
    known = {f.name for f in fields(ClaimFilter)}
    data = {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}
    for key in ("statuses", "verdicts"):
        data[key] = tuple(data.get(key) or ())
    data["kinds"] = tuple(ClaimKind(k) for k in data.get("kinds") or () if k in ClaimKind)
    return ClaimFilter(**data)


class SavedFilterService(ServiceBase):
    def list(self) -> list[SavedFilterRecord]:
        with self._read() as session:
            rows = session.exec(select(SavedFilter).order_by(SavedFilter.name))
            return [
                SavedFilterRecord(int(r.id or 0), r.name, filter_from_json(r.definition))
                for r in rows
            ]

    def save(self, name: str, flt: ClaimFilter) -> ChangeSet:
        """Save ``flt`` under ``name``, replacing a filter of that name."""
        name = name.strip()
        if not name:
            raise ValidationError("A saved filter needs a name.")
        with self._write() as session:
            row = session.exec(select(SavedFilter).where(SavedFilter.name == name)).first()
            if row is None:
                row = SavedFilter(name=name, definition=filter_to_json(flt))
                session.add(row)
                session.flush()
                assert row.id is not None
                self._log(session, "saved_filter", row.id, "(created)", None, name)
                return changes(created={"saved_filter": [row.id]})
            row.definition = filter_to_json(flt)
            assert row.id is not None
            return changes(updated={"saved_filter": [row.id]})

    def delete(self, filter_id: int) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, SavedFilter, filter_id)
            self._log(session, "saved_filter", filter_id, "(deleted)", row.name, None)
            session.delete(row)
            return changes(deleted={"saved_filter": [filter_id]})
