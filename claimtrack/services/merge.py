"""Concurrent edits without lost updates: the field-level merge decision, kept pure.

Two editors who change different fields of the same claim both keep their work; when they
change the same field, the second is stopped with both values (and the value they started
from) so the UI can show them side by side. Nothing is ever overwritten silently.

This module decides only: :func:`merge_edit` compares plain records (ClaimRecords or
dicts) and returns what to save or what conflicts. No session, store or service is
involved, so the rules are tested without a database; ``ClaimService.update_merging``
locks the row, reads it, asks this module, and writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claimtrack.domain import ClaimRecord, ConflictError, ValidationError

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


@dataclass(frozen=True)
class FieldValues:
    """One field in conflict: what I typed, what the other editor saved, where we began."""

    mine: Any
    theirs: Any
    base: Any


@dataclass(frozen=True)
class Merge:
    """The outcome of one edit: fields to save, or the fields in conflict (then nothing).

    Both empty: the claim already says what the edit wanted.
    """

    to_save: dict[str, Any] = field(default_factory=dict)
    conflicts: dict[str, FieldValues] = field(default_factory=dict)


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


def check_mergeable(names: Iterable[str]) -> None:
    """Refuse fields the merge does not know, before anything is read or locked."""
    unknown = set(names) - set(MERGEABLE)
    if unknown:
        raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))} on a claim.")


def merge_edit(base: Any, current: Any, mine: Mapping[str, Any]) -> Merge:
    """Merge ``mine`` (field -> value, typed on top of ``base``) with ``current``.

    ``base`` and ``current`` are the claim as the editor loaded it and as it is now, as
    ClaimRecords or as dicts keyed by record attribute. Per field: already so now → skip;
    unchanged since base → save mine; changed to something else → conflict.
    """
    check_mergeable(mine)
    conflicts: dict[str, FieldValues] = {}
    to_save: dict[str, Any] = {}
    for name, value in mine.items():
        attr = MERGEABLE[name]
        was, now = _value(base, attr), _value(current, attr)
        if _same(now, value):
            continue  # already so (the other editor made the same change)
        if _same(now, was):
            to_save[name] = value
        else:
            conflicts[name] = FieldValues(mine=value, theirs=now, base=was)
    if conflicts:
        return Merge(conflicts=conflicts)
    return Merge(to_save=to_save)


def _value(record: Any, attr: str) -> Any:
    return record[attr] if isinstance(record, Mapping) else getattr(record, attr)


def _same(a: Any, b: Any) -> bool:
    # ClaimKind is a StrEnum: "denial" == ClaimKind.DENIAL; None and "" stay different.
    return bool(a == b)


__all__ = [
    "MERGEABLE",
    "BulkConflict",
    "FieldConflict",
    "FieldValues",
    "Merge",
    "check_mergeable",
    "merge_edit",
]
