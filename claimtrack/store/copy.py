"""Copying a whole ClaimTrack database between SQLite and PostgreSQL, verified.

Tables go in dependency order (parents before children), in batches, with their ids, in
one transaction on the target, which commits only after both sides were read again and
compared table by table (row count and a SHA-256 over the normalised rows): the copy is
all there and verified, or not there at all. PostgreSQL's id sequences are moved past the
copied ids. Search indexes are not copied: the target's own triggers build them as rows
arrive. Replacing a target's data (--force) loses nothing either way: see _open_target.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError

from claimtrack.domain import ClaimTrackError
from claimtrack.paths import fsync_folder
from claimtrack.store.engine import (
    HEAD_REVISION,
    Store,
    _resolve_sqlite_path,
    backup_sqlite,
    current_revision,
    describe_store_error,
    is_url,
    open_store,
)

# Rows the first migration writes into every new database; the copy replaces them.
SEEDED = frozenset({"rating", "workflow_status"})

Progress = Callable[[str, int, int], None]


class CopyError(ClaimTrackError):
    """The copy cannot start (the target is left as it was) or did not verify."""


@dataclass(frozen=True)
class TableReport:
    name: str
    rows: int
    checksum: str


@dataclass(frozen=True)
class CopyReport:
    tables: tuple[TableReport, ...]
    seconds: float

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def tables() -> list[Table]:
    """ClaimTrack's tables, parents before children (what the models declare)."""
    from sqlmodel import SQLModel

    import claimtrack.store.models  # noqa: F401  (registers the tables)

    return list(SQLModel.metadata.sorted_tables)


def safe_name(target: str | Path) -> str:
    """A location fit for messages: a path, or a URL with its password hidden."""
    if isinstance(target, Path) or not is_url(str(target)):
        return str(target)
    return make_url(str(target)).render_as_string(hide_password=True)


