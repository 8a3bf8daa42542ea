"""``python -m claimtrack.extract FILE``: print the proposed claims as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import detect_language, extract_claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m claimtrack.extract",
        description="Propose attributed claims in a news article (one JSON object per line).",
    )
    parser.add_argument("file", help="plain-text article, UTF-8; '-' reads standard input")
    parser.add_argument("--language", choices=("id", "en"), default=None)
    args = parser.parse_args(argv)
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            print(f"cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    language = args.language or detect_language(text)
    for claim in extract_claims(text, language):
        record = claim.to_json(text)
        print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
