"""Team-mode benchmark: N editor processes editing shared claims on one PostgreSQL server.

Each editor (its own process and connections) loops: read a random claim, append a unique
token to its notes with ``expected_version``, and on a conflict reload and try again. A
listener (LISTEN/NOTIFY, as the app runs it) in this process notes when each change
becomes visible to the others. Printed: sustained saves per second, p50/p95 latency of a
save and of "visible to the others", conflicts, and lost updates (tokens missing from the
final notes; must be 0). The floor is one editor alone, measured in the same run.

    .venv/bin/python benchmarks/team_bench.py --editors 20 --seconds 60
"""

from __future__ import annotations

import argparse
import bisect
import multiprocessing
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimtrack.domain import ConflictError  # noqa: E402
from claimtrack.services import Services  # noqa: E402
from claimtrack.store import open_store  # noqa: E402
from claimtrack.store.live import CONNECTED, LiveListener, wait_for  # noqa: E402


def editor(url: str, name: str, claims: list[int], seconds: float, start: float, queue) -> None:
    rng = random.Random(name)
    services = Services(open_store(url), name)
    saves: list[tuple[int, float, float]] = []  # claim, commit time, save latency
    tokens: list[str] = []
    conflicts = 0
    while time.time() < start:
        time.sleep(0.001)
    n = 0
    while time.time() < start + seconds:
        claim = rng.choice(claims)
        began = time.time()
        record = services.claims.get(claim)
        while True:
            token = f"{name}.{n};"
            try:
                services.claims.update(
                    claim, expected_version=record.version, notes=record.notes + token
                )
                break
            except ConflictError:
                conflicts += 1
                record = services.claims.get(claim)
        done = time.time()
        saves.append((claim, done, done - began))
        tokens.append(token[:-1])
        n += 1
    services.store.close()
    queue.put((name, saves, tokens, conflicts))


def run(url: str, editors: int, seconds: float, claims: list[int]) -> dict[str, float]:
    arrivals: dict[int, list[float]] = {}

    def seen(change) -> None:
        now = time.time()
        for claim in change.changes.updated.get("claim", ()):
            arrivals.setdefault(claim, []).append(now)

    listener = LiveListener(url, on_change=seen)
    listener.start()
    wait_for(lambda: listener.state == CONNECTED, 10)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    start = time.time() + 3.0  # let every process import and connect first
    procs = [
        ctx.Process(target=editor, args=(url, f"e{i}", claims, seconds, start, queue))
        for i in range(editors)
    ]
    for p in procs:
        p.start()
    results = [queue.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(30)
    time.sleep(0.5)
    listener.stop()
    saves = [s for _, ss, _, _ in results for s in ss]
    tokens = [t for _, _, ts, _ in results for t in ts]
    conflicts = sum(c for *_, c in results)
    visible: list[float] = []
    for claim, committed, _ in saves:
        times = sorted(arrivals.get(claim, []))
        i = bisect.bisect_left(times, committed - 0.05)
        visible.append(max(0.0, times[i] - committed) if i < len(times) else float("inf"))
    services = Services(open_store(url), "checker")
    present: set[str] = set()
    for record in services.claims.get_many(claims):
        present.update(t for t in record.notes.split(";") if t)
    services.store.close()
    lost = len(set(tokens) - present)
    latency = sorted(s[2] for s in saves)

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    visible.sort()
    return {
        "saves/s": len(saves) / seconds,
        "save p50 ms": statistics.median(latency) * 1000 if latency else float("nan"),
        "save p95 ms": pct(latency, 0.95) * 1000,
        "visible p50 ms": pct(visible, 0.5) * 1000,
        "visible p95 ms": pct(visible, 0.95) * 1000,
        "conflicts": float(conflicts),
        "lost updates": float(lost),
        "saves": float(len(saves)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--claims", type=int, default=200, help="claims being edited")
    args = parser.parse_args()

    from tests.pg import find_bin_dir, prepare_template, start_server

    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("PostgreSQL is not installed (run scripts/system-deps.sh)", file=sys.stderr)
        return 1
    server = start_server(bin_dir)
    try:
        prepare_template(server)
        rows = []
        for label, n, seconds in (
            ("floor: 1 editor", 1, min(10.0, args.seconds)),
            (f"{args.editors} editors", args.editors, args.seconds),
        ):
            url = server.url(server.new_database())
            seed = Services(open_store(url), "seed")
            article = seed.articles.create("Bench", "Benchmark story.").id
            claims = [seed.claims.create(article, f"claim {i}").id for i in range(args.claims)]
            seed.store.close()
            rows.append((label, run(url, n, seconds, claims)))
    finally:
        server.stop()
    keys = list(rows[0][1])
    print(f"{'':<18}" + "".join(f"{k:>16}" for k in keys))
    for label, row in rows:
        print(f"{label:<18}" + "".join(f"{row[k]:>16.1f}" for k in keys))
    many = rows[1][1]
    print(
        f"\nthroughput vs one editor alone: {many['saves/s'] / rows[0][1]['saves/s']:.2f}x; "
        f"visible p95 {many['visible p95 ms']:.0f} ms (target <= 1000); "
        f"lost updates {many['lost updates']:.0f} (must be 0)"
    )
    return 0 if many["lost updates"] == 0 and many["visible p95 ms"] <= 1000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
