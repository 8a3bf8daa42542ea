"""Claims: creating, editing, finding and deleting attributed claims.

Status and verdict travel as their stable keys ("in_progress", "false"); the store keeps
ids. Queries run in SQL (filters, full-text search, sorting) and return ids first, so a
view can hold 100,000 ids and fetch records only for the rows it paints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from sqlalchemy import (
    Integer,
    String,
    and_,
    cast,
    column,
    exists,
    func,
    literal,
    or_,
    table,
    update,
)
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, col, insert, select

from claimtrack.domain import (
    ChainLink,
    ChainRole,
    ChangeSet,
    ClaimFilter,
    ClaimKind,
    ClaimRecord,
    ConflictError,
    Created,
    NotFoundError,
    PartyKind,
    ValidationError,
)
from claimtrack.services.base import ServiceBase, changes
from claimtrack.services.merge import (
    BulkConflict,
    FieldConflict,
    check_mergeable,
    merge_edit,
)
from claimtrack.store.models import (
    Article,
    Claim,
    ClaimParty,
    ClaimTag,
    Evidence,
    History,
    Party,
    Rating,
    ReplyRequest,
    Tag,
    WorkflowStatus,
    utcnow,
)
from claimtrack.store.rawread import load_records
from claimtrack.store.search import fts5_query
from claimtrack.store.textsearch import claim_search

# Fields an editor may change, as the service names them.
EDITABLE = frozenset(
    {
        "text",
        "start",
        "end",
        "paraphrase",
        "kind",
        "cue",
        "claimant_id",
        "status",
        "verdict",
        "verdict_explanation",
        "notes",
        "assignee",
    }
)
_COLUMN = {
    "start": "start_offset",
    "end": "end_offset",
    "status": "status_id",
    "verdict": "verdict_id",
}
_BULK = frozenset({"status", "verdict", "assignee", "kind"})
_CHUNK = 500  # ids per statement, well under SQLite's bound-parameter limit
# Bulk edits: ten times as many (SQLite allows 32,766 parameters, PostgreSQL 65,535), so
# 10,000 claims are 2 rounds of statements rather than 20.
_BULK_CHUNK = 5000

SORT_KEYS = (
    "id",
    "text",
    "kind",
    "claimant",
    "via",
    "status",
    "verdict",
    "tags",
    "assignee",
    "updated",
    "created",
    "article",
)


class ClaimService(ServiceBase):
    # ------------------------------------------------------------ writes
    def create(
        self,
        article_id: int,
        text: str,
        *,
        start: int | None = None,
        end: int | None = None,
        kind: ClaimKind | str = ClaimKind.STATEMENT,
        cue: str = "",
        claimant_id: int | None = None,
        chain: Sequence[int | tuple[int, ChainRole | str]] = (),
        paraphrase: str = "",
        status: str = "unreviewed",
        verdict: str = "unrated",
        verdict_explanation: str = "",
        notes: str = "",
        assignee: str = "",
        tags: Iterable[str] = (),
    ) -> Created:
        """Add a claim; with offsets, its text must be exactly that span of the article."""
        if not text.strip():
            raise ValidationError("A claim needs its text.")
        with self._write() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise NotFoundError(f"Article {article_id} does not exist (any more).")
            _check_span(article.text, text, start, end)
            claim_id = insert_claim(
                self,
                session,
                Claim(
                    article_id=article_id,
                    text=text,
                    start_offset=start,
                    end_offset=end,
                    paraphrase=paraphrase,
                    kind=ClaimKind(kind).value,
                    cue=cue,
                    claimant_id=claimant_id,
                    status_id=_key_id(session, WorkflowStatus, status),
                    verdict_id=_key_id(session, Rating, verdict),
                    verdict_explanation=verdict_explanation,
                    notes=notes,
                    assignee=assignee,
                ),
                chain,
            )
            for tag_id in _tag_ids(session, tags):
                session.add(ClaimTag(claim_id=claim_id, tag_id=tag_id))
            return Created(claim_id, changes(created={"claim": [claim_id]}))

    def update(
        self, claim_id: int, expected_version: int | None = None, **fields: Any
    ) -> ChangeSet:
        """Change some fields of one claim; History gets one row per field that changed."""
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))} on a claim.")
        with self._write() as session:
            row = self._get(session, Claim, claim_id)
            self._check_version(row, expected_version)
            return self._assign_fields(session, row, fields)

    def _assign_fields(self, session: Session, row: Claim, fields: Mapping[str, Any]) -> ChangeSet:
        """Set editable fields on a loaded row, one History row per field that changed."""
        assert row.id is not None
        claim_id = row.id
        session.autoflush = False  # lookups below must not flush half an edit
        changed = False
        for name, value in fields.items():
            column = _COLUMN.get(name, name)
            new = _column_value(session, name, value)
            old = getattr(row, column)
            if old == new:
                continue
            if name == "text" and not str(new).strip():
                raise ValidationError("A claim needs its text.")
            self._log(
                session,
                "claim",
                claim_id,
                name,
                _display(session, name, old),
                _display(session, name, new),
            )
            setattr(row, column, new)
            changed = True
        if not changed:
            return ChangeSet()
        row.updated_at = utcnow()
        row.updated_by = self.editor
        return changes(updated={"claim": [claim_id]})

    def bulk_update(
        self,
        claim_ids: Sequence[int],
        expected_versions: Mapping[int, int] | None = None,
        **fields: Any,
    ) -> ChangeSet:
        """Set status, verdict, assignee or kind on many claims in one transaction.

        Written as set-based SQL (History first, then the rows), so 10,000 claims take
        two statements per chunk rather than 20,000 round trips. With
        ``expected_versions`` (id -> version as loaded) a row someone else changed stops
        the whole edit with a BulkConflict naming those rows; nothing is written.
        """
        unknown = set(fields) - _BULK
        if unknown:
            raise ValidationError(f"Cannot bulk-edit {', '.join(sorted(unknown))}.")
        touched: set[int] = set()
        with self._write() as session:
            if expected_versions is not None:
                check_versions(session, claim_ids, expected_versions, _BULK_CHUNK)
            now = utcnow()
            for name, value in fields.items():
                column = getattr(Claim, _COLUMN.get(name, name))
                new = _column_value(session, name, value)
                shown = _display(session, name, new)
                for chunk in _chunks(claim_ids, _BULK_CHUNK):
                    differs = and_(col(Claim.id).in_(chunk), column != new)
                    ids = list(session.exec(select(Claim.id).where(differs)))
                    if not ids:
                        continue
                    old_expr = _display_expr(name)
                    history = (
                        select(
                            literal(now, type_=History.__table__.c.at.type),
                            literal(self.editor),
                            literal("claim"),
                            Claim.id,
                            literal(name),
                            old_expr,
                            literal(shown, type_=String),
                        )
                        .select_from(Claim)
                        .where(col(Claim.id).in_(ids))
                    )
                    history = _join_display(history, name)
                    session.execute(
                        insert(History).from_select(
                            ["at", "by", "entity", "entity_id", "field", "old", "new"], history
                        )
                    )
                    session.execute(
                        update(Claim)
                        .where(col(Claim.id).in_(ids))
                        .values(
                            {
                                column: new,
                                "updated_at": now,
                                "updated_by": self.editor,
                                "version": Claim.version + 1,
                            }
                        )
                        .execution_options(synchronize_session=False)
                    )
                    touched.update(ids)
        return changes(updated={"claim": sorted(touched)})

    def update_merging(
        self, claim_id: int, base: ClaimRecord, changes: Mapping[str, Any]
    ) -> ChangeSet:
        """Save ``changes`` made on top of ``base``, merging with what others saved meanwhile.

        A field nobody else touched is saved; a field someone else changed to another
        value raises :class:`FieldConflict` and nothing is saved. The row is locked (FOR
        UPDATE on PostgreSQL; SQLite's write lock is taken at BEGIN) while the pure
        ``merge_edit`` decides, so nobody can save between the comparison and the write.
        """
        check_mergeable(changes)
        if base.id != claim_id:
            raise ValidationError("The claim the edit started from is another claim.")
        with self._write() as session:
            row = session.get(Claim, claim_id, with_for_update=True)
            current = _records_in(session, [claim_id]).get(claim_id)
            if row is None or current is None:
                raise NotFoundError(f"Claim {claim_id} does not exist (any more).")
            merged = merge_edit(base, current, changes)
            if merged.conflicts:
                raise FieldConflict(claim_id, merged.conflicts, current)
            if not merged.to_save:
                return ChangeSet()
            return self._assign_fields(session, row, merged.to_save)

    def set_chain(
        self,
        claim_id: int,
        chain: Sequence[int | tuple[int, ChainRole | str]],
        expected_version: int | None = None,
        *,
        expected_chain: str | None = None,
    ) -> ChangeSet:
        """Replace the attribution chain (nearest the claimant first).

        ``expected_chain`` (the chain as the editor saw it, "A › B") merges with other
        editors' edits of other fields: only a chain changed meanwhile is a conflict.
        """
        with self._write() as session:
            row = self._get(session, Claim, claim_id)
            self._check_version(row, expected_version)
            old = _chain_text(session, claim_id)
            if expected_chain is not None and old != expected_chain:
                raise ConflictError(
                    f"Someone else changed this claim's attribution chain meanwhile "
                    f"(now: {old or 'none'}); check it and try again.",
                    entity="claim",
                    entity_id=claim_id,
                )
            for link in session.exec(select(ClaimParty).where(ClaimParty.claim_id == claim_id)):
                session.delete(link)
            session.flush()
            _write_chain(session, claim_id, chain)
            session.flush()
            new = _chain_text(session, claim_id)
            if old == new:
                return ChangeSet()
            self._log(session, "claim", claim_id, "chain", old, new)
            self._touch(row)
            return changes(updated={"claim": [claim_id]})

    def set_tags(
        self,
        claim_id: int,
        names: Iterable[str],
        expected_version: int | None = None,
        *,
        expected_tags: Iterable[str] | None = None,
    ) -> ChangeSet:
        """Replace the claim's tags, creating tags that do not exist yet.

        ``expected_tags`` (the tags as the editor saw them) lets edits of other fields by
        other editors pass; only tags changed meanwhile are a conflict.
        """
        with self._write() as session:
            row = self._get(session, Claim, claim_id)
            self._check_version(row, expected_version)
            old = _tag_names(session, [claim_id]).get(claim_id, ())
            if expected_tags is not None and set(old) != set(expected_tags):
                raise ConflictError(
                    f"Someone else changed this claim's tags meanwhile (now: "
                    f"{', '.join(old) or 'none'}); check them and try again.",
                    entity="claim",
                    entity_id=claim_id,
                )
            wanted = _tag_ids(session, names)
            for link in session.exec(select(ClaimTag).where(ClaimTag.claim_id == claim_id)):
                session.delete(link)
            session.flush()
            for tag_id in wanted:
                session.add(ClaimTag(claim_id=claim_id, tag_id=tag_id))
            session.flush()
            new = _tag_names(session, [claim_id]).get(claim_id, ())
            if old == new:
                return ChangeSet()
            self._log(session, "claim", claim_id, "tags", ", ".join(old), ", ".join(new))
            self._touch(row)
            return changes(updated={"claim": [claim_id]})

    def delete(self, claim_ids: int | Sequence[int]) -> ChangeSet:
        """Delete claims; History keeps their text, so nothing is forgotten."""
        ids = [claim_ids] if isinstance(claim_ids, int) else list(claim_ids)
        with self._write() as session:
            for claim_id in ids:
                row = self._get(session, Claim, claim_id)
                self._log(session, "claim", claim_id, "(deleted)", row.text, None)
                session.delete(row)
            return changes(deleted={"claim": ids})

    def snapshot(self, claim_ids: Sequence[int]) -> list[ClaimSnapshot]:
        """Everything needed to bring deleted claims back exactly (undo of delete)."""
        out: list[ClaimSnapshot] = []
        with self._read() as session:
            for claim_id in claim_ids:
                row = self._get(session, Claim, claim_id)
                out.append(
                    ClaimSnapshot(
                        claim=row.model_dump(),
                        chain=tuple(
                            link.model_dump()
                            for link in session.exec(
                                select(ClaimParty).where(ClaimParty.claim_id == claim_id)
                            )
                        ),
                        tags=tuple(
                            session.exec(
                                select(ClaimTag.tag_id).where(ClaimTag.claim_id == claim_id)
                            )
                        ),
                        evidence=tuple(
                            e.model_dump()
                            for e in session.exec(
                                select(Evidence).where(Evidence.claim_id == claim_id)
                            )
                        ),
                        replies=tuple(
                            r.model_dump()
                            for r in session.exec(
                                select(ReplyRequest).where(ReplyRequest.claim_id == claim_id)
                            )
                        ),
                    )
                )
        return out

    def restore(self, snapshots: Sequence[ClaimSnapshot]) -> ChangeSet:
        """Re-insert deleted claims under their old ids, with chain, tags, evidence, replies."""
        with self._write() as session:
            for snap in snapshots:
                claim = Claim(**snap.claim)
                claim.version = None  # a fresh row; SQLAlchemy numbers it again
                session.add(claim)
                session.flush()
                for link in snap.chain:
                    session.add(ClaimParty(**link))
                for tag_id in snap.tags:
                    if session.get(Tag, tag_id) is not None:
                        session.add(ClaimTag(claim_id=claim.id, tag_id=tag_id))
                for evidence in snap.evidence:
                    session.add(Evidence(**{**evidence, "version": None}))
                for reply in snap.replies:
                    session.add(ReplyRequest(**{**reply, "version": None}))
                assert claim.id is not None
                self._log(session, "claim", claim.id, "(restored)", None, claim.text)
            ids = [snap.claim["id"] for snap in snapshots]
            return changes(created={"claim": ids})

    def _touch(self, row: Claim) -> None:
        row.updated_at = utcnow()
        row.updated_by = self.editor

    # ------------------------------------------------------------ reads
    def get(self, claim_id: int) -> ClaimRecord:
        records = self.get_many([claim_id])
        if not records:
            raise NotFoundError(f"Claim {claim_id} does not exist (any more).")
        return records[0]

    def get_many(self, claim_ids: Sequence[int]) -> list[ClaimRecord]:
        """Records for ``claim_ids`` in the order given; ids that vanished are skipped."""
        with self._read() as session:
            found = _records_in(session, claim_ids)
        return [found[i] for i in claim_ids if i in found]

    def query_ids(self, flt: ClaimFilter | None = None, *, limit: int | None = None) -> list[int]:
        """Ids of the claims matching ``flt``, in its sort order (the first ``limit``)."""
        with self._read() as session:
            return _ids_in(session, flt or ClaimFilter(), limit)

    def query_page(
        self, flt: ClaimFilter | None = None, *, limit: int | None = None, records: int = 60
    ) -> tuple[list[int], list[ClaimRecord]]:
        """``query_ids`` and the records of its first ``records`` ids, in one read.

        What the table shows first, fetched where the query runs (a worker) rather than
        while the table paints; on a server that is one round of statements fewer.
        """
        with self._read() as session:
            ids = _ids_in(session, flt or ClaimFilter(), limit)
            first = ids[:records]
            found = _records_in(session, first)
        return ids, [found[i] for i in first if i in found]

    def count(self, flt: ClaimFilter | None = None) -> int:
        flt = flt or ClaimFilter()
        with self._read() as session:
            query = _filtered(select(func.count()).select_from(Claim), flt)
            return int(session.exec(query).one())

    def list(
        self, flt: ClaimFilter | None = None, *, limit: int | None = None
    ) -> list[ClaimRecord]:
        ids = self.query_ids(flt)
        return self.get_many(ids[:limit] if limit is not None else ids)

    def assignees(self) -> list[str]:
        """Everyone claims are assigned to, for the filter menu."""
        with self._read() as session:
            return list(session.exec(select(Claim.assignee).distinct().order_by(Claim.assignee)))

    def field_values(self, claim_ids: Sequence[int], name: str) -> dict[int, Any]:
        """Current value of one bulk-editable field per claim (keys for status/verdict)."""
        if name not in _BULK:
            raise ValidationError(f"Cannot read {name} in bulk.")
        out: dict[int, Any] = {}
        with self._read() as session:
            for chunk in _chunks(claim_ids, _BULK_CHUNK):
                query = _join_display(select(Claim.id, _display_expr(name)), name).where(
                    col(Claim.id).in_(chunk)
                )
                out.update(dict(session.exec(query).all()))
        return out

    def counts_by(self, what: str) -> dict[str, int]:
        """How many claims there are per status key or per verdict key."""
        model = {"status": WorkflowStatus, "verdict": Rating}[what]
        column = {"status": Claim.status_id, "verdict": Claim.verdict_id}[what]
        with self._read() as session:
            rows = session.exec(
                select(model.key, func.count(Claim.id))
                .select_from(model)
                .join(Claim, column == model.id, isouter=True)
                .group_by(model.key)
            )
            return {key: n for key, n in rows}


# ---------------------------------------------------------------- helpers


def insert_claim(
    service: ServiceBase,
    session: Session,
    row: Claim,
    chain: Sequence[int | tuple[int, ChainRole | str]] = (),
) -> int:
    """Add ``row`` with its chain inside the caller's transaction, stamped and logged.

    Shared by ClaimService.create and the article intake (which adds many at once).
    """
    stamp_new_claim(service, row)
    session.add(row)
    session.flush()
    return record_new_claim(service, session, row, chain)


def stamp_new_claim(service: ServiceBase, row: Claim) -> None:
    """Stamp a claim about to be added; with :func:`record_new_claim` around one flush.

    The intake adds thousands of claims: one flush for all of them (one multi-row INSERT
    returning the ids) instead of one round trip per claim is most of an import's time.
    """
    now = utcnow()
    row.created_at = row.updated_at = now
    row.created_by = row.updated_by = service.editor


def record_new_claim(
    service: ServiceBase,
    session: Session,
    row: Claim,
    chain: Sequence[int | tuple[int, ChainRole | str]] = (),
) -> int:
    """Log a flushed claim's creation and write its chain (it needs the claim's id)."""
    assert row.id is not None
    service._log(session, "claim", row.id, "(created)", None, row.text)
    _write_chain(session, row.id, chain)
    return row.id


def check_versions(
    session: Session, claim_ids: Sequence[int], expected: Mapping[int, int], chunk: int = 500
) -> None:
    """Raise :class:`BulkConflict` unless every id still has its expected version.

    Runs inside the bulk edit's transaction; on PostgreSQL the rows are locked (FOR
    UPDATE) so nobody can change them between this check and the UPDATE.
    """
    ids = [i for i in dict.fromkeys(claim_ids) if i in expected]
    found: dict[int, int] = {}
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        rows = session.exec(
            select(Claim.id, Claim.version).where(col(Claim.id).in_(part)).with_for_update()
        )
        found.update({int(i): int(v) for i, v in rows})
    conflicted = {i: found.get(i) for i in ids if found.get(i) != expected[i]}
    if conflicted:
        raise BulkConflict(conflicted)


@dataclass(frozen=True)
class ClaimSnapshot:
    """Column values of a claim and its dependent rows, as plain dicts."""

    claim: dict[str, Any]
    chain: tuple[dict[str, Any], ...]
    tags: tuple[int, ...]
    evidence: tuple[dict[str, Any], ...]
    replies: tuple[dict[str, Any], ...]


def _records_in(session: Session, claim_ids: Sequence[int]) -> dict[int, ClaimRecord]:
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect in ("sqlite", "postgresql"):
        # Plain DB-API statements: a third to a half of the ORM path's time for a table
        # page; on SQLite the very reader the window's start-up peek uses.
        return load_records(connection.connection.driver_connection, claim_ids, dialect)
    found: dict[int, ClaimRecord] = {}
    for chunk in _chunks(claim_ids):
        found.update(_load_records(session, chunk))
    return found


def _ids_in(session: Session, flt: ClaimFilter, limit: int | None) -> list[int]:
    dialect = session.connection().dialect.name
    if dialect == "sqlite":
        found = _sqlite_fast_ids(session, flt, limit)
        if found is not None:
            return found
    query = _sorted(_filtered(select(Claim.id), flt), flt, dialect)
    if limit is not None:
        query = query.limit(limit)
    return _fetch_ids(session, query)


def _chunks(ids: Sequence[int], size: int = _CHUNK) -> Iterable[list[int]]:
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _check_span(article_text: str, text: str, start: int | None, end: int | None) -> None:
    if start is None and end is None:
        return
    if start is None or end is None or not 0 <= start < end <= len(article_text):
        raise ValidationError("The claim's position lies outside its article.")
    if article_text[start:end] != text:
        raise ValidationError("The claim's text is not what the article says at that position.")


def _key_id(session: Session, model: Any, key: str) -> int:
    found = session.exec(select(model.id).where(model.key == key)).first()
    if found is None:
        kind = "status" if model is WorkflowStatus else "verdict"
        raise ValidationError(f"There is no {kind} called {key!r}.")
    return int(found)


def _column_value(session: Session, name: str, value: Any) -> Any:
    if name == "status":
        return _key_id(session, WorkflowStatus, value)
    if name == "verdict":
        return _key_id(session, Rating, value)
    if name == "kind":
        try:
            return ClaimKind(value).value
        except ValueError:
            raise ValidationError(f"{value!r} is not a kind of claim.") from None
    return value


def _display(session: Session, name: str, value: Any) -> Any:
    """What History shows for a stored value: keys and names rather than ids."""
    if value is None:
        return None
    if name == "status":
        return session.get(WorkflowStatus, value).key  # type: ignore[union-attr]
    if name == "verdict":
        return session.get(Rating, value).key  # type: ignore[union-attr]
    if name == "claimant_id":
        party = session.get(Party, value)
        return party.name if party else value
    return value


def _display_expr(name: str) -> ColumnElement[Any]:
    if name == "status":
        return WorkflowStatus.key  # type: ignore[return-value]
    if name == "verdict":
        return Rating.key  # type: ignore[return-value]
    return cast(getattr(Claim, name), String)


def _join_display(query: Select[Any], name: str) -> Select[Any]:
    if name == "status":
        return query.join(WorkflowStatus, WorkflowStatus.id == Claim.status_id)
    if name == "verdict":
        return query.join(Rating, Rating.id == Claim.verdict_id)
    return query


def write_chains(
    session: Session, chains: Iterable[tuple[int, Sequence[tuple[int, ChainRole | str]]]]
) -> None:
    """Write many claims' chains in one multi-row INSERT (the intake's bulk path)."""
    rows = [
        {
            "claim_id": claim_id,
            "position": position,
            "party_id": party_id,
            "role": ChainRole(role).value,
        }
        for claim_id, chain in chains
        for position, (party_id, role) in enumerate(chain)
    ]
    if rows:
        session.execute(insert(ClaimParty.__table__), rows)  # type: ignore[arg-type]


def _write_chain(
    session: Session, claim_id: int, chain: Sequence[int | tuple[int, ChainRole | str]]
) -> None:
    for position, link in enumerate(chain):
        party_id, role = (link, ChainRole.VIA) if isinstance(link, int) else link
        session.add(
            ClaimParty(
                claim_id=claim_id, position=position, party_id=party_id, role=ChainRole(role).value
            )
        )


def _chain_text(session: Session, claim_id: int) -> str:
    rows = session.exec(
        select(Party.name)
        .join(ClaimParty, ClaimParty.party_id == Party.id)
        .where(ClaimParty.claim_id == claim_id)
        .order_by(ClaimParty.position)
    )
    return " › ".join(rows)


def _tag_ids(session: Session, names: Iterable[str]) -> list[int]:
    ids: list[int] = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        tag = session.exec(select(Tag).where(Tag.name == name)).first()
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
        assert tag.id is not None
        ids.append(tag.id)
    return ids


def _tag_names(session: Session, claim_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    rows = session.exec(
        select(ClaimTag.claim_id, Tag.name)
        .join(Tag, Tag.id == ClaimTag.tag_id)
        .where(col(ClaimTag.claim_id).in_(claim_ids))
        .order_by(Tag.name)
    )
    out: dict[int, list[str]] = {}
    for claim_id, name in rows:
        out.setdefault(claim_id, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


class _Row(NamedTuple):
    id: int
    article_id: int
    text: str
    start_offset: int | None
    end_offset: int | None
    paraphrase: str
    kind: str
    cue: str
    claimant_id: int | None
    verdict_explanation: str
    notes: str
    assignee: str
    created_at: Any
    created_by: str
    updated_at: Any
    updated_by: str
    version: int


def _load_records(session: Session, ids: Sequence[int]) -> dict[int, ClaimRecord]:
    # Columns rather than Claim objects: no ORM identity map or model validation per row
    # (a table page of 200 claims loads in a third of the time).
    c = Claim.__table__.c
    rows = session.exec(
        select(
            c.id,
            c.article_id,
            c.text,
            c.start_offset,
            c.end_offset,
            c.paraphrase,
            c.kind,
            c.cue,
            c.claimant_id,
            c.verdict_explanation,
            c.notes,
            c.assignee,
            c.created_at,
            c.created_by,
            c.updated_at,
            c.updated_by,
            c.version,
            Article.title,
            WorkflowStatus.key,
            Rating.key,
            Party.name,
        )
        .select_from(Claim)
        .join(Article, Article.id == Claim.article_id)
        .join(WorkflowStatus, WorkflowStatus.id == Claim.status_id)
        .join(Rating, Rating.id == Claim.verdict_id)
        .join(Party, Party.id == Claim.claimant_id, isouter=True)
        .where(col(Claim.id).in_(ids))
    ).all()
    chains: dict[int, list[ChainLink]] = {}
    for claim_id, position, role, party_id, name, kind in session.exec(
        select(
            ClaimParty.claim_id,
            ClaimParty.position,
            ClaimParty.role,
            Party.id,
            Party.name,
            Party.kind,
        )
        .join(Party, Party.id == ClaimParty.party_id)
        .where(col(ClaimParty.claim_id).in_(ids))
        .order_by(ClaimParty.claim_id, ClaimParty.position)
    ):
        chains.setdefault(claim_id, []).append(
            ChainLink(party_id, name, PartyKind(kind), ChainRole(role), position)
        )
    tags = _tag_names(session, ids)
    out: dict[int, ClaimRecord] = {}
    for *fields, title, status, verdict, claimant in rows:
        claim = _Row(*fields)
        out[claim.id] = ClaimRecord(
            id=claim.id,
            article_id=claim.article_id,
            article_title=title,
            text=claim.text,
            start=claim.start_offset,
            end=claim.end_offset,
            paraphrase=claim.paraphrase,
            kind=ClaimKind(claim.kind),
            cue=claim.cue,
            claimant_id=claim.claimant_id,
            claimant=claimant,
            chain=tuple(chains.get(claim.id, ())),
            status=status,
            verdict=verdict,
            verdict_explanation=claim.verdict_explanation,
            notes=claim.notes,
            assignee=claim.assignee,
            tags=tags.get(claim.id, ()),
            created_at=claim.created_at,
            created_by=claim.created_by,
            updated_at=claim.updated_at,
            updated_by=claim.updated_by,
            version=claim.version,
        )
    return out


def _filtered(query: Select[Any], flt: ClaimFilter) -> Select[Any]:
    conditions: list[ColumnElement[bool]] = []
    if flt.statuses:
        keys = select(WorkflowStatus.id).where(col(WorkflowStatus.key).in_(flt.statuses))
        conditions.append(col(Claim.status_id).in_(keys))
    if flt.verdicts:
        keys = select(Rating.id).where(col(Rating.key).in_(flt.verdicts))
        conditions.append(col(Claim.verdict_id).in_(keys))
    if flt.kinds:
        conditions.append(col(Claim.kind).in_([ClaimKind(k).value for k in flt.kinds]))
    if flt.article_id is not None:
        conditions.append(Claim.article_id == flt.article_id)
    if flt.party_id is not None:
        chained = select(ClaimParty.claim_id).where(ClaimParty.party_id == flt.party_id)
        conditions.append(or_(Claim.claimant_id == flt.party_id, col(Claim.id).in_(chained)))
    if flt.tag:
        conditions.append(
            exists()
            .where(ClaimTag.claim_id == Claim.id)
            .where(ClaimTag.tag_id == Tag.id)
            .where(Tag.name == flt.tag)
        )
    if flt.assignee is not None:
        conditions.append(Claim.assignee == flt.assignee)
    if flt.search.strip():
        conditions.append(_search_condition(flt.search))
    return query.where(*conditions) if conditions else query


def _fetch_ids(session: Session, query: Select[Any]) -> list[int]:
    """Run an id query; on SQLite straight through the driver cursor.

    Building 100,000 result rows through SQLAlchemy costs ~5× the query itself (measured
    in benchmarks/), and a list of ints needs none of that machinery.
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return list(session.exec(query))
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    cursor = conn.connection.driver_connection.execute(str(compiled), params)
    return [row[0] for row in cursor]


