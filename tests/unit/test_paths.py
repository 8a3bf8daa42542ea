"""The default database: the app's own ``.claimtrack`` type, and no data lost on upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimtrack import paths


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CLAIMTRACK_DATA_DIR", str(folder))
    return folder


def test_a_new_profile_gets_a_claimtrack_file(data: Path) -> None:
    assert paths.default_database() == data / "claims.claimtrack"
    assert paths.sqlite_file(None) == data / "claims.claimtrack"


def test_an_earlier_default_database_is_still_the_one_opened(data: Path) -> None:
    data.mkdir()
    old = data / "claimtrack.sqlite"
    with sqlite3.connect(old) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert paths.default_database() == old
    assert paths.sqlite_file(None) == old


def test_the_new_default_wins_once_it_exists(data: Path) -> None:
    data.mkdir()
    (data / "claimtrack.sqlite").write_bytes(b"")
    (data / "claims.claimtrack").write_bytes(b"")
    assert paths.default_database() == data / "claims.claimtrack"


def test_the_cli_keeps_the_claims_of_an_earlier_default(data: Path) -> None:
    """The store (what every command and the window opens) follows the same choice."""
    from claimtrack.store import open_store

    data.mkdir()
    old = data / "claimtrack.sqlite"
    first = open_store(str(old))
    first.close()
    store = open_store(None)
    try:
        assert store.path == old
    finally:
        store.close()
    assert not (data / "claims.claimtrack").exists()
