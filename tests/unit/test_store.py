"""Opening, migrating and refusing databases: the store keeps an editor's file safe."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from claimtrack.domain import ClaimFilter, DatabaseInUseError, NewerSchemaError, StoreError
from claimtrack.services import Services
from claimtrack.store import HEAD_REVISION, open_store
from claimtrack.store.engine import known_revisions
from tests.conftest import FIXTURES


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_uses_wal_full_sync_and_foreign_keys(db_path: Path) -> None:
    store = open_store(db_path)
    with store.connection() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    store.close()
    assert revision == HEAD_REVISION


def test_default_database_lives_in_the_user_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMTRACK_DATA_DIR", str(tmp_path / "nested" / "data"))
    store = open_store(None)
    assert store.path == tmp_path / "nested" / "data" / "claims.claimtrack"
    assert store.path.is_file()
    store.close()


def test_head_revision_matches_the_migration_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from claimtrack.store.engine import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION
    assert {"0001", "0002"} <= known_revisions()


def test_migrations_create_exactly_the_models_schema(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import claimtrack.store.models  # noqa: F401

    store = open_store(db_path)
    with store.connection() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    store.close()
    # FTS5 shadow tables are ours but not in the models, and so is revision 0004's sorting
    # machinery (claim_sort and the ix_sort_* NOCASE indexes exist on SQLite only, where
    # the services sort through them); nothing else may differ.
    diff = [
        d
        for d in diff
        if not (
            (d[0] == "remove_table" and d[1].name.startswith(("claim_fts", "claim_sort")))
            or (d[0] == "remove_index" and d[1].name.startswith("ix_sort_"))
        )
    ]
    assert diff == []


def test_reopen_is_idempotent_and_keeps_data(db_path: Path, store_target: Path | str) -> None:
    store = open_store(store_target)
    services = Services(store, "Ayu")
    article = services.articles.create("Budget", "The minister said the budget grew.").id
    services.claims.create(article, "the budget grew", notes="check treasury tables")
    store.close()
    for _ in range(3):
        store = open_store(store_target)
        services = Services(store, "Ayu")
        assert services.claims.count() == 1
        assert services.claims.query_ids(ClaimFilter(search="treasury")) != []
        store.close()
    backups = list(db_path.parent.glob("*.backup-*"))
    assert backups == []  # nothing to migrate, so no backup was needed


def test_older_schema_is_migrated_with_a_verified_backup_beside_it(tmp_path: Path) -> None:
    old = tmp_path / "desk.sqlite"
    shutil.copy(FIXTURES / "schema_0001.sqlite", old)

    store = open_store(old)
    services = Services(store, "Ayu")
    [claim] = services.claims.list()
    assert claim.text == "the tender was open to all bidders"
    assert claim.status == "in_progress" and claim.verdict == "misleading"
    assert claim.claimant == "Port Authority of Teluk"
    # The search index did not exist in 0001; the migration filled it.
    assert services.claims.query_ids(ClaimFilter(search="procurement")) == [claim.id]
    assert services.claims.query_ids(ClaimFilter(search="harbour board")) == [claim.id]
    assert services.claims.query_ids(ClaimFilter(search="h")) == [claim.id]  # 0005's prefixes
    assert [h.field for h in services.history.for_entity("claim", claim.id)] == ["verdict"]
    store.close()

    [backup] = list(tmp_path.glob(f"desk.backup-*-before-{HEAD_REVISION}.sqlite"))
    assert _dump(backup) == _dump(FIXTURES / "schema_0001.sqlite")  # the old data, as it was
    check = sqlite3.connect(backup)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.commit()
    conn.close()
    before = _digest(db_path)
    with pytest.raises(NewerSchemaError, match="newer version of ClaimTrack"):
        open_store(db_path)
    assert _digest(db_path) == before


def test_a_file_that_is_not_sqlite_is_refused_clearly(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Interview notes, not a database.\n" * 200)
    before = _digest(notes)
    with pytest.raises(StoreError, match="not a ClaimTrack database"):
        open_store(notes)
    assert _digest(notes) == before


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not one of ClaimTrack's"):
        open_store(other)


def test_a_truncated_database_is_reported_as_damaged(db_path: Path, tmp_path: Path) -> None:
    store = open_store(db_path)
    services = Services(store, "Ayu")
    article = services.articles.create("Long", "x" * 200_000).id
    for i in range(50):
        services.claims.create(article, f"claim number {i} " * 40)
    store.close()
    cut = tmp_path / "cut.sqlite"
    data = db_path.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError, match=r"damaged|not a ClaimTrack database"):
        open_store(cut)


def test_missing_folder_and_mistyped_path_are_clear(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no-such-folder" / "x.sqlite")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "typo.sqlite", create=False)
    assert not (tmp_path / "typo.sqlite").exists()
    with pytest.raises(StoreError, match="folder, not a database"):
        open_store(tmp_path)


_OPEN_IN_READONLY_DIR = """
import sys
from claimtrack.domain import StoreError
from claimtrack.store import open_store
try:
    open_store(sys.argv[1])
