"""Backups an editor can count on: verified, rotated, listed with their contents, restorable."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from claimtrack.domain import DamagedDatabaseError, StoreError
from claimtrack.services import Services
from claimtrack.store import HEAD_REVISION, open_store
from claimtrack.store import backup as bk
from tests.conftest import FIXTURES

NOON = datetime(2026, 3, 10, 12, 0, 0)


# Backups are of SQLite files: these fixtures stay on SQLite whatever backends others add.
@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    store = open_store(db_path)
    yield Services(store, "Ayu")
    store.close()


@pytest.fixture
def sample(services: Services) -> Services:
    from claimtrack.services.sample import load_sample

    load_sample(services)
    return services


def _claims(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM claim").fetchone()[0])
    finally:
        conn.close()


def _add_claims(services: Services, n: int, title: str = "Port story") -> int:
    article = services.articles.create(title, "The harbour master said the quay was safe.").id
    for i in range(n):
        services.claims.create(article, f"the quay was safe ({i})", notes=f"note {i}")
    return article


def test_a_backup_is_a_verified_readable_copy_listed_with_date_and_claims(sample) -> None:
    path = sample.store.path
    info = bk.back_up(path, "manual", now=NOON)
    assert info.path.name == "claims.backup-20260310-120000-manual.sqlite"
    assert info.claims == 7 and info.taken == NOON and info.reason == "manual"
    # The copy is a plain rollback-journal file: opening it leaves nothing beside it.
    assert not list(path.parent.glob("*.part"))
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    [listed] = bk.list_backups(path)
    assert (listed.path, listed.taken, listed.claims) == (info.path, NOON, 7)


def test_committed_work_still_in_the_wal_is_in_the_backup(services) -> None:
    _add_claims(services, 3)
    # The live store still holds its connections, so the last commits sit in the -wal file.
    wal = services.store.path.with_name(services.store.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    info = bk.back_up(services.store.path, now=NOON)
    assert _claims(info.path) == 3


def test_two_backups_in_the_same_second_both_survive(sample) -> None:
    first = bk.back_up(sample.store.path, now=NOON, rotate_after=False)
    second = bk.back_up(sample.store.path, now=NOON, rotate_after=False)
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert [b.path for b in bk.list_backups(sample.store.path)] == [second.path, first.path]


def test_the_daily_backup_is_taken_only_when_the_newest_is_a_day_old(sample) -> None:
    path = sample.store.path
    first = bk.backup_if_due(path, now=NOON)
    assert first is not None and first.reason == "daily" and first.claims == 7
    assert bk.backup_if_due(path, now=NOON + timedelta(hours=23)) is None
    later = bk.backup_if_due(path, now=NOON + timedelta(days=1, minutes=1))
    assert later is not None
    assert len(bk.list_backups(path)) == 2


def test_no_automatic_backup_of_an_empty_new_database_or_a_server(services) -> None:
    assert bk.backup_if_due(services.store.path, now=NOON) is None
    assert bk.backup_if_due(None) is None
    assert bk.list_backups(services.store.path) == []


def test_rotation_keeps_seven_days_four_weeks_and_the_last_migration_backups(
    sample, tmp_path: Path
) -> None:
    path = sample.store.path
    start = datetime(2026, 1, 1, 9, 0)
    for day in range(60):  # two backups a day for two months
        for hour in (9, 17):
            when = start + timedelta(days=day, hours=hour - 9)
            bk.back_up(path, "daily", now=when, rotate_after=False)
    for revision, day in (("0001", 5), ("0002", 20), ("0003", 40)):
        bk.back_up(path, f"before-{revision}", now=start + timedelta(days=day), rotate_after=False)
    now = start + timedelta(days=59, hours=9)
    removed = bk.rotate(path, now=now)
    kept = bk.list_backups(path, counts=False)
    assert len(removed) == 123 - len(kept)
    daily = [b for b in kept if b.reason == "daily"]
    days = sorted({b.taken.date() for b in daily}, reverse=True)
    # Seven newest days, then the newest backup of each older week up to four weeks.
    assert days[:7] == [(now - timedelta(days=i)).date() for i in range(7)]
    assert all(b.taken.hour == 17 for b in daily)  # the newest of each day
    weeks = {b.taken.isocalendar()[:2] for b in daily}
    assert len(weeks) == 4
    assert len(daily) <= 7 + 4
    assert sorted(b.reason for b in kept if b.reason.startswith("before-")) == [
        "before-0002",
        "before-0003",
    ]
    assert path.exists() and _claims(path) == 7


def test_rotation_never_touches_files_it_did_not_name(sample) -> None:
    path = sample.store.path
    mine = path.with_name("claims.backup-keep-this-one.sqlite")
    mine.write_bytes(b"an editor's own copy")
    other = path.with_name("other.backup-20200101-000000-daily.sqlite")
    other.write_bytes(b"another database's backup")
    for day in range(20):
        bk.back_up(path, now=NOON - timedelta(days=30 * day), rotate_after=False)
    bk.rotate(path, now=NOON)
    assert mine.read_bytes() == b"an editor's own copy"
    assert other.read_bytes() == b"another database's backup"


def test_restore_puts_the_backup_back_and_keeps_the_current_file_aside(services) -> None:
    path = services.store.path
    _add_claims(services, 2)
    info = bk.back_up(path, now=NOON)
    _add_claims(services, 3, "Later story")
    services.store.close()

    moved = bk.restore_backup(info.path, path, now=NOON + timedelta(hours=1))
    assert moved is not None and moved.name == "claims.sqlite.replaced-20260310-130000"
    assert _claims(moved) == 5  # the work done after the backup is not thrown away
    store = open_store(path)
    assert Services(store).claims.count() == 2
    store.close()
    assert info.path.exists()  # the backup itself stays available


def test_a_damaged_backup_is_not_restored_and_nothing_moves(sample, tmp_path: Path) -> None:
    path = sample.store.path
    info = bk.back_up(path, now=NOON)
    sample.store.close()
    data = bytearray(info.path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    info.path.write_bytes(bytes(data))
    [listed] = bk.list_backups(path)
    assert listed.claims is None and not listed.readable
    with pytest.raises(DamagedDatabaseError, match="is damaged; choose an older one"):
        bk.restore_backup(info.path, path)
    assert _claims(path) == 7
    assert not list(path.parent.glob("*.replaced-*"))


def test_a_damaged_database_is_moved_aside_and_the_newest_good_backup_offered(
    sample,
) -> None:
    path = sample.store.path
    older = bk.back_up(path, now=NOON - timedelta(days=2), rotate_after=False)
    newest = bk.back_up(path, now=NOON - timedelta(days=1), rotate_after=False)
    sample.store.close()
    newest.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)  # this one is broken
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 2 + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"  # a b-tree page header
    path.write_bytes(bytes(data))

    with pytest.raises(DamagedDatabaseError) as caught:
        open_store(path)
    assert caught.value.path == path
    recovery = bk.recover_damaged(caught.value)
    assert not path.exists() and recovery.moved_to.exists()
    assert recovery.moved_to.name.startswith("claims.sqlite.damaged-")
    assert recovery.backup is not None
    assert recovery.backup.path == older.path  # the broken newer one is skipped
    assert recovery.backup.taken == NOON - timedelta(days=2) and recovery.backup.claims == 7

    assert bk.restore_backup(recovery.backup.path, path) is None  # nothing left to move
    store = open_store(path)
    assert Services(store).claims.count() == 7
    store.close()


def test_moving_aside_keeps_the_wal_with_its_database(services) -> None:
    path = services.store.path
    _add_claims(services, 4)
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    # Copy the pair as a crash would leave it (the live store keeps its own files).
    crashed = path.with_name("crashed.sqlite")
    shutil.copy(path, crashed)
    shutil.copy(wal, crashed.with_name("crashed.sqlite-wal"))
    moved = bk.move_aside(crashed, "damaged", now=NOON)
    assert not crashed.exists() and not crashed.with_name("crashed.sqlite-wal").exists()
    assert moved.with_name(moved.name + "-wal").exists()
    conn = sqlite3.connect(moved)  # the moved pair still opens, with the WAL's commits
    assert conn.execute("SELECT count(*) FROM claim").fetchone()[0] == 4
    conn.close()


def test_a_file_that_merely_starts_like_sqlite_is_damaged_a_text_file_is_foreign(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xee" * 8000)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_store(broken)
    assert caught.value.path == broken
    text = tmp_path / "letter.sqlite"
    text.write_text("Dear editor,\n" * 300)
    with pytest.raises(StoreError, match="not a ClaimTrack database") as foreign:
        open_store(text)
    assert not isinstance(foreign.value, DamagedDatabaseError)


def test_migration_backups_use_the_same_naming_and_are_listed(tmp_path: Path) -> None:
    old = tmp_path / "desk.sqlite"
    shutil.copy(FIXTURES / "schema_0001.sqlite", old)
    open_store(old).close()
    [info] = bk.list_backups(old)
    assert info.reason == f"before-{HEAD_REVISION}" and info.claims == 1
    assert bk.backup_if_due(old) is None  # a fresh backup exists: no daily one needed


def test_a_cancelled_backup_leaves_nothing(sample) -> None:
    with pytest.raises(StoreError, match="cancelled"):
        bk.back_up(sample.store.path, cancelled=lambda: True)
    assert bk.list_backups(sample.store.path) == []
    assert not list(sample.store.path.parent.glob("*.part"))


def test_a_backup_of_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"missing\.sqlite"):
        bk.back_up(tmp_path / "missing.sqlite")
    assert list(tmp_path.iterdir()) == []
