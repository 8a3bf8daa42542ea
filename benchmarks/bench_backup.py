"""Benchmark: peak memory of ``claimtrack backup`` at 10k and 100k claims (issue 15 §3).

Generates two databases with ``claimtrack generate``, then runs ``claimtrack backup -o``
as a real subprocess on each and reads that child's own peak RSS (``os.wait4``). The floor,
measured in the same run, is the peak of a child that only starts the CLI (``--help``):
what any command costs before it does anything. Targets: peak(100k) ≤ 1.3 × peak(10k), and
under 200 MB.

Then the app's side: the real window (offscreen, benchmarks/open_driver.py) opens the
100k-claim file twice, each time waiting for every background task. The first open takes
the daily backup (none exists yet); the second finds it fresh. Target: the first open's
peak within 30 MB of the second's (it was 874 MB against 165 MB on a 246 MB file when the
backup was taken in memory). Exits 1 when a target is missed.

    .venv/bin/python benchmarks/bench_backup.py [--small 10000] [--big 100000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1024 * 1024


def peak_rss(cmd: list[str]) -> tuple[int, float, int]:
    """Run ``cmd``; return (its exit status, seconds, its peak RSS in bytes)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 and child.stderr is not None:
        sys.stderr.write(child.stderr.read().decode(errors="replace"))
    if child.stderr is not None:
        child.stderr.close()
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return child.returncode, time.perf_counter() - start, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "claimtrack"]
    failed = False
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        folder = Path(tmp)
        status, _, floor = peak_rss([*cli, "--help"])
        print(f"floor (CLI start only): {floor / MB:7.1f} MB")
        peaks: dict[int, int] = {}
        for claims in (args.small, args.big):
            db = folder / f"c{claims}.sqlite"
            made = subprocess.run(
                [*cli, "generate", "--db", str(db), "--claims", str(claims),
                 "--articles", str(max(claims // 10, 1))],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if made.returncode != 0:
                print(f"generate {claims} failed: {made.stderr.strip()}", file=sys.stderr)
                return 1
            out = folder / f"c{claims}.backup.sqlite"
            status, secs, rss = peak_rss([*cli, "backup", "--db", str(db), "-o", str(out)])
            if status != 0:
                print(f"backup of {claims} claims failed (status {status})", file=sys.stderr)
                return 1
            peaks[claims] = rss
            size = db.stat().st_size / MB
            print(
                f"backup {claims:>7} claims ({size:6.1f} MB file): peak {rss / MB:7.1f} MB, "
                f"{secs:5.1f} s"
            )
        failed = _first_open(folder / f"c{args.big}.sqlite") or failed
        ratio = peaks[args.big] / peaks[args.small]
        print(f"peak ratio {args.big}/{args.small}: {ratio:.2f} (target ≤ 1.30)")
        if ratio > 1.3:
            print("FAIL: backup memory grows with the file", file=sys.stderr)
            failed = True
        if peaks[args.big] >= 200 * MB:
            print("FAIL: backup peak at or over 200 MB", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def _first_open(db: Path) -> bool:
    """Peak memory of the window's first and second open of ``db``; True when it failed."""
    from claimtrack.store.backup import list_backups

    driver = [sys.executable, str(Path(__file__).with_name("open_driver.py")), str(db)]
    env_keys = {"CLAIMTRACK_CONFIG_DIR": str(db.parent / "config"), "QT_QPA_PLATFORM": "offscreen"}
    os.environ.update(env_keys)
    before = len(list_backups(db, counts=False))
    peaks = []
    for label in ("first", "second"):
        status, secs, rss = peak_rss(driver)
        if status != 0:
            print(f"{label} open failed (status {status})", file=sys.stderr)
            return True
        taken = len(list_backups(db, counts=False)) - before
        before += taken
        print(
            f"window {label} open of {db.name}: peak {rss / MB:7.1f} MB, {secs:5.1f} s "
            f"({'took the daily backup' if taken else 'no backup due'})"
        )
        peaks.append((rss, taken))
    (first, took_first), (second, took_second) = peaks
    print(f"first open - later open: {(first - second) / MB:+.1f} MB (target ≤ 30 MB)")
    if not took_first or took_second:
        print("FAIL: the first open should take the daily backup, the second not", file=sys.stderr)
        return True
    if first - second > 30 * MB:
        print("FAIL: the first open costs more than 30 MB over a later one", file=sys.stderr)
        return True
    return False


if __name__ == "__main__":
    raise SystemExit(main())