def copy_database(
    source: str | Path,
    target: str | Path,
    *,
    force: bool = False,
    batch: int = 2000,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy everything in ``source`` into ``target`` (a new or empty database).

    ``force`` replaces what a target already holds, never before the copy has verified:
    a SQLite file is written beside the target and renamed over it at the end (the old
    one kept as a backup); on PostgreSQL the old rows are emptied in the same transaction
    that writes the new ones, which commits only once every table matches its source. A
    lost server or a failed check leaves the target as it was. Raises CopyError/StoreError
    with a clear sentence.
    """
    started = time.monotonic()
    if _same_place(source, target):
        raise CopyError("The source and the target are the same database.")
    src = _open_source(source)
    try:
        dst, replace = _open_target(target, force=force)
        try:
            verified = _copy(
                src,
                dst,
                replace=replace and dst.path is None,  # a SQLite replacement starts empty
                batch=batch,
                progress=progress or (lambda _table, _done, _total: None),
            )
        except BaseException:
            dst.close()
            if replace and dst.path is not None:
                _discard(dst.path)  # the half-written file beside; the target is untouched
            raise
        dst.close()
        original = _resolve_sqlite_path(target)
        if replace and dst.path is not None and original is not None:
            _swap_in(dst.path, original)
    finally:
        src.close()
    return CopyReport(verified, time.monotonic() - started)


def _copy(
    src: Store, dst: Store, *, replace: bool, batch: int, progress: Progress
) -> tuple[TableReport, ...]:
    """Write every table in one transaction on ``dst``; commit only once it verifies."""
    try:
        with src.engine.connect() as reader, dst.engine.begin() as writer:
            if replace:
                _empty_server_tables(writer)
            for table in tables():
                total = reader.execute(select(func.count()).select_from(table)).scalar_one()
                if table.name in SEEDED:
                    writer.execute(delete(table))
                done = 0
                progress(table.name, 0, total)
                for rows in _batches(reader, table, batch):
                    writer.execute(insert(table), rows)
                    done += len(rows)
                    progress(table.name, done, total)
            if dst.dialect == "postgresql":
                _reset_sequences(writer)
            # Inside the transaction: the target commits only what matches its source.
            return _verify(reader, writer)
    except DBAPIError as exc:
        # A server is what gets lost mid-copy; name it (a SQLite error names its file).
        side = src if src.dialect == "postgresql" and dst.dialect != "postgresql" else dst
        reason = str(describe_store_error(exc, side)).rstrip(".")
        raise CopyError(
            f"The copy stopped and was undone: {reason}. {safe_name(dst.display_name)} "
            "holds what it held before."
        ) from exc


def _empty_server_tables(conn: Connection) -> None:
    """--force on PostgreSQL: empty ClaimTrack's tables inside the copy's transaction, so
    a copy that fails (or a server lost half-way) rolls back to the old rows."""
    names = [t.name for t in tables()]
    if conn.execute(text("SELECT to_regclass('claim_search')")).scalar() is not None:
        names.append("claim_search")
    # Another editor's open transaction would make TRUNCATE wait for ever: give up instead.
    conn.exec_driver_sql("SET LOCAL lock_timeout = '15s'")
    # History is append-only for editors (revision 0003); replacing the whole database
    # replaces its history too, so the guard steps aside for this transaction only.
    guard = conn.execute(
        text("SELECT 1 FROM pg_trigger WHERE tgname = 'history_no_truncate'")
    ).first()
    if guard:
        conn.exec_driver_sql("ALTER TABLE history DISABLE TRIGGER history_no_truncate")
    conn.exec_driver_sql(
        "TRUNCATE " + ", ".join(f'"{n}"' for n in names) + " RESTART IDENTITY CASCADE"
    )
    if guard:
        conn.exec_driver_sql("ALTER TABLE history ENABLE TRIGGER history_no_truncate")


def _replacement(path: Path) -> Path:
    """Where a forced copy into the SQLite file ``path`` is written before it replaces it."""
    return path.with_name(f".{path.name}.copy-in-progress")


def _discard(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _swap_in(new: Path, path: Path) -> None:
    """Rename the verified copy over ``path``: one step, the old or the new file, never a
    mix. The old file's WAL is checkpointed first, so no stale log meets the new file."""
    try:
        old = sqlite3.connect(f"file:{quote(str(path))}", uri=True, timeout=10.0)
        try:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            old.close()
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        new.replace(path)
        fsync_folder(path.parent)
    except (OSError, sqlite3.Error) as exc:
        raise CopyError(
            f"The copy verified but could not replace {path}: {exc}. The copy is kept at "
            f"{new}; the old file is unchanged."
        ) from exc


def _same_place(source: str | Path, target: str | Path) -> bool:
    def key(x: str | Path) -> str:
        if isinstance(x, Path) or not is_url(str(x)):
            return str(Path(x).expanduser().absolute())
        url = make_url(str(x))
        if url.get_backend_name() == "sqlite":
            return str(Path(url.database or "").expanduser().absolute())
        return f"{url.get_backend_name()}://{url.host}:{url.port or 5432}/{url.database}"

    return key(source) == key(target)


def _open_source(source: str | Path) -> Store:
    """Open read-only where we can; the source must be at this version's schema."""
    if isinstance(source, Path) or not is_url(str(source)):
        return open_store(source, readonly=True, create=False)
    url = make_url(str(source))
    if url.get_backend_name() == "sqlite":
        return open_store(source, readonly=True, create=False)
    store = open_store(source, migrate=False)
    try:
        revision = current_revision(store)
    except Exception:
        store.close()
        raise
    if revision != HEAD_REVISION:
        store.close()
        raise CopyError(
            f"{safe_name(source)} is at schema {revision or '(none)'}, not {HEAD_REVISION}: "
            "open it once with this version of ClaimTrack to upgrade it, then copy."
        )
    return store


def _open_target(target: str | Path, *, force: bool) -> tuple[Store, bool]:
    """The store to copy into, and whether the copy replaces data the target holds.

    A SQLite target with data gets a verified backup beside it, and the copy goes to a new
    file beside it (renamed over the target at the end); a server is emptied inside the
    copy's own transaction (see ``_copy``). Either way nothing is lost before it verifies.
    """
    store = open_store(target)
    if _is_empty(store):
        return store, False
    if not force:
        store.close()
        raise CopyError(
            f"{safe_name(target)} already holds data; copy into a new or empty database, "
            "or add --force to replace what it holds."
        )
    if store.path is None:
        return store, True
    path = store.path
    store.close()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup_sqlite(path, path.with_name(f"{path.stem}.before-copy-{stamp}{path.suffix}"))
    fresh = _replacement(path)
    _discard(fresh)  # a copy interrupted earlier
    return open_store(fresh), True


def _is_empty(store: Store) -> bool:
    with store.engine.connect() as conn:
        for table in tables():
            if table.name in SEEDED:
                continue
            if conn.execute(select(table).limit(1)).first() is not None:
                return False
    return True


def _order(table: Table) -> list[Any]:
    return list(table.primary_key.columns) or list(table.columns)


def _batches(conn: Connection, table: Table, size: int) -> Iterator[list[dict[str, Any]]]:
    result = conn.execution_options(yield_per=size).execute(select(table).order_by(*_order(table)))
    for part in result.mappings().partitions(size):
        yield [dict(row) for row in part]


def _reset_sequences(conn: Connection) -> None:
    """Move each id sequence past the copied ids, so new rows do not collide."""
    for table in tables():
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                f' coalesce(max(id), 1), max(id) IS NOT NULL) FROM "{table.name}"'
            )
        )


def _normal(value: Any) -> Any:
    """The same Python value, whichever database it came from."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def table_digest(conn: Connection, table: Table) -> tuple[int, str]:
    """Row count and SHA-256 over the normalised rows in primary-key order."""
    digest = hashlib.sha256()
    rows = 0
    result = conn.execution_options(yield_per=5000).execute(select(table).order_by(*_order(table)))
    for row in result:
        digest.update(repr(tuple(_normal(v) for v in row)).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
        rows += 1
    return rows, digest.hexdigest()


def _verify(a: Connection, b: Connection) -> tuple[TableReport, ...]:
    out: list[TableReport] = []
    for table in tables():
        n_src, sum_src = table_digest(a, table)
        n_dst, sum_dst = table_digest(b, table)
        if (n_src, sum_src) != (n_dst, sum_dst):
            raise CopyError(
                f"The copy of table {table.name} does not match its source "
                f"({n_src} rows, {n_dst} copied); it was undone and the target holds what "
                "it held before."
            )
        out.append(TableReport(table.name, n_src, sum_src))
    return tuple(out)


def database_digest(target: str | Path) -> dict[str, tuple[int, str]]:
    """Every table's (rows, checksum) of a database: what "identical" means for a copy."""
    store = _open_source(target)
    try:
        with store.engine.connect() as conn:
            return {t.name: table_digest(conn, t) for t in tables()}
    finally:
        store.close()


__all__ = [
    "CopyError",
    "CopyReport",
    "TableReport",
    "copy_database",
    "database_digest",
    "safe_name",
    "table_digest",
    "tables",
]
