"""Claim records and the table's first page read with plain sqlite3 calls, no SQLAlchemy.

Why: SQLAlchemy and SQLModel take ~400 ms to import. Reading the first page of a local
file with the standard library lets the window show its rows while they load (a
*peek*), and the claim table reads its pages of 200 records through the same function on
SQLite (three statements, a few milliseconds) instead of building them through the ORM.
``services.claims.get_many`` uses ``load_records`` on SQLite, so a peeked page and a
page read later are the same records by construction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimtrack.domain import ChainLink, ChainRole, ClaimKind, ClaimRecord, PartyKind
from claimtrack.store.moments import read_moment

# SQLite allows 32,766 host parameters since 3.32; stay far below for older builds.
CHUNK = 900
# Enum members by value, without the Enum call machinery (thousands per table page).
_KINDS = ClaimKind._value2member_map_
_PARTY_KINDS = PartyKind._value2member_map_
_ROLES = ChainRole._value2member_map_

# Lookups as correlated subqueries on primary keys: PostgreSQL would otherwise hash
# every party for each page. ``{where}`` is the id condition of the backend.
_CLAIMS = """
SELECT c.id, c.article_id, (SELECT a.title FROM article AS a WHERE a.id = c.article_id),
       c.text, c.start_offset, c.end_offset, c.paraphrase, c.kind, c.cue, c.claimant_id,
       (SELECT p.name FROM party AS p WHERE p.id = c.claimant_id),
       (SELECT s.key FROM workflow_status AS s WHERE s.id = c.status_id),
       (SELECT r.key FROM rating AS r WHERE r.id = c.verdict_id),
       c.verdict_explanation, c.notes, c.assignee, c.created_at, c.created_by,
       c.updated_at, c.updated_by, c.version
FROM claim AS c
WHERE {where}
"""
_CHAINS = """
SELECT cp.claim_id, cp.position, cp.role, p.id, p.name, p.kind
FROM claim_party AS cp JOIN party AS p ON p.id = cp.party_id
WHERE {where}
ORDER BY cp.claim_id, cp.position
"""
_TAGS = """
SELECT ct.claim_id, t.name
FROM claim_tag AS ct JOIN tag AS t ON t.id = ct.tag_id
WHERE {where}
ORDER BY t.name
"""
# PostgreSQL (psycopg): one array parameter per statement, whatever the page size.
_ANY = {"c": "c.id = ANY(%s)", "cp": "cp.claim_id = ANY(%s)", "ct": "ct.claim_id = ANY(%s)"}


def _moment(value: Any) -> datetime:
    """SQLite keeps UTC as text without an offset (SQLAlchemy's format); hand it back aware."""
    moment = value if isinstance(value, datetime) else read_moment(str(value))
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)


def load_records(conn: Any, ids: Sequence[int], dialect: str = "sqlite") -> dict[int, ClaimRecord]:
    """Records of ``ids`` (those that exist), read in three statements per chunk.

    ``conn`` is a DB-API connection: sqlite3's, or psycopg's with ``dialect``
    "postgresql" (the services hand over the one their transaction runs on).
    """
    out: dict[int, ClaimRecord] = {}
    ids = list(ids)
    postgres = dialect == "postgresql"
    step = max(len(ids), 1) if postgres else CHUNK
    for start in range(0, len(ids), step):
        chunk = ids[start : start + step]
        if postgres:
            claims, chain_where, tag_where = _ANY["c"], _ANY["cp"], _ANY["ct"]
            params: Any = (chunk,)
        else:
            marks = ",".join("?" * len(chunk))
            claims = f"c.id IN ({marks})"
            chain_where, tag_where = f"cp.claim_id IN ({marks})", f"ct.claim_id IN ({marks})"
            params = chunk
        chains: dict[int, list[ChainLink]] = {}
        for claim_id, position, role, party_id, name, kind in conn.execute(
            _CHAINS.format(where=chain_where), params
        ):
            chains.setdefault(claim_id, []).append(
                ChainLink(party_id, name, _PARTY_KINDS[kind], _ROLES[role], position)  # type: ignore[arg-type]
            )
        tags: dict[int, list[str]] = {}
        for claim_id, name in conn.execute(_TAGS.format(where=tag_where), params):
            tags.setdefault(claim_id, []).append(name)
        for row in conn.execute(_CLAIMS.format(where=claims), params):
            claim_id = row[0]
            out[claim_id] = ClaimRecord(
                id=claim_id,
                article_id=row[1],
                article_title=row[2],
                text=row[3],
                start=row[4],
                end=row[5],
                paraphrase=row[6],
                kind=_KINDS[row[7]],  # type: ignore[arg-type]
                cue=row[8],
                claimant_id=row[9],
                claimant=row[10],
                chain=tuple(chains.get(claim_id, ())),
                status=row[11],
                verdict=row[12],
                verdict_explanation=row[13],
                notes=row[14],
                assignee=row[15],
                tags=tuple(tags.get(claim_id, ())),
                created_at=_moment(row[16]),
                created_by=row[17],
                updated_at=_moment(row[18]),
                updated_by=row[19],
                version=row[20],
            )
    return out


@dataclass(frozen=True)
class Peek:
    """What the claim table needs to show a file's claims before the data layer loads.

    ``ids`` are in the table's opening order (by id, as ``query_ids(ClaimFilter())``);
    ``statuses`` and ``ratings`` are (key, label) and (key, label, colour) in scale order.
    """

    path: Path
    ids: list[int]
    statuses: list[tuple[str, str]]
    ratings: list[tuple[str, str, str]]
    records: dict[int, ClaimRecord]

    def get_many(self, claim_ids: Sequence[int]) -> list[ClaimRecord]:
        """The same contract as ``ClaimService.get_many``: records in the order asked."""
        missing = [i for i in claim_ids if i not in self.records]
        if missing:
            conn = _connect(self.path)
            try:
                self.records.update(load_records(conn, missing))
            finally:
                conn.close()
        return [self.records[i] for i in claim_ids if i in self.records]


def _connect(path: Path) -> sqlite3.Connection:
    from claimtrack.store.sqlitefile import sqlite_read_uri

    conn = sqlite3.connect(sqlite_read_uri(path.absolute()), uri=True, timeout=0.5)
    conn.execute("PRAGMA query_only = ON")
    return conn


def peek(path: Path, head_revision: str, first: int = 200) -> Peek | None:
    """The claim table's opening view of the SQLite file at ``path``, or None.

    None whenever the file is not exactly what this version opens (missing, empty, another
    schema revision, damaged, locked): the normal open then decides what to say. Read-only;
    nothing is written, not even a journal.
    """
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        conn = _connect(path)
        try:
            (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision != head_revision:
                return None
            ids = [row[0] for row in conn.execute("SELECT claim_id FROM claim_sort ORDER BY 1")]
            if not ids:
                return None
            statuses = conn.execute(
                "SELECT key, label FROM workflow_status ORDER BY position"
            ).fetchall()
            ratings = conn.execute(
                "SELECT key, label, colour FROM rating ORDER BY position, id"
            ).fetchall()
            records = load_records(conn, ids[:first])
        finally:
            conn.close()
    except (sqlite3.Error, OSError, KeyError, TypeError, ValueError):
        return None
    return Peek(path, ids, statuses, ratings, records)
