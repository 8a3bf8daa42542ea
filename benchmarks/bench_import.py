"""Storing an import: claims per second into a fresh SQLite file, against a floor.

The text is benchmarks/extract_texts.short_sentences (one attributed sentence a line, the
shape of issue 15's large file), cut to a size: extraction runs once, outside the timing,
and what is timed is ``IntakeService.import_article`` — the claims, their chains, parties
and history rows, in the one transaction a user's import is.

The floor is the same number of claim rows written by plain ``sqlite3.executemany`` into a
table of the same columns in a file of its own, timed in the same run: no ORM, no history,
no search index. "ratio" is the import's time over the floor's; the target is a cap-sized
file (1,000,000 characters, ~28,000 claims) stored in under 15 s on one core.

    .venv/bin/python benchmarks/bench_import.py [--chars N]
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from claimtrack.intake import read_article
from claimtrack.services import Services
from claimtrack.services.intake import IntakeService, propose
from claimtrack.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_texts import short_sentences

TARGET_SECONDS_AT_CAP = 15.0
CAP = 1_000_000


def _floor(rows: list[tuple[int, str, int, int, str, str]], folder: Path) -> float:
    con = sqlite3.connect(folder / "floor.sqlite")
    con.execute(
        "CREATE TABLE claim (id INTEGER PRIMARY KEY, article_id INTEGER, text TEXT,"
        " start_offset INTEGER, end_offset INTEGER, kind TEXT, cue TEXT)"
    )
    t0 = time.perf_counter()
    with con:
        con.executemany(
            "INSERT INTO claim (article_id, text, start_offset, end_offset, kind, cue)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def run(chars: int) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "long.txt"
        source.write_text(short_sentences(chars), encoding="utf-8")
        loaded = read_article(source)
        proposals = propose(loaded)
        store = open_store(str(folder / "bench.sqlite"), create=True)
        services = Services(store, "bench")
        gc.collect()
        t0 = time.perf_counter()
        try:
            result = IntakeService(services).import_article(loaded, proposals)
        finally:
            elapsed = time.perf_counter() - t0
            store.close()
        rows = [(1, p.text, p.start, p.end, p.kind, p.cue) for p in proposals]
        floor = _floor(rows, folder)
    n = len(result.claim_ids)
    at_cap = elapsed * CAP / max(chars, 1)
    ok = at_cap <= TARGET_SECONDS_AT_CAP
    print(f"{'input':>24} {'claims':>8} {'seconds':>8} {'claims/s':>9} {'floor s':>8} {'ratio':>6}")
    print(
        f"{f'{len(loaded.text):,} chars':>24} {n:>8,} {elapsed:>8.2f} {n / elapsed:>9,.0f}"
        f" {floor:>8.3f} {elapsed / floor:>6.0f}"
    )
    verdict = "met" if ok else "MISSED"
    print(
        f"projected to a {CAP:,}-character file: {at_cap:.1f} s"
        f" (target {TARGET_SECONDS_AT_CAP:.0f} s, {verdict})"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=300_000, help="size of the input text")
    args = parser.parse_args()
    return 0 if run(args.chars) else 1


if __name__ == "__main__":
    raise SystemExit(main())
