"""A date no calendar holds (30 February, month 13, plain words), written into the file by
another tool: the database still opens, lists, shows and exports; each such value reads as
the nearest real one; ``claimtrack check`` names them; an edit keeps the stored text of the
fields it does not touch."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from claimtrack.cli import main
from claimtrack.domain import ClaimFilter
from claimtrack.services import Services
from claimtrack.store import open_store
from claimtrack.store.moments import is_real_moment
from tests.fault.conftest import FIGURES

BAD = {
    ("claim", "created_at"): "2025-02-30 10:00:00.000000",
    ("claim", "updated_at"): "last Tuesday",
    ("article", "published"): "2025-13-45",
    ("article", "created_at"): "2025-04-31 25:61:00",
    ("reply_request", "asked_at"): "2025-06-31 09:00:00",
}


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, int, int]:
    from claimtrack.services.sample import load_sample

    db = tmp_path / "desk.sqlite"
    store = open_store(db)
    services = Services(store, "Ayu")
    load_sample(services)
    store.close()
    conn = sqlite3.connect(db)
    claim_id = conn.execute("SELECT min(claim_id) FROM reply_request").fetchone()[0]
    article_id = conn.execute("SELECT article_id FROM claim WHERE id=?", (claim_id,)).fetchone()[0]
    ids = {"claim": claim_id, "article": article_id}
    for (table, column), text in BAD.items():
        where = "claim_id" if table == "reply_request" else "id"
        key = claim_id if table == "reply_request" else ids[table]
        conn.execute(f"UPDATE {table} SET {column}=? WHERE {where}=?", (text, key))
    conn.commit()
    conn.close()
    return db, claim_id, article_id


def test_a_database_holding_impossible_dates_opens_lists_and_shows(damaged) -> None:
    db, claim_id, article_id = damaged
    store = open_store(db)
    services = Services(store, "Ayu")
    try:
        ids = services.claims.query_ids(ClaimFilter())
        assert claim_id in ids
        records = services.claims.get_many(ids)
        record = records[claim_id] if isinstance(records, dict) else services.claims.get(claim_id)
        assert record.created_at.replace(tzinfo=None) == datetime(2025, 2, 28, 10)
        assert record.updated_at.replace(tzinfo=None) == datetime(1970, 1, 1)
        assert services.claims.get(claim_id).text == record.text
        article = services.articles.get(article_id)
        assert article.published == date(2025, 12, 31)
    finally:
        store.close()
    FIGURES["hostile inputs (impossible dates in a database)"] += len(BAD)


def test_every_export_reads_past_impossible_dates(qapp, damaged, tmp_path: Path, capsys) -> None:
    # qapp: the PDF writer would otherwise make a bare QGuiApplication in this process,
    # and the widget tests after this one need a QApplication.
    db = damaged[0]
    formats = ("html", "md", "csv", "xlsx", "docx", "pdf", "claimreview")
    for fmt in formats:
        suffix = "json" if fmt == "claimreview" else fmt
        out = tmp_path / f"report.{suffix}"
        assert main(["export", "--db", str(db), "--format", fmt, "-o", str(out)]) == 0, fmt
        assert out.stat().st_size > 0
    text = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    conn = sqlite3.connect(db)
    claims = conn.execute("SELECT count(*) FROM claim").fetchone()[0]
    conn.close()
    assert len(rows) == claims  # every claim listed, the damaged one too
    damaged_row = next(row for row in rows if row["ID"] == str(damaged[1]))
    assert damaged_row["Updated"].startswith("1970-01-01")  # 'last Tuesday' has no date
    assert "Traceback" not in capsys.readouterr().err


def test_check_names_each_impossible_date_and_an_edit_keeps_the_others(damaged, capsys) -> None:
    db, claim_id, _ = damaged
    assert main(["--db", str(db), "check"]) == 0
    out = capsys.readouterr().out
    assert f"Dates: {len(BAD)} value(s) are no real date" in out
    assert f"claim {claim_id} created_at holds '2025-02-30 10:00:00.000000'" in out
    assert "read as 2025-02-28 10:00:00" in out

    store = open_store(db)
    Services(store, "Ayu").claims.update(claim_id, paraphrase="checked again")
    store.close()
    conn = sqlite3.connect(db)
    created, updated = conn.execute(
        "SELECT created_at, updated_at FROM claim WHERE id=?", (claim_id,)
    ).fetchone()
    conn.close()
    assert created == BAD[("claim", "created_at")]  # not touched by the edit: kept as it was
    assert updated != BAD[("claim", "updated_at")]  # the edit wrote a real moment
    assert is_real_moment(updated)
