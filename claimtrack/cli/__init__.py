"""The command line: the GUI launcher and scriptable commands over the same services.

Every failure a user can cause (bad path, not a database, locked, bad option, full disk)
ends with exit status 2 and one line on stderr; a bug ends with exit 70 and one line naming
the log file that holds its traceback (``main``). No traceback is ever printed.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from claimtrack import __version__
from claimtrack.identity import editor_name

if TYPE_CHECKING:
    import argparse

EXIT_USAGE = 2
EXIT_SOFTWARE = 70  # sysexits.h EX_SOFTWARE: a bug; the report is in the log
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl+C
_PARSER: list[type] = []


def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse's parser exiting with EXIT_USAGE; made on first use (the plain start of
    the window does without argparse, see ``_plain_start``)."""
    if not _PARSER:
        import argparse

        class _Parser(argparse.ArgumentParser):
            def error(self, message: str) -> NoReturn:
                self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")

        _PARSER.append(_Parser)
    return _PARSER[0]


class UsageError(Exception):
    """A bad option value found after parsing (an unknown status, say)."""


# Commands that live beside their feature. Each module offers ``HELP`` (one line),
# ``add_arguments(parser)`` and ``run(args) -> int``; it imports heavy things only in run().
PLUGIN_COMMANDS: dict[str, str] = {
    "export": "claimtrack.cli.export",
    "check": "claimtrack.cli.check",
    "extract": "claimtrack.cli.extract",
    "import": "claimtrack.cli.intake",
    "copy": "claimtrack.cli.copy",
    "generate": "claimtrack.cli.generate",
    "backup": "claimtrack.cli.backup",
    "restore": "claimtrack.cli.restore",
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    import argparse

    parser_class = _parser_class()
    parser = parser_class(
        prog="claimtrack",
        description="Track the attributed claims in news stories. Without a command, "
        "opens the app; `claimtrack FILE` opens that database file in it.",
    )
    parser.add_argument("--version", action="version", version=f"ClaimTrack {__version__}")
    db_help = "database: a file path or a SQLAlchemy URL (default: your ClaimTrack database)"
    parser.add_argument("--db", metavar="URL", help=db_help)
    read_only_help = "open the database read-only"
    parser.add_argument("--read-only", action="store_true", help=read_only_help)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the app offscreen, open the database (a temporary one without --db), "
        "show the claims, print what was shown and exit",
    )
    # `claimtrack FILE` (the file manager's Exec=claimtrack %f) arrives as --open FILE.
    parser.add_argument("--open", dest="open_file", metavar="FILE", help=argparse.SUPPRESS)
    tokens = list(sys.argv[1:] if argv is None else argv)
    helping = any(t in ("-h", "--help") for t in tokens)
    if not helping and not _positionals(tokens):
        # The app's own start (`claimtrack`, `claimtrack --db X`, `claimtrack FILE`): the
        # nine command parsers would cost ~10 ms of the first paint for nothing.
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=db_help)
        sub.add_argument(
            "--read-only", action="store_true", default=argparse.SUPPRESS, help=read_only_help
        )
        return sub

    command("gui", "open the app (the default)")
    command("sample", "add the sample dossier (a story relaying Reuters, with its claims)")
    lister = command("list", "print the claims, filtered")
    lister.add_argument("--status", action="append", default=[], help="status key (repeatable)")
    lister.add_argument("--verdict", action="append", default=[], help="verdict key (repeatable)")
    lister.add_argument(
        "--kind",
        action="append",
        default=[],
        choices=["statement", "denial", "no_comment", "no_response"],
        help="kind of claim (repeatable)",
    )
    lister.add_argument("--search", default="", metavar="TEXT", help="full-text search")
    lister.add_argument("--article", type=int, metavar="ID", help="only this article's claims")
    lister.add_argument("--format", choices=["table", "jsonl"], default="table")
    # A plugin is imported only when it is the command asked for (or for --help), so the
    # GUI's start never pays for the exporters' or the extractor's imports.
    chosen = next((t for t in tokens if t in PLUGIN_COMMANDS), None)
    for name, module in PLUGIN_COMMANDS.items():
        if helping or name == chosen:
            plugin = importlib.import_module(module)
            plugin.add_arguments(command(name, plugin.HELP))
        else:
            command(name, "")
    return parser


def _positionals(tokens: Sequence[str]) -> bool:
    """True when ``tokens`` hold a word that is not an option or an option's value."""
    takes_value = {"--db", "--open"}
    skip = False
    for token in tokens:
        if skip:
            skip = False
        elif token in takes_value:
            skip = True
        elif token == "-" or not token.startswith("-"):
            return True
    return False


