"""RELIABILITY 2: SIGKILL while a file is written: the target is the old file or the new
one (or absent if there was none), never a partial file.

Both of the app's file writers are killed at random points: the exporters' atomic writer
(claimtrack/export/atomic.py) writing a 16 MB report over an earlier one, and the backup
writer (store/backup.py) copying a database over an earlier backup of the same name.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.fault.conftest import FIGURES, Writer

ROUNDS = 25
EXPORT_SIZE = 16 * 2**20


def _kill_at_random(writer: Writer, rng: random.Random, limit: float, **cmd: object) -> None:
    pid = writer.start(**cmd)
    time.sleep(rng.uniform(0, limit))
    os.kill(pid, signal.SIGKILL)
    writer.finish(pid)


def _timed(writer: Writer, **cmd: object) -> float:
    start = time.monotonic()
    pid = writer.start(**cmd)
    while writer.readline() != f"done {pid}":
        pass
    os.kill(pid, signal.SIGKILL)
    writer.finish(pid)
    return time.monotonic() - start


def _content(tag: str) -> bytes:
    chunk = (tag * 64).encode()[:4096]
    return chunk * (EXPORT_SIZE // len(chunk))


@pytest.mark.slow
def test_killing_an_export_leaves_the_old_report_or_the_new_one(
    writer: Writer, tmp_path: Path
) -> None:
    target = tmp_path / "report.csv"
    old, new = _content("O"), _content("N")
    duration = _timed(writer, target=str(target), op="export", size=EXPORT_SIZE, tag="N")
    assert target.read_bytes() == new
    rng = random.Random(7)
    seen = {"old": 0, "new": 0, "absent": 0}
    for i in range(ROUNDS):
        if i % 5 == 4:
            target.unlink()  # sometimes there is no earlier export at all
        else:
            target.write_bytes(old)
        _kill_at_random(
            writer, rng, duration * 1.2, target=str(target), op="export", size=EXPORT_SIZE, tag="N"
        )
        if not target.exists():
            assert i % 5 == 4, "an earlier export disappeared"
            seen["absent"] += 1
            continue
        data = target.read_bytes()
        assert data in (old, new), f"round {i}: a partial export ({len(data)} bytes)"
        seen["new" if data == new else "old"] += 1
    # On a busy machine every random kill may land before the rename; then kill later
    # (still mid-run or just after it) until the new file has been seen to win at least once.
    extra = 0
    while not seen["new"] and extra < 10:
        extra += 1
        target.write_bytes(old)
        limit = duration * (1.5 + extra)
        _kill_at_random(
            writer, rng, limit, target=str(target), op="export", size=EXPORT_SIZE, tag="N"
        )
        data = target.read_bytes()
        assert data in (old, new), f"extra round {extra}: a partial export ({len(data)} bytes)"
        seen["new" if data == new else "old"] += 1
    FIGURES["kills survived (during an export)"] += ROUNDS + 1 + extra
    assert seen["old"] and seen["new"], seen


@pytest.fixture(scope="module")
def big_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from claimtrack.services import Services
    from claimtrack.store import open_store

    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    store = open_store(path)
    services = Services(store, "Setup")
    for n in range(4):
        text = f"Paragraf {n}: juru bicara pelabuhan berkata dermaga aman. " * 80_000
        article = services.articles.create(f"Laporan {n}", text).id
        services.claims.create(article, "dermaga aman", notes="periksa " * 1000)
    store.close()
    return path


def _backup_state(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT count(*) FROM article").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_killing_a_backup_leaves_the_old_backup_or_a_verified_new_one(
    writer: Writer, big_database: Path, tmp_path: Path
) -> None:
    from claimtrack.services import Services
    from claimtrack.store import open_store
    from claimtrack.store.backup import copy_database

    small = tmp_path / "small.sqlite"
    store = open_store(small)
    Services(store, "Setup").articles.create("Satu", "Satu artikel saja.")
    store.close()
    target = tmp_path / "big.backup-20260310-120000-manual.sqlite"
    duration = _timed(writer, db=str(big_database), target=str(target), op="backup")
    assert _backup_state(target) == 4
    rng = random.Random(11)
    seen = {"old": 0, "new": 0}
    for i in range(ROUNDS):
        copy_database(small, target)  # the earlier backup, of one article
        _kill_at_random(
            writer, rng, duration * 1.1, db=str(big_database), target=str(target), op="backup"
        )
        articles = _backup_state(target)  # never damaged, never half
        assert articles in (1, 4), f"round {i}: {articles}"
        seen["new" if articles == 4 else "old"] += 1
    extra = 0  # as above: make sure the new backup has been seen to win at least once
    while not seen["new"] and extra < 10:
        extra += 1
        copy_database(small, target)
        _kill_at_random(
            writer,
            rng,
            duration * (1.5 + extra),
            db=str(big_database),
            target=str(target),
            op="backup",
        )
        articles = _backup_state(target)
        assert articles in (1, 4), f"extra round {extra}: {articles}"
        seen["new" if articles == 4 else "old"] += 1
    FIGURES["kills survived (during a backup)"] += ROUNDS + 1 + extra
    assert seen["old"] and seen["new"], seen
    # A later backup cleans up what a killed one left behind, once it is an hour old.
    assert _backup_state(big_database) == 4
