"""Benchmark: 10,000 claims to every format, 100,000 claims to CSV.

Builds its own synthetic database (one transaction of bulk inserts through the store's
tables), then times each format the way users get it, and prints a table with the
targets of issue 5: CSV and XLSX through ``export_table`` (what ``claimtrack export`` and
the export dialog run: the rows read straight from the database), the other formats as
building the report plus writing it. The floor is the same run's cost of fetching the
rows with plain SQL and writing them with a bare ``csv.writer``: what no exporter can beat.
CSV, XLSX and the floors are run ``--repeat`` times; the table shows the median and best.

    .venv/bin/python benchmarks/bench_export.py [--claims 10000] [--big 100000] [--repeat 3]
        [--formats csv,xlsx] [--databases DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert, select

from claimtrack.export import (
    TABULAR,
    ReportOptions,
    Scope,
    build_report,
    export_report,
    export_table,
)
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
ALL_FORMATS = ("html", "csv", "xlsx", "pdf", "md", "docx", "claimreview")
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


def repeated(fn: Callable[[], object], times: int) -> tuple[float, float]:
    """Median and best of ``times`` runs (the machine is shared: one run can be unlucky)."""
    runs = [timed(fn)[0] for _ in range(max(1, times))]
    return statistics.median(runs), min(runs)


def database(folder: Path, claims: int) -> Services:
    """The synthetic database of ``claims`` claims in ``folder``, made once and reused."""
    path = folder / f"bench-{claims}.sqlite"
    if path.exists():
        print(f"reusing {path}", flush=True)
        return Services(open_store(path), "bench")
    made, services = timed(lambda: make_database(path, claims))
    print(f"synthetic database of {claims:,} claims written in {made:.2f} s", flush=True)
    return services


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000, help="claims of the big CSV; 0: skip")
    parser.add_argument("--repeat", type=int, default=3, help="runs of CSV, XLSX and the floors")
    parser.add_argument(
        "--formats",
        default=",".join(ALL_FORMATS),
        help=f"comma-separated subset of {','.join(ALL_FORMATS)}",
    )
    parser.add_argument(
        "--databases", type=Path, help="keep the synthetic databases here and reuse them"
    )
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    unknown = set(formats) - set(ALL_FORMATS)
    if unknown:
        parser.error(f"unknown format(s): {', '.join(sorted(unknown))}")

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    dbs = args.databases or folder
    dbs.mkdir(parents=True, exist_ok=True)
    out = args.keep or folder
    out.mkdir(parents=True, exist_ok=True)
    n, big_n = f"{args.claims:,}", f"{args.big:,}"
    lines: list[tuple[str, float, float | None, float | None]] = []  # name, median, best, target

    services = database(dbs, args.claims)
    floor, floor_best = repeated(lambda: floor_seconds(services, out / "floor.csv"), args.repeat)
    lines.append((f"floor: SQL rows → csv.writer ({n})", floor, floor_best, None))
    report = None
    build = 0.0
    if set(formats) - set(TABULAR) or "csv" in formats:
        build, report = timed(lambda: build_report(services, Scope(), ReportOptions()))
        lines.append((f"build the report ({n} claims)", build, None, None))
    for fmt in formats:
        path = out / f"report.{fmt}"
        if fmt in TABULAR:
            median, best = repeated(
                lambda fmt=fmt, path=path: export_table(
                    services, Scope(), ReportOptions(), fmt, path
                ),
                args.repeat,
            )
            lines.append((f"{fmt} ({n}): export_table", median, best, TARGETS.get(fmt)))
        else:
            write, _ = timed(lambda fmt=fmt, path=path: export_report(report, fmt, path))
            lines.append((f"{fmt} ({n}): build + write", build + write, None, TARGETS.get(fmt)))
    if "csv" in formats and report is not None:
        write, _ = timed(lambda: export_report(report, "csv", out / "via-report.csv"))
        lines.append((f"csv ({n}): build + write (the former path)", build + write, None, None))
    services.store.close()

    if args.big:
        big = database(dbs, args.big)
        big_floor, big_floor_best = repeated(
            lambda: floor_seconds(big, out / "floor-big.csv"), args.repeat
        )
        median, best = repeated(
            lambda: export_table(big, Scope(), ReportOptions(), "csv", out / "report-big.csv"),
            args.repeat,
        )
        big.store.close()
        lines.append((f"floor: SQL rows → csv.writer ({big_n})", big_floor, big_floor_best, None))
        lines.append((f"csv ({big_n}): export_table", median, best, BIG_TARGET))

    width = max(len(name) for name, *_rest in lines)
    print()
    header = f"{'what'.ljust(width)}  {'seconds':>8}  {'best':>6}  {'target':>7}  {'× floor':>8}"
    print(header + "  verdict")
    failed = False
    for name, seconds, best, target in lines:
        base = big_floor if args.big and f"({big_n}" in name else floor
        ratio = f"{seconds / base:8.1f}" if base > 0 else "       -"
        verdict = ""
        if target is not None:
            ok = seconds <= target
            failed |= not ok
            verdict = "ok" if ok else "SLOWER THAN TARGET"
        shown_best = f"{best:6.2f}" if best is not None else "     -"
        shown_target = f"{target:7.1f}" if target is not None else "      -"
        print(
            f"{name.ljust(width)}  {seconds:8.2f}  {shown_best}  {shown_target}  {ratio}  {verdict}"
        )
    sizes = {p.name: p.stat().st_size for p in sorted(out.glob("report.*"))}
    print("\nfile sizes: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()))
    del app
    print(
        f"(seconds: median of {args.repeat} runs for CSV, XLSX and floors, else one run; "
        "other formats include the report build; the machine's load shows in the floor)"
    )
    shutil.rmtree(folder, ignore_errors=True)  # outputs asked for are in --keep
    return 1 if failed else 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # PySide6 6.12 can abort while collecting Qt objects at interpreter exit
    # ("none_dealloc"); everything is written by now, so leave without that teardown.
    os._exit(code)
