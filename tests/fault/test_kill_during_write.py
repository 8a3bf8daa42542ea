"""RELIABILITY 1: SIGKILL in the middle of a large write, again and again, at random points.

Each round starts from the same database (one article with 500 claims), forks a child
that runs one real service call in one transaction — importing a second 500-claim
article, a bulk edit of all 500 claims, or deleting the article with its claims — and
kills it at a random moment of that write. The database must then pass
``integrity_check`` and ``foreign_key_check``, keep its search index in step, and hold
exactly the state before the write or exactly the state after it: every table's row
count and the claims' contents match one of the two, never a mix.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.fault.conftest import FIGURES, Writer
from tests.fault.writer import CLAIMS, article_with_claims

OPS = ("import", "bulk", "delete")
ROUNDS_PER_OP = 34  # 102 random kills, plus 3 calibration kills after the commit


def signature(path: Path) -> tuple[object, ...]:
    """Checks the file and returns what the all-or-nothing comparison looks at."""
    conn = sqlite3.connect(path)  # read-write, so SQLite recovers the WAL as an app would
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO claim_fts(claim_fts) VALUES ('integrity-check')")
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'claim_fts_%' ORDER BY name"
            )
        ]
        counts = tuple(
            (t, conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables
        )
        claims = conn.execute(
            "SELECT count(*), total(version), group_concat(DISTINCT status_id), "
            "group_concat(DISTINCT assignee), total(length(text)) FROM claim"
        ).fetchone()
        fts = conn.execute("SELECT count(*) FROM claim_fts").fetchone()[0]
        assert fts == claims[0], "search index out of step with the claims"
        return (counts, tuple(claims))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from claimtrack.services import Services
    from claimtrack.services.intake import IntakeService
    from claimtrack.store import open_store

    path = tmp_path_factory.mktemp("kill") / "baseline.sqlite"
    store = open_store(path)
    loaded, proposals = article_with_claims(CLAIMS, tag="A")
    IntakeService(Services(store, "Setup")).import_article(loaded, proposals)
    store.close()
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _round(writer: Writer, baseline: Path, work: Path, op: str, delay: float | None) -> bool:
    """One round; ``delay`` None waits for the commit before killing. True if committed."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    shutil.copy(baseline, work)
    pid = writer.start(db=str(work), op=op, tag="B")
    if delay is None:
        while writer.readline() != f"done {pid}":
            pass
    else:
        time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    return writer.finish(pid) or delay is None


@pytest.mark.slow
def test_a_hundred_kills_mid_write_leave_all_or_nothing(
    writer: Writer, baseline: Path, tmp_path: Path
) -> None:
    work = tmp_path / "round.sqlite"
    before = signature(baseline)
    after: dict[str, tuple[object, ...]] = {}
    duration: dict[str, float] = {}
    for op in OPS:  # calibration: the state after a complete write, and how long it takes
        start = time.monotonic()
        assert _round(writer, baseline, work, op, None)
        duration[op] = time.monotonic() - start
        after[op] = signature(work)
        assert after[op] != before
    rng = random.Random(20260310)
    outcomes = {"none": 0, "all": 0}
    kills = 3
    for i in range(ROUNDS_PER_OP * len(OPS)):
        op = OPS[i % len(OPS)]
        reported_commit = _round(writer, baseline, work, op, rng.uniform(0, duration[op] * 1.1))
        kills += 1
        state = signature(work)
        assert state in (before, after[op]), f"round {i} ({op}): a partial write survived"
        if reported_commit:
            assert state == after[op], f"round {i} ({op}): a reported commit was lost"
        outcomes["all" if state == after[op] else "none"] += 1
    FIGURES["kills survived (SIGKILL mid-write, integrity ok, all-or-nothing)"] += kills
    FIGURES["kills before the commit (database as before)"] += outcomes["none"]
    FIGURES["kills after the commit (database holds all 500)"] += outcomes["all"] + 3
    FIGURES["data lost"] += 0
    # Counts that mean something: kills landed both before and after the commit.
    assert kills >= 100
    assert outcomes["none"] >= 15 and outcomes["all"] >= 15, outcomes
