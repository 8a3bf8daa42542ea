"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temp dir, a free port.

PostgreSQL refuses to run as root, and the tests (and CI) run as root, so initdb and the
server run as an unprivileged user (``nobody``) on a directory chowned to it. One server
serves the whole session; each test gets its own database, copied from a migrated
template (``CREATE DATABASE … TEMPLATE``), which takes a few tens of milliseconds.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

SUPERUSER = "claimtrack"
# TCP logins need this password (scram-sha-256), so a wrong one can be tested for real.
PASSWORD = "ct-test-pw"
TEMPLATE = "claimtrack_template"


def find_bin_dir() -> Path | None:
    """The newest Debian PostgreSQL ``bin`` folder holding initdb and pg_ctl, if any."""
    found = sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for folder in reversed(found):
        if (folder / "pg_ctl").exists() and (folder / "postgres").exists():
            return folder
    if shutil.which("initdb") and shutil.which("pg_ctl"):
        return Path(shutil.which("initdb") or "").parent
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user_prefix() -> tuple[list[str], int | None, int | None]:
    """Command prefix that drops root to ``nobody`` (empty when not root)."""
    if os.geteuid() != 0:
        return [], None, None
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise RuntimeError("running as root without setpriv: cannot start PostgreSQL")
    user = pwd.getpwnam("nobody")
    prefix = [
        setpriv,
        f"--reuid={user.pw_uid}",
        f"--regid={user.pw_gid}",
        "--clear-groups",
        "--",
    ]
    return prefix, user.pw_uid, user.pw_gid


@dataclass
class PgServer:
    """A running server; ``url(db)`` gives a SQLAlchemy URL for one of its databases."""

    bin_dir: Path
    root: Path
    port: int
    _names: count = field(default_factory=lambda: count(1))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{password}@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str = "postgres") -> str:
        return (
            f"host=127.0.0.1 port={self.port} user={SUPERUSER} password={PASSWORD}"
            f" dbname={database}"
        )

    def execute(self, sql: str, database: str = "postgres") -> list[tuple]:
        """Run one statement in autocommit (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(self.conninfo(database), autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    def new_database(self, template: str | None = TEMPLATE) -> str:
        name = f"ct_{os.getpid()}_{next(self._names)}"
        clause = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.execute(f"CREATE DATABASE {name}{clause}")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        prefix, _, _ = _as_user_prefix()
        subprocess.run(
            [*prefix, str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "fast"],
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_server(bin_dir: Path) -> PgServer:
    """initdb into a fresh temp dir as a non-root user and start the server on a free port."""
    prefix, uid, gid = _as_user_prefix()
    root = Path(tempfile.mkdtemp(prefix="claimtrack-pg-"))
    if uid is not None and gid is not None:
        os.chown(root, uid, gid)
    root.chmod(0o700)
    data, sockets = root / "data", root / "sock"
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "HOME": str(root)}

    def run(args: list[str]) -> None:
        result = subprocess.run(
            [*prefix, *args], capture_output=True, text=True, env=env, timeout=120, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed: {result.stderr or result.stdout}")

    run(["mkdir", "-p", str(sockets)])
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if uid is not None and gid is not None:
        os.chown(pwfile, uid, gid)
    run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={pwfile}",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]
    )
    # A test server: durability off (fsync), quick shutdowns, enough connections for
    # the concurrency tests and benchmarks.
    options = (
        f"-c port=0 -c listen_addresses=127.0.0.1 -c unix_socket_directories={sockets}"
        " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        " -c max_connections=120 -c shared_buffers=64MB"
    )
    for _attempt in range(5):
        port = free_port()
        start = options.replace("port=0", f"port={port}")
        result = subprocess.run(
            [
                *prefix,
                str(bin_dir / "pg_ctl"),
                "start",
                "-D",
                str(data),
                "-w",
                "-t",
                "60",
                "-l",
                str(root / "server.log"),
                "-o",
                start,
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=90,
            check=False,
        )
        if result.returncode == 0:
            server = PgServer(bin_dir, root, port)
            _wait_ready(server)
            return server
        time.sleep(0.2)  # most likely the port was taken meanwhile: try another
    log = (
        (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
    )
    shutil.rmtree(root, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start: {result.stderr}\n{log[-2000:]}")


def _wait_ready(server: PgServer) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            server.execute("SELECT 1")
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def prepare_template(server: PgServer) -> None:
    """A database migrated to the head revision, which every test database copies."""
    from claimtrack.store import open_store

    server.execute(f"CREATE DATABASE {TEMPLATE}")
    open_store(server.url(TEMPLATE)).close()
    # A template must have no open connections when copied.
    server.execute(f"ALTER DATABASE {TEMPLATE} WITH ALLOW_CONNECTIONS false")
