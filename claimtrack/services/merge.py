"""Concurrent edits without lost updates: field-level merging and version-checked bulk edits.

Two editors who change different fields of the same claim both keep their work; when they
change the same field, the second is stopped with both values (and the value they started
from) so the UI can show them side by side. Nothing is ever overwritten silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from claimtrack.domain import ChangeSet, ClaimRecord, ConflictError, ValidationError
from claimtrack.store.models import Claim

if TYPE_CHECKING:
    from claimtrack.services.claims import ClaimService

# Service field name -> ClaimRecord attribute (the same names today; kept explicit).
MERGEABLE = {
    "text": "text",
    "start": "start",
    "end": "end",
    "paraphrase": "paraphrase",
    "kind": "kind",
    "cue": "cue",
    "claimant_id": "claimant_id",
    "status": "status",
    "verdict": "verdict",
    "verdict_explanation": "verdict_explanation",
    "notes": "notes",
    "assignee": "assignee",
}
_RETRIES = 5


@dataclass(frozen=True)
class FieldValues:
    """One field in conflict: what I typed, what the other editor saved, where we began."""

    mine: Any
    theirs: Any
    base: Any


class FieldConflict(ConflictError):
    """Someone else changed fields I changed too; nothing of this edit was saved.

    ``fields`` names each conflicting field; ``current`` is the claim as it is now, with
    ``updated_by`` saying who. To resolve, choose a value per field and call
    ``update_merging`` again with ``base=current``.
    """

    def __init__(self, claim_id: int, fields: dict[str, FieldValues], current: ClaimRecord):
        names = ", ".join(sorted(fields))
        who = current.updated_by or "another editor"
        super().__init__(
            f"{who} changed {names} of claim {claim_id} while you were editing; "
            "choose which value to keep.",
            entity="claim",
            entity_id=claim_id,
        )
        self.fields = fields
        self.current = current


class BulkConflict(ConflictError):
    """Some rows of a bulk edit changed (or vanished) since they were loaded.

    Nothing was written; ``conflicted`` maps each such id to its current version (None
    when it was deleted), so the UI can offer to apply the edit to the others.
    """

    def __init__(self, conflicted: dict[int, int | None]) -> None:
        n = len(conflicted)
        super().__init__(
            f"{n} of the selected claims {'was' if n == 1 else 'were'} changed by someone "
            "else meanwhile; nothing was changed. Reload and try again.",
            entity="claim",
            entity_id=min(conflicted) if conflicted else 0,
        )
        self.conflicted = conflicted


def _same(a: Any, b: Any) -> bool:
    # ClaimKind is a StrEnum: "denial" == ClaimKind.DENIAL; None and "" stay different.
    return bool(a == b)


def update_merging(
    claims: ClaimService, claim_id: int, base: ClaimRecord, changes: Mapping[str, Any]
) -> ChangeSet:
    """Save ``changes`` made on top of ``base``, merging with what others saved meanwhile.

    A field nobody else touched is saved; a field someone else changed to another value
    raises :class:`FieldConflict` and nothing is saved. Returns the ChangeSet.
    """
    unknown = set(changes) - set(MERGEABLE)
    if unknown:
        raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))} on a claim.")
    if base.id != claim_id:
        raise ValidationError("The claim the edit started from is another claim.")
    for _attempt in range(_RETRIES):
        current = claims.get(claim_id)
        conflicts: dict[str, FieldValues] = {}
        to_save: dict[str, Any] = {}
        for name, mine in changes.items():
            attr = MERGEABLE[name]
            was, now = getattr(base, attr), getattr(current, attr)
            if _same(now, mine):
                continue  # already so (the other editor made the same change)
            if _same(now, was):
                to_save[name] = mine
            else:
                conflicts[name] = FieldValues(mine=mine, theirs=now, base=was)
        if conflicts:
            raise FieldConflict(claim_id, conflicts, current)
        if not to_save:
            return ChangeSet()
        try:
            return claims.update(claim_id, expected_version=current.version, **to_save)
        except FieldConflict:
            raise
        except ConflictError:
            continue  # saved by someone between our read and write: compare again
    raise ConflictError(
        f"Claim {claim_id} keeps changing under this edit; try again in a moment.",
        entity="claim",
        entity_id=claim_id,
    )


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
        found.update({int(i): int(v) for i, v in rows})
    conflicted = {i: found.get(i) for i in ids if found.get(i) != expected[i]}
    if conflicted:
        raise BulkConflict(conflicted)


__all__ = [
    "MERGEABLE",
    "BulkConflict",
    "FieldConflict",
    "FieldValues",
    "check_versions",
    "update_merging",
]
