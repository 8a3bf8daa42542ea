"""Copying a whole ClaimTrack database between SQLite and PostgreSQL, verified.

Tables go in dependency order (parents before children), in batches, with their ids, in
one transaction on the target: the copy is all there or not at all. Afterwards both sides
are read again and compared table by table (row count and a SHA-256 over the normalised
rows); PostgreSQL's id sequences are moved past the copied ids. Search indexes are not
copied: the target's own triggers build them as rows arrive.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.engine import Connection, make_url

from claimtrack.domain import ClaimTrackError
from claimtrack.store.engine import (
    HEAD_REVISION,
    Store,
    backup_sqlite,
    current_revision,
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

    ``force`` first empties a target that already holds data (a SQLite file is kept
    beside it as a verified backup). Raises CopyError/StoreError with a clear sentence.
    """
    started = time.monotonic()
    report = progress or (lambda _table, _done, _total: None)
    if _same_place(source, target):
        raise CopyError("The source and the target are the same database.")
    src = _open_source(source)
    try:
        dst = _open_target(target, force=force)
        try:
            with src.engine.connect() as reader, dst.engine.begin() as writer:
                for table in tables():
                    total = reader.execute(select(func.count()).select_from(table)).scalar_one()
                    if table.name in SEEDED:
                        writer.execute(delete(table))
                    done = 0
                    report(table.name, 0, total)
                    for rows in _batches(reader, table, batch):
                        writer.execute(insert(table), rows)
                        done += len(rows)
                        report(table.name, done, total)
                if dst.dialect == "postgresql":
                    _reset_sequences(writer)
            verified = _verify(src, dst)
        finally:
            dst.close()
    finally:
        src.close()
    return CopyReport(verified, time.monotonic() - started)


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


def _open_target(target: str | Path, *, force: bool) -> Store:
    store = open_store(target)
    if _is_empty(store):
        return store
    if not force:
        store.close()
        raise CopyError(
            f"{safe_name(target)} already holds data; copy into a new or empty database, "
            "or add --force to replace what it holds."
        )
    if store.path is not None:
        path = store.path
        store.close()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.before-copy-{stamp}{path.suffix}")
        backup_sqlite(path, backup)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return open_store(path)
    _drop_schema(store)
    store.close()
    return open_store(target)


def _is_empty(store: Store) -> bool:
    with store.engine.connect() as conn:
        for table in tables():
            if table.name in SEEDED:
                continue
            if conn.execute(select(table).limit(1)).first() is not None:
                return False
    return True


def _drop_schema(store: Store) -> None:
    """Remove ClaimTrack's tables and functions from a PostgreSQL database (--force)."""
    with store.engine.begin() as conn:
        names = [t.name for t in tables()] + ["claim_search", "alembic_version"]
        for name in names:
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}" CASCADE')
        functions = conn.execute(
            text(
                "SELECT p.oid::regprocedure::text FROM pg_proc p"
                " JOIN pg_namespace n ON n.oid = p.pronamespace"
                " WHERE n.nspname = current_schema() AND p.proname LIKE 'claimtrack\\_%'"
            )
        ).scalars()
        for signature in list(functions):
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {signature} CASCADE")


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


def _verify(src: Store, dst: Store) -> tuple[TableReport, ...]:
    out: list[TableReport] = []
    with src.engine.connect() as a, dst.engine.connect() as b:
        for table in tables():
            n_src, sum_src = table_digest(a, table)
            n_dst, sum_dst = table_digest(b, table)
            if (n_src, sum_src) != (n_dst, sum_dst):
                raise CopyError(
                    f"The copy of table {table.name} does not match its source "
                    f"({n_src} rows, {n_dst} copied): the target must not be used."
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
