"""Extraction speed in words per second, on one core, against its targets.

Texts: the test stories in our own words (tests/unit/extract_stories), which are denser in
attributions than ordinary news (nearly every sentence carries one), so the figures are a
lower bound; and two large generated inputs (benchmarks/extract_texts.py): ~140,000 words of
Indonesian and English news paragraphs, and ~1,000,000 characters of one short sentence a line
(the shape of issue 15's 4.8 MB file, cut at the intake's 1,000,000-character cap).  Targets:
200,000 words/s on articles, 100,000 words/s on the large inputs (issue 15).

The floor is the project's own sentence splitter (claimtrack.extract.sentences) over the same
text, timed in the same run: the extractor splits first and then reads every sentence, so it
cannot be faster than that; "ratio" is the extractor's time over the floor's.

    .venv/bin/python benchmarks/bench_extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

from claimtrack.extract import extract_claims
from claimtrack.extract.sentences import split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_texts import news_text, short_sentences

TARGET = 200_000
TARGET_LARGE = 100_000
STORIES = Path(__file__).resolve().parent.parent / "tests" / "unit" / "extract_stories"


def _bodies() -> list[str]:
    out = []
    for path in sorted(STORIES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        head = text.split("\n", 2)
        out.append(head[2] if len(head) == 3 and head[0].startswith("http") else text)
    return out


def _article(bodies: list[str], words: int, offset: int = 0) -> str:
    """About ``words`` words of whole stories, starting at story ``offset``."""
    parts: list[str] = []
    count = 0
    i = offset
    while count < words:
        body = bodies[i % len(bodies)]
        parts.append(body)
        count += len(body.split())
        i += 1
    return "\n\n".join(parts)


def _best(fn: Callable[[], object], repeat: int) -> float:
    """Best of ``repeat`` runs, each started after a full collection so that garbage left by
    the previous run (or by building the inputs) is not charged to this one."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _run(texts: list[str]) -> int:
    """Extract every text, keeping only a count, as the import path does (results go to the
    database, not into one growing list)."""
    return sum(len(extract_claims(t)) for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    bodies = _bodies()
    one = _article(bodies, 1000)
    many = [_article(bodies, 1000, offset=i) for i in range(1000)]
    extract_claims(one)  # warm up: imports, compiled patterns
    news = news_text(140_000)
    short = short_sentences(1_000_000)
    rows = []
    for label, texts, rep, target in (
        ("1 article of ~1,000 words", [one], args.repeat * 20, TARGET),
        # a run of this row takes seconds, so it gets fewer repeats than the first (best of
        # max(3, repeat // 2) against best of repeat * 20); on a busy machine that leaves it
        # more exposed to other load, so it reads a little slower per word than the first
        ("1,000 articles of ~1,000 words", many, max(3, args.repeat // 2), TARGET),
        ("news text, ~140,000 words", [news], max(3, args.repeat // 2), TARGET_LARGE),
        ("short sentences, 1,000,000 chars", [short], max(3, args.repeat // 2), TARGET_LARGE),
    ):
        words = sum(len(t.split()) for t in texts)
        took = _best(lambda texts=texts: _run(texts), rep)
        floor = _best(lambda texts=texts: [split_sentences(t) for t in texts], rep)
        rows.append((label, words, words / took, words / floor, target))
    print(
        f"{'workload':34} {'words':>9} {'extract w/s':>13} {'split w/s':>13} {'ratio':>6}"
        f" {'target':>9}  ok"
    )
    for label, words, rate, floor, target in rows:
        ok = "yes" if rate >= target else "NO"
        print(
            f"{label:34} {words:>9,} {rate:>13,.0f} {floor:>13,.0f} {floor / rate:>5.1f}x"
            f" {target:>9,}  {ok}"
        )


if __name__ == "__main__":
    main()
