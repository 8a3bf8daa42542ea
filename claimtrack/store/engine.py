"""Opening a ClaimTrack database safely: checks, pragmas, backups and migrations.

Every way a file can be wrong (missing folder, not SQLite, damaged, locked, read-only,
written by a newer version) ends in a ``StoreError`` with one clear sentence, raised
before anything is changed on disk.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlmodel import Session, create_engine

from claimtrack.domain import (
    DamagedDatabaseError,
    NewerSchemaError,
    StoreError,
)
from claimtrack.store.errors import describe_pg_error, describe_sqlite_error

# The newest schema revision this version of ClaimTrack writes (in its own light module for
# the window's peek). A test keeps it equal to the head of store/migrations, so that
# opening an up-to-date file never imports Alembic.
from claimtrack.store.revision import HEAD_REVISION as HEAD_REVISION
from claimtrack.store.sqlitefile import looks_like_sqlite, on_readonly_filesystem, sqlite_read_uri

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
DEFAULT_BUSY_TIMEOUT = 5.0


def is_url(target: str) -> bool:
    return "://" in target


_SCHEMES_HELP = "a file path, sqlite:///PATH or postgresql+psycopg://USER@HOST/NAME"
_WORKING_BACKENDS = {"sqlite", "postgresql"}


def check_database_url(target: str) -> None:
    """Raise a one-sentence StoreError for a database URL ClaimTrack cannot open.

    Shared by the command line and the window (no Qt here), so a mistyped scheme reads the
    same everywhere instead of SQLAlchemy's "Can't load plugin" or a traceback.
    """
    scheme, colon, _rest = target.partition(":")
    if "://" not in target:
        # "sqlite:/x", "postgres:x": a URL missing its slashes (a Windows drive "C:" is a path).
        if not colon or len(scheme) < 2 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", scheme):
            return
        if scheme.split("+")[0].lower() not in {*_WORKING_BACKENDS, "postgres", "sqlite3"}:
            return
    else:
        scheme = target.split("://", 1)[0]
    backend, _, driver = scheme.lower().partition("+")
    fitting = {"sqlite": ("", "pysqlite"), "postgresql": ("", "psycopg")}
    if "://" in target and driver in fitting.get(backend, ()):
        return
    # Never echo a password into a terminal or a dialog.
    shown = re.sub(r"^([^:/]+://[^:@/]+):[^@/]*@", r"\1:***@", target)
    hint = ""
    if backend in ("postgres", "postgresql"):
        rest = shown.split("://", 1)[1] if "://" in shown else "USER@HOST/NAME"
        hint = f" For PostgreSQL write postgresql+psycopg://{rest}"
        hint = hint if hint.endswith(".") else hint + "."
    raise StoreError(
        f"{shown!r} is not a database address ClaimTrack can open; give {_SCHEMES_HELP}.{hint}"
    )


_SQLITE_HEADER = b"SQLite format 3\x00"


def _check_is_sqlite_file(path: Path, *, strict: bool = True) -> None:
    """Refuse a file that is not a SQLite database before SQLite touches it: opening a
    zero-byte or foreign file read-write would otherwise write a schema into it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError:
        return  # the open below says what is wrong
    if header != _SQLITE_HEADER:
        # Not strict (the window's open): a damaged header is ours to move aside and restore
        # from a backup; SQLite itself never writes into a file it can't read. An empty
        # file it would fill with our schema, so that one is refused either way.
        if strict or not header:
            raise StoreError(f"{path} is not a ClaimTrack database.")
        return
    # A SQLite file of someone else's: refuse before our pragmas (WAL) change its bytes.
    try:
        conn = sqlite3.connect(sqlite_read_uri(path), uri=True, timeout=5.0)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error:
        return  # locked, damaged: the real open below says what is wrong
    if names and "alembic_version" not in names:
        raise StoreError(f"{path} is a database, but not one of ClaimTrack's.")


def describe_store_error(exc: BaseException, store: Store, *, writing: bool = False) -> StoreError:
    """The clear message for a database error, whichever kind of database ``store`` is."""
    if store.dialect == "postgresql":
        return describe_pg_error(exc, store.display_name, writing=writing)
    return describe_sqlite_error(exc, store.path)


