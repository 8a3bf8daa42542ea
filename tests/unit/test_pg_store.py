"""ClaimTrack on a real PostgreSQL server: schema, guards, errors, search parity with
SQLite, live notifications and copying whole databases both ways."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from claimtrack.domain import ClaimFilter, PartyKind, StoreError
from claimtrack.services import Services
from claimtrack.services.sample import load_sample
from claimtrack.store import HEAD_REVISION, open_store
from claimtrack.store.copy import CopyError, copy_database, database_digest
from claimtrack.store.engine import describe_pg_error
from claimtrack.store.live import CONNECTED, LiveChange, LiveListener, wait_for

ROOT = Path(__file__).resolve().parents[2]


def _conninfo(url: str) -> str:
    u = make_url(url)
    return (
        f"host={u.host} port={u.port} user={u.username} password={u.password} dbname={u.database}"
    )


@pytest.fixture
def pg(pg_url: str):
    store = open_store(pg_url)
    yield Services(store, "Ayu")
    store.close()


# ------------------------------------------------------------------ schema and guards


def test_migrations_on_postgresql_create_the_models_schema(pg_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    store = open_store(pg_url)
    with store.connection() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata
        )
        gin = conn.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_claim_search_gin'"
        ).scalar()
    store.close()
    assert revision == HEAD_REVISION
    # The search side table is ours but not a model; nothing else may differ.
    ours = {"claim_search", "ix_claim_search_gin"}
    assert [d for d in diff if not (d[0].startswith("remove_") and d[1].name in ours)] == []
    assert "USING gin (search)" in gin


def test_history_is_append_only_on_postgresql(pg: Services, pg_url: str) -> None:
    article = pg.articles.create("Budget", "The minister said the budget grew.").id
    pg.claims.create(article, "the budget grew")
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as conn:
        for statement in ("UPDATE history SET by = 'someone else'", "DELETE FROM history"):
            with pytest.raises(psycopg.Error, match="append-only"):
                conn.execute(statement)
        with pytest.raises(psycopg.Error, match="append-only"):
            conn.execute("TRUNCATE history")
    assert len(pg.history.for_entity("claim", 1)) == 1


def test_a_second_open_of_an_up_to_date_server_changes_nothing(pg_url: str) -> None:
    store = open_store(pg_url)
    Services(store, "Ayu").articles.create("Kept", "Body.")
    store.close()
    store = open_store(pg_url)
    assert [a.title for a in Services(store, "Ayu").articles.list()] == ["Kept"]
    store.close()


# ------------------------------------------------------------------ clear errors


def test_wrong_password_is_a_clear_error_that_hides_the_password(pg_server) -> None:
    url = pg_server.url("postgres", password="not-the-password-xyz")
    with pytest.raises(StoreError, match="refused the login") as caught:
        open_store(url)
    assert "not-the-password-xyz" not in str(caught.value)


def test_unknown_database_and_unreachable_server_are_clear(pg_server) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_store(pg_server.url("no_such_db"))
    from tests.pg import free_port

    url = f"postgresql+psycopg://someone:secret-pw@127.0.0.1:{free_port()}/claims"
    with pytest.raises(StoreError, match="could not open the connection") as caught:
        open_store(url)
    assert "secret-pw" not in str(caught.value)


def test_lock_timeouts_and_lost_connections_map_to_sentences(pg: Services, pg_url: str) -> None:
    article = pg.articles.create("Locks", "Body.").id
    with (
        psycopg.connect(_conninfo(pg_url)) as holder,
        psycopg.connect(_conninfo(pg_url)) as waiter,
    ):
        holder.execute("SELECT * FROM article WHERE id = %s FOR UPDATE", (article,))
        waiter.execute("SET lock_timeout = '50ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable) as caught:
            waiter.execute("SELECT * FROM article WHERE id = %s FOR UPDATE", (article,))
        assert "is busy" in str(describe_pg_error(caught.value, "the team database"))
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as victim:
        pid = victim.info.backend_pid
        with psycopg.connect(_conninfo(pg_url), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(psycopg.OperationalError) as lost:
            victim.execute("SELECT 1")
    message = str(describe_pg_error(lost.value, "the team database"))
    # A read that fails has nothing to lose; a write says its change is gone.
    assert "connection" in message and "not saved" not in message
    written = str(describe_pg_error(lost.value, "the team database", writing=True))
    assert "connection" in written and "The last change was not saved." in written


# ------------------------------------------------------------------ search parity

PARITY_QUERIES = [
    "maduro",
    "MADURO",
    "Madu",
    "reuters",
    "gedung putih",
    "putih gedung",
    "amnesti",
    "kementerian info",
    "sumber",
    "cafe",
    "café",
    "CAFÉ",
    "resume",
    "résumé",
    "naïve",
    "sao paulo",
    "São",
    "jakarta-based",
    "2024",
    "20",
    "budget_2024",
    "teh o'clock",
    "pier opening",
    "zebra",
    "x",
    "!!!",
    "%",
    "e-mail",
    "hutan",
    "ministry offic",
]


def _load_parity_data(services: Services) -> None:
    """The sample dossier plus rows in our own words with accents, digits and hyphens."""
    load_sample(services)
    story = (
        "Sebuah kafe di São Paulo mengklaim résumé naïve itu palsu, kata pejabat Jakarta-based "
        "yang dikutip oleh kantor berita pada 2024. The pier opening was delayed, the "
        "ministry official told reporters by e-mail at ten o'clock."
    )
    article = services.articles.create("Café pier opening, 2024", story, language="id").id
    agency = services.parties.create(
        "Kantor Berita Nusantara", PartyKind.NEWS_AGENCY, aliases="KBN\nnusantara wire"
    ).id
    official = services.parties.create(
        "Ministry official", PartyKind.ANONYMOUS, aliases="pejabat kementerian"
    ).id
    services.claims.create(
        article,
        "kafe di São Paulo mengklaim résumé naïve itu palsu",
        claimant_id=official,
        chain=[agency],
        notes="Cek budget_2024 dan laporan hutan.",
    )
    services.claims.create(
        article, "The pier opening was delayed", paraphrase="opening slips (Jakarta-based)"
    )
    services.claims.create(article, "ten o'clock", notes="teh at 20:00")


def test_search_finds_the_same_claims_on_sqlite_and_postgresql(db_path: Path, pg_url: str) -> None:
    results = {}
    for name, target in (("sqlite", db_path), ("postgresql", pg_url)):
        store = open_store(target)
        services = Services(store, "Ayu")
        _load_parity_data(services)
        results[name] = {
            q: sorted(services.claims.query_ids(ClaimFilter(search=q))) for q in PARITY_QUERIES
        }
        store.close()
    assert results["postgresql"] == results["sqlite"]
    found = results["sqlite"]
    # The comparison must not be vacuous: accents fold, prefixes and aliases match.
    assert found["cafe"] == found["CAFÉ"] != []
    assert found["resume"] == found["résumé"] != []
    assert found["kementerian info"] != [] and found["zebra"] == []


# ------------------------------------------------------------------ live updates


def test_an_edit_by_one_editor_reaches_the_others_listener_within_a_second(
    pg_url: str,
) -> None:
    ayu = Services(open_store(pg_url), "Ayu")
    dimas = Services(open_store(pg_url), "Dimas")
    received: list[tuple[float, LiveChange]] = []
    states: list[str] = []
    refreshes: list[float] = []
    listener = LiveListener(
        pg_url,
        on_change=lambda change: received.append((time.monotonic(), change)),
        on_state=states.append,
        on_refresh=lambda: refreshes.append(time.monotonic()),
        backoff=(0.1, 1.0),
    )
    listener.start()
    try:
        assert wait_for(lambda: listener.state == CONNECTED, 10)
        article = ayu.articles.create("Pier", "The pier opens in May.").id
        claim = ayu.claims.create(article, "The pier opens in May").id
        assert wait_for(lambda: any(c.changes.ids("claim") for _, c in received), 2)
        received.clear()

        saved = time.monotonic()
        dimas.claims.update(claim, notes="called the harbour")
        assert wait_for(lambda: received, 1.0)
        at, change = received[0]
        assert at - saved < 1.0
        assert change.changes.updated == {"claim": frozenset({claim})}
        assert change.changes.created.keys() == {"history"}
        assert change.editors == {"Dimas"}

        # A rolled-back edit announces nothing.
        received.clear()
        with pytest.raises(Exception):  # noqa: B017 - any failure rolls back
            dimas.claims.update(claim, notes="half", start=30, end=5)
        dimas.articles.create("Marker", "After the failed edit.")
        assert wait_for(lambda: received, 1.0)
        assert not any(c.changes.touches("claim") for _, c in received)

        # The listening connection is killed: it reconnects and asks for a full refresh.
        pid = listener.backend_pid
        with psycopg.connect(_conninfo(pg_url), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        assert wait_for(lambda: refreshes, 10)
        assert wait_for(lambda: listener.state == CONNECTED, 10)
        assert listener.backend_pid != pid and listener.reconnects == 1
        assert states[:2] == ["connecting", "connected"] and "reconnecting" in states
        received.clear()
        ayu.claims.update(claim, verdict="false")
        assert wait_for(lambda: received, 1.0)
    finally:
        listener.stop()
        ayu.store.close()
        dimas.store.close()
    assert states[-1] == "stopped"


def test_a_bulk_edit_of_thousands_arrives_as_one_compact_change(pg: Services, pg_url) -> None:
    article = pg.articles.create("Many", "Body.").id
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as conn:
        ids = [
            row[0]
            for row in conn.execute(
                "INSERT INTO claim (article_id, text, paraphrase, kind, cue, status_id,"
                " verdict_id, verdict_explanation, notes, assignee, created_at, created_by,"
                " updated_at, updated_by, version)"
                " SELECT %s, 'claim ' || g, '', 'statement', '',"
                " (SELECT id FROM workflow_status WHERE key = 'unreviewed'),"
                " (SELECT id FROM rating WHERE key = 'unrated'), '', '', '', now(), '', now(),"
                " '', 1 FROM generate_series(1, 5000) AS g RETURNING id",
                (article,),
            )
        ]
    assert pg.claims.count(ClaimFilter(search="claim 4999")) == 1  # indexed by the triggers
    received: list[LiveChange] = []
    listener = LiveListener(pg_url, on_change=received.append)
    listener.start()
    try:
        assert wait_for(lambda: listener.state == CONNECTED, 10)
        pg.claims.bulk_update(ids, status="done")
        assert wait_for(lambda: any(c.changes.ids("claim") for c in received), 2)
    finally:
        listener.stop()
    claims = frozenset().union(*(c.changes.updated.get("claim", frozenset()) for c in received))
    assert claims == frozenset(ids)


# ------------------------------------------------------------------ copying databases


def _generated(services: Services, n: int) -> None:
    article = services.articles.create("Generated", "Body of a generated story.").id
    party = services.parties.create("Juru bicara", PartyKind.PERSON, aliases="jubir").id
    for i in range(n):
        claim = services.claims.create(
            article, f"generated claim {i}", claimant_id=party, notes=f"note {i} é"
        ).id
        if i % 7 == 0:
            services.claims.set_tags(claim, [f"t{i % 3}"])


def test_copy_sqlite_to_postgresql_and_back_is_identical(
    db_path: Path, pg_url: str, tmp_path: Path
) -> None:
    services = Services(open_store(db_path), "Ayu")
    load_sample(services)
    _generated(services, 600)
    services.store.close()
    steps: list[tuple[str, int, int]] = []

    there = copy_database(db_path, pg_url, batch=250, progress=lambda *a: steps.append(a))
    back = tmp_path / "back.sqlite"
    copy_database(pg_url, back)

    assert database_digest(back) == database_digest(db_path) == database_digest(pg_url)
    assert there.rows > 1400 and ("claim", 600 + 7, 607) in steps
    # On the server: ids kept, sequences moved on, search rebuilt by its triggers.
    pg = Services(open_store(pg_url), "Dimas")
    assert pg.claims.count(ClaimFilter(search="jubir generated 59")) == 11
    new = pg.claims.create(pg.articles.list()[0].id, "a new claim after the copy").id
    assert new == 608
    pg.store.close()


def test_copy_refuses_a_target_with_data_unless_forced(
    db_path: Path, pg_url: str, tmp_path: Path
) -> None:
    services = Services(open_store(db_path), "Ayu")
    load_sample(services)
    services.store.close()
    copy_database(db_path, pg_url)
    with pytest.raises(CopyError, match="already holds data"):
        copy_database(db_path, pg_url)
    with pytest.raises(CopyError, match="same database"):
        copy_database(db_path, db_path)
    assert copy_database(db_path, pg_url, force=True).rows == sum(
        n for n, _ in database_digest(db_path).values()
    )
    other = tmp_path / "other.sqlite"
    copy_database(pg_url, other)
    copy_database(pg_url, other, force=True)
    assert list(tmp_path.glob("other.before-copy-*.sqlite"))  # the replaced file, kept


def test_copy_command_reports_progress_and_hides_passwords(db_path: Path, pg_url: str) -> None:
    services = Services(open_store(db_path), "Ayu")
    load_sample(services)
    services.store.close()
    run = [sys.executable, "-m", "claimtrack", "copy", "--from", str(db_path), "--to", pg_url]
    result = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "copying claim: 7/7" in result.stderr
    assert "every table verified" in result.stdout
    password = make_url(pg_url).password or "?"
    assert password not in result.stdout + result.stderr
    again = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert again.returncode == 2
    assert again.stderr.startswith("claimtrack: ") and "--force" in again.stderr
    assert "Traceback" not in again.stderr and password not in again.stderr


def test_a_listener_leaves_out_what_its_own_connections_committed(pg_url: str) -> None:
    """The window passes its store's backend pids: its own edits (applied already) do not
    come back, another process's edits do, "reload everything" ones included."""
    import json

    from claimtrack.store.live import merge_payloads

    mine = Services(open_store(pg_url), "Ayu")
    theirs = Services(open_store(pg_url), "Dimas")
    try:
        load_sample(mine)
        assert mine.store.backend_pids and not mine.store.backend_pids & theirs.store.backend_pids
        with mine.store.session() as session:
            (pid,) = session.exec(text("SELECT pg_backend_pid()")).one()
        assert pid in mine.store.backend_pids
    finally:
        mine.store.close()
        theirs.store.close()
    own = json.dumps({"t": "claim", "op": "U", "ids": [1, 2], "by": "Ayu", "pid": pid})
    whole = json.dumps({"t": "claim", "op": "U", "ids": None, "by": "Ayu", "pid": pid})
    other = json.dumps({"t": "claim", "op": "U", "ids": [3], "by": "Dimas", "pid": pid + 1})
    change, refresh = merge_payloads([own, whole, other], ignore_pids={pid})
    assert change.changes.updated == {"claim": frozenset({3})} and not refresh
    change, refresh = merge_payloads([own, whole, other])
    assert change.changes.updated == {"claim": frozenset({1, 2, 3})} and refresh
