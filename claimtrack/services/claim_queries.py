"""Claim reads: records by id, and the SQL behind filtering, searching and sorting.

Queries run in SQL and return ids first, so a view can hold 100,000 ids and fetch records
only for the rows it paints. Kept apart from the edits (claim_edits.py) because this is
where the speed work lives: SQLite shortcuts, plain DB-API record loading, chunking.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import (
    Integer,
    String,
    cast,
    column,
    exists,
    func,
    or_,
    table,
)
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from claimtrack.domain import (
    ChainLink,
    ChainRole,
    ClaimFilter,
    ClaimKind,
    ClaimRecord,
    NotFoundError,
    PartyKind,
    ValidationError,
)
from claimtrack.services.base import ServiceBase
from claimtrack.store.models import (
    Article,
    Claim,
    ClaimParty,
    ClaimTag,
    Party,
    Rating,
    Tag,
    WorkflowStatus,
)
from claimtrack.store.rawread import load_records
from claimtrack.store.search import fts5_query
from claimtrack.store.textsearch import claim_search

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


class ClaimQueries(ServiceBase):
    """Finding and reading claims; never writes."""

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

    def assignees(self) -> builtins.list[str]:
        """Everyone claims are assigned to, for the filter menu."""
        with self._read() as session:
            query = select(Claim.assignee).distinct().order_by(col(Claim.assignee))
            return list(session.exec(query))

    def field_values(self, claim_ids: Sequence[int], name: str) -> dict[int, Any]:
        """Current value of one bulk-editable field per claim (keys for status/verdict)."""
        if name not in _BULK:
            raise ValidationError(f"Cannot read {name} in bulk.")
        out: dict[int, Any] = {}
        with self._read() as session:
            for chunk in _chunks(claim_ids, _BULK_CHUNK):
                query = _join_display(select(col(Claim.id), _display_expr(name)), name).where(
                    col(Claim.id).in_(chunk)
                )
                for claim_id, value in session.exec(query).all():
                    assert claim_id is not None
                    out[claim_id] = value
        return out

    def counts_by(self, what: str) -> dict[str, int]:
        """How many claims there are per status key or per verdict key."""
        models: dict[str, type[WorkflowStatus] | type[Rating]] = {
            "status": WorkflowStatus,
            "verdict": Rating,
        }
        model = models[what]
        column = {"status": Claim.status_id, "verdict": Claim.verdict_id}[what]
        with self._read() as session:
            rows = session.exec(
                select(col(model.key), func.count(col(Claim.id)))
                .select_from(model)
                .join(Claim, col(column) == col(model.id), isouter=True)
                .group_by(col(model.key))
            )
            return {key: n for key, n in rows}


# ---------------------------------------------------------------- helpers


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


# A select (sqlmodel's or SQLAlchemy's) that the helpers below refine and hand back.
_Q = TypeVar("_Q", bound="Select[*tuple[Any, ...]]")


def _display_expr(name: str) -> ColumnElement[Any]:
    if name == "status":
        return WorkflowStatus.key  # type: ignore[return-value]
    if name == "verdict":
        return Rating.key  # type: ignore[return-value]
    return cast(getattr(Claim, name), String)


def _join_display(query: _Q, name: str) -> _Q:
    if name == "status":
        return query.join(WorkflowStatus, col(WorkflowStatus.id) == col(Claim.status_id))
    if name == "verdict":
        return query.join(Rating, col(Rating.id) == col(Claim.verdict_id))
    return query


def _tag_names(session: Session, claim_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    rows = session.exec(
        select(ClaimTag.claim_id, Tag.name)
        .join(Tag, col(Tag.id) == col(ClaimTag.tag_id))
        .where(col(ClaimTag.claim_id).in_(claim_ids))
        .order_by(col(Tag.name))
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
    # SQLModel's stubs do not declare the __table__ its metaclass sets, and its select()
    # overloads stop at four columns (the function takes any number).
    c = Claim.__table__.c  # type: ignore[attr-defined]
    rows = session.exec(
        select(  # type: ignore[call-overload]
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
        .join(Article, col(Article.id) == col(Claim.article_id))
        .join(WorkflowStatus, col(WorkflowStatus.id) == col(Claim.status_id))
        .join(Rating, col(Rating.id) == col(Claim.verdict_id))
        .join(Party, col(Party.id) == col(Claim.claimant_id), isouter=True)
        .where(col(Claim.id).in_(ids))
    ).all()
    chains: dict[int, list[ChainLink]] = {}
    for claim_id, position, role, party_id, name, kind in session.exec(
        select(  # type: ignore[call-overload]
            ClaimParty.claim_id,
            ClaimParty.position,
            ClaimParty.role,
            Party.id,
            Party.name,
            Party.kind,
        )
        .join(Party, col(Party.id) == col(ClaimParty.party_id))
        .where(col(ClaimParty.claim_id).in_(ids))
        .order_by(col(ClaimParty.claim_id), col(ClaimParty.position))
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


def _filtered(query: _Q, flt: ClaimFilter) -> _Q:
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
        conditions.append(col(Claim.article_id) == flt.article_id)
    if flt.party_id is not None:
        chained = select(ClaimParty.claim_id).where(ClaimParty.party_id == flt.party_id)
        conditions.append(or_(col(Claim.claimant_id) == flt.party_id, col(Claim.id).in_(chained)))
    if flt.tag:
        conditions.append(
            exists()
            .where(col(ClaimTag.claim_id) == col(Claim.id))
            .where(col(ClaimTag.tag_id) == col(Tag.id))
            .where(col(Tag.name) == flt.tag)
        )
    if flt.assignee is not None:
        conditions.append(col(Claim.assignee) == flt.assignee)
    if flt.search.strip():
        conditions.append(_search_condition(flt.search))
    return query.where(*conditions) if conditions else query


def _fetch_ids(session: Session, query: SelectOfScalar[Any]) -> list[int]:
    """Run an id query; on SQLite straight through the driver cursor.

    Building 100,000 result rows through SQLAlchemy costs ~5× the query itself (measured
    in benchmarks/), and a list of ints needs none of that machinery.
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return list(session.exec(query))
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    driver = conn.connection.driver_connection
    assert driver is not None  # a live connection's
    cursor = driver.execute(str(compiled), params)
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
        assert driver is not None  # a live connection's
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
        ordering = (expr.desc(), ids.desc()) if flt.descending else (expr, ids)
        query = query.order_by(*ordering)
        return _fetch_ids(session, query.limit(limit) if limit is not None else query)
    if key in ("status", "verdict") and not flt.search.strip():
        # One index range per step of the scale, in the scale's order (a handful).
        model, claim_column = (
            (WorkflowStatus, Claim.status_id) if key == "status" else (Rating, Claim.verdict_id)
        )
        steps: dict[int, list[int]] = {}
        for step_id, position in session.exec(select(col(model.id), col(model.position))):
            assert step_id is not None
            steps.setdefault(position, []).append(step_id)
        out: list[int] = []
        for position in sorted(steps):
            part = filtered.where(col(claim_column).in_(steps[position]))
            out.extend(_fetch_ids(session, part.order_by(col(Claim.id))))
        if flt.descending:
            out.reverse()
        return out[:limit] if limit is not None else out
    return None


