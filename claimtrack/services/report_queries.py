"""The exporters' read side: every query a report or a table export makes, as plain rows.

The report (``claimtrack.export.report``) and the lean CSV/XLSX path
(``claimtrack.export.rows``) read whole selections, tens of thousands of claims, so these
reads are Core SQL in chunks of ids, never ORM objects. Redaction, labels and cells stay
with the exporters: what comes back here is what the database holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import ColumnElement, Select, Table, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import SQLModel

from claimtrack.services.base import ServiceBase
from claimtrack.store.engine import describe_store_error
from claimtrack.store.models import (
    Article,
    Claim,
    ClaimParty,
    ClaimTag,
    Evidence,
    History,
    Rating,
    ReplyRequest,
    Tag,
    WorkflowStatus,
)

if TYPE_CHECKING:
    from sqlalchemy import Column

# Ids per query: far below SQLite's and PostgreSQL's limits on bound values. Read at each
# call, so tests can set it small to cross chunk boundaries with a handful of claims.
_CHUNK = 2000

# A raw row of the table path, as the driver's cursor gives it.
RawRow = tuple[Any, ...]


class ArticleRow(NamedTuple):
    id: int
    title: str
    outlet: str | None
    url: str | None
    published: date | None


class ClaimRow(NamedTuple):
    """A claim's own columns with its status and verdict keys (the ``CLAIM_COLUMNS`` order)."""

    id: int
    article_id: int
    text: str
    paraphrase: str
    kind: str
    cue: str
    claimant_id: int | None
    status: str
    verdict: str
    verdict_explanation: str
    notes: str
    assignee: str
    created_at: datetime
    updated_at: datetime
    updated_by: str


class ChainRow(NamedTuple):
    claim_id: int
    party_id: int
    role: str


class TagRow(NamedTuple):
    claim_id: int
    name: str


class EvidenceRow(NamedTuple):
    claim_id: int
    url: str | None
    file_path: str | None
    type: str
    stance: str
    excerpt: str
    accessed: date | None


class ReplyRow(NamedTuple):
    claim_id: int
    party_id: int
    asked_at: datetime
    channel: str
    response: str
    responded_at: datetime | None


class HistoryRow(NamedTuple):
    at: datetime
    by: str
    entity_id: int
    field: str
    old: str | None
    new: str | None


def chunks(ids: Sequence[int]) -> list[list[int]]:
    """``ids`` cut into lists of at most ``_CHUNK``, in order."""
    size = _CHUNK
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def _where_ids(column: Column[Any], chunk: list[int]) -> ColumnElement[bool]:
    """``column IN (chunk)``, or a BETWEEN range when the ids are dense.

    Rendering thousands of bound parameters costs more than the query itself; a range
    over dense ids (the usual case: a filter over a desk's claims) needs two, and the
    reader drops the few rows outside the chunk.
    """
    low, high = min(chunk), max(chunk)
    if high - low < 2 * len(chunk):
        return column.between(low, high)
    return column.in_(chunk)


