"""`claimtrack backup` and `claimtrack restore`, run as the real program on real files,
and the streaming backup's cancel and snapshot behaviour."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from claimtrack.domain import StoreError
from claimtrack.services import Services
from claimtrack.store import backup as bk
from claimtrack.store import open_store
from tests.helpers import one_clear_line, run_claimtrack
from tests.pg import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


cli = run_claimtrack


def claim_texts(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM claim ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def database(db_path: Path) -> Path:
    from claimtrack.services.sample import load_sample

    store = open_store(db_path)
    load_sample(Services(store, "Ayu"))
    store.close()
    return db_path


def _grow(path: Path, articles: int, text: str = "Kalimat panjang tentang pelabuhan. ") -> None:
    store = open_store(path)
    services = Services(store, "Ayu")
    for i in range(articles):
        article = services.articles.create(f"Besar {i}", text * 3000)
        services.claims.create(article.id, f"klaim {i}")
    store.close()


def test_backup_then_restore_round_trip_brings_the_data_back(database: Path) -> None:
    before = claim_texts(database)
    made = cli("backup", "--db", str(database))
    assert made.returncode == 0, made.stderr
    [backup] = bk.list_backups(database)
    assert backup.reason == "manual" and backup.claims == 7
    assert made.stdout.strip() == (
        f"Backed up 7 claim(s) to {backup.path} ({backup.size / 1000:.1f} KB)."
    )
    _grow(database, 2)  # work done after the backup
    after = claim_texts(database)
    assert len(after) == 9
    restored = cli("restore", str(backup.path), "--db", str(database))
    assert restored.returncode == 0, restored.stderr
    assert claim_texts(database) == before
    [aside] = database.parent.glob(f"{database.name}.replaced-*[0-9]")
    assert claim_texts(aside) == after  # the current file moved aside, not deleted
    assert restored.stdout.strip().endswith(f"the file it replaced is kept as {aside}.")
    assert backup.path.exists()
    # The restored file opens in the app's own store and can be written again.
    store = open_store(database)
    Services(store, "Ayu").articles.create("Lagi", "Satu kalimat.")
    store.close()


def test_backup_to_a_file_or_a_folder_and_never_over_an_existing_file(
    database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere" / "copy.sqlite"
    target.parent.mkdir()
    made = cli("backup", "--db", str(database), "-o", str(target))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Backed up 7 claim(s) to {target} (")
    assert claim_texts(target) == claim_texts(database)
    into = cli("backup", "--db", str(database), "-o", str(target.parent))
    assert into.returncode == 0, into.stderr
    [listed] = bk.list_backups(target.parent / database.name)
    assert listed.claims == 7
    one_clear_line(cli("backup", "--db", str(database), "-o", str(target)), "exists already")
    assert bk.list_backups(database) == []  # -o writes nothing beside the database


def test_backup_of_a_missing_database_and_into_a_missing_folder_are_clear(tmp_path: Path):
    one_clear_line(cli("backup", "--db", str(tmp_path / "none.sqlite")), "does not exist")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["text", "foreign sqlite", "damaged", "missing"])
def test_restore_refuses_what_is_not_a_good_backup_and_moves_nothing(
    database: Path, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / "bad.sqlite"
    if kind == "text":
        bad.write_text("Notes from the morning meeting.\n" * 50)
        needle = "not a ClaimTrack backup (it is not a SQLite file)"
    elif kind == "foreign sqlite":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
        needle = "not a ClaimTrack backup (a SQLite file without ClaimTrack's tables)"
    elif kind == "damaged":
        good = bk.back_up(database, rotate_after=False).path
        data = bytearray(good.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)
        bad.write_bytes(bytes(data))
        good.unlink()
        needle = "is damaged; choose an older one"
    else:
        needle = "does not exist"
    before = database.read_bytes()
    files = sorted(p.name for p in database.parent.iterdir())
    one_clear_line(cli("restore", str(bad), "--db", str(database)), needle)
    assert database.read_bytes() == before
    assert sorted(p.name for p in database.parent.iterdir()) == files  # nothing moved aside


def test_restore_is_refused_while_the_window_holds_the_database(database: Path) -> None:
    from PySide6.QtCore import QLockFile

    backup = bk.back_up(database, rotate_after=False).path
    lock = QLockFile(str(database.with_name(f".{database.name}.lock")))  # as ui/lock.py
    assert lock.tryLock(0)
    try:
        one_clear_line(
            cli("restore", str(backup), "--db", str(database)),
            f"is open in ClaimTrack (process {os.getpid()}); close it there first",
        )
        assert not list(database.parent.glob("*.replaced-*"))
    finally:
        lock.unlock()
    assert cli("restore", str(backup), "--db", str(database)).returncode == 0


def test_cancelling_mid_backup_leaves_no_partial_file(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _grow(database, 6)
    monkeypatch.setattr(bk, "STEP_PAGES", 16)
    seen: list[tuple[int, int]] = []
    partial: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        [part] = database.parent.glob("*.part")  # the copy goes into it, step by step
        partial.append(part.stat().st_size)

    with pytest.raises(StoreError, match="cancelled; nothing was written"):
        bk.back_up(database, progress=progress, cancelled=lambda: len(seen) >= 5)
    assert len(seen) == 5 and seen[-1][0] < seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(partial) == 5
    assert not list(database.parent.glob("*.part"))
    assert bk.list_backups(database) == []


def test_cancelling_during_the_check_of_the_copy_leaves_nothing(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _grow(database, 6)
    finished: list[bool] = []

    def progress(done: int, total: int) -> None:
        if done == total:
            finished.append(True)  # every page copied: what follows is the check

    with pytest.raises(StoreError, match="cancelled"):
        bk.back_up(database, progress=progress, cancelled=lambda: bool(finished))
    assert finished and not list(database.parent.glob("*.part"))
    assert bk.list_backups(database) == []


def test_a_backup_is_one_snapshot_while_another_connection_writes(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _grow(database, 4)
    monkeypatch.setattr(bk, "STEP_PAGES", 8)
    store = open_store(database)
    services = Services(store, "Dewi")
    article = services.articles.list()[0].id
    steps: list[int] = []

    def progress(done: int, _total: int) -> None:
        steps.append(done)
        services.claims.create(article, f"written mid-backup {len(steps)}")  # commits

    try:
        info = bk.back_up(database, progress=progress)
    finally:
        store.close()
    assert len(steps) > 3
    assert steps == sorted(steps)  # never restarted from the first page
    assert info.claims == 11  # as when the backup began; the later commits are not in it
    assert len(claim_texts(database)) == 11 + len(steps)


def test_restore_and_backup_of_a_server_database_name_its_tools(pg_url: str) -> None:
    one_clear_line(cli("restore", "some.dump", "--db", pg_url), "pg_restore")
    line = one_clear_line(cli("backup", "--db", pg_url), "give -o FILE")
    assert "pg_dump" in line


def test_backup_of_a_server_database_runs_pg_dump(pg_url: str, tmp_path: Path) -> None:
    from claimtrack.cli.backup import find_pg_dump
    from claimtrack.services.sample import load_sample

    store = open_store(pg_url)
    load_sample(Services(store, "Ayu"))
    store.close()
    target = tmp_path / "server.dump"
    made = cli("backup", "--db", pg_url, "-o", str(target))
    assert made.returncode == 0, made.stderr
    assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert f"to {target} (" in made.stdout and "with pg_dump" in made.stdout
    assert PASSWORD not in made.stdout + made.stderr and "***@" in made.stdout
    assert not list(tmp_path.glob("*.part"))
    tool = find_pg_dump()
    assert tool is not None
    listing = subprocess.run(
        [str(Path(tool).with_name("pg_restore")), "--list", str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "TABLE DATA public claim" in listing.stdout
    one_clear_line(cli("backup", "--db", pg_url, "-o", str(target)), "exists already")


def test_without_pg_dump_the_server_tools_are_named(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from claimtrack import cli as cli_module
    from claimtrack.cli import backup as backup_command

    monkeypatch.setattr(backup_command, "find_pg_dump", lambda: None)
    code = cli_module.main(["backup", "--db", pg_url, "-o", str(tmp_path / "x.dump")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert "the server's own tools do (pg_dump" in err and "not installed" in err
    assert not list(tmp_path.iterdir())


def test_pg_dump_failing_is_one_line(pg_url: str, tmp_path: Path) -> None:
    wrong = pg_url.rsplit("/", 1)[0] + "/no_such_database"
    line = one_clear_line(
        cli("backup", "--db", wrong, "-o", str(tmp_path / "x.dump")), "pg_dump could not"
    )
    assert "no_such_database" in line
    assert not list(tmp_path.iterdir())
