"""Persistence: SQLModel tables, opening and migrating databases. No Qt here."""

from claimtrack.store.engine import HEAD_REVISION, Store, backup_sqlite, open_store

__all__ = ["HEAD_REVISION", "Store", "backup_sqlite", "open_store"]
