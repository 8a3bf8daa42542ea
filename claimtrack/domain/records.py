"""Records and change sets: what services hand to the views, frozen and detached.

Loaded on first use through ``claimtrack.domain`` (see its ``__getattr__``): the window
paints before anything needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from claimtrack.domain import ChainRole, ClaimKind, EvidenceType, PartyKind, ReplyChannel, Stance

# ---------------------------------------------------------------- change sets


@dataclass(frozen=True)
class ChangeSet:
    """What one operation changed, so views refresh only what they show.

    Keys are table names ("claim", "article", …); values are the ids touched.
    """

    created: dict[str, frozenset[int]] = field(default_factory=dict)
    updated: dict[str, frozenset[int]] = field(default_factory=dict)
    deleted: dict[str, frozenset[int]] = field(default_factory=dict)

    def touches(self, entity: str) -> bool:
        return any(entity in part for part in (self.created, self.updated, self.deleted))

    def ids(self, entity: str) -> frozenset[int]:
        out: frozenset[int] = frozenset()
        for part in (self.created, self.updated, self.deleted):
            out |= part.get(entity, frozenset())
        return out

    def merged(self, other: ChangeSet) -> ChangeSet:
        def join(
            a: dict[str, frozenset[int]], b: dict[str, frozenset[int]]
        ) -> dict[str, frozenset[int]]:
            return {k: a.get(k, frozenset()) | b.get(k, frozenset()) for k in a.keys() | b.keys()}

        return ChangeSet(
            join(self.created, other.created),
            join(self.updated, other.updated),
            join(self.deleted, other.deleted),
        )

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass(frozen=True)
class Created:
    """The id of a new row and the change set that announces it."""

    id: int
    changes: ChangeSet


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class ArticleRecord:
    id: int
    title: str
    outlet: str | None
    url: str | None
    published: date | None
    language: str | None
    text: str
    sha256: str
    created_at: datetime
    version: int


@dataclass(frozen=True)
class PartyRecord:
    id: int
    name: str
    kind: PartyKind
    protected: bool
    aliases: str
    version: int


@dataclass(frozen=True)
class RatingRecord:
    id: int
    key: str
    label: str
    colour: str
    alternate_name: str
    rating_value: int | None
    best_rating: int | None
    worst_rating: int | None
    position: int


@dataclass(frozen=True)
class StatusRecord:
    id: int
    key: str
    label: str
    position: int
    is_final: bool


@dataclass(frozen=True)
class TagRecord:
    id: int
    name: str
    colour: str | None


@dataclass(frozen=True)
class ChainLink:
    """One intermediary in a claim's attribution chain; position 0 is nearest the claimant."""

    party_id: int
    name: str
    kind: PartyKind
    role: ChainRole
    position: int


@dataclass(frozen=True)
class ClaimRecord:
    """A claim as the UI and exporters see it, with names already joined in."""

    id: int
    article_id: int
    article_title: str
    text: str
    start: int | None
    end: int | None
    paraphrase: str
    kind: ClaimKind
    cue: str
    claimant_id: int | None
    claimant: str | None
    chain: tuple[ChainLink, ...]
    status: str
    verdict: str
    verdict_explanation: str
    notes: str
    assignee: str
    tags: tuple[str, ...]
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    version: int

    @property
    def via(self) -> list[str]:
        """Names of the intermediaries, nearest the claimant first."""
        return [link.name for link in self.chain]


@dataclass(frozen=True)
class EvidenceRecord:
    id: int
    claim_id: int
    url: str | None
    file_path: str | None
    type: EvidenceType
    stance: Stance
    excerpt: str
    accessed: date | None
    version: int


@dataclass(frozen=True)
class ReplyRequestRecord:
    id: int
    claim_id: int
    party_id: int
    party_name: str
    asked_at: datetime
    channel: ReplyChannel
    response: str
    responded_at: datetime | None
    version: int


@dataclass(frozen=True)
class HistoryRecord:
    id: int
    at: datetime
    by: str
    entity: str
    entity_id: int
    field: str
    old: str | None
    new: str | None
