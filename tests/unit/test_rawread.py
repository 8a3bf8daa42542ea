"""The plain-sqlite3 reader: the window's start-up peek and the table's pages on SQLite.

What the editor sees before the data layer has loaded must be exactly what it shows
after; a file the peek cannot vouch for shows nothing early rather than something wrong.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.domain import ClaimFilter
from claimtrack.services.claim_queries import _load_records
from claimtrack.store.rawread import load_records, peek
from claimtrack.store.revision import HEAD_REVISION

pytestmark = pytest.mark.sqlite_only


def test_peek_shows_what_the_services_show(sample, db_path: Path) -> None:
    # Give one claim a chain and tags to compare beyond the plain columns.
    ids = sample.claims.query_ids(ClaimFilter())
    first = sample.claims.get(ids[0])
    sample.claims.set_tags(first.id, ["pemilu", "Ekonomi"])

    found = peek(db_path, HEAD_REVISION, first=3)

    assert found is not None
    assert found.ids == ids
    assert [key for key, _ in found.statuses] == [s.key for s in sample.catalog.statuses()]
    assert found.ratings == [(r.key, r.label, r.colour) for r in sample.catalog.ratings()]
    assert sorted(found.records) == ids[:3]
    # Beyond the first page, records are read on demand, the same as the services'.
    assert found.get_many(ids) == sample.claims.get_many(ids)
    assert any(r.chain for r in found.get_many(ids))
    assert found.get_many([ids[0]])[0].tags == ("Ekonomi", "pemilu")
    assert found.get_many([ids[0]])[0].updated_at.tzinfo is not None


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_pages_match_the_orm_reading(sample, backend) -> None:
    """``get_many`` reads through load_records (sqlite3 or psycopg statements); the ORM
    reading is the reference, on both backends."""
    ids = sample.claims.query_ids(ClaimFilter())
    first = sample.claims.get(ids[0])
    sample.claims.set_tags(first.id, ["pemilu", "Ekonomi"])
    with sample.store.session() as session:
        by_orm = _load_records(session, ids)
        connection = session.connection()
        driver = connection.connection.driver_connection
        assert load_records(driver, ids, connection.dialect.name) == by_orm
        assert load_records(driver, [], connection.dialect.name) == {}
        assert load_records(driver, [10**9], connection.dialect.name) == {}
    assert any(r.chain for r in by_orm.values()) and by_orm[first.id].tags
    assert sample.claims.get_many(list(reversed(ids))) == [by_orm[i] for i in reversed(ids)]


def test_peek_stays_away_from_files_it_cannot_vouch_for(sample, db_path: Path, tmp_path) -> None:
    assert peek(tmp_path / "missing.sqlite", HEAD_REVISION) is None
    assert peek(db_path, "9999") is None  # another revision: the normal open decides

    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all\n" * 200, encoding="utf-8")
    assert peek(text, HEAD_REVISION) is None

    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert peek(empty, HEAD_REVISION) is None

    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    damaged.write_bytes(bytes(data))
    assert peek(damaged, HEAD_REVISION) is None


def test_peek_of_a_database_without_claims_is_none(services, db_path: Path) -> None:
    assert services.claims.query_ids(ClaimFilter()) == []
    assert peek(db_path, HEAD_REVISION) is None


def test_peek_writes_nothing(sample, db_path: Path) -> None:
    sample.store.close()
    before = db_path.read_bytes()
    assert peek(db_path, HEAD_REVISION) is not None
    assert db_path.read_bytes() == before
    # A WAL reader needs the shared-memory index; the log itself stays empty.
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_revision_module_is_the_engines(tmp_path) -> None:
    from claimtrack.store import engine

    assert engine.HEAD_REVISION == HEAD_REVISION


def test_peek_loads_no_sqlalchemy() -> None:
    """The point of the peek: rows on screen while SQLAlchemy is still importing."""
    code = (
        "import sys; import claimtrack.store.rawread, claimtrack.store.revision; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
