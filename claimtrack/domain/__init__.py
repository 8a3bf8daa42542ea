"""Plain-Python vocabulary shared by every layer: enums, records, change sets and errors.

Nothing here imports Qt or the ORM, so services can hand these objects to the UI or to
another thread without dragging a database session along.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any


class PartyKind(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    ORGANISATION = "organisation"
    NEWS_AGENCY = "news_agency"
    OUTLET = "outlet"
    ANONYMOUS = "anonymous"


class ClaimKind(StrEnum):
    STATEMENT = "statement"
    DENIAL = "denial"
    NO_COMMENT = "no_comment"
    NO_RESPONSE = "no_response"


class ChainRole(StrEnum):
    """How an intermediary in the attribution chain passes the claim on."""

    VIA = "via"  # an outlet or agency through which the claim reaches the reader
    SPOKESPERSON = "spokesperson"  # speaks for the claimant
    CITING = "citing"  # relays another party's account


class EvidenceType(StrEnum):
    PRIMARY_DOCUMENT = "primary_document"
    OFFICIAL_DATA = "official_data"
    EXPERT = "expert"
    EYEWITNESS = "eyewitness"
    MEDIA_REPORT = "media_report"
    OTHER = "other"


class Stance(StrEnum):
    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


class ReplyChannel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    MESSAGE = "message"
    IN_PERSON = "in_person"
    OTHER = "other"


# ---------------------------------------------------------------- errors


class ClaimTrackError(Exception):
    """Base for every error that should reach the user as a clear message."""


class StoreError(ClaimTrackError):
    """The database cannot be opened or used (wrong file, damaged, locked, unwritable)."""


class DatabaseInUseError(StoreError):
    """Another program holds a lock on the database."""


class NewerSchemaError(StoreError):
    """The database was written by a newer ClaimTrack; writing to it could damage it."""


class DamagedDatabaseError(StoreError):
    """The database file is damaged; ``path`` names it so the app can move it aside.

    Raised instead of a plain StoreError so the caller can offer the newest good backup.
    """

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class NotFoundError(ClaimTrackError):
    """The row asked for does not exist (any more)."""


class ConflictError(ClaimTrackError):
    """Someone else saved the row since it was loaded (optimistic concurrency)."""

    def __init__(self, message: str, *, entity: str, entity_id: int) -> None:
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id


class ValidationError(ClaimTrackError):
    """The input breaks a rule of the model (empty text, offsets outside the article …)."""


# Records load on first use (claimtrack/domain/records.py): ~10 ms the window's first
# paint does without.
_RECORDS = frozenset(
    (
        "ChangeSet",
        "Created",
        "ArticleRecord",
        "PartyRecord",
        "RatingRecord",
        "StatusRecord",
        "TagRecord",
        "ChainLink",
        "ClaimRecord",
        "EvidenceRecord",
        "ReplyRequestRecord",
        "HistoryRecord",
    )
)

if TYPE_CHECKING:
    from pathlib import Path

    from claimtrack.domain.records import (
        ArticleRecord,
        ChainLink,
        ChangeSet,
        ClaimRecord,
        Created,
        EvidenceRecord,
        HistoryRecord,
        PartyRecord,
        RatingRecord,
        ReplyRequestRecord,
        StatusRecord,
        TagRecord,
    )


def __getattr__(name: str) -> Any:
    if name in _RECORDS:
        from claimtrack.domain import records

        return getattr(records, name)
    raise AttributeError(f"module 'claimtrack.domain' has no attribute {name!r}")


@dataclass(frozen=True)
class ClaimFilter:
    """What the claim list shows; every part is optional and they combine with AND."""

    statuses: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    kinds: tuple[ClaimKind, ...] = ()
    article_id: int | None = None
    party_id: int | None = None
    tag: str | None = None
    assignee: str | None = None
    search: str = ""
    sort: str = "id"
    descending: bool = False


__all__ = [
    "ArticleRecord",
    "ChainLink",
    "ChainRole",
    "ChangeSet",
    "ClaimFilter",
    "ClaimKind",
    "ClaimRecord",
    "ClaimTrackError",
    "ConflictError",
    "Created",
    "DamagedDatabaseError",
    "DatabaseInUseError",
    "EvidenceRecord",
    "EvidenceType",
    "HistoryRecord",
    "NewerSchemaError",
    "NotFoundError",
    "PartyKind",
    "PartyRecord",
    "RatingRecord",
    "ReplyChannel",
    "ReplyRequestRecord",
    "Stance",
    "StatusRecord",
    "StoreError",
    "TagRecord",
    "ValidationError",
]
