"""Live updates from a shared PostgreSQL database: LISTEN on a dedicated connection.

Revision 0003's triggers NOTIFY channel ``claimtrack`` at every commit with a compact
JSON payload; a :class:`LiveListener` turns those into :class:`ChangeSet` objects. When
the connection is lost it reconnects with back-off and then asks for a full refresh,
because notifications sent while it was away are gone. No Qt here: ``ui/live.py`` runs
this on a thread and turns the callbacks into signals.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from typing import Any

from claimtrack.domain import ChangeSet

log = logging.getLogger(__name__)

CHANNEL = "claimtrack"

# Connection states, as the status bar shows them.
CONNECTING = "connecting"
CONNECTED = "connected"
RECONNECTING = "reconnecting"
STOPPED = "stopped"

_PARTS = {"I": "created", "U": "updated", "D": "deleted"}


@dataclass(frozen=True)
class LiveChange:
    """What other editors committed: the change set, who made it, and from which backend."""

    changes: ChangeSet
    editors: frozenset[str]
    pids: frozenset[int]


def parse_payload(payload: str) -> tuple[ChangeSet, str, int, bool]:
    """One NOTIFY payload → (change set, editor, backend pid, whole table changed?).

    A payload whose ids were too many to send has ``ids`` null: the caller reloads that
    table. Anything unreadable raises ValueError (the listener then refreshes fully).
    """
    data = json.loads(payload)
    table = str(data["t"])
    part = _PARTS[str(data["op"])]
    ids = data.get("ids")
    whole = ids is None
    id_set = frozenset(_expand(ids or ()))
    kwargs: dict[str, dict[str, frozenset[int]]] = {
        "created": {},
        "updated": {},
        "deleted": {},
    }
    kwargs[part] = {table: id_set}
    return ChangeSet(**kwargs), str(data.get("by") or ""), int(data.get("pid") or 0), whole


def _expand(items: Iterable[Any]) -> Iterable[int]:
    for item in items:
        if isinstance(item, list):
            first, last = int(item[0]), int(item[1])
            if last - first > 10_000_000:
                raise ValueError("implausible id range")
            yield from range(first, last + 1)
        else:
            yield int(item)


def merge_payloads(
    payloads: Iterable[str], ignore_pids: Container[int] = ()
) -> tuple[LiveChange, bool]:
    """Fold a burst of payloads (one transaction sends several) into one LiveChange.

    The flag says a full refresh is needed (a payload without ids, or one unreadable).
    Payloads committed by a backend in ``ignore_pids`` (this window's own connections,
    whose changes it has applied already) are left out.
    """
    total = ChangeSet()
    editors: set[str] = set()
    pids: set[int] = set()
    refresh = False
    for payload in payloads:
        try:
            changes, editor, pid, whole = parse_payload(payload)
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable change notification: %.200r", payload)
            refresh = True
            continue
        if pid and pid in ignore_pids:
            continue
        total = total.merged(changes)
        refresh = refresh or whole
        if editor:
            editors.add(editor)
        if pid:
            pids.add(pid)
    return LiveChange(total, frozenset(editors), frozenset(pids)), refresh


def connect_kwargs(url: Any) -> dict[str, Any]:
    """libpq keyword arguments for a SQLAlchemy URL (password included, never logged)."""
    from sqlalchemy.engine import make_url

    url = make_url(url)
    kwargs: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "dbname": url.database,
        "user": url.username,
        "password": url.password,
    }
    kwargs.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    kwargs.setdefault("connect_timeout", 10)
    kwargs.setdefault("application_name", "ClaimTrack live updates")
    # Notice a dead network (no FIN from the server) within about a minute.
    kwargs.setdefault("keepalives", 1)
    kwargs.setdefault("keepalives_idle", 20)
    kwargs.setdefault("keepalives_interval", 10)
    kwargs.setdefault("keepalives_count", 3)
    return kwargs


class LiveListener:
    """LISTENs on a dedicated connection and reports changes until :meth:`stop`.

    Callbacks run on the listener's thread: ``on_change(LiveChange)`` for every burst of
    notifications, ``on_state(str)`` when the connection state changes, and
    ``on_refresh()`` after a reconnect (or an unreadable payload), when everything shown
    must be reloaded. ``ignore_pids`` drops echoes of this process's own writes: the
    backend pids of its own connections (a live set: the pool opens more as it goes,
    see ``Store.backend_pids``); by default every change is reported.
    """

    def __init__(
        self,
        url: Any,
        *,
        on_change: Callable[[LiveChange], None],
        on_state: Callable[[str], None] | None = None,
        on_refresh: Callable[[], None] | None = None,
        channel: str = CHANNEL,
        poll: float = 0.25,
        backoff: tuple[float, float] = (0.5, 30.0),
        ignore_pids: Container[int] = (),
    ) -> None:
        self._kwargs = connect_kwargs(url)
        self._ignore_pids = ignore_pids
        self._on_change = on_change
        self._on_state = on_state or (lambda _state: None)
        self._on_refresh = on_refresh or (lambda: None)
        self._channel = channel
        self._poll = poll
        self._backoff = backoff
        self._stop = threading.Event()
        self._conn: Any = None
        self._thread: threading.Thread | None = None
        self.state = STOPPED
        self.reconnects = 0

    # -------------------------------------------------------------- control
    def start(self) -> threading.Thread:
        """Run :meth:`run` on a daemon thread."""
        self._thread = threading.Thread(target=self.run, name="claimtrack-live", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the loop to end and wait for it (it checks every ``poll`` seconds)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def backend_pid(self) -> int | None:
        """The server process of the listening connection (tests terminate it)."""
        conn = self._conn
        try:
            return int(conn.info.backend_pid) if conn is not None else None
        except Exception:  # closed meanwhile
            return None

    # -------------------------------------------------------------- the loop
    def run(self) -> None:
        """Connect, listen, report; on a lost connection wait, reconnect, refresh."""
        import psycopg

        delay = self._backoff[0]
        first = True
        while not self._stop.is_set():
            self._set_state(CONNECTING if first else RECONNECTING)
            try:
                self._conn = psycopg.connect(autocommit=True, **self._kwargs)
            except psycopg.Error as exc:
                log.info("live updates: cannot connect (%s); retrying in %.1f s", _why(exc), delay)
                if self._stop.wait(delay):
                    break
                delay = min(delay * 2, self._backoff[1])
                first = False
                continue
            try:
                self._conn.execute(f'LISTEN "{self._channel}"')
                self._set_state(CONNECTED)
                delay = self._backoff[0]
                if not first:
                    self.reconnects += 1
                    self._on_refresh()  # what was sent while away is lost: reload all
                first = False
                self._listen()
            except psycopg.Error as exc:
                log.info("live updates: connection lost (%s)", _why(exc))
                first = False
                if self._stop.wait(delay):
                    break
                delay = min(delay * 2, self._backoff[1])
            finally:
                self._close()
        self._set_state(STOPPED)

    def _listen(self) -> None:
        conn = self._conn
        while not self._stop.is_set():
            burst = [n.payload for n in conn.notifies(timeout=self._poll, stop_after=1)]
            if not burst:
                continue
            # One commit sends several notifications; take what else is already here.
            burst.extend(n.payload for n in conn.notifies(timeout=0.005))
            change, refresh = merge_payloads(burst, self._ignore_pids)
            if change.changes:
                self._on_change(change)
            if refresh:
                self._on_refresh()

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # already broken; nothing to release
                conn.close()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._on_state(state)


def _why(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    """Poll ``predicate`` until true or ``timeout`` seconds pass (for tools and tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


__all__ = [
    "CHANNEL",
    "CONNECTED",
    "CONNECTING",
    "RECONNECTING",
    "STOPPED",
    "LiveChange",
    "LiveListener",
    "connect_kwargs",
    "merge_payloads",
    "parse_payload",
]