def _sorted(query: _Q, flt: ClaimFilter, dialect: str = "sqlite") -> _Q:
    """Order by a whitelisted key; unknown keys fall back to id (never reach SQL).

    Text columns sort case-insensitively: ``lower()`` on PostgreSQL, ``COLLATE NOCASE``
    on SQLite (the same order there, as both fold ASCII only, but indexed in 0004).
    """
    key = flt.sort if flt.sort in SORT_KEYS else "id"

    def folded(column: Any) -> Any:
        return column.collate("nocase") if dialect == "sqlite" else func.lower(column)

    expr: Any
    if key == "claimant":
        query = query.join(Party, col(Party.id) == col(Claim.claimant_id), isouter=True)
        expr = func.lower(Party.name)
    elif key == "status":
        query = query.join(WorkflowStatus, col(WorkflowStatus.id) == col(Claim.status_id))
        expr = WorkflowStatus.position
    elif key == "verdict":
        query = query.join(Rating, col(Rating.id) == col(Claim.verdict_id))
        expr = Rating.position
    elif key == "article":
        query = query.join(Article, col(Article.id) == col(Claim.article_id))
        expr = func.lower(Article.title)
    elif key == "via":
        first = (
            select(func.lower(Party.name))
            .join(ClaimParty, col(ClaimParty.party_id) == col(Party.id))
            .where(col(ClaimParty.claim_id) == col(Claim.id), col(ClaimParty.position) == 0)
            .scalar_subquery()
        )
        expr = first
    elif key == "tags":
        expr = (
            select(func.min(func.lower(Tag.name)))
            .join(ClaimTag, col(ClaimTag.tag_id) == col(Tag.id))
            .where(col(ClaimTag.claim_id) == col(Claim.id))
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
    return query.order_by(expr, col(Claim.id))


__all__ = ["SORT_KEYS", "ClaimQueries"]
