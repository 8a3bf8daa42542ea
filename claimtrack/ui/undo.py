"""Undo commands: every edit an editor makes is one step on the QUndoStack.

A command is pushed only after its first execution succeeded (``done=True`` skips the
first redo), so a failed save never leaves a phantom step on the stack. Each command
remembers the old values when it is made, as orange-canvas-core's commands do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from claimtrack.domain import ChangeSet, ClaimTrackError

if TYPE_CHECKING:
    from claimtrack.services import Services
    from claimtrack.services.claims import ClaimSnapshot

Notify = Callable[[ChangeSet], None]
OnError = Callable[[BaseException], None]


class ServiceCommand(QUndoCommand):
    """Base: runs a service call and broadcasts the resulting ChangeSet.

    An undo or redo that the database refuses (someone deleted the claim meanwhile, the
    file went read-only) is reported through ``on_error``, never raised into Qt.
    """

    on_error: OnError | None = None

    def __init__(self, text: str, services: Services, notify: Notify, *, done: bool) -> None:
        super().__init__(text)
        self.services = services
        self.notify = notify
        self._skip_redo = done

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], ChangeSet]) -> None:
        try:
            changes = step()
        except ClaimTrackError as exc:
            if self.on_error is not None:
                self.on_error(exc)
            return
        self.notify(changes)

    def apply(self) -> ChangeSet:
        raise NotImplementedError

    def revert(self) -> ChangeSet:
        raise NotImplementedError


class EditClaimCommand(ServiceCommand):
    """Change some fields of one claim (status, verdict, notes, claimant …)."""

    def __init__(
        self,
        services: Services,
        notify: Notify,
        claim_id: int,
        new: dict[str, Any],
        old: dict[str, Any],
        text: str,
        *,
        done: bool = False,
    ) -> None:
        super().__init__(text, services, notify, done=done)
        self.claim_id, self.new, self.old = claim_id, new, old

    def apply(self) -> ChangeSet:
        return self.services.claims.update(self.claim_id, **self.new)

    def revert(self) -> ChangeSet:
        return self.services.claims.update(self.claim_id, **self.old)


class ChainCommand(ServiceCommand):
    def __init__(
        self,
        services: Services,
        notify: Notify,
        claim_id: int,
        new: Sequence[tuple[int, str]],
        old: Sequence[tuple[int, str]],
        text: str,
        *,
        done: bool = False,
    ) -> None:
        super().__init__(text, services, notify, done=done)
        self.claim_id, self.new, self.old = claim_id, list(new), list(old)

    def apply(self) -> ChangeSet:
        return self.services.claims.set_chain(self.claim_id, self.new)

    def revert(self) -> ChangeSet:
        return self.services.claims.set_chain(self.claim_id, self.old)


class TagsCommand(ServiceCommand):
    """Replace the tags of one or more claims (old tags kept per claim)."""

    def __init__(
        self,
        services: Services,
        notify: Notify,
        new: dict[int, tuple[str, ...]],
        old: dict[int, tuple[str, ...]],
        text: str,
        *,
        done: bool = False,
    ) -> None:
        super().__init__(text, services, notify, done=done)
        self.new, self.old = new, old

    def _set(self, tags: dict[int, tuple[str, ...]]) -> ChangeSet:
        total = ChangeSet()
        for claim_id, names in tags.items():
            total = total.merged(self.services.claims.set_tags(claim_id, names))
        return total

    def apply(self) -> ChangeSet:
        return self._set(self.new)

    def revert(self) -> ChangeSet:
        return self._set(self.old)


class BulkEditCommand(ServiceCommand):
    """One field set on many claims; undo restores each claim's own old value."""

    def __init__(
        self,
        services: Services,
        notify: Notify,
        field: str,
        value: Any,
        old: dict[int, Any],
        text: str,
        *,
        done: bool = False,
    ) -> None:
        super().__init__(text, services, notify, done=done)
        self.field, self.value, self.old = field, value, old

    def apply(self) -> ChangeSet:
        return self.services.claims.bulk_update(list(self.old), **{self.field: self.value})

    def revert(self) -> ChangeSet:
        groups: dict[Any, list[int]] = defaultdict(list)
        for claim_id, value in self.old.items():
            groups[value].append(claim_id)
        total = ChangeSet()
        for value, ids in groups.items():
            total = total.merged(self.services.claims.bulk_update(ids, **{self.field: value}))
        return total


class DeleteClaimsCommand(ServiceCommand):
    """Delete claims; undo brings them back under their old ids with all they held."""

    def __init__(
        self,
        services: Services,
        notify: Notify,
        snapshots: Sequence[ClaimSnapshot],
        text: str,
        *,
        done: bool = False,
    ) -> None:
        super().__init__(text, services, notify, done=done)
        self.snapshots = list(snapshots)

    def apply(self) -> ChangeSet:
        return self.services.claims.delete([s.claim["id"] for s in self.snapshots])

    def revert(self) -> ChangeSet:
        return self.services.claims.restore(self.snapshots)


class CreateClaimCommand(ServiceCommand):
    """A new claim; undo deletes it, redo restores it under the same id."""

    def __init__(
        self, services: Services, notify: Notify, claim_id: int, text: str, *, done: bool = True
    ) -> None:
        super().__init__(text, services, notify, done=done)
        self.claim_id = claim_id
        self.snapshots: list[ClaimSnapshot] = []

    def apply(self) -> ChangeSet:
        return self.services.claims.restore(self.snapshots)

    def revert(self) -> ChangeSet:
        self.snapshots = self.services.claims.snapshot([self.claim_id])
        return self.services.claims.delete([self.claim_id])


class FunctionCommand(ServiceCommand):
    """An edit given as a pair of closures (used for evidence and reply requests)."""

    def __init__(
        self,
        services: Services,
        notify: Notify,
        do: Callable[[], ChangeSet],
        undo: Callable[[], ChangeSet],
        text: str,
        *,
        done: bool = True,
    ) -> None:
        super().__init__(text, services, notify, done=done)
        self._do, self._undo = do, undo

    def apply(self) -> ChangeSet:
        return self._do()

    def revert(self) -> ChangeSet:
        return self._undo()