def _table(model: type[SQLModel]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def _claims_query() -> Select[Any]:
    c = _table(Claim).c
    return (
        select(
            c.id,
            c.article_id,
            c.text,
            c.paraphrase,
            c.kind,
            c.cue,
            c.claimant_id,
            _table(WorkflowStatus).c.key.label("status"),
            _table(Rating).c.key.label("verdict"),
            c.verdict_explanation,
            c.notes,
            c.assignee,
            c.created_at,
            c.updated_at,
            c.updated_by,
        )
        .join(_table(WorkflowStatus), _table(WorkflowStatus).c.id == c.status_id)
        .join(_table(Rating), _table(Rating).c.id == c.verdict_id)
    )


def _chains_query() -> Select[Any]:
    t = _table(ClaimParty).c
    return select(t.claim_id, t.party_id, t.role).order_by(t.claim_id, t.position)


def _tags_query() -> Select[Any]:
    link, tag = _table(ClaimTag).c, _table(Tag)
    return (
        select(link.claim_id, tag.c.name)
        .join(tag, tag.c.id == link.tag_id)
        .order_by(link.claim_id, tag.c.name)
    )


def _evidence_query() -> Select[Any]:
    ev = _table(Evidence).c
    return select(
        ev.claim_id, ev.url, ev.file_path, ev.type, ev.stance, ev.excerpt, ev.accessed
    ).order_by(ev.id)


def _replies_query() -> Select[Any]:
    rq = _table(ReplyRequest).c
    return select(
        rq.claim_id, rq.party_id, rq.asked_at, rq.channel, rq.response, rq.responded_at
    ).order_by(rq.asked_at, rq.id)


def _nothing() -> None:
    pass


def _ignore(_done: int) -> None:
    pass


class ReportQueries(ServiceBase):
    """Bulk reads for ``build_report``; each method is one connection, rows in chunks.

    Rows whose claim is not asked for (a BETWEEN range's extras) are left out; claims
    come back in the order asked, the rest in the order the report shows them.
    """

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        store = self._ctx.store
        try:
            with store.engine.connect() as conn:
                yield conn
        except (OperationalError, InterfaceError) as exc:
            raise describe_store_error(exc, store) from exc

    def _per_claim(
        self, query: Select[Any], column: Column[Any], claim_ids: Sequence[int]
    ) -> Iterator[Any]:
        with self._connect() as conn:
            for chunk in chunks(claim_ids):
                wanted = set(chunk)
                for row in conn.execute(query.where(_where_ids(column, chunk))):
                    if row[0] in wanted:
                        yield row

    def claims(
        self,
        ids: Sequence[int],
        *,
        before_chunk: Callable[[], None] = _nothing,
        after_chunk: Callable[[int], None] = _ignore,
    ) -> list[ClaimRow]:
        """The claims of ``ids`` in that order, vanished ones left out.

        ``before_chunk`` runs before each chunk's query (a cancel check), ``after_chunk``
        after it with the number of claims found so far (progress).
        """
        query = _claims_query()
        column = _table(Claim).c.id
        found: dict[int, ClaimRow] = {}
        make = ClaimRow._make
        with self._connect() as conn:
            for chunk in chunks(ids):
                before_chunk()
                wanted = set(chunk)
                for row in conn.execute(query.where(_where_ids(column, chunk))):
                    if row[0] in wanted:
                        found[row[0]] = make(row)
                after_chunk(len(found))
        return [found[i] for i in ids if i in found]

    def articles(self, article_ids: Iterable[int]) -> list[ArticleRow]:
        """Title, outlet, URL and date of the articles named (not their text: it can be long)."""
        t = _table(Article).c
        base = select(t.id, t.title, t.outlet, t.url, t.published)
        make = ArticleRow._make
        with self._connect() as conn:
            return [
                make(row)
                for chunk in chunks(sorted(article_ids))
                for row in conn.execute(base.where(t.id.in_(chunk)))
            ]

    def chains(self, claim_ids: Sequence[int]) -> list[ChainRow]:
        """Every chain link of the claims, in claim and chain order."""
        column = _table(ClaimParty).c.claim_id
        return [ChainRow._make(r) for r in self._per_claim(_chains_query(), column, claim_ids)]

    def tags(self, claim_ids: Sequence[int]) -> list[TagRow]:
        """Every tagging of the claims, names in order."""
        column = _table(ClaimTag).c.claim_id
        return [TagRow._make(r) for r in self._per_claim(_tags_query(), column, claim_ids)]

    def evidence(self, claim_ids: Sequence[int]) -> list[EvidenceRow]:
        """The claims' evidence in the order it was added."""
        column = _table(Evidence).c.claim_id
        make = EvidenceRow._make
        return [make(r) for r in self._per_claim(_evidence_query(), column, claim_ids)]

    def replies(self, claim_ids: Sequence[int]) -> list[ReplyRow]:
        """The claims' reply requests in the order they were asked."""
        column = _table(ReplyRequest).c.claim_id
        make = ReplyRow._make
        return [make(r) for r in self._per_claim(_replies_query(), column, claim_ids)]

    def history(self, claim_ids: Sequence[int]) -> list[HistoryRow]:
        """The claims' History rows, per chunk in the database's own order (the report sorts)."""
        h = _table(History)
        out: list[HistoryRow] = []
        with self._connect() as conn:
            for chunk in chunks(claim_ids):
                query = select(h).where(h.c.entity == "claim", h.c.entity_id.in_(chunk))
                out.extend(
                    HistoryRow(row.at, row.by, row.entity_id, row.field, row.old, row.new)
                    for row in conn.execute(query)
                )
        return out

    def former_spellings(self, party_ids: Iterable[int]) -> list[tuple[str | None, str | None]]:
        """(old, new) of the History of the parties' names and aliases: what a protected
        party was once called must stay out of a report too."""
        h = _table(History).c
        query = select(h.old, h.new).where(
            h.entity == "party",
            h.entity_id.in_(sorted(party_ids)),
            h.field.in_(["name", "aliases", "(created)", "(deleted)"]),
        )
        with self._connect() as conn:
            return [(old, new) for old, new in conn.execute(query)]

    @contextmanager
    def table_snapshot(self) -> Iterator[TableSnapshot]:
        """One read transaction for a streamed table export: on SQLite every chunk then
        sees the same snapshot, however long the writer takes between chunks."""
        with self._connect() as conn, conn.begin():
            yield TableSnapshot(conn)


class TableSnapshot:
    """Chunk reads of the lean table path (CSV/XLSX), through the driver's own cursor.

    SQLAlchemy's rows cost two thirds of a large CSV export, so values come as the driver
    gives them (SQLite: timestamps as text); ``claim_time`` and ``reply_time`` convert
    one as SQLAlchemy would, for the callers that need a ``datetime``. Claim rows are in
    ``ClaimRow`` order.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.claim_time = _result_processor(_table(Claim), "updated_at", conn)
        self.reply_time = _result_processor(_table(ReplyRequest), "asked_at", conn)
        self._claims = _claims_query()
        self._claim_id = _table(Claim).c.id
        self._chains = _chains_query()
        self._chain_claim = _table(ClaimParty).c.claim_id
        self._tags = _tags_query()
        self._tag_claim = _table(ClaimTag).c.claim_id
        ev = _table(Evidence).c
        self._evidence = select(
            ev.claim_id, ev.url, ev.file_path, ev.type, ev.stance, ev.excerpt
        ).order_by(ev.id)
        self._evidence_claim = ev.claim_id
        rq = _table(ReplyRequest).c
        self._replies = select(rq.claim_id, rq.party_id, rq.asked_at, rq.channel, rq.response)
        self._replies = self._replies.order_by(rq.asked_at, rq.id)
        self._reply_claim = rq.claim_id
        a = _table(Article).c
        self._article_id = a.id
        self._articles = select(a.id, a.title, a.url)

    chunks = staticmethod(chunks)

    def _rows(self, query: Select[Any], column: Column[Any], chunk: list[int]) -> list[RawRow]:
        """``query`` for the claims of ``chunk``, rows outside it (a BETWEEN range) dropped."""
        wanted = set(chunk)
        return [
            r for r in _raw(self._conn, query.where(_where_ids(column, chunk))) if r[0] in wanted
        ]

    def claims(self, chunk: list[int]) -> list[RawRow]:
        """The chunk's claims (any order), in ``ClaimRow`` column order."""
        return self._rows(self._claims, self._claim_id, chunk)

    def chains(self, chunk: list[int]) -> list[RawRow]:
        """(claim id, party id, role) of the chunk's chain links, in chain order."""
        return self._rows(self._chains, self._chain_claim, chunk)

    def tags(self, chunk: list[int]) -> list[RawRow]:
        """(claim id, tag name) of the chunk's taggings, names in order."""
        return self._rows(self._tags, self._tag_claim, chunk)

    def evidence(self, chunk: list[int]) -> list[RawRow]:
        """(claim id, url, file path, type, stance, excerpt) in the order added."""
        return self._rows(self._evidence, self._evidence_claim, chunk)

    def replies(self, chunk: list[int]) -> list[RawRow]:
        """(claim id, party id, asked at, channel, response) in the order asked."""
        return self._rows(self._replies, self._reply_claim, chunk)

    def articles(self, article_ids: Sequence[int]) -> list[RawRow]:
        """(id, title, url) of the articles named."""
        query = self._articles
        return [
            row
            for part in chunks(article_ids)
            for row in _raw(self._conn, query.where(self._article_id.in_(part)))
        ]


def _result_processor(table: Table, column: str, conn: Connection) -> Callable[[Any], Any]:
    """What SQLAlchemy does to a raw value of ``table.column`` on this database."""
    dialect = conn.dialect
    kind = table.c[column].type
    process = kind.dialect_impl(dialect).result_processor(dialect, None)
    return process or _same


def _same(value: Any) -> Any:
    return value


def _raw(conn: Connection, query: Select[Any]) -> list[RawRow]:
    """The rows of ``query`` as plain tuples from the driver's cursor, no SQLAlchemy rows.

    Bound values here are ids only, so nothing needs SQLAlchemy's bind processing.
    """
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.params
    positions = getattr(compiled, "positiontup", None)
    if positions is not None:
        params = [params[name] for name in positions]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        rows: list[RawRow] = cursor.fetchall()
        return rows
    finally:
        cursor.close()