class Store:
    """One open database: an engine plus what the services need to know about it."""

    def __init__(self, engine: Engine, *, path: Path | None, readonly: bool) -> None:
        self.engine = engine
        self.path = path
        self.readonly = readonly
        # PostgreSQL: backend pids of this store's connections, filled as the pool opens
        # them (live updates ignore notifications these sent). Empty for SQLite.
        self.backend_pids: set[int] = set()
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.url

    def session(self, *, write: bool = False) -> Session:
        """A short-lived session; ``write`` takes SQLite's write lock at BEGIN.

        Taking the lock up front means a busy database waits (busy timeout) instead of
        failing half-way when a read transaction tries to become a write transaction.
        """
        if write and self.readonly:
            raise StoreError(f"{self.display_name} is open read-only.")
        return Session(self._writer if write else self.engine, expire_on_commit=False)

    @contextmanager
    def connection(self) -> Iterator[Any]:
        with self.engine.connect() as conn:
            yield conn

    def backup_to(self, target: Path) -> Path:
        """Copy the live database to ``target`` through SQLite's backup API, verified."""
        if self.path is None:
            raise StoreError("Only a SQLite file can be backed up this way.")
        return backup_sqlite(self.path, target)

    def close(self) -> None:
        self.engine.dispose()


def backup_sqlite(source: Path, target: Path) -> Path:
    """Write a verified copy of ``source`` at ``target``: the whole new file or nothing.

    The copy goes to a temporary name, passes ``integrity_check``, is fsynced, then is
    renamed (see store/backup.py, which also names, rotates and restores backups).
    """
    from claimtrack.store.backup import copy_database

    copy_database(source, target)
    return target


def _install_sqlite_pragmas(engine: Engine, busy_timeout: float, readonly: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Autocommit at the driver level; SQLAlchemy's "begin" event emits BEGIN itself,
        # so DDL and DML share real transactions (SQLAlchemy's pysqlite recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if not readonly:
            cur.execute("PRAGMA journal_mode = WAL")  # persistent; a no-op once set
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _resolve_sqlite_path(target: str | Path | None) -> Path | None:
    from claimtrack import paths

    if target is None:
        path = paths.default_database()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    if isinstance(target, Path) or not is_url(target):
        return Path(target).expanduser().absolute()
    url = make_url(target)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise StoreError("An in-memory database cannot hold an editor's work; give a file.")
    return Path(url.database).expanduser().absolute()


def _check_sqlite_location(path: Path, readonly: bool) -> None:
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is a folder, not a database file.")
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"The folder {folder} does not exist.")
    if readonly:
        if not path.exists():
            raise StoreError(f"{path} does not exist.")
        return
    if on_readonly_filesystem(path) or not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"The folder {folder} is read-only; ClaimTrack needs to write its journal beside "
            "the database. Open it read-only (--read-only) or move it to a writable folder."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; open it read-only or change its permissions.")


def open_store(
    target: str | Path | None = None,
    *,
    readonly: bool = False,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    migrate: bool = True,
    create: bool = True,
    quick_check: bool = True,
    upgrade_schema: bool = True,
) -> Store:
    """Open a database by path or SQLAlchemy URL and bring it up to date.

    ``target`` None means the default SQLite file in the user data directory; ``create``
    False refuses to make a new file or schema (so a mistyped path or an empty file is an
    error, not an empty list); ``upgrade_schema`` False (read commands) refuses to migrate
    an older schema rather than change a file the user only asked to read.
    """
    if isinstance(target, str):
        check_database_url(target)
    path = _resolve_sqlite_path(target)
    backend_pids: set[int] = set()
    if path is None:
        assert isinstance(target, str)
        engine = create_engine(target, pool_pre_ping=True, connect_args=_server_options(target))
        # Many-row INSERTs (copy, generate, imports) as multi-row statements rather than one
        # round trip per row: copying 100,000 claims to a server takes half the time.
        engine.dialect.use_insertmanyvalues_wo_returning = True
        # The server processes of our own connections: live updates skip their echoes.
        event.listen(
            engine,
            "connect",
            lambda dbapi_conn, _record: backend_pids.add(int(dbapi_conn.info.backend_pid)),
        )
    else:
        if not create and not path.exists():
            raise StoreError(f"{path} does not exist.")
        if path.is_file():  # even New Database: an existing file is never written over
            _check_is_sqlite_file(path, strict=not create)
        _check_sqlite_location(path, readonly)
        uri = sqlite_read_uri(path) if readonly else "file:" + quote(str(path))

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=False)

        # The URL names the real file (so SQLAlchemy picks a file pool); the creator
        # opens it through a URI, which is how read-only mode reaches SQLite.
        engine = create_engine(f"sqlite:///{path}", creator=connect)
        _install_sqlite_pragmas(engine, busy_timeout, readonly)
    store = Store(engine, path=path, readonly=readonly)
    store.backend_pids = backend_pids
    try:
        if path is not None and quick_check:
            _check_sqlite_file(store)
        if migrate:
            _migrate(store, create=create, upgrade_schema=upgrade_schema)
    except StoreError:
        store.close()
        raise
    except (DBAPIError, sqlite3.Error) as exc:
        store.close()
        raise describe_store_error(exc, store) from exc
    except SQLAlchemyError as exc:
        store.close()
        raise StoreError(f"{store.display_name}: {exc}") from exc
    return store


