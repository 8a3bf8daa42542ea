"""Database errors in the sentence an editor should read (a leaf: no other store imports).

SQLite's and PostgreSQL's own messages name pages, SQLSTATEs and statements; these turn
them into one line that says what happened and what to do, for the window and the CLI.
"""

from __future__ import annotations

from pathlib import Path

from claimtrack.domain import (
    DamagedDatabaseError,
    DatabaseInUseError,
    StoreError,
)


def describe_sqlite_error(exc: BaseException, path: Path | None) -> StoreError:
    """Turn a raw SQLite error into the sentence an editor should read."""
    where = str(path) if path else "the database"
    message = str(getattr(exc, "orig", exc) or exc).lower()
    if "locked" in message or "busy" in message:
        return DatabaseInUseError(
            f"{where} is in use by another program; close it there or try again in a moment."
        )
    if "not a database" in message or "file is encrypted" in message:
        return StoreError(f"{where} is not a ClaimTrack database (it is not a SQLite file).")
    if "malformed" in message or "corrupt" in message:
        return DamagedDatabaseError(f"{where} is damaged (SQLite reports: {message}).", path)
    if "readonly" in message or "read-only" in message:
        return StoreError(f"{where} cannot be written: the file or its folder is read-only.")
    if "unable to open" in message:
        return StoreError(
            f"{where} cannot be opened: check that the folder exists and is writable."
        )
    if "disk is full" in message or "no space" in message:
        return StoreError(f"The disk holding {where} is full; nothing was written.")
    if "disk i/o error" in message:
        return StoreError(
            f"{where} could not be read or written: the disk reported an error (it may be "
            "full, or the file too large for it)."
        )
    return StoreError(f"{where}: {message}")


def describe_pg_error(exc: BaseException, where: str, *, writing: bool = False) -> StoreError:
    """Turn a PostgreSQL/psycopg error into one sentence; ``where`` never holds a password.

    SQLSTATE codes decide where the server sent one; connection-time failures carry none,
    so their libpq text is matched instead.
    """
    orig = getattr(exc, "orig", exc)
    state = str(getattr(orig, "sqlstate", None) or "")
    raw = str(orig or exc).strip()
    message = raw.lower()
    first = raw.splitlines()[0] if raw else type(orig).__name__
    if state in {"40001", "40P01"} or "could not serialize" in message or "deadlock" in message:
        return StoreError(
            "Another editor saved the same items at the same moment; nothing of yours was "
            "saved. Try again."
        )
    if state == "55P03" or "lock timeout" in message or "could not obtain lock" in message:
        return DatabaseInUseError(
            f"{where} is busy: another editor holds these items; try again in a moment."
        )
    if state == "57014" or "statement timeout" in message:
        return StoreError(f"{where} took too long to answer and the request was cancelled.")
    if (
        state in {"28P01", "28000"}
        or "authentication failed" in message
        or ("password" in message and ("no password" in message or "supplied" in message))
    ):
        return StoreError(
            f"The server refused the login for {where}: check the user name and password."
        )
    if state == "3D000" or ("database" in message and "does not exist" in message):
        return StoreError(
            f"{where}: the server has no such database; check its name or ask the "
            "administrator to create it."
        )
    if state == "42501" or "permission denied" in message:
        return StoreError(f"{where}: this account lacks a permission ClaimTrack needs ({first}).")
    if (
        state.startswith("08")
        or state in {"57P01", "57P02", "57P03"}
        or any(
            word in message
            for word in (
                "connection refused",
                "could not connect",
                "connection failed",
                "server closed the connection",
                "terminating connection",
                "connection is lost",
                "connection is closed",
                "timeout expired",
                "could not translate host name",
                "no route to host",
                "consuming input failed",
            )
        )
    ):
        # Only a write has a change to lose: a read that fails says nothing about saving.
        unsaved = " The last change was not saved." if writing else ""
        return StoreError(
            f"Lost or could not open the connection to {where}; check the network and that "
            f"the server is running, then try again.{unsaved}"
        )
    return StoreError(f"{where}: {first}")


__all__ = ["describe_pg_error", "describe_sqlite_error"]