except StoreError as exc:
    print(exc)
    sys.exit(3)
sys.exit(0)
"""


def test_a_read_only_folder_gives_a_clear_error() -> None:
    # Root ignores file modes; as root the check runs with every capability dropped.
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be enforced")
        prefix = [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--"]
    folder = Path(tempfile.mkdtemp(prefix="ct-readonly-"))
    try:
        folder.chmod(0o555)
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        result = subprocess.run(
            [*prefix, sys.executable, "-c", _OPEN_IN_READONLY_DIR, str(folder / "claims.sqlite")],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert result.returncode == 3, result.stderr
        assert "read-only" in result.stdout
        assert not (folder / "claims.sqlite").exists()
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.sqlite_only
def test_read_only_open_reads_but_refuses_writes(sample, db_path: Path) -> None:
    from claimtrack.services import Services

    sample.store.close()
    store = open_store(db_path, readonly=True)
    services = Services(store, "Ayu")
    assert services.claims.count() == 7
    with pytest.raises(StoreError, match="read-only"):
        services.parties.create("Someone")
    store.close()


def test_a_database_locked_by_another_program_says_so(db_path: Path) -> None:
    open_store(db_path).close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        store = open_store(db_path, busy_timeout=0.2)
        with pytest.raises(DatabaseInUseError, match="in use by another program"):
            Services(store, "Ayu").articles.create("Blocked", "Some text.")
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Once the other program lets go, the same edit succeeds.
    services = Services(store, "Ayu")
    services.articles.create("Unblocked", "Some text.")
    assert [a.title for a in services.articles.list()] == ["Unblocked"]
    store.close()


@pytest.mark.sqlite_only
def test_search_keeps_short_prefixes_without_changing_what_matches(sample, db_path: Path) -> None:
    """Revision 0005: one- to three-letter prefixes have index entries of their own (search
    as you type stays fast at the first keystroke); the claims found stay the same as an
    index without them finds."""
    conn = sqlite3.connect(db_path)
    try:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'claim_fts'").fetchone()
        assert "prefix = '1 2 3'" in sql
        conn.execute(
            "CREATE VIRTUAL TABLE temp.plain USING fts5(text, paraphrase, notes, parties, "
            "article, tokenize = 'unicode61 remove_diacritics 2')"
        )
        conn.execute(
            "INSERT INTO temp.plain(rowid, text, paraphrase, notes, parties, article) "
            "SELECT id, text, paraphrase, notes, parties, article FROM claim_fts_source"
        )
        seen: dict[str, list[int]] = {}
        for typed in ("r", "re", "reu", "reut", "w", "wh", "pe", "g", "ha"):
            found = sample.claims.query_ids(ClaimFilter(search=typed))
            plain = [
                row[0]
                for row in conn.execute(
                    "SELECT rowid FROM temp.plain WHERE plain MATCH ? ORDER BY rowid",
                    (f'"{typed}"*',),
                )
            ]
            assert found == plain, typed
            seen[typed] = found
        assert seen["r"] and seen["reut"] and seen["w"]  # Reuters, the White House
        assert set(seen["reut"]) <= set(seen["reu"]) <= set(seen["re"]) <= set(seen["r"])
    finally:
        conn.close()
