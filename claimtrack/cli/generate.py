"""``claimtrack generate``: fill a database with realistic synthetic claims."""

from __future__ import annotations

import argparse
import sys
import time

HELP = "add a realistic synthetic set of articles and claims (for benchmarks and trials)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--claims", type=int, required=True, metavar="N")
    parser.add_argument("--articles", type=int, required=True, metavar="M")
    parser.add_argument("--seed", type=int, default=7)


def run(args: argparse.Namespace) -> int:
    from claimtrack.cli import UsageError
    from claimtrack.identity import editor_name
    from claimtrack.services import Services
    from claimtrack.services.generate import generate
    from claimtrack.store import open_store

    if args.claims < 0 or args.articles < 1:
        raise UsageError("--claims must be 0 or more and --articles at least 1")
    services = Services(open_store(args.db, create=True), editor_name())
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,}/{total:,} claims", end="", file=sys.stderr, flush=True)

    try:
        made = generate(
            services, claims=args.claims, articles=args.articles, seed=args.seed, progress=progress
        )
    except BaseException:
        print(file=sys.stderr)  # end the progress line: the error gets a line of its own
        raise
    finally:
        services.store.close()
    seconds = time.perf_counter() - started
    print(
        f"\nAdded {made.articles:,} articles, {made.parties:,} parties and {made.claims:,} claims "
        f"to {services.store.display_name} in {seconds:.1f} s.",
        file=sys.stderr,
    )
    return 0
