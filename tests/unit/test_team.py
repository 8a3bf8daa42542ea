"""Team mode, on both backends: merging concurrent edits, version-checked bulk edits, and
two real processes racing on one claim without losing an update."""

from __future__ import annotations

import multiprocessing
import random
from pathlib import Path

import pytest

from claimtrack.domain import ConflictError
from claimtrack.services import Services
from claimtrack.services.merge import BulkConflict, FieldConflict
from claimtrack.store import open_store

STORY = (
    "A port official said the new ferry terminal would be ready by June, "
    "while the contractor declined to give a date."
)


@pytest.fixture
def article(services: Services) -> int:
    return services.articles.create("Ferry terminal", STORY, language="en").id


@pytest.fixture
def other(services: Services, store_target: Path | str):
    """A second editor on their own connection to the same database."""
    second = Services(open_store(store_target), "Dimas")
    yield second
    second.store.close()


def test_edits_to_different_fields_merge_by_themselves(
    services: Services, other: Services, article: int
) -> None:
    claim = services.claims.create(article, "the terminal would be ready by June").id
    mine = services.claims.get(claim)
    theirs = other.claims.get(claim)
    other.claims.update_merging(claim, theirs, {"status": "in_progress", "assignee": "Dimas"})
    services.claims.update_merging(claim, mine, {"notes": "Ask the ministry.", "verdict": "false"})
    record = services.claims.get(claim)
    assert (record.status, record.assignee) == ("in_progress", "Dimas")
    assert (record.notes, record.verdict) == ("Ask the ministry.", "false")
    assert record.version == 3
    fields = [h.field for h in services.history.for_entity("claim", claim)]
    assert sorted(fields[1:]) == ["assignee", "notes", "status", "verdict"]


def test_the_same_field_changed_by_both_is_a_conflict_with_all_three_values(
    services: Services, other: Services, article: int
) -> None:
    claim = services.claims.create(article, "the terminal would be ready by June").id
    mine = services.claims.get(claim)
    other.claims.update_merging(claim, other.claims.get(claim), {"notes": "theirs"})
    with pytest.raises(FieldConflict) as caught:
        services.claims.update_merging(claim, mine, {"notes": "mine", "assignee": "Ayu"})
    conflict = caught.value
    assert set(conflict.fields) == {"notes"}
    values = conflict.fields["notes"]
    assert (values.mine, values.theirs, values.base) == ("mine", "theirs", "")
    assert conflict.current.updated_by == "Dimas"
    assert "Dimas changed notes" in str(conflict)
    record = services.claims.get(claim)
    assert (record.notes, record.assignee) == ("theirs", "")  # nothing of mine was saved
    # Resolving: a merged value on top of what is there now saves everything.
    services.claims.update_merging(
        claim, conflict.current, {"notes": "theirs + mine", "assignee": "Ayu"}
    )
    record = services.claims.get(claim)
    assert (record.notes, record.assignee, record.updated_by) == ("theirs + mine", "Ayu", "Ayu")


def test_the_same_change_made_by_both_is_not_a_conflict(
    services: Services, other: Services, article: int
) -> None:
    claim = services.claims.create(article, "the terminal would be ready by June").id
    mine = services.claims.get(claim)
    other.claims.update_merging(claim, other.claims.get(claim), {"kind": "denial"})
    changes = services.claims.update_merging(claim, mine, {"kind": "denial"})
    assert not changes
    assert services.claims.get(claim).version == 2


def test_a_bulk_edit_over_rows_changed_meanwhile_writes_nothing_and_names_them(
    services: Services, other: Services, article: int
) -> None:
    ids = [services.claims.create(article, f"claim {i}").id for i in range(30)]
    loaded = {c.id: c.version for c in services.claims.get_many(ids)}
    other.claims.update(ids[3], assignee="Dimas")
    other.claims.delete(ids[7])
    with pytest.raises(BulkConflict) as caught:
        services.claims.bulk_update(ids, expected_versions=loaded, status="done")
    assert caught.value.conflicted == {ids[3]: 2, ids[7]: None}
    assert services.claims.counts_by("status").get("done", 0) == 0
    # The editor applies it to the rows nobody touched.
    rest = [i for i in ids if i not in caught.value.conflicted]
    changes = services.claims.bulk_update(
        rest, expected_versions={i: loaded[i] for i in rest}, status="done"
    )
    assert changes.updated["claim"] == frozenset(rest)
    assert services.claims.get(ids[3]).assignee == "Dimas"
    assert services.claims.get(ids[3]).status == "unreviewed"


# ------------------------------------------------------------------ two real processes

ROUNDS = 200


def _editor(
    target: str, name: str, claim: int, rounds: int, barrier, seed: int, queue
) -> None:  # pragma: no cover - runs in a child process
    """Each round: both read the claim, then both try to save on top of what they read."""
    import time

    rng = random.Random(seed)
    services = Services(open_store(target), name)
    conflicts = 0
    try:
        for i in range(rounds):
            barrier.wait()
            record = services.claims.get(claim)
            barrier.wait()
            time.sleep(rng.random() * 0.002)  # who saves first varies at random
            token = f"{name}{i};"
            while True:
                try:
                    services.claims.update(
                        claim, expected_version=record.version, notes=record.notes + token
                    )
                    break
                except ConflictError:
                    conflicts += 1
                    record = services.claims.get(claim)  # reload, re-apply, save again
    finally:
        services.store.close()
    queue.put((name, conflicts))


@pytest.mark.slow
def test_two_processes_editing_one_claim_lose_nothing(
    services: Services, store_target: Path | str, article: int
) -> None:
    claim = services.claims.create(article, "the contractor declined to give a date").id
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    queue = ctx.Queue()
    seed = random.randrange(1_000_000)
    workers = [
        ctx.Process(
            target=_editor,
            args=(str(store_target), name, claim, ROUNDS, barrier, seed + n, queue),
        )
        for n, name in enumerate(("A", "B"))
    ]
    for worker in workers:
        worker.start()
    results = dict(queue.get(timeout=240) for _ in workers)
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0, f"seed {seed}"
    notes = services.claims.get(claim).notes
    tokens = [t for t in notes.split(";") if t]
    expected = {f"{name}{i}" for name in "AB" for i in range(ROUNDS)}
    assert len(tokens) == 2 * ROUNDS and set(tokens) == expected, f"seed {seed}"
    # Every round, exactly one of the two saves was stopped as a conflict.
    assert results["A"] + results["B"] == ROUNDS, f"seed {seed}"
    saves = [h for h in services.history.for_entity("claim", claim) if h.field == "notes"]
    assert len(saves) == 2 * ROUNDS
