"""``claimtrack extract FILE``: print the proposed claims of one article file.

Reads the file the way an import does (size cap, charset, HTML/DOCX/Markdown), so what the
command prints is what the review panel will show.  Works as the scorer's extractor command.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import IO, Any

HELP = "propose the attributed claims of an article file (txt, md, html, docx)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the article file; '-' reads plain text from stdin")
    parser.add_argument("--format", choices=["jsonl", "table"], default="table")
    parser.add_argument(
        "--language", choices=["id", "en"], default=None, help="skip language detection"
    )


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from claimtrack.intake import article_from_text, read_article
    from claimtrack.services.intake import propose

    loaded = article_from_text(sys.stdin.read()) if args.file == "-" else read_article(args.file)
    language = args.language or loaded.language
    claims = propose(replace(loaded, language=language))  # refuses a text beyond the cap
    out = sys.stdout
    if args.format == "jsonl":
        for c in claims:
            record = {
                "claim": c.text,
                "claimant": c.claimant,
                "via": c.via,
                "kind": c.kind,
                "cue": c.cue,
                "sentence": loaded.text[c.sentence_start : c.sentence_end],
                "start": c.start,
                "end": c.end,
                "confidence": round(c.confidence, 3),
                "claimant_full": c.claimant_full,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        _table(claims, language, out)
    return 0


def _table(claims: list[Any], language: str | None, out: IO[str]) -> None:
    width = shutil.get_terminal_size((120, 24)).columns if out.isatty() else 10_000
    header = ("KIND", "CLAIMANT", "VIA", "CUE", "CONF", "CLAIM")
    rows = [
        (
            c.kind,
            c.claimant or "—",
            c.via or "—",
            c.cue,
            f"{c.confidence:.2f}",
            " ".join(c.text.split()),
        )
        for c in claims
    ]
    widths = [min(28, max(len(r[i]) for r in [header, *rows])) for i in range(5)]
    room = max(20, width - sum(widths) - 10)
    for row in [header, *rows]:
        cells = [_fit(v, w).ljust(w) for v, w in zip(row[:5], widths, strict=True)]
        out.write("  ".join([*cells, _fit(row[5], room)]).rstrip() + "\n")
    out.write(f"{len(claims)} proposal(s), language {language or '?'}\n")


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
