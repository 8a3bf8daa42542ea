"""``claimtrack export``: write a report of a selection of claims in one format."""

from __future__ import annotations

import argparse
import sys

HELP = "export a report of the claims (HTML, PDF, Markdown, DOCX, CSV, XLSX, ClaimReview)"

_FORMATS = ("html", "pdf", "md", "docx", "csv", "xlsx", "claimreview")
_LANGUAGES = ("en", "id")  # claimtrack.export.texts.LANGUAGES, without importing it here


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", required=True, choices=_FORMATS, help="output format")
    parser.add_argument("-o", "--output", required=True, metavar="PATH", help="file to write")
    parser.add_argument("--status", action="append", default=[], help="status key (repeatable)")
    parser.add_argument("--verdict", action="append", default=[], help="verdict key (repeatable)")
    parser.add_argument("--article", type=int, metavar="ID", help="only this article's claims")
    parser.add_argument("--search", default="", metavar="TEXT", help="full-text search")
    parser.add_argument("--paper", choices=["a4", "letter"], default="a4", help="PDF paper size")
    parser.add_argument(
        "--no-redact", action="store_true", help="name protected sources (redacted by default)"
    )
    parser.add_argument(
        "--organisation", default=None, metavar="NAME", help="author of ClaimReview verdicts"
    )
    parser.add_argument(
        "--review-url",
        default="",
        metavar="URL",
        help="where the fact checks are published (ClaimReview url; {id} is the claim id)",
    )
    parser.add_argument(
        "--language",
        choices=_LANGUAGES,
        default=None,
        help="language of the report's fixed words: en (English) or id (Bahasa Indonesia); "
        "default: the interface language set in Preferences, else en",
    )
    parser.add_argument("--title", default="", help="report title")
    parser.add_argument("--methodology", default="", metavar="TEXT", help="methodology note")
    parser.add_argument("--history", action="store_true", help="add the History appendix")
    parser.add_argument(
        "--raw",
        action="store_true",
        help="CSV: write cells exactly as stored (not spreadsheet-safe)",
    )


def _preference(section: str, key: str) -> str:
    """One value of the app's preferences (the QSettings INI file), read without Qt."""
    import configparser

    from claimtrack import paths

    ini = paths.config_dir() / "claimtrack.ini"
    parser = configparser.RawConfigParser()
    try:
        parser.read(ini, encoding="utf-8")
        return parser.get(section, key, fallback="").strip().strip('"')
    except (configparser.Error, OSError, UnicodeDecodeError):
        return ""


def _organisation(given: str | None) -> str:
    """--organisation, else the one set in the app's preferences."""
    if given is not None:
        return given
    return _preference("export", "organisation")


def _language(given: str | None) -> str:
    """--language, else the interface language chosen in Preferences, else English.

    An interface that follows the system locale ("" in the settings) gives English: a
    report's language is a choice an editor makes, not a guess from the environment.
    """
    if given is not None:
        return given
    chosen = _preference("ui", "language").lower()
    return chosen if chosen in _LANGUAGES else "en"


def run(args: argparse.Namespace) -> int:
    from claimtrack.cli import _check_keys, _services
    from claimtrack.domain import ClaimFilter
    from claimtrack.export import (
        TABULAR,
        ReportOptions,
        Scope,
        build_report,
        export_report,
        export_table,
    )
    from claimtrack.identity import editor_name

    services = _services(args)
    try:
        _check_keys("status", args.status, [s.key for s in services.catalog.statuses()])
        _check_keys("verdict", args.verdict, [r.key for r in services.catalog.ratings()])
        flt = ClaimFilter(
            statuses=tuple(args.status),
            verdicts=tuple(args.verdict),
            article_id=args.article,
            search=args.search,
        )
        scope = Scope(claim_filter=flt)
        if args.article is not None and not (args.status or args.verdict or args.search):
            scope = Scope(article_id=args.article)
        options = ReportOptions(
            title=args.title,
            methodology=args.methodology,
            include_history=args.history,
            redact=not args.no_redact,
            organisation=_organisation(args.organisation),
            review_url=args.review_url,
            generated_by=editor_name(),
            language=_language(args.language),
        )
        if args.format in TABULAR:
            # The table's cells straight from the database: no Report to build.
            path, count = export_table(
                services, scope, options, args.format, args.output, csv_raw=args.raw
            )
            print(f"Exported {count} claim(s) to {path}.", file=sys.stderr)
            return 0
        report = build_report(services, scope, options)
    finally:
        services.store.close()
    if args.format == "claimreview":
        from claimtrack.export.claimreview import check_claimreview

        for problem in check_claimreview(report):
            print(f"claimtrack: warning: {problem.message}", file=sys.stderr)
    app = None
    if args.format in ("pdf", "docx"):  # Qt lays out the PDF and paints the chart picture
        from claimtrack.pdf import ensure_gui_app

        app = ensure_gui_app()
    try:
        path = export_report(report, args.format, args.output, paper=args.paper, csv_raw=args.raw)
    finally:
        del app
    if args.format == "claimreview":
        from claimtrack.export.claimreview import written_and_left_out

        written, left_out = written_and_left_out(report)
        tail = f"; {left_out} without a verdict were left out" if left_out else ""
        print(f"Exported {written} claim(s) to {path}{tail}.", file=sys.stderr)
        return 0
    print(f"Exported {len(report.claims)} claim(s) to {path}.", file=sys.stderr)
    return 0
