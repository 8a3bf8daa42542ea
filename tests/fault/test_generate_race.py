"""Issue 15: `generate` racing imports picked its ids up front and failed with an
IntegrityError traceback, leaving articles without their claims.

Now the database assigns every id and each article goes in with all its claims. Here a
real `claimtrack generate` runs while this process imports articles into the same file;
and on a real PostgreSQL server a generate leaves the id sequences where new rows need
them (explicit ids left them behind, so the next editor's claim collided).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from claimtrack.domain import DatabaseInUseError
from claimtrack.services import Services
from claimtrack.services.generate import generate
from claimtrack.services.intake import import_file
from claimtrack.store import open_store
from tests.fault.conftest import FIGURES, ROOT

STORY = (
    "The harbour authority said on Monday that the new pier would open in May. "
    '"We are on schedule," the director told reporters.\n'
)


def test_generate_beside_imports_collides_with_nothing(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    Services(open_store(db), "Ayu").store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMTRACK_LOG_DIR": str(tmp_path / "logs")}
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "claimtrack", "generate", "--db", str(db)),
            *("--claims", "30000", "--articles", "300"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    services = Services(open_store(db), "Ayu")
    imported = busy = 0
    try:
        n = 0
        while proc.poll() is None or n < 3:
            n += 1
            story = tmp_path / f"story-{n}.txt"
            story.write_text(f"Pier story {n}\n\n{STORY}", encoding="utf-8")
            try:
                import_file(services, story)
                imported += 1
            except DatabaseInUseError:
                busy += 1  # said clearly; the editor tries again
        _out, err = proc.communicate(timeout=300)
    finally:
        services.store.close()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "IntegrityError" not in err
    assert imported >= 3
    conn = sqlite3.connect(db)
    try:
        total = conn.execute("SELECT count(*) FROM claim").fetchone()[0]
        generated = conn.execute(
            "SELECT count(*) FROM claim JOIN article ON article.id = claim.article_id"
            " WHERE article.created_by = 'generator'"
        ).fetchone()[0]
        empty = conn.execute(
            "SELECT count(*) FROM article WHERE created_by = 'generator'"
            " AND id NOT IN (SELECT article_id FROM claim)"
        ).fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert generated == 30000 and total == generated + imported * 2
    assert empty <= 1  # random placement may leave one article bare; none is half-written
    FIGURES["races (imports beside a running generate)"] += imported + busy


def test_generate_on_a_server_leaves_room_for_the_next_claim(pg_url: str) -> None:
    services = Services(open_store(pg_url), "Ayu")
    try:
        generate(services, claims=500, articles=20, batch=120)
        article = services.articles.list()[0].id
        claim = services.claims.create(article, "a claim typed after the generate")
        party = services.parties.create("Someone new")
        assert claim.id > 500 and party.id > 0
    finally:
        services.store.close()
