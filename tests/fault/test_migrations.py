"""RELIABILITY 7 and 8: old schemas upgrade with their data and a backup; a migration that
fails half-way leaves the old database usable and unchanged; a newer schema is refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from claimtrack.cli import main
from claimtrack.domain import NewerSchemaError, StoreError
from claimtrack.services import Services
from claimtrack.store import HEAD_REVISION, engine, open_store
from claimtrack.store import backup as bk
from tests.conftest import FIXTURES
from tests.fault.conftest import FIGURES

OLD = FIXTURES / "schema_0001.sqlite"


def _rows(path: Path, tables: list[str]) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        conn.close()


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _old_tables() -> list[str]:
    conn = sqlite3.connect(f"file:{OLD}?mode=ro", uri=True)
    try:
        names = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'"
        )
        return [r[0] for r in names]
    finally:
        conn.close()


def test_the_first_schema_upgrades_with_every_row_and_a_listed_backup(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    shutil.copy(OLD, db)
    tables = _old_tables()
    before = _rows(OLD, tables)
    store = open_store(db)
    services = Services(store, "Ayu")
    [claim] = services.claims.list()
    assert claim.claimant == "Port Authority of Teluk" and claim.verdict == "misleading"
    store.close()
    after = _rows(db, tables)
    for table in tables:  # every old row is still there (new columns may follow)
        assert [row[: len(before[table][0])] for row in after[table]] == before[table] or (
            not before[table] and not after[table]
        ), table
    [backup] = bk.list_backups(db)
    assert backup.reason == f"before-{HEAD_REVISION}" and backup.claims == 1
    assert _dump(backup.path) == _dump(OLD)


def _broken_migrations(tmp_path: Path) -> Path:
    """A copy of the migration environment whose newest step fails after doing its work."""
    copy = tmp_path / "migrations"
    shutil.copytree(engine.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    [last] = [p for p in (copy / "versions").glob(f"{HEAD_REVISION}_*.py")]
    source = last.read_text(encoding="utf-8")
    assert source.count("def upgrade() -> None:") == 1
    source = source.replace("def upgrade() -> None:", "def _real_upgrade() -> None:")
    source += (
        "\n\ndef upgrade() -> None:\n"
        "    _real_upgrade()\n"
        "    op.execute('SELECT * FROM injected_failure_half_way')\n"
    )
    if "from alembic import op" not in source:
        source = "from alembic import op\n" + source
    last.write_text(source, encoding="utf-8")
    return copy


def test_a_migration_failing_half_way_leaves_the_old_database_usable_and_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "desk.sqlite"
    shutil.copy(OLD, db)
    monkeypatch.setattr(engine, "MIGRATIONS_DIR", _broken_migrations(tmp_path))
    with pytest.raises(StoreError, match="injected_failure_half_way"):
        open_store(db)
    assert _dump(db) == _dump(OLD)  # not one statement of the upgrade survived
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    conn.close()
    assert len(bk.list_backups(db)) == 1  # the backup was taken before trying
    monkeypatch.undo()
    store = open_store(db)  # the real migrations, next start: upgraded, data intact
    assert Services(store).claims.list()[0].text == "the tender was open to all bidders"
    store.close()
    FIGURES["faults injected (a migration failing half-way)"] += 1


def _stamp_newer(db: Path) -> str:
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.commit()
    conn.close()
    return hashlib.sha256(db.read_bytes()).hexdigest()


def test_a_database_from_a_newer_version_is_refused_for_writing_and_explained(
    db_path: Path, capsys
) -> None:
    digest = _stamp_newer(db_path)
    for readonly in (False, True):
        with pytest.raises(NewerSchemaError, match="newer version of ClaimTrack"):
            open_store(db_path, readonly=readonly)
    assert main(["--db", str(db_path), "list"]) == 2
    assert "update ClaimTrack to open it" in capsys.readouterr().err
    assert main(["--db", str(db_path), "check"]) == 0
    assert "written by a newer ClaimTrack" in capsys.readouterr().out
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    assert bk.list_backups(db_path) == []  # nothing to migrate, nothing written
    FIGURES["faults injected (a database stamped by a newer version)"] += 1