def _search_condition(typed: str) -> ColumnElement[bool]:
    # FTS5 on SQLite, tsvector on PostgreSQL: chosen when the query is compiled.
    return claim_search(col(Claim.id), typed)


# Revision 0004's SQLite side table of lower-cased sort keys, kept by triggers.
_CLAIM_SORT = table(
    "claim_sort",
    column("claim_id", Integer),
    column("claimant", String),
    column("via", String),
    column("tags", String),
    column("article", String),
)


def _sqlite_fast_ids(session: Session, flt: ClaimFilter, limit: int | None) -> list[int] | None:
    """The orders SQLite can give without sorting 100,000 rows itself; None: no shortcut.

    Each returns exactly what ``_sorted`` would (ties broken by id; descending is the
    ascending order reversed), only by walking an index instead of a temporary B-tree.
    """
    key = flt.sort if flt.sort in SORT_KEYS else "id"
    bare = replace(flt, search="", sort="id", descending=False) == ClaimFilter()
    match = fts5_query(flt.search) if flt.search.strip() else None
    if bare and key == "id" and match is not None:
        # Search alone, newest-id order: FTS5 hands its rowids back in order already.
        order = "DESC" if flt.descending else "ASC"
        sql = f"SELECT rowid FROM claim_fts WHERE claim_fts MATCH ? ORDER BY rowid {order}"
        params: list[Any] = [match]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        driver = session.connection().connection.driver_connection
        return [row[0] for row in driver.execute(sql, params)]
    filtered = _filtered(select(Claim.id), flt)
    if key == "id" and filtered.whereclause is None:
        # Every claim has one claim_sort row: a far smaller table to walk than claim.
        ids = _CLAIM_SORT.c.claim_id
        query = select(ids).order_by(ids.desc() if flt.descending else ids)
        return _fetch_ids(session, query.limit(limit) if limit is not None else query)
    if key in ("claimant", "via", "tags", "article"):
        ids = _CLAIM_SORT.c.claim_id
        query = select(ids)
        if filtered.whereclause is not None:
            query = query.where(ids.in_(filtered))
        expr = _CLAIM_SORT.c[key]
        order = (expr.desc(), ids.desc()) if flt.descending else (expr, ids)
        query = query.order_by(*order)
        return _fetch_ids(session, query.limit(limit) if limit is not None else query)
    if key in ("status", "verdict") and not flt.search.strip():
        # One index range per step of the scale, in the scale's order (a handful).
        model, claim_column = (
            (WorkflowStatus, Claim.status_id) if key == "status" else (Rating, Claim.verdict_id)
        )
        steps: dict[int, list[int]] = {}
        for step_id, position in session.exec(select(model.id, model.position)):
            steps.setdefault(position, []).append(step_id)
        out: list[int] = []
        for position in sorted(steps):
            part = filtered.where(col(claim_column).in_(steps[position]))
            out.extend(_fetch_ids(session, part.order_by(Claim.id)))
        if flt.descending:
            out.reverse()
        return out[:limit] if limit is not None else out
    return None