def _plain_start(tokens: Sequence[str]) -> tuple[str | None, bool] | None:
    """(database, read-only) when ``tokens`` only open the window (``--db X``, ``--open
    FILE``, ``--read-only``), else None and argparse decides. Skipping argparse there
    keeps ~5 ms off the window's first paint."""
    db: str | None = None
    read_only = False
    seen: set[str] = set()
    rest = list(tokens)
    while rest:
        token = rest.pop(0)
        name, equals, value = token.partition("=")
        if name in seen:
            return None
        seen.add(name)
        if token == "--read-only":
            read_only = True
        elif name in ("--db", "--open"):
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if not value or value.startswith("-"):
                return None
            db = value
        else:
            return None
    if {"--db", "--open"} <= seen:
        return None  # both: argparse says which to give
    return db, read_only


def main(argv: Sequence[str] | None = None) -> int:
    """The program: one guard around everything it runs.

    A known failure (a ClaimTrackError, a bad option value, a full disk, a denied
    permission, a read-only or locked database) is one line on stderr and exit 2; anything
    else is a bug: one line naming the log file that holds its full report, exit 70.
    """
    seen: dict[str, Any] = {}
    try:
        return _run(argv, seen)
    except KeyboardInterrupt:
        print("claimtrack: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        return _failed(exc, seen)


def _failed(exc: Exception, seen: dict[str, Any]) -> int:
    """Say what failed in one line, and where the full report is; the exit status."""
    from claimtrack import logs
    from claimtrack.errors import known_message

    command = seen.get("command") or "claimtrack"
    message = str(exc) if isinstance(exc, UsageError) else known_message(exc, seen.get("db"))
    if message is not None:
        print(f"claimtrack: {message}", file=sys.stderr)
        logs.note(f"{command}: {message}")
        return EXIT_USAGE
    what = f"{command} failed unexpectedly: {logs.summary(exc)}"
    place = logs.where(exc)
    report = logs.write_report(f"{what} ({place})" if place else what, exc)
    if report is not None:
        tail = f"the full report is in {report}"
    else:
        tail = f"the full report could not be written to {logs.log_file()}"
    print(f"claimtrack: {what}{f' at {place}' if place else ''}; {tail}", file=sys.stderr)
    return EXIT_SOFTWARE


def _run(argv: Sequence[str] | None, seen: dict[str, Any]) -> int:
    argv = _file_opens_gui(list(sys.argv[1:] if argv is None else argv))
    plain = _plain_start(argv)
    if plain is not None:
        from claimtrack.app import run_gui

        seen.update(command="gui", db=plain[0])
        _check_file_to_open(plain[0])
        return run_gui(db=plain[0], read_only=plain[1])
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    command = args.command or "gui"
    if args.open_file:
        if args.db is not None:
            parser.error("give the database either as FILE or as --db, not both")
        args.db = args.open_file
    seen.update(command=command, db=args.db)
    if command == "gui":
        from claimtrack.app import run_gui

        if args.self_test:
            from claimtrack.app import self_test

            return self_test(db=args.db, read_only=args.read_only)
        _check_file_to_open(args.db)
        return run_gui(db=args.db, read_only=args.read_only)
    if command == "sample":
        return _sample(args)
    if command == "list":
        return _list(args, sys.stdout)
    if command in PLUGIN_COMMANDS:
        return int(importlib.import_module(PLUGIN_COMMANDS[command]).run(args))
    raise AssertionError(f"unhandled command {command}")


def _check_file_to_open(target: str | None) -> None:
    """Refuse a file that is plainly not a database before Qt starts: one line and exit 2
    (the guard in ``main``) instead of a window with an error and the platform's noise.

    Only what plain I/O can tell: a folder, an empty file, a file that does not start like
    SQLite. A SQLite header with a few damaged bytes still reaches the window, which offers
    to restore it from a backup; a path with no file yet becomes a new database there.
    """
    if target is None or "://" in target:
        return
    from pathlib import Path

    from claimtrack.domain import StoreError
    from claimtrack.store.sqlitefile import looks_like_sqlite

    path = Path(target).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if path.is_file() and not looks_like_sqlite(path):
        raise StoreError(f"{path} is not a ClaimTrack database.")


def _file_opens_gui(tokens: list[str]) -> list[str]:
    """``claimtrack [options] FILE [options]`` means ``claimtrack --open FILE [options]``:
    argparse would otherwise take FILE (a path: it has a dot or a slash) for a command."""
    commands = {"gui", "sample", "list", *PLUGIN_COMMANDS}
    skip = False
    for i, token in enumerate(tokens):
        if skip or token == "--db":
            skip = not skip
            continue
        if token.startswith("-") and token != "-":
            continue
        if token in commands or not any(c in token for c in "./\\"):
            return tokens
        return ["--open", token, *tokens[:i], *tokens[i + 1 :]]
    return tokens


def _services(args: argparse.Namespace, *, create: bool = False) -> Any:
    from claimtrack.services import Services
    from claimtrack.store import open_store

    # Read commands (create False) never make or migrate a database: an empty or foreign
    # file is an error, not a new schema written into it. On a read-only filesystem they
    # open read-only by themselves: there is nothing else they could do there.
    from claimtrack.store.sqlitefile import readonly_location

    readonly = args.read_only or (not create and args.db is not None and readonly_location(args.db))
    store = open_store(
        args.db,
        readonly=readonly,
        create=create or args.db is None,
        upgrade_schema=create or args.db is None,
    )
    return Services(store, editor_name())


def _sample(args: argparse.Namespace) -> int:
    from claimtrack.services.sample import load_sample

    services = _services(args, create=True)
    try:
        changes = load_sample(services)
        where = services.store.display_name
    finally:
        services.store.close()
    if not changes:
        print(f"The sample dossier is already in {where}.", file=sys.stderr)
    else:
        count = len(changes.created.get("claim", ()))
        print(f"Added the sample dossier ({count} claims) to {where}.", file=sys.stderr)
    return 0


def _list(args: argparse.Namespace, out: IO[str]) -> int:
    from claimtrack.domain import ClaimFilter

    services = _services(args)
    try:
        _check_keys("status", args.status, [s.key for s in services.catalog.statuses()])
        _check_keys("verdict", args.verdict, [r.key for r in services.catalog.ratings()])
        flt = ClaimFilter(
            statuses=tuple(args.status),
            verdicts=tuple(args.verdict),
            kinds=tuple(args.kind),
            article_id=args.article,
            search=args.search,
        )
        if args.article is not None and not _article_exists(services, args.article):
            raise UsageError(f"Article {args.article} does not exist.")
        records = services.claims.list(flt)
    finally:
        services.store.close()
    if args.format == "jsonl":
        import json

        for record in records:
            out.write(json.dumps(claim_json(record), ensure_ascii=False) + "\n")
    else:
        _print_table(records, out)
    return 0


def _article_exists(services: Any, article_id: int) -> bool:
    from claimtrack.store.models import Article

    with services.store.session() as session:
        return session.get(Article, article_id) is not None


def _check_keys(what: str, given: list[str], known: list[str]) -> None:
    for key in given:
        if key not in known:
            raise UsageError(f"unknown {what} {key!r}; choose from {', '.join(known)}")


def claim_json(record: Any) -> dict[str, Any]:
    """The JSON Lines shape of a claim: stable keys for scripts and other tools."""
    return {
        "id": record.id,
        "text": record.text,
        "kind": record.kind.value,
        "claimant": record.claimant,
        "via": record.via,
        "status": record.status,
        "verdict": record.verdict,
        "article": record.article_title,
        "article_id": record.article_id,
        "start": record.start,
        "end": record.end,
        "cue": record.cue,
        "paraphrase": record.paraphrase,
        "tags": list(record.tags),
        "assignee": record.assignee,
        "updated_at": record.updated_at.isoformat(),
        "updated_by": record.updated_by,
    }


def _print_table(records: Sequence[Any], out: IO[str]) -> None:
    import shutil

    # On a terminal the claim text is cut to fit; into a pipe it is printed whole.
    width = shutil.get_terminal_size((120, 24)).columns if out.isatty() else 10_000
    header = ("ID", "KIND", "STATUS", "VERDICT", "CLAIMANT", "VIA", "CLAIM")
    rows = [
        (
            str(r.id),
            r.kind.value,
            r.status,
            r.verdict,
            r.claimant or "—",
            " › ".join(r.via) or "—",
            " ".join(r.text.split()),
        )
        for r in records
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(6)]
    widths = [min(w, 28) for w in widths]
    room = max(20, width - sum(widths) - 2 * 6)
    for row in [header, *rows]:
        cells = [_fit(cell, w).ljust(w) for cell, w in zip(row[:6], widths, strict=True)]
        out.write("  ".join([*cells, _fit(row[6], room)]).rstrip() + "\n")
    out.write(f"{len(records)} claim(s)\n")


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
