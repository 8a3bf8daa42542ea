"""``claimtrack check``: is this database healthy? A verdict an editor (or a script) can trust.

SQLite: ``integrity_check`` and ``foreign_key_check`` through a read-only connection, the
schema revision, the contents and the newest backup. PostgreSQL: connectivity, the schema
revision and a search for rows whose foreign key points nowhere. Exit 0 when healthy, 2 when
the database is damaged or cannot be read; never a traceback, and nothing is written.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

HELP = "check a database: integrity and foreign keys; exit 2 if it is damaged or unreadable"
EXIT_HEALTHY = 0
EXIT_DAMAGED = 2
_MAX_PROBLEMS = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quick",
        action="store_true",
        help="run quick_check instead of the full integrity_check (faster on big files)",
    )


@dataclass
class Report:
    """What the check found; ``problems`` non-empty means damaged."""

    where: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    foreign: bool = False  # a readable database that is not ClaimTrack's

    def add(self, label: str, value: str) -> None:
        self.lines.append((label, value))


def run(args: argparse.Namespace) -> int:
    return check(args.db, quick=getattr(args, "quick", False), out=sys.stdout)


def check(target: str | None, *, quick: bool = False, out: IO[str] | None = None) -> int:
    """Check ``target`` (path, URL or None for the default database) and print a report."""
    from claimtrack.domain import ClaimTrackError
    from claimtrack.store.engine import _resolve_sqlite_path, check_database_url

    out = out or sys.stdout
    try:
        if target is not None:
            check_database_url(target)
        path = _resolve_sqlite_path(target) if target is not None else _default_path()
    except ClaimTrackError as exc:
        return _unreadable(out, str(target), str(exc))
    if path is None:
        assert target is not None
        return _check_server(target, out)
    return _check_sqlite(path, quick, out)


def _default_path() -> Path:
    from claimtrack import paths

    return paths.default_database()


# ---------------------------------------------------------------- SQLite


def _connect_read_only(path: Path) -> sqlite3.Connection:
    from claimtrack.store.sqlitefile import sqlite_read_uri

    conn = sqlite3.connect(sqlite_read_uri(path), uri=True, timeout=5.0)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _check_sqlite(path: Path, quick: bool, out: IO[str]) -> int:
    from claimtrack.store.errors import describe_sqlite_error

    report = Report(str(path))
    if not path.exists():
        return _unreadable(out, str(path), f"{path} does not exist.")
    if not path.is_file():
        return _unreadable(out, str(path), f"{path} is a folder, not a database file.")
    if path.stat().st_size == 0:  # SQLite would read it as an empty database: it is not ours
        return _unreadable(out, str(path), f"{path} is not a ClaimTrack database.")
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        return _unreadable(out, str(path), str(describe_sqlite_error(exc, path)))
    try:
        _sqlite_checks(conn, report, quick)
    except sqlite3.Error as exc:
        error = describe_sqlite_error(exc, path)
        message = str(exc).lower()
        if "not a database" in message:
            from claimtrack.store.backup import looks_like_sqlite

            conn.close()
            if looks_like_sqlite(path):
                report.problems.append("SQLite cannot read the file, though it starts like one")
                return _finish(out, report, path)
            return _unreadable(out, str(path), str(error))
        if "malformed" in message or "corrupt" in message:
            report.problems.append(f"SQLite reports: {exc}")
            return _finish(out, report, path)
        return _unreadable(out, str(path), str(error))
    finally:
        conn.close()
    return _finish(out, report, path)


def _sqlite_checks(conn: sqlite3.Connection, report: Report, quick: bool) -> None:
    pragma = "quick_check" if quick else "integrity_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}({_MAX_PROBLEMS})")]
    if rows == ["ok"]:
        report.add("Integrity", f"ok ({pragma})")
    else:
        report.add("Integrity", f"FAILED ({len(rows)} problem(s) reported by {pragma})")
        report.problems.extend(rows)
    orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    if orphans:
        report.add("Foreign keys", f"FAILED ({len(orphans)} row(s) point at missing rows)")
        for table, rowid, parent, _fk in orphans[:_MAX_PROBLEMS]:
            report.problems.append(f"{table} row {rowid} refers to a missing {parent}")
    else:
        report.add("Foreign keys", "ok")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    _schema_line(report, tables, lambda: conn.execute(_REVISION).fetchone())
    if "claim" in tables and "article" in tables:
        claims = conn.execute("SELECT count(*) FROM claim").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM article").fetchone()[0]
        report.add("Contents", f"{claims} claim(s) in {articles} article(s)")
    _moment_lines(conn, report, tables)


_REVISION = "SELECT version_num FROM alembic_version"


# Columns SQLite keeps as text that must read as real moments (or days, when True).
_MOMENT_COLUMNS = {
    "claim": (("created_at", False), ("updated_at", False)),
    "article": (("created_at", False), ("published", True)),
    "evidence": (("created_at", False), ("accessed", True)),
    "reply_request": (("asked_at", False), ("responded_at", False)),
    "history": (("at", False),),
}


def _moment_lines(conn: sqlite3.Connection, report: Report, tables: set[str]) -> None:
    """Name each date that is no real one (30 February): it opens, read as the nearest real
    one, so this is a note rather than damage. SQLite normalises a date given a modifier,
    so a value that changes under '+0 days' is a candidate; Python has the last word."""
    from claimtrack.store.moments import is_real_moment, read_moment

    found: list[str] = []
    for table, columns in _MOMENT_COLUMNS.items():
        if table not in tables:
            continue
        for column, day in columns:
            shape = (
                "date({c}, '+0 days') IS NOT substr({c}, 1, 10)"
                if day
                else ("strftime('%Y-%m-%d %H:%M:%S', {c}, '+0 days') IS NOT substr({c}, 1, 19)")
            )
            rows = conn.execute(
                f"SELECT id, {column} FROM {table} "
                f"WHERE {column} IS NOT NULL AND {shape.format(c=column)}"
            )
            for row_id, value in rows:
                text = str(value)
                if is_real_moment(text):
                    continue
                read = read_moment(text)
                shown = read.date().isoformat() if day else f"{read:%Y-%m-%d %H:%M:%S}"
                found.append(f"{table} {row_id} {column} holds {text!r}, read as {shown}")
    if not found:
        report.add("Dates", "ok")
        return
    report.add("Dates", f"{len(found)} value(s) are no real date; shown as the nearest one")
    report.notes.extend(found[:_MAX_PROBLEMS])
    if len(found) > _MAX_PROBLEMS:
        report.notes.append(f"... and {len(found) - _MAX_PROBLEMS} more")


def _schema_line(report: Report, tables: set[str], revision: Any) -> None:
    from claimtrack.store.engine import HEAD_REVISION, known_revisions

    if "alembic_version" not in tables:
        if tables - {"sqlite_sequence"}:
            report.add("Schema", "not a ClaimTrack database (no schema version)")
            report.notes.append("This is a database, but not one of ClaimTrack's.")
            report.foreign = True
        else:  # ClaimTrack writes its schema when it creates a file: an empty one is not ours
            report.add("Schema", "empty: not a ClaimTrack database")
            report.notes.append("This is an empty SQLite database, not one of ClaimTrack's.")
            report.foreign = True
        return
    row = revision()
    current = row[0] if row else None
    if current == HEAD_REVISION:
        report.add("Schema", f"{current} (current)")
    elif current in known_revisions():
        report.add("Schema", f"{current} (older; upgraded with a backup when opened)")
    else:
        report.add("Schema", f"{current} (written by a newer ClaimTrack; open it with that)")
        report.notes.append("A newer ClaimTrack wrote this file: this version will not change it.")


def _backup_line(report: Report, path: Path) -> None:
    from claimtrack.store.backup import list_backups

    backups = list_backups(path, counts=False)
    if not backups:
        report.add("Backups", "none yet")
        return
    newest = backups[0]
    report.add(
        "Backups",
        f"{len(backups)}; newest {newest.taken:%Y-%m-%d %H:%M} ({newest.path.name})",
    )


def _location_line(report: Report, path: Path) -> None:
    try:
        from claimtrack.store.location import check_location
    except ImportError:  # pragma: no cover - location.py ships with this module
        return
    warning = check_location(path)
    if warning is not None:
        report.notes.append(warning.message)


def _finish(out: IO[str], report: Report, path: Path | None) -> int:
    if path is not None:
        _backup_line(report, path)
        _location_line(report, path)
    out.write(f"Database: {report.where}\n")
    for label, value in report.lines:
        out.write(f"{label}: {value}\n")
    for problem in report.problems[:_MAX_PROBLEMS]:
        out.write(f"  problem: {problem}\n")
    for note in report.notes:
        out.write(f"Note: {note}\n")
    if report.problems:
        advice = (
            " Open it in ClaimTrack to move it aside and restore the newest good backup."
            if path is not None
            else ""
        )
        out.write(f"Verdict: DAMAGED.{advice}\n")
        return EXIT_DAMAGED
    if report.foreign:
        out.write("Verdict: not a ClaimTrack database.\n")
        print(f"claimtrack: {report.where} is not a ClaimTrack database.", file=sys.stderr)
        return EXIT_DAMAGED
    out.write("Verdict: healthy.\n")
    return EXIT_HEALTHY


def _unreadable(out: IO[str], where: str, message: str) -> int:
    out.write(f"Database: {where}\n")
    out.write(f"Verdict: UNREADABLE. {message}\n")
    print(f"claimtrack: {message}", file=sys.stderr)
    return EXIT_DAMAGED


# ---------------------------------------------------------------- PostgreSQL


def _check_server(target: str, out: IO[str]) -> int:
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    url = make_url(target)
    where = url.render_as_string(hide_password=True)
    report = Report(where)
    connect_args = {"connect_timeout": 10} if url.get_backend_name() == "postgresql" else {}
    try:
        engine = create_engine(target, connect_args=connect_args)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        return _unreadable(out, where, f"{where}: {exc}")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            report.add("Connection", "ok")
            tables = set(inspect(conn).get_table_names())
            _schema_line(report, tables, lambda: conn.exec_driver_sql(_REVISION).fetchone())
            if "claim" in tables:
                _server_orphans(conn, tables, report)
                claims = conn.exec_driver_sql("SELECT count(*) FROM claim").scalar()
                articles = conn.exec_driver_sql("SELECT count(*) FROM article").scalar()
                report.add("Contents", f"{claims} claim(s) in {articles} article(s)")
    except SQLAlchemyError as exc:
        from claimtrack.store.errors import describe_pg_error

        return _unreadable(out, where, str(describe_pg_error(exc, where)))
    finally:
        engine.dispose()
    return _finish(out, report, None)


def _server_orphans(conn: Any, tables: set[str], report: Report) -> None:
    """Rows whose foreign key points nowhere (constraints disabled, or a bad restore)."""
    from sqlalchemy import and_, exists, func, not_, select
    from sqlmodel import SQLModel

    import claimtrack.store.models  # noqa: F401  (registers the tables)

    found = 0
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in tables:
            continue
        for fk in table.foreign_key_constraints:
            parent = fk.referred_table
            if parent.name not in tables:
                continue
            pairs = [(el.parent, el.column) for el in fk.elements]
            query = (
                select(func.count())
                .select_from(table)
                .where(
                    and_(*(child.is_not(None) for child, _ in pairs)),
                    not_(exists().where(and_(*(child == col for child, col in pairs)))),
                )
            )
            count = conn.execute(query).scalar() or 0
            if count:
                found += count
                report.problems.append(f"{count} {table.name} row(s) refer to a missing {parent}")
    report.add("Foreign keys", "ok" if not found else f"FAILED ({found} orphaned row(s))")
