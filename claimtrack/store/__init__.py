"""Persistence: SQLModel tables, opening and migrating databases. No Qt here.

The names below load on first use, so importing a light submodule (``store.location``,
``store.search``) does not pull SQLAlchemy into the GUI's start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimtrack.store.engine import HEAD_REVISION, Store, backup_sqlite, open_store

__all__ = ["HEAD_REVISION", "Store", "backup_sqlite", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claimtrack.store import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'claimtrack.store' has no attribute {name!r}")
