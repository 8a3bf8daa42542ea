"""Benchmark: 10,000 claims to every format, 100,000 claims to CSV.

Builds its own synthetic database (one transaction of bulk inserts through the store's
tables), then times building the report and writing each format, and prints a table with
the targets of issue 5. The floor is the same run's cost of fetching the rows with plain
SQL and writing them with a bare ``csv.writer``: what no exporter can beat.

    .venv/bin/python benchmarks/bench_export.py [--claims 10000] [--big 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert, select

from claimtrack.export import ReportOptions, Scope, build_report, export_report
from claimtrack.services import Services
from claimtrack.store import open_store
from claimtrack.store.models import (
    Article,
    Claim,
    ClaimParty,
    Evidence,
    Party,
    Rating,
    ReplyRequest,
    WorkflowStatus,
)

TARGETS = {"html": 1.0, "csv": 0.5, "xlsx": 3.0, "pdf": 10.0}
BIG_TARGET = 5.0
WORDS = (
    "menurut laporan pejabat kementerian mengatakan bahwa pemerintah akan menaikkan anggaran "
    "the minister said officials denied reports that the agency would cut spending by half "
    "sumber yang mengetahui pembicaraan menyebut kesepakatan belum tercapai hingga kini"
).split()


def sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def make_database(path: Path, claims: int, seed: int = 7) -> Services:
    """Everything inserted in one transaction with executemany, not one service call each."""
    rng = random.Random(seed)
    store = open_store(path)
    now = datetime(2025, 12, 1, tzinfo=UTC)
    with store.engine.begin() as conn:
        statuses = [row[0] for row in conn.execute(select(WorkflowStatus.id))]
        ratings = [row[0] for row in conn.execute(select(Rating.id))]
        n_articles = max(1, claims // 50)
        conn.execute(
            insert(Article),
            [
                {
                    "title": f"Story {i}: " + sentence(rng, 4, 9),
                    "outlet": rng.choice(["Warta Contoh", "Harian Uji", "Daily Sample"]),
                    "url": f"https://example.org/story/{i}",
                    "published": date(2025, 1, 1) + timedelta(days=i % 300),
                    "language": rng.choice(["id", "en"]),
                    "text": sentence(rng, 80, 120),
                    "sha256": f"{i:064x}",
                    "created_at": now,
                    "created_by": "bench",
                    "version": 1,
                }
                for i in range(n_articles)
            ],
        )
        article_ids = [row[0] for row in conn.execute(select(Article.id))]
        conn.execute(
            insert(Party),
            [
                {
                    "name": f"Party {i} " + rng.choice(WORDS).capitalize(),
                    "kind": rng.choice(["person", "government", "news_agency", "anonymous"]),
                    "protected": i % 25 == 0,
                    "aliases": f"alias of party {i}" if i % 25 == 0 else "",
                    "version": 1,
                }
                for i in range(400)
            ],
        )
        party_ids = [row[0] for row in conn.execute(select(Party.id))]
        rows = []
        for i in range(claims):
            text = sentence(rng, 8, 30)
            notes = ""
            if i % 3 == 0:
                notes = sentence(rng, 10, 40)
            elif i % 3 == 1:
                notes = f"**Check** {sentence(rng, 5, 15)}\n\n- {sentence(rng, 3, 8)}"
            rows.append(
                {
                    "article_id": rng.choice(article_ids),
                    "text": text,
                    "paraphrase": sentence(rng, 6, 14) if i % 2 else "",
                    "kind": rng.choice(["statement", "statement", "denial", "no_comment"]),
                    "cue": rng.choice(["mengatakan", "said", "menurut", "denied"]),
                    "claimant_id": rng.choice(party_ids),
                    "status_id": rng.choice(statuses),
                    "verdict_id": rng.choice(ratings),
                    "verdict_explanation": sentence(rng, 5, 20) if i % 4 == 0 else "",
                    "notes": notes,
                    "assignee": rng.choice(["", "Rina", "Ayu", "Dimas"]),
                    "created_at": now,
                    "created_by": "bench",
                    "updated_at": now,
                    "updated_by": "bench",
                    "version": 1,
                }
            )
        conn.execute(insert(Claim), rows)
        claim_ids = [row[0] for row in conn.execute(select(Claim.id))]
        conn.execute(
            insert(ClaimParty),
            [
                {"claim_id": cid, "position": p, "party_id": rng.choice(party_ids), "role": "via"}
                for cid in claim_ids
                for p in range(rng.randint(0, 2))
            ],
        )
        conn.execute(
            insert(Evidence),
            [
                {
                    "claim_id": cid,
                    "url": f"https://example.org/doc/{cid}",
                    "type": "official_data",
                    "stance": rng.choice(["supports", "refutes"]),
                    "excerpt": sentence(rng, 5, 15),
                    "accessed": date(2025, 12, 1),
                    "created_at": now,
                    "version": 1,
                }
                for cid in claim_ids[::10]
            ],
        )
        conn.execute(
            insert(ReplyRequest),
            [
                {
                    "claim_id": cid,
                    "party_id": rng.choice(party_ids),
                    "asked_at": now,
                    "channel": "email",
                    "response": "",
                    "version": 1,
                }
                for cid in claim_ids[::20]
            ],
        )
    return Services(store, "bench")


def floor_seconds(services: Services, out: Path) -> float:
    """Plain SQL rows straight into csv.writer: the bare minimum for a CSV of claims."""
    start = time.perf_counter()
    with services.store.engine.connect() as conn:
        rows = conn.execute(select(Claim.id, Claim.text, Claim.paraphrase, Claim.notes)).all()
    with out.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    return time.perf_counter() - start


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    out = args.keep or folder
    out.mkdir(parents=True, exist_ok=True)
    lines: list[tuple[str, float, float | None]] = []

    made, services = timed(lambda: make_database(folder / "bench.sqlite", args.claims))
    print(f"synthetic database of {args.claims:,} claims written in {made:.2f} s", flush=True)
    floor = floor_seconds(services, out / "floor.csv")
    build, report = timed(lambda: build_report(services, Scope(), ReportOptions()))
    lines.append((f"floor: SQL rows → csv.writer ({args.claims:,})", floor, None))
    lines.append((f"build the report ({args.claims:,} claims)", build, None))
    for fmt in ("html", "csv", "xlsx", "pdf", "md", "docx", "claimreview"):
        write, _ = timed(lambda fmt=fmt: export_report(report, fmt, out / f"report.{fmt}"))
        lines.append((f"{fmt} ({args.claims:,}): build + write", build + write, TARGETS.get(fmt)))
    services.store.close()

    made, big = timed(lambda: make_database(folder / "big.sqlite", args.big))
    print(f"synthetic database of {args.big:,} claims written in {made:.2f} s", flush=True)
    big_floor = floor_seconds(big, out / "floor-big.csv")
    total, _ = timed(
        lambda: export_report(
            build_report(big, Scope(), ReportOptions()), "csv", out / "report-big.csv"
        )
    )
    big.store.close()
    lines.append((f"floor: SQL rows → csv.writer ({args.big:,})", big_floor, None))
    lines.append((f"csv ({args.big:,}): build + write", total, BIG_TARGET))

    width = max(len(name) for name, _s, _t in lines)
    print()
    print(f"{'what'.ljust(width)}  {'seconds':>8}  {'target':>7}  {'× floor':>8}  verdict")
    failed = False
    for name, seconds, target in lines:
        base = big_floor if f"{args.big:,}" in name else floor
        ratio = f"{seconds / base:8.1f}" if base > 0 else "       -"
        verdict = ""
        if target is not None:
            ok = seconds <= target
            failed |= not ok
            verdict = "ok" if ok else "SLOWER THAN TARGET"
        shown_target = f"{target:7.1f}" if target is not None else "      -"
        print(f"{name.ljust(width)}  {seconds:8.2f}  {shown_target}  {ratio}  {verdict}")
    sizes = {p.name: p.stat().st_size for p in sorted(out.glob("report.*"))}
    print("\nfile sizes: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()))
    del app
    print("(times include the shared report build; the machine's other load shows in the floor)")
    return 1 if failed else 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # PySide6 6.12 can abort while collecting Qt objects at interpreter exit
    # ("none_dealloc"); everything is written by now, so leave without that teardown.
    os._exit(code)
