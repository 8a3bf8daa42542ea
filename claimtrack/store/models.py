"""The schema: every SQLModel table of ClaimTrack in one module.

Enumerations are stored as their stable English identifiers and guarded by CHECK
constraints, so a bad value is refused by the database itself, whatever wrote it.
Migrations in ``store/migrations`` create exactly this schema (a test compares them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from claimtrack.domain import (
    ChainRole,
    ClaimKind,
    EvidenceType,
    PartyKind,
    ReplyChannel,
    Stance,
)
from claimtrack.store.coltypes import Day, Moment


def utcnow() -> datetime:
    """Aware UTC; SQLModel's UTCDateTime stores it as UTC and hands it back aware."""
    return datetime.now(UTC)


def _one_of(column: str, enum: type[StrEnum]) -> str:
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"


def _version_column() -> Column[int]:
    # One Column object per table, shared with __mapper_args__: SQLAlchemy then adds
    # "AND version = :old" to each UPDATE and raises StaleDataError on a lost race.
    return Column("version", Integer, nullable=False)


_article_version = _version_column()
_party_version = _version_column()
_claim_version = _version_column()
_evidence_version = _version_column()
_reply_version = _version_column()


class Article(SQLModel, table=True):
    __tablename__ = "article"
    __table_args__ = (
        CheckConstraint("length(sha256) = 64", name="ck_article_sha256"),
        CheckConstraint(
            "language IS NULL OR length(language) BETWEEN 2 AND 8", name="ck_article_lang"
        ),
        Index("ix_article_sha256", "sha256"),
        Index("ix_article_published", "published"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(nullable=False)
    outlet: str | None = None
    url: str | None = None
    published: date | None = Field(default=None, sa_type=Day)
    language: str | None = None
    text: str = Field(nullable=False)
    sha256: str = Field(nullable=False)
    created_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=Moment)
    created_by: str = Field(default="", nullable=False)
    version: int | None = Field(default=None, sa_column=_article_version)
    __mapper_args__ = {"version_id_col": _article_version}


class Party(SQLModel, table=True):
    __tablename__ = "party"
    __table_args__ = (
        CheckConstraint(_one_of("kind", PartyKind), name="ck_party_kind"),
        CheckConstraint("length(trim(name)) > 0", name="ck_party_name"),
        Index("ix_party_name", "name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(nullable=False)
    kind: str = Field(default=PartyKind.PERSON.value, nullable=False)
    protected: bool = Field(default=False, nullable=False)
    aliases: str = Field(default="", nullable=False)  # one alias per line
    version: int | None = Field(default=None, sa_column=_party_version)
    __mapper_args__ = {"version_id_col": _party_version}


class Rating(SQLModel, table=True):
    """One step of the verdict scale, with its ClaimReview mapping."""

    __tablename__ = "rating"
    __table_args__ = (
        UniqueConstraint("key", name="uq_rating_key"),
        CheckConstraint("colour LIKE '#______'", name="ck_rating_colour"),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(nullable=False)
    label: str = Field(nullable=False)
    colour: str = Field(default="#9e9e9e", nullable=False)
    alternate_name: str = Field(default="", nullable=False)
    rating_value: int | None = None
    best_rating: int | None = None
    worst_rating: int | None = None
    position: int = Field(default=0, nullable=False)


class WorkflowStatus(SQLModel, table=True):
    __tablename__ = "workflow_status"
    __table_args__ = (UniqueConstraint("key", name="uq_workflow_status_key"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(nullable=False)
    label: str = Field(nullable=False)
    position: int = Field(default=0, nullable=False)
    is_final: bool = Field(default=False, nullable=False)


class Tag(SQLModel, table=True):
    __tablename__ = "tag"
    __table_args__ = (
        UniqueConstraint("name", name="uq_tag_name"),
        CheckConstraint("length(trim(name)) > 0", name="ck_tag_name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(nullable=False)
    colour: str | None = None


class Claim(SQLModel, table=True):
    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint(_one_of("kind", ClaimKind), name="ck_claim_kind"),
        CheckConstraint("length(trim(text)) > 0", name="ck_claim_text"),
        CheckConstraint(
            "(start_offset IS NULL AND end_offset IS NULL)"
            " OR (start_offset >= 0 AND end_offset > start_offset)",
            name="ck_claim_offsets",
        ),
        Index("ix_claim_article", "article_id"),
        Index("ix_claim_status", "status_id"),
        Index("ix_claim_verdict", "verdict_id"),
        Index("ix_claim_kind", "kind"),
        Index("ix_claim_claimant", "claimant_id"),
        Index("ix_claim_assignee", "assignee"),
        Index("ix_claim_updated", "updated_at"),
        # Revision 0004; on SQLite it also adds NOCASE indexes and claim_sort (not models).
        Index("ix_claim_created", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False)
    )
    text: str = Field(nullable=False)
    start_offset: int | None = None
    end_offset: int | None = None
    paraphrase: str = Field(default="", nullable=False)
    kind: str = Field(default=ClaimKind.STATEMENT.value, nullable=False)
    cue: str = Field(default="", nullable=False)
    claimant_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("party.id", ondelete="RESTRICT"), nullable=True),
    )
    status_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workflow_status.id"), nullable=False)
    )
    verdict_id: int = Field(sa_column=Column(Integer, ForeignKey("rating.id"), nullable=False))
    verdict_explanation: str = Field(default="", nullable=False)
    notes: str = Field(default="", nullable=False)  # Markdown
    assignee: str = Field(default="", nullable=False)
    created_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=Moment)
    created_by: str = Field(default="", nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=Moment)
    updated_by: str = Field(default="", nullable=False)
    version: int | None = Field(default=None, sa_column=_claim_version)
    __mapper_args__ = {"version_id_col": _claim_version}


class ClaimParty(SQLModel, table=True):
    """The ordered attribution chain: intermediaries between claimant and reader."""

    __tablename__ = "claim_party"
    __table_args__ = (
        CheckConstraint("position >= 0", name="ck_claim_party_position"),
        CheckConstraint(_one_of("role", ChainRole), name="ck_claim_party_role"),
        Index("ix_claim_party_party", "party_id"),
    )

    claim_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    position: int = Field(primary_key=True)
    party_id: int = Field(
        sa_column=Column(Integer, ForeignKey("party.id", ondelete="RESTRICT"), nullable=False)
    )
    role: str = Field(default=ChainRole.VIA.value, nullable=False)


class ClaimTag(SQLModel, table=True):
    __tablename__ = "claim_tag"
    __table_args__ = (Index("ix_claim_tag_tag", "tag_id"),)

    claim_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    tag_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )


class Evidence(SQLModel, table=True):
    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint("url IS NOT NULL OR file_path IS NOT NULL", name="ck_evidence_target"),
        CheckConstraint(_one_of("type", EvidenceType), name="ck_evidence_type"),
        CheckConstraint(_one_of("stance", Stance), name="ck_evidence_stance"),
        Index("ix_evidence_claim", "claim_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(
        sa_column=Column(Integer, ForeignKey("claim.id", ondelete="CASCADE"), nullable=False)
    )
    url: str | None = None
    file_path: str | None = None
    type: str = Field(default=EvidenceType.OTHER.value, nullable=False)
    stance: str = Field(default=Stance.CONTEXT.value, nullable=False)
    excerpt: str = Field(default="", nullable=False)
    accessed: date | None = Field(default=None, sa_type=Day)
    created_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=Moment)
    version: int | None = Field(default=None, sa_column=_evidence_version)
    __mapper_args__ = {"version_id_col": _evidence_version}


class ReplyRequest(SQLModel, table=True):
    """Right of reply: who was asked for comment, how, and what came back."""

    __tablename__ = "reply_request"
    __table_args__ = (
        CheckConstraint(_one_of("channel", ReplyChannel), name="ck_reply_channel"),
        Index("ix_reply_request_claim", "claim_id"),
        Index("ix_reply_request_party", "party_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(
        sa_column=Column(Integer, ForeignKey("claim.id", ondelete="CASCADE"), nullable=False)
    )
    party_id: int = Field(
        sa_column=Column(Integer, ForeignKey("party.id", ondelete="RESTRICT"), nullable=False)
    )
    asked_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=Moment)
    channel: str = Field(default=ReplyChannel.EMAIL.value, nullable=False)
    response: str = Field(default="", nullable=False)
    responded_at: datetime | None = Field(default=None, sa_type=Moment)
    version: int | None = Field(default=None, sa_column=_reply_version)
    __mapper_args__ = {"version_id_col": _reply_version}


class History(SQLModel, table=True):
    """Append-only log of every change; triggers refuse UPDATE and DELETE on it."""

    __tablename__ = "history"
    __table_args__ = (
        Index("ix_history_entity", "entity", "entity_id"),
        Index("ix_history_at", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=Moment)
    by: str = Field(nullable=False)
    entity: str = Field(nullable=False)
    entity_id: int = Field(nullable=False)
    field: str = Field(nullable=False)
    old: str | None = None
    new: str | None = None


class SavedFilter(SQLModel, table=True):
    """A named claim filter shown in the sidebar (added in schema revision 0002)."""

    __tablename__ = "saved_filter"
    __table_args__ = (UniqueConstraint("name", name="uq_saved_filter_name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(nullable=False)
    definition: str = Field(default="{}", nullable=False)  # JSON of a ClaimFilter