def _server_options(target: str) -> dict[str, Any]:
    """Driver options for a server URL: give up connecting after 10 s, name the app, and
    notice a dead network through TCP keepalives. Options in the URL itself win."""
    url = make_url(target)
    if url.get_backend_name() != "postgresql":
        return {}
    defaults: dict[str, Any] = {
        "connect_timeout": 10,
        "application_name": "ClaimTrack",
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
    }
    return {k: v for k, v in defaults.items() if k not in url.query}


def check_sqlite_file(store: Store) -> None:
    """``quick_check`` an open store; raises DamagedDatabaseError when it fails.

    The GUI runs this in the background right after opening a large file, so the claims
    show without waiting for a full scan (0.65 s on 150 MB in benchmarks/).
    """
    _check_sqlite_file(store)


def _check_sqlite_file(store: Store) -> None:
    try:
        with store.connection() as conn:
            verdict = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    except (DBAPIError, sqlite3.Error) as exc:
        raise _unreadable(exc, store) from exc
    if verdict != "ok":
        raise DamagedDatabaseError(
            f"{store.path} is damaged (SQLite reports: {verdict}).", store.path
        )


def _unreadable(exc: BaseException, store: Store) -> StoreError:
    """A file that starts like SQLite yet cannot be read is damaged, not someone else's."""
    error = describe_sqlite_error(exc, store.path)
    if "not a database" in str(getattr(exc, "orig", exc)).lower() and store.path is not None:
        store.close()  # no connection may hold a lock while the header is read directly
        if looks_like_sqlite(store.path):
            return DamagedDatabaseError(
                f"{store.path} is damaged: it is a SQLite file, but SQLite cannot read it.",
                store.path,
            )
    return error


def current_revision(store: Store) -> str | None:
    with store.connection() as conn:
        tables = set(_table_names(conn))
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise StoreError(
                    f"{store.display_name} is a database, but not one of ClaimTrack's."
                )
            return None
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if version is None else str(version)


def _table_names(conn: Any) -> list[str]:
    from sqlalchemy import inspect

    return list(inspect(conn).get_table_names())


def _alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _migrate(store: Store, *, create: bool = True, upgrade_schema: bool = True) -> None:
    revision = current_revision(store)
    if revision == HEAD_REVISION:
        return
    if revision is None and not create:
        raise StoreError(f"{store.display_name} is not a ClaimTrack database.")
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            f"{store.display_name} was written by a newer version of ClaimTrack "
            f"(schema {revision}); update ClaimTrack to open it. Nothing was changed."
        )
    if store.readonly:
        raise StoreError(
            f"{store.display_name} needs a schema upgrade, which a read-only database cannot take."
        )
    if not upgrade_schema:
        raise StoreError(
            f"{store.display_name} was made by an older ClaimTrack and needs a schema upgrade; "
            "open it in the app (or with a writing command such as `claimtrack sample`) "
            "first. Nothing was changed."
        )
    if revision is not None and store.path is not None:
        from claimtrack.store.backup import backup_path

        store.backup_to(backup_path(store.path, f"before-{HEAD_REVISION}"))
    upgrade(store, HEAD_REVISION)


def upgrade(store: Store, revision: str) -> None:
    """Apply migrations up to ``revision`` in one transaction (SQLite DDL is transactional)."""
    from alembic import command

    cfg = _alembic_config()
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two editors opening a fresh server at once: the second waits, then finds
            # the schema already at head (Alembic re-reads the version inside the lock).
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
