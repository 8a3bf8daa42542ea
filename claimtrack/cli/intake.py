"""``claimtrack import FILE``: store an article and its proposals as unreviewed claims."""

from __future__ import annotations

import argparse
import sys

HELP = "import an article file (txt, md, html, docx) and store its proposed claims"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the article file")
    parser.add_argument(
        "--into", type=int, metavar="ID", help="re-import as a new version of article ID"
    )


def run(args: argparse.Namespace) -> int:
    from claimtrack.cli import _services
    from claimtrack.intake import read_article
    from claimtrack.services.intake import IntakeService, propose

    loaded = read_article(args.file)  # read and check before the database is touched
    for warning in loaded.warnings:  # text the reader could not keep: never lost quietly
        print(f"claimtrack: warning: {warning}", file=sys.stderr)
    proposals = propose(loaded)
    services = _services(args, create=True)
    try:
        result = IntakeService(services).import_article(loaded, proposals, into=args.into)
        where = services.store.display_name
    finally:
        services.store.close()
    lang = result.language or "?"
    if result.duplicate:
        print(f"Article {result.article_id} already holds this text; nothing imported.")
    elif result.report is not None:
        moved = len(result.report.by_outcome("moved"))
        changed = len(result.report.by_outcome("changed"))
        vanished = len(result.report.by_outcome("vanished"))
        print(
            f"Re-imported article {result.article_id} ({lang}): {moved} claim(s) moved, "
            f"{changed} changed, {vanished} vanished, {len(result.claim_ids)} new."
        )
    else:
        print(
            f"Imported article {result.article_id}: {len(result.claim_ids)} claims, "
            f"language {lang}."
        )
    print(f"Database: {where}", file=sys.stderr)
    return 0
