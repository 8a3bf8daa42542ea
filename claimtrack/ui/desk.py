"""The desk: every edit the UI makes, as undoable steps over the services.

Widgets call these methods and get True when the edit was saved. A refused edit (a
conflict, a read-only file, a bad value) is reported through ``failed`` and returns False,
so the widget keeps what the editor typed. Successful edits broadcast one ChangeSet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from claimtrack.domain import ChangeSet, ClaimRecord, ClaimTrackError, PartyKind
from claimtrack.ui import undo

if TYPE_CHECKING:
    from claimtrack.services import Services


class Desk(QObject):
    changed = Signal(object)  # ChangeSet
    failed = Signal(str)

    def __init__(
        self, services: Services, stack: QUndoStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.stack = stack

    # ------------------------------------------------------------------ plumbing
    def _notify(self, changes: ChangeSet) -> None:
        if changes:
            self.changed.emit(changes)

    def _report(self, exc: BaseException) -> None:
        self.failed.emit(str(exc) or exc.__class__.__name__)

    def _attempt(self, work: Callable[[], Any]) -> Any:
        """Run ``work``; on a ClaimTrackError report it and return None."""
        try:
            return work()
        except ClaimTrackError as exc:
            self._report(exc)
            return None

    def _push(self, command: undo.ServiceCommand, changes: ChangeSet) -> None:
        command.on_error = self._report
        self.stack.push(command)
        self._notify(changes)

    # ------------------------------------------------------------------ claims
    def edit_claim(self, record: ClaimRecord, fields: dict[str, Any], label: str) -> bool:
        """Save ``fields`` made on top of ``record`` (the claim as the editor saw it).

        Fields someone else changed meanwhile are merged when they differ from ours; a
        real clash goes to ``resolve_conflict`` (mine, theirs or merged), never silently
        overwritten.
        """
        from claimtrack.services.merge import FieldConflict

        old = {name: _old_value(record, name) for name in fields}
        base, wanted = record, dict(fields)
        while True:
            try:
                changes = self.services.claims.update_merging(record.id, base, wanted)
                break
            except FieldConflict as conflict:
                choice = self.resolve_conflict(conflict) if self.resolve_conflict else None
                if choice is None:
                    self._report(conflict)
                    return False
                base, wanted = conflict.current, {**wanted, **choice}
                old = {name: _old_value(conflict.current, name) for name in wanted}
            except ClaimTrackError as exc:
                self._report(exc)
                return False
        fields = wanted
        if changes:
            cmd = undo.EditClaimCommand(
                self.services, self._notify, record.id, dict(fields), old, label, done=True
            )
            self._push(cmd, changes)
        return True

    def edit_cell(self, claim_id: int, field: str, value: Any, label: str) -> bool:
        record = self._attempt(lambda: self.services.claims.get(claim_id))
        return record is not None and self.edit_claim(record, {field: value}, label)

    def bulk_edit(
        self,
        claim_ids: Sequence[int],
        field: str,
        value: Any,
        label: str,
        expected_versions: dict[int, int] | None = None,
    ) -> bool:
        """One field on many claims, as one undoable step.

        ``expected_versions`` are the versions the editor has seen; claims someone else
        changed meanwhile are never overwritten silently: ``confirm_partial`` decides
        whether to apply the edit to the others.
        """
        from claimtrack.services.merge import BulkConflict

        ids = list(claim_ids)
        if not ids:
            return True
        while True:
            old = self._attempt(lambda ids=ids: self.services.claims.field_values(ids, field))
            if old is None:
                return False
            try:
                changes = self.services.claims.bulk_update(
                    ids, expected_versions=expected_versions, **{field: value}
                )
                break
            except BulkConflict as conflict:
                others = [i for i in ids if i not in conflict.conflicted]
                if not others or not (self.confirm_partial and self.confirm_partial(conflict)):
                    self._report(conflict)
                    return False
                ids = others
            except ClaimTrackError as exc:
                self._report(exc)
                return False
        cmd = undo.BulkEditCommand(self.services, self._notify, field, value, old, label, done=True)
        self._push(cmd, changes)
        return True

    def set_chain(self, record: ClaimRecord, chain: Sequence[tuple[int, str]], label: str) -> bool:
        old = [(link.party_id, link.role.value) for link in record.chain]
        seen = " › ".join(link.name for link in record.chain)
        changes = self._attempt(
            lambda: self.services.claims.set_chain(record.id, chain, expected_chain=seen)
        )
        if changes is None:
            return False
        if changes:
            cmd = undo.ChainCommand(
                self.services, self._notify, record.id, chain, old, label, done=True
            )
            self._push(cmd, changes)
        return True

    def set_tags(
        self, records: Sequence[ClaimRecord], names: dict[int, tuple[str, ...]], label: str
    ) -> bool:
        """Replace tags claim by claim (``names`` maps claim id to its new tags)."""
        old = {r.id: r.tags for r in records}

        def work() -> ChangeSet:
            total = ChangeSet()
            for claim_id, tags in names.items():
                total = total.merged(
                    self.services.claims.set_tags(claim_id, tags, expected_tags=old[claim_id])
                )
            return total

        changes = self._attempt(work)
        if changes is None:
            return False
        if changes:
            cmd = undo.TagsCommand(self.services, self._notify, dict(names), old, label, done=True)
            self._push(cmd, changes)
        return True

    def delete_claims(self, claim_ids: Sequence[int], label: str) -> bool:
        snapshots = self._attempt(lambda: self.services.claims.snapshot(claim_ids))
        if snapshots is None:
            return False
        changes = self._attempt(lambda: self.services.claims.delete(list(claim_ids)))
        if changes is None:
            return False
        cmd = undo.DeleteClaimsCommand(self.services, self._notify, snapshots, label, done=True)
        self._push(cmd, changes)
        return True

    def create_claim(
        self, article_id: int, start: int, end: int, text: str, label: str
    ) -> int | None:
        made = self._attempt(
            lambda: self.services.claims.create(article_id, text, start=start, end=end)
        )
        if made is None:
            return None
        cmd = undo.CreateClaimCommand(self.services, self._notify, made.id, label)
        self._push(cmd, made.changes)
        return int(made.id)

    def party_id(self, name: str, kind: PartyKind = PartyKind.PERSON) -> int | None:
        """The party called ``name``, created when new (not an undo step of its own)."""
        name = " ".join(name.split())
        if not name:
            return None
        return self._attempt(lambda: self.services.parties.find_or_create(name, kind))

    # ------------------------------------------------------------------ evidence, replies
    def add_row(self, kind: str, claim_id: int, fields: dict[str, Any], label: str) -> bool:
        """Add evidence (``kind`` "evidence") or a reply request ("reply")."""
        service = self._child_service(kind)
        made = self._attempt(lambda: service.add(claim_id, **fields))
        if made is None:
            return False
        holder = [made.id]

        def redo() -> ChangeSet:
            again = service.add(claim_id, **fields)
            holder[0] = again.id
            return again.changes

        cmd = undo.FunctionCommand(
            self.services, self._notify, redo, lambda: service.delete(holder[0]), label
        )
        self._push(cmd, made.changes)
        return True

    def update_row(
        self, kind: str, row_id: int, new: dict[str, Any], old: dict[str, Any], label: str
    ) -> bool:
        service = self._child_service(kind)
        changes = self._attempt(lambda: service.update(row_id, **new))
        if changes is None:
            return False
        if changes:
            cmd = undo.FunctionCommand(
                self.services,
                self._notify,
                lambda: service.update(row_id, **new),
                lambda: service.update(row_id, **old),
                label,
            )
            self._push(cmd, changes)
        return True

    def delete_row(
        self, kind: str, claim_id: int, row_id: int, fields: dict[str, Any], label: str
    ) -> bool:
        service = self._child_service(kind)
        changes = self._attempt(lambda: service.delete(row_id))
        if changes is None:
            return False
        holder = [row_id]

        def undo_delete() -> ChangeSet:
            again = service.add(claim_id, **fields)
            holder[0] = again.id
            return again.changes

        cmd = undo.FunctionCommand(
            self.services, self._notify, lambda: service.delete(holder[0]), undo_delete, label
        )
        self._push(cmd, changes)
        return True

    def _child_service(self, kind: str) -> Any:
        return {"evidence": self.services.evidence, "reply": self.services.replies}[kind]


def _old_value(record: ClaimRecord, name: str) -> Any:
    value = getattr(record, name)
    return value.value if hasattr(value, "value") else value
