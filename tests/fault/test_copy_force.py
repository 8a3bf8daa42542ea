"""Issue 15: `claimtrack copy --force` to PostgreSQL wiped and committed the target first,
so a server lost mid-copy left every table empty, a traceback with SQL and row data on
stderr, and `check` calling it healthy.

Now the old rows go in the same transaction that writes the new ones, which commits only
once every table verifies; a SQLite target is replaced by a rename once its copy verified.
The server here is real (tests/pg.py) and really loses the copy's connection: its backend
is terminated by ``pg_terminate_backend`` in the middle of the claim table.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from claimtrack.domain import PartyKind
from claimtrack.services import Services
from claimtrack.services.sample import load_sample
from claimtrack.store import open_store
from claimtrack.store.copy import CopyError, copy_database, database_digest
from tests.fault.conftest import FIGURES, ROOT

CLAIMS = 3000


def _conninfo(url: str) -> str:
    u = make_url(url)
    return (
        f"host={u.host} port={u.port} user={u.username} password={u.password} dbname={u.database}"
    )


def _terminate_copy(url: str) -> int:
    """Kill every ClaimTrack connection to ``url``'s database (the copy's writer among
    them), as a server restart or a dropped network would."""
    with psycopg.connect(_conninfo(url), autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND application_name = 'ClaimTrack'"
        ).fetchall()
    return len(rows)


@pytest.fixture
def big_source(tmp_path: Path) -> Path:
    """A SQLite database of a few thousand claims (the copy takes many batches)."""
    path = tmp_path / "source.sqlite"
    services = Services(open_store(path), "Ayu")
    article = services.articles.create("Wire story", "A long story from the wire.").id
    party = services.parties.create("Spokesperson", PartyKind.PERSON).id
    for i in range(CLAIMS):
        services.claims.create(article, f"new claim number {i}", claimant_id=party)
    services.store.close()
    return path


@pytest.fixture
def old_target(pg_url: str) -> dict:
    """The server already holds the sample dossier: what --force must not lose on failure."""
    services = Services(open_store(pg_url), "Dimas")
    load_sample(services)
    services.store.close()
    return database_digest(pg_url)


def test_a_server_lost_mid_copy_keeps_the_old_data(big_source, pg_url, old_target) -> None:
    killed: list[int] = []

    def progress(table: str, done: int, total: int) -> None:
        if table == "claim" and done >= total // 2 and not killed:
            killed.append(_terminate_copy(pg_url))

    with pytest.raises(CopyError) as failure:
        copy_database(big_source, pg_url, force=True, batch=200, progress=progress)
    assert killed and killed[0] >= 1
    message = str(failure.value)
    assert "connection" in message and "holds what it held before" in message, message
    assert "INSERT" not in message and "new claim number" not in message
    # Neither empty nor half-copied: exactly what was there.
    assert database_digest(pg_url) == old_target
    FIGURES["faults injected (PostgreSQL connection killed mid-copy --force)"] += 1


def test_a_forced_copy_that_completes_replaces_the_server_data(
    big_source, pg_url, old_target
) -> None:
    report = copy_database(big_source, pg_url, force=True, batch=500)
    assert database_digest(pg_url) == database_digest(big_source) != old_target
    assert dict((t.name, t.rows) for t in report.tables)["claim"] == CLAIMS
    # The server's own guards are back: history stays append-only after the copy.
    with (
        psycopg.connect(_conninfo(pg_url), autocommit=True) as conn,
        pytest.raises(psycopg.Error, match="append-only"),
    ):
        conn.execute("TRUNCATE history")
    # Search was rebuilt by the triggers for the new rows.
    services = Services(open_store(pg_url), "Ayu")
    try:
        from claimtrack.domain import ClaimFilter

        assert services.claims.count(ClaimFilter(search="number 2999")) == 1
    finally:
        services.store.close()


def test_the_cli_says_one_line_and_check_sees_the_old_data(
    big_source, pg_url, old_target, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMTRACK_LOG_DIR": str(tmp_path / "logs")}
    cmd = [sys.executable, "-m", "claimtrack", "copy", "--force", "--batch", "50"]
    proc = subprocess.Popen(
        [*cmd, "--from", str(big_source), "--to", pg_url],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stderr is not None
    seen: list[str] = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith("copying claim:") and not line.startswith("copying claim: 0/"):
            _terminate_copy(pg_url)
            break
    _out, rest = proc.communicate(timeout=120)
    errors = [line for line in rest.splitlines() if not line.startswith("copying ")]
    assert proc.returncode == 2, rest
    assert "Traceback" not in rest and "[SQL" not in rest and "new claim number" not in rest
    assert len(errors) == 1 and errors[0].startswith("claimtrack: The copy stopped"), rest
    assert database_digest(pg_url) == old_target
    check = subprocess.run(
        [sys.executable, "-m", "claimtrack", "check", "--db", pg_url],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert check.returncode == 0 and "7 claim(s)" in check.stdout, check.stdout + check.stderr


def test_a_forced_sqlite_copy_keeps_the_old_file_until_the_new_one_verified(
    big_source, tmp_path: Path
) -> None:
    target = tmp_path / "desk.sqlite"
    services = Services(open_store(target), "Ayu")
    load_sample(services)
    services.store.close()
    before = database_digest(target)

    def fail(table: str, done: int, _total: int) -> None:
        if table == "claim" and done > 1000:
            raise KeyboardInterrupt  # Ctrl+C half-way

    with pytest.raises(KeyboardInterrupt):
        copy_database(big_source, target, force=True, batch=250, progress=fail)
    assert database_digest(target) == before
    assert not list(tmp_path.glob(".desk.sqlite.copy-in-progress*"))  # nothing left beside
    copy_database(big_source, target, force=True)
    # The new file alone: no stale log of the old one beside it.
    assert sorted(p.name for p in tmp_path.glob("desk.sqlite*")) == ["desk.sqlite"]
    assert database_digest(target) == database_digest(big_source)
    assert len(list(tmp_path.glob("desk.before-copy-*.sqlite"))) >= 1
