"""Claim edits: creating, changing, merging, re-chaining, tagging, deleting and undoing.

Status and verdict travel as their stable keys ("in_progress", "false"); the store keeps
ids, and History shows keys and names. Every edit is one transaction that writes its
History rows with the change, so an edit and its record of itself never part.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, literal, update
from sqlalchemy.sql import Select
from sqlmodel import Session, col, insert, select

from claimtrack.domain import (
    ChainRole,
    ChangeSet,
    ClaimKind,
    ClaimRecord,
    ConflictError,
    Created,
    NotFoundError,
    ValidationError,
)
from claimtrack.services.base import ServiceBase, changes, known_ids
from claimtrack.services.claim_queries import (
    _BULK,
    _BULK_CHUNK,
    _chunks,
    _display_expr,
    _join_display,
    _records_in,
    _tag_names,
)
from claimtrack.services.merge import BulkConflict, FieldConflict, check_mergeable, merge_edit
from claimtrack.store.models import (
    Article,
    Claim,
    ClaimParty,
    ClaimTag,
    Evidence,
    History,
    Party,
    Rating,
    ReplyRequest,
    Tag,
    WorkflowStatus,
    utcnow,
)

# Fields an editor may change, as the service names them.
EDITABLE = frozenset(
    {
        "text",
        "start",
        "end",
        "paraphrase",
        "kind",
        "cue",
        "claimant_id",
        "status",
        "verdict",
        "verdict_explanation",
        "notes",
        "assignee",
    }
)
_COLUMN = {
    "start": "start_offset",
    "end": "end_offset",
    "status": "status_id",
    "verdict": "verdict_id",
}


class ClaimEdits(ServiceBase):
    """Every change to claims, each one unit of work with its History."""

    def create(
        self,
        article_id: int,
        text: str,
        *,
        start: int | None = None,
        end: int | None = None,
        kind: ClaimKind | str = ClaimKind.STATEMENT,
        cue: str = "",
        claimant_id: int | None = None,
        chain: Sequence[int | tuple[int, ChainRole | str]] = (),
        paraphrase: str = "",
        status: str = "unreviewed",
        verdict: str = "unrated",
        verdict_explanation: str = "",
        notes: str = "",
        assignee: str = "",
        tags: Iterable[str] = (),
    ) -> Created:
        """Add a claim; with offsets, its text must be exactly that span of the article."""
        if not text.strip():
            raise ValidationError("A claim needs its text.")
        with self._write() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise NotFoundError(f"Article {article_id} does not exist (any more).")
            _check_span(article.text, text, start, end)
            claim_id = insert_claim(
                self,
                session,
                Claim(
                    article_id=article_id,
                    text=text,
                    start_offset=start,
                    end_offset=end,
                    paraphrase=paraphrase,
                    kind=ClaimKind(kind).value,
                    cue=cue,
                    claimant_id=claimant_id,
                    status_id=_key_id(session, WorkflowStatus, status),
                    verdict_id=_key_id(session, Rating, verdict),
                    verdict_explanation=verdict_explanation,
                    notes=notes,
                    assignee=assignee,
                ),
                chain,
            )
            for tag_id in _tag_ids(session, tags):
                session.add(ClaimTag(claim_id=claim_id, tag_id=tag_id))
            return Created(claim_id, changes(created={"claim": [claim_id]}))

    def update(
        self, claim_id: int, expected_version: int | None = None, **fields: Any
    ) -> ChangeSet:
        """Change some fields of one claim; History gets one row per field that changed."""
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))} on a claim.")
        with self._write() as session:
            row = self._get(session, Claim, claim_id)
            self._check_version(row, expected_version)
            return self._assign_fields(session, row, fields)

    def _assign_fields(self, session: Session, row: Claim, fields: Mapping[str, Any]) -> ChangeSet:
        """Set editable fields on a loaded row, one History row per field that changed."""
        assert row.id is not None
        claim_id = row.id
        session.autoflush = False  # lookups below must not flush half an edit
        changed = False
        for name, value in fields.items():
            column = _COLUMN.get(name, name)
            new = _column_value(session, name, value)
            old = getattr(row, column)
            if old == new:
                continue
            if name == "text" and not str(new).strip():
                raise ValidationError("A claim needs its text.")
            self._log(
                session,
                "claim",
                claim_id,
                name,
                _display(session, name, old),
                _display(session, name, new),
            )
            setattr(row, column, new)
            changed = True
        if not changed:
            return ChangeSet()
        row.updated_at = utcnow()
        row.updated_by = self.editor
        return changes(updated={"claim": [claim_id]})

    def bulk_update(
        self,
        claim_ids: Sequence[int],
        expected_versions: Mapping[int, int] | None = None,
        **fields: Any,
    ) -> ChangeSet:
        """Set status, verdict, assignee or kind on many claims in one transaction.

        Written as set-based SQL (History first, then the rows), so 10,000 claims take
        two statements per chunk rather than 20,000 round trips. With
        ``expected_versions`` (id -> version as loaded) a row someone else changed stops
        the whole edit with a BulkConflict naming those rows; nothing is written.
        """
        unknown = set(fields) - _BULK
        if unknown:
            raise ValidationError(f"Cannot bulk-edit {', '.join(sorted(unknown))}.")
        touched: set[int] = set()
        with self._write() as session:
            if expected_versions is not None:
                check_versions(session, claim_ids, expected_versions, _BULK_CHUNK)
            now = utcnow()
            for name, value in fields.items():
                column = getattr(Claim, _COLUMN.get(name, name))
                new = _column_value(session, name, value)
                shown = _display(session, name, new)
                for chunk in _chunks(claim_ids, _BULK_CHUNK):
                    differs = and_(col(Claim.id).in_(chunk), column != new)
                    ids = known_ids(session.exec(select(col(Claim.id)).where(differs)))
                    if not ids:
                        continue
                    old_expr = _display_expr(name)
                    # sqlmodel's select() overloads stop at four columns (it takes any
                    # number); its stubs do not declare the __table__ its metaclass sets.
                    history: Select[Any] = (
                        select(  # type: ignore[call-overload]
                            literal(now, type_=History.__table__.c.at.type),  # type: ignore[attr-defined]
                            literal(self.editor),
                            literal("claim"),
                            Claim.id,
                            literal(name),
                            old_expr,
                            literal(shown, type_=String),
                        )
                        .select_from(Claim)
                        .where(col(Claim.id).in_(ids))
                    )
                    history = _join_display(history, name)
                    session.execute(
                        insert(History).from_select(
                            ["at", "by", "entity", "entity_id", "field", "old", "new"], history
                        )
                    )
                    session.execute(
                        update(Claim)
                        .where(col(Claim.id).in_(ids))
                        .values(
                            {
                                column: new,
                                "updated_at": now,
                                "updated_by": self.editor,
                                "version": col(Claim.version) + 1,
                            }
                        )
                        .execution_options(synchronize_session=False)
                    )
                    touched.update(ids)
        return changes(updated={"claim": sorted(touched)})

    def update_merging(
        self, claim_id: int, base: ClaimRecord, changes: Mapping[str, Any]
    ) -> ChangeSet:
        """Save ``changes`` made on top of ``base``, merging with what others saved meanwhile.

        A field nobody else touched is saved; a field someone else changed to another
        value raises :class:`FieldConflict` and nothing is saved. The row is locked (FOR
        UPDATE on PostgreSQL; SQLite's write lock is taken at BEGIN) while the pure
        ``merge_edit`` decides, so nobody can save between the comparison and the write.
        """
        check_mergeable(changes)
        if base.id != claim_id:
            raise ValidationError("The claim the edit started from is another claim.")
        with self._write() as session:
            row = session.get(Claim, claim_id, with_for_update=True)
            current = _records_in(session, [claim_id]).get(claim_id)
            if row is None or current is None:
                raise NotFoundError(f"Claim {claim_id} does not exist (any more).")
            merged = merge_edit(base, current, changes)
            if merged.conflicts:
                raise FieldConflict(claim_id, merged.conflicts, current)
            if not merged.to_save:
                return ChangeSet()
            return self._assign_fields(session, row, merged.to_save)

    def set_chain(
        self,
        claim_id: int,
        chain: Sequence[int | tuple[int, ChainRole | str]],
        expected_version: int | None = None,
        *,
        expected_chain: str | None = None,
    ) -> ChangeSet:
        """Replace the attribution chain (nearest the claimant first).

        ``expected_chain`` (the chain as the editor saw it, "A › B") merges with other
        editors' edits of other fields: only a chain changed meanwhile is a conflict.
        """
        with self._write() as session:
            row = self._get(session, Claim, claim_id)
            self._check_version(row, expected_version)
            old = _chain_text(session, claim_id)
            if expected_chain is not None and old != expected_chain:
                raise ConflictError(
                    f"Someone else changed this claim's attribution chain meanwhile "
                    f"(now: {old or 'none'}); check it and try again.",
                    entity="claim",
                    entity_id=claim_id,
                )
            for link in session.exec(select(ClaimParty).where(ClaimParty.claim_id == claim_id)):
                session.delete(link)
            session.flush()
            _write_chain(session, claim_id, chain)
            session.flush()
            new = _chain_text(session, claim_id)
            if old == new:
                return ChangeSet()
            self._log(session, "claim", claim_id, "chain", old, new)
            self._touch(row)
            return changes(updated={"claim": [claim_id]})

    def set_tags(
        self,
        claim_id: int,
        names: Iterable[str],
        expected_version: int | None = None,
        *,
        expected_tags: Iterable[str] | None = None,
    ) -> ChangeSet:
        """Replace the claim's tags, creating tags that do not exist yet.

        ``expected_tags`` (the tags as the editor saw them) lets edits of other fields by
        other editors pass; only tags changed meanwhile are a conflict.
        """
        with self._write() as session:
            row = self._get(session, Claim, claim_id)
            self._check_version(row, expected_version)
            old = _tag_names(session, [claim_id]).get(claim_id, ())
            if expected_tags is not None and set(old) != set(expected_tags):
                raise ConflictError(
                    f"Someone else changed this claim's tags meanwhile (now: "
                    f"{', '.join(old) or 'none'}); check them and try again.",
                    entity="claim",
                    entity_id=claim_id,
                )
            wanted = _tag_ids(session, names)
            for link in session.exec(select(ClaimTag).where(ClaimTag.claim_id == claim_id)):
                session.delete(link)
            session.flush()
            for tag_id in wanted:
                session.add(ClaimTag(claim_id=claim_id, tag_id=tag_id))
            session.flush()
            new = _tag_names(session, [claim_id]).get(claim_id, ())
            if old == new:
                return ChangeSet()
            self._log(session, "claim", claim_id, "tags", ", ".join(old), ", ".join(new))
            self._touch(row)
            return changes(updated={"claim": [claim_id]})

    def delete(self, claim_ids: int | Sequence[int]) -> ChangeSet:
        """Delete claims; History keeps their text, so nothing is forgotten."""
        ids = [claim_ids] if isinstance(claim_ids, int) else list(claim_ids)
        with self._write() as session:
            for claim_id in ids:
                row = self._get(session, Claim, claim_id)
                self._log(session, "claim", claim_id, "(deleted)", row.text, None)
                session.delete(row)
            return changes(deleted={"claim": ids})

    def snapshot(self, claim_ids: Sequence[int]) -> list[ClaimSnapshot]:
        """Everything needed to bring deleted claims back exactly (undo of delete)."""
        out: list[ClaimSnapshot] = []
        with self._read() as session:
            for claim_id in claim_ids:
                row = self._get(session, Claim, claim_id)
                out.append(
                    ClaimSnapshot(
                        claim=row.model_dump(),
                        chain=tuple(
                            link.model_dump()
                            for link in session.exec(
                                select(ClaimParty).where(ClaimParty.claim_id == claim_id)
                            )
                        ),
                        tags=tuple(
                            session.exec(
                                select(ClaimTag.tag_id).where(ClaimTag.claim_id == claim_id)
                            )
                        ),
                        evidence=tuple(
                            e.model_dump()
                            for e in session.exec(
                                select(Evidence).where(Evidence.claim_id == claim_id)
                            )
                        ),
                        replies=tuple(
                            r.model_dump()
                            for r in session.exec(
                                select(ReplyRequest).where(ReplyRequest.claim_id == claim_id)
                            )
                        ),
                    )
                )
        return out

    def restore(self, snapshots: Sequence[ClaimSnapshot]) -> ChangeSet:
        """Re-insert deleted claims under their old ids, with chain, tags, evidence, replies."""
        with self._write() as session:
            for snap in snapshots:
                claim = Claim(**snap.claim)
                claim.version = None  # a fresh row; SQLAlchemy numbers it again
                session.add(claim)
                session.flush()
                assert claim.id is not None
                for link in snap.chain:
                    session.add(ClaimParty(**link))
                for tag_id in snap.tags:
                    if session.get(Tag, tag_id) is not None:
                        session.add(ClaimTag(claim_id=claim.id, tag_id=tag_id))
                for evidence in snap.evidence:
                    session.add(Evidence(**{**evidence, "version": None}))
                for reply in snap.replies:
                    session.add(ReplyRequest(**{**reply, "version": None}))
                assert claim.id is not None
                self._log(session, "claim", claim.id, "(restored)", None, claim.text)
            ids = [snap.claim["id"] for snap in snapshots]
            return changes(created={"claim": ids})

    def _touch(self, row: Claim) -> None:
        row.updated_at = utcnow()
        row.updated_by = self.editor


# ---------------------------------------------------------------- helpers


def insert_claim(
    service: ServiceBase,
    session: Session,
    row: Claim,
    chain: Sequence[int | tuple[int, ChainRole | str]] = (),
) -> int:
    """Add ``row`` with its chain inside the caller's transaction, stamped and logged.

    Shared by ClaimService.create and the article intake (which adds many at once).
    """
    stamp_new_claim(service, row)
    session.add(row)
    session.flush()
    return record_new_claim(service, session, row, chain)


def stamp_new_claim(service: ServiceBase, row: Claim) -> None:
    """Stamp a claim about to be added; with :func:`record_new_claim` around one flush.

    The intake adds thousands of claims: one flush for all of them (one multi-row INSERT
    returning the ids) instead of one round trip per claim is most of an import's time.
    """
    now = utcnow()
    row.created_at = row.updated_at = now
    row.created_by = row.updated_by = service.editor


def record_new_claim(
    service: ServiceBase,
    session: Session,
    row: Claim,
    chain: Sequence[int | tuple[int, ChainRole | str]] = (),
) -> int:
    """Log a flushed claim's creation and write its chain (it needs the claim's id)."""
    assert row.id is not None
    service._log(session, "claim", row.id, "(created)", None, row.text)
    _write_chain(session, row.id, chain)
    return row.id


def check_versions(
    session: Session, claim_ids: Sequence[int], expected: Mapping[int, int], chunk: int = 500
) -> None:
    """Raise :class:`BulkConflict` unless every id still has its expected version.

    Runs inside the bulk edit's transaction; on PostgreSQL the rows are locked (FOR
    UPDATE) so nobody can change them between this check and the UPDATE.
    """
    ids = [i for i in dict.fromkeys(claim_ids) if i in expected]
    found: dict[int, int] = {}
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        rows = session.exec(
            select(Claim.id, Claim.version).where(col(Claim.id).in_(part)).with_for_update()
        )
        for i, v in rows:
            assert i is not None and v is not None
            found[int(i)] = int(v)
    conflicted = {i: found.get(i) for i in ids if found.get(i) != expected[i]}
    if conflicted:
        raise BulkConflict(conflicted)


@dataclass(frozen=True)
class ClaimSnapshot:
    """Column values of a claim and its dependent rows, as plain dicts."""

    claim: dict[str, Any]
    chain: tuple[dict[str, Any], ...]
    tags: tuple[int, ...]
    evidence: tuple[dict[str, Any], ...]
    replies: tuple[dict[str, Any], ...]


def _check_span(article_text: str, text: str, start: int | None, end: int | None) -> None:
    if start is None and end is None:
        return
    if start is None or end is None or not 0 <= start < end <= len(article_text):
        raise ValidationError("The claim's position lies outside its article.")
    if article_text[start:end] != text:
        raise ValidationError("The claim's text is not what the article says at that position.")


def _key_id(session: Session, model: Any, key: str) -> int:
    found = session.exec(select(model.id).where(model.key == key)).first()
    if found is None:
        kind = "status" if model is WorkflowStatus else "verdict"
        raise ValidationError(f"There is no {kind} called {key!r}.")
    return int(found)


def _column_value(session: Session, name: str, value: Any) -> Any:
    if name == "status":
        return _key_id(session, WorkflowStatus, value)
    if name == "verdict":
        return _key_id(session, Rating, value)
    if name == "kind":
        try:
            return ClaimKind(value).value
        except ValueError:
            raise ValidationError(f"{value!r} is not a kind of claim.") from None
    return value


def _display(session: Session, name: str, value: Any) -> Any:
    """What History shows for a stored value: keys and names rather than ids."""
    if value is None:
        return None
    if name == "status":
        return session.get(WorkflowStatus, value).key  # type: ignore[union-attr]
    if name == "verdict":
        return session.get(Rating, value).key  # type: ignore[union-attr]
    if name == "claimant_id":
        party = session.get(Party, value)
        return party.name if party else value
    return value


def write_chains(
    session: Session, chains: Iterable[tuple[int, Sequence[tuple[int, ChainRole | str]]]]
) -> None:
    """Write many claims' chains in one multi-row INSERT (the intake's bulk path)."""
    rows = [
        {
            "claim_id": claim_id,
            "position": position,
            "party_id": party_id,
            "role": ChainRole(role).value,
        }
        for claim_id, chain in chains
        for position, (party_id, role) in enumerate(chain)
    ]
    if rows:
        session.execute(insert(ClaimParty.__table__), rows)  # type: ignore[attr-defined]


def _write_chain(
    session: Session, claim_id: int, chain: Sequence[int | tuple[int, ChainRole | str]]
) -> None:
    for position, link in enumerate(chain):
        party_id, role = (link, ChainRole.VIA) if isinstance(link, int) else link
        session.add(
            ClaimParty(
                claim_id=claim_id, position=position, party_id=party_id, role=ChainRole(role).value
            )
        )


def _chain_text(session: Session, claim_id: int) -> str:
    rows = session.exec(
        select(Party.name)
        .join(ClaimParty, col(ClaimParty.party_id) == col(Party.id))
        .where(ClaimParty.claim_id == claim_id)
        .order_by(col(ClaimParty.position))
    )
    return " › ".join(rows)


def _tag_ids(session: Session, names: Iterable[str]) -> list[int]:
    ids: list[int] = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        tag = session.exec(select(Tag).where(Tag.name == name)).first()
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
        assert tag.id is not None
        ids.append(tag.id)
    return ids


__all__ = [
    "ClaimEdits",
    "ClaimSnapshot",
    "check_versions",
    "insert_claim",
    "record_new_claim",
    "stamp_new_claim",
    "write_chains",
]
