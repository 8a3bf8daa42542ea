"""Benchmark: peak memory of ``claimtrack backup`` at 10k and 100k claims (issue 15 §3).

Generates two databases with ``claimtrack generate``, then runs ``claimtrack backup -o``
as a real subprocess on each and reads that child's own peak RSS (``os.wait4``). The floor,
measured in the same run, is the peak of a child that only starts the CLI (``--help``):
what any command costs before it does anything. Targets: peak(100k) ≤ 1.3 × peak(10k), and
under 200 MB. Exits 1 when a target is missed.

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
        ratio = peaks[args.big] / peaks[args.small]
        print(f"peak ratio {args.big}/{args.small}: {ratio:.2f} (target ≤ 1.30)")
        if ratio > 1.3:
            print("FAIL: backup memory grows with the file", file=sys.stderr)
            failed = True
        if peaks[args.big] >= 200 * MB:
            print("FAIL: backup peak at or over 200 MB", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