def _sorted(query: Select[Any], flt: ClaimFilter, dialect: str = "sqlite") -> Select[Any]:
    """Order by a whitelisted key; unknown keys fall back to id (never reach SQL).

    Text columns sort case-insensitively: ``lower()`` on PostgreSQL, ``COLLATE NOCASE``
    on SQLite (the same order there, as both fold ASCII only, but indexed in 0004).
    """
    key = flt.sort if flt.sort in SORT_KEYS else "id"

    def folded(column: Any) -> Any:
        return column.collate("nocase") if dialect == "sqlite" else func.lower(column)

    expr: Any
    if key == "claimant":
        query = query.join(Party, Party.id == Claim.claimant_id, isouter=True)
        expr = func.lower(Party.name)
    elif key == "status":
        query = query.join(WorkflowStatus, WorkflowStatus.id == Claim.status_id)
        expr = WorkflowStatus.position
    elif key == "verdict":
        query = query.join(Rating, Rating.id == Claim.verdict_id)
        expr = Rating.position
    elif key == "article":
        query = query.join(Article, Article.id == Claim.article_id)
        expr = func.lower(Article.title)
    elif key == "via":
        first = (
            select(func.lower(Party.name))
            .join(ClaimParty, ClaimParty.party_id == Party.id)
            .where(ClaimParty.claim_id == Claim.id, ClaimParty.position == 0)
            .scalar_subquery()
        )
        expr = first
    elif key == "tags":
        expr = (
            select(func.min(func.lower(Tag.name)))
            .join(ClaimTag, ClaimTag.tag_id == Tag.id)
            .where(ClaimTag.claim_id == Claim.id)
            .scalar_subquery()
        )
    else:
        expr = {
            "id": Claim.id,
            "text": folded(col(Claim.text)),
            "kind": Claim.kind,
            "assignee": folded(col(Claim.assignee)),
            "updated": Claim.updated_at,
            "created": Claim.created_at,
        }[key]
    if key == "id":
        return query.order_by(expr.desc() if flt.descending else expr)
    if flt.descending:
        return query.order_by(expr.desc(), col(Claim.id).desc())
    return query.order_by(expr, Claim.id)


__all__ = ["SORT_KEYS", "ClaimService"]
