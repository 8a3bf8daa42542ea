"""The field-level merge decision on its own: plain records in, a Merge out, no database.

The service tests (test_team.py) cover locking and writing around it on both backends.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from claimtrack.domain import ClaimKind, ClaimRecord, ValidationError
from claimtrack.services.merge import MERGEABLE, FieldValues, Merge, check_mergeable, merge_edit

BASE: dict[str, Any] = {
    "text": "the terminal would be ready by June",
    "start": None,
    "end": None,
    "paraphrase": "",
    "kind": ClaimKind.STATEMENT,
    "cue": "said",
    "claimant_id": 3,
    "status": "unreviewed",
    "verdict": "unrated",
    "verdict_explanation": "",
    "notes": "",
    "assignee": "",
}


def _now(**changed: Any) -> dict[str, Any]:
    return {**BASE, **changed}


CASES = [
    pytest.param(_now(), {"notes": "mine"}, Merge(to_save={"notes": "mine"}), id="nobody else"),
    pytest.param(
        _now(status="in_progress", assignee="Dimas"),
        {"notes": "Ask the ministry.", "verdict": "false"},
        Merge(to_save={"notes": "Ask the ministry.", "verdict": "false"}),
        id="disjoint fields merge",
    ),
    pytest.param(
        _now(kind=ClaimKind.DENIAL),
        {"kind": "denial"},
        Merge(),
        id="same field same value (enum vs key)",
    ),
    pytest.param(
        _now(notes="theirs"),
        {"notes": "mine", "assignee": "Ayu"},
        Merge(conflicts={"notes": FieldValues(mine="mine", theirs="theirs", base="")}),
        id="same field different values: conflict, nothing saved",
    ),
    pytest.param(
        _now(notes="theirs", verdict="false"),
        {"notes": "mine", "verdict": "accurate", "cue": "claimed"},
        Merge(
            conflicts={
                "notes": FieldValues("mine", "theirs", ""),
                "verdict": FieldValues("accurate", "false", "unrated"),
            }
        ),
        id="several conflicts at once",
    ),
    pytest.param(
        _now(notes="theirs"),
        {"notes": "theirs", "assignee": "Ayu"},
        Merge(to_save={"assignee": "Ayu"}),
        id="same change by both is skipped, the rest saved",
    ),
    pytest.param(
        _now(claimant_id=None),
        {"claimant_id": 4},
        Merge(conflicts={"claimant_id": FieldValues(4, None, 3)}),
        id="a cleared value is a change",
    ),
    pytest.param(
        _now(),
        {"assignee": None},
        Merge(to_save={"assignee": None}),
        id="None and empty text differ",
    ),
    pytest.param(_now(notes="theirs"), {}, Merge(), id="empty edit"),
]


@pytest.mark.parametrize(("current", "mine", "expected"), CASES)
def test_merge_table(current: dict[str, Any], mine: dict[str, Any], expected: Merge) -> None:
    assert merge_edit(BASE, current, mine) == expected


def test_records_and_dicts_give_the_same_merge() -> None:
    moment = datetime(2024, 5, 1, tzinfo=UTC)

    def record(**fields: Any) -> ClaimRecord:
        return ClaimRecord(
            id=1,
            article_id=1,
            article_title="Ferry terminal",
            claimant=None,
            chain=(),
            tags=(),
            created_at=moment,
            created_by="Ayu",
            updated_at=moment,
            updated_by="Dimas",
            version=2,
            **fields,
        )

    mine = {"notes": "mine", "status": "done"}
    as_dicts = merge_edit(BASE, _now(notes="theirs"), mine)
    as_records = merge_edit(record(**BASE), record(**_now(notes="theirs")), mine)
    assert as_records == as_dicts
    assert set(as_records.conflicts) == {"notes"}


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="tags"):
        merge_edit(BASE, BASE, {"tags": ("roads",), "notes": "x"})
    with pytest.raises(ValidationError, match="chain"):
        check_mergeable(["chain"])
    check_mergeable(MERGEABLE)
