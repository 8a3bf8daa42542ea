"""Sorting the claim list: the fast paths give exactly the plain SQL order.

On SQLite the services sort through revision 0004's indexes, the trigger-kept
``claim_sort`` table, one index range per status or verdict, and FTS5's own rowid order;
these tests hold every key, both directions and several filters to the straightforward
join-and-lower() query, also after the edits the triggers must follow.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import select

from claimtrack.domain import ClaimFilter
from claimtrack.services import Services, claim_queries
from claimtrack.store import open_store
from claimtrack.store.models import Claim

FILTERS = (
    ClaimFilter(),
    ClaimFilter(statuses=("unreviewed", "done")),
    ClaimFilter(search="harbour"),
    ClaimFilter(search="ha", verdicts=("false", "unrated")),
    ClaimFilter(tag="roads"),
)


def _reference(services: Services, flt: ClaimFilter) -> list[int]:
    """The order as plain SQL gives it: joins, subqueries and lower(), no shortcuts."""
    with services.claims._read() as session:
        query = claim_queries._sorted(
            claim_queries._filtered(select(Claim.id), flt), flt, "postgresql"
        )
        return claim_queries._fetch_ids(session, query)


def _assert_same_order(services: Services) -> None:
    for base in FILTERS:
        for key in claim_queries.SORT_KEYS:
            for descending in (False, True):
                flt = replace(base, sort=key, descending=descending)
                expected = _reference(services, flt)
                assert services.claims.query_ids(flt) == expected, flt
                assert services.claims.query_ids(flt, limit=3) == expected[:3], flt


@pytest.fixture
def desk(tmp_path) -> Services:
    services = Services(open_store(tmp_path / "sorting.sqlite"), "Ayu")
    first = services.articles.create("Harbour budget", "Words about the harbour budget.").id
    second = services.articles.create("airport plans", "Words about airport plans.").id
    names = ["dewi", "Bambang", "ahmad", "Citra", "bambang"]  # case differs, one name twice
    parties = [services.parties.create(name).id for name in names]
    statuses = ["unreviewed", "in_progress", "done", "unreviewed"]
    verdicts = ["unrated", "false", "accurate", "false", "mostly_false"]
    for i in range(24):
        services.claims.create(
            first if i % 3 else second,
            f"{'Harbour' if i % 2 else 'airport'} claim number {i % 7}",
            claimant_id=parties[i % 5] if i % 4 else None,
            chain=[parties[(i + 1) % 5], parties[(i + 2) % 5]] if i % 3 else [],
            status=statuses[i % 4],
            verdict=verdicts[i % 5],
            assignee=["", "sari", "Budi", "ayu"][i % 4],
            tags=[["roads", "Budget"], ["ports"], []][i % 3],
        )
    return services


def test_every_sort_key_matches_the_plain_query(desk: Services) -> None:
    _assert_same_order(desk)


def test_sort_keys_follow_renames_chains_tags_and_deletes(desk: Services) -> None:
    ids = desk.claims.query_ids()
    party = desk.claims.get(ids[1]).claimant_id
    assert party is not None
    desk.parties.update(party, name="Zainal")  # claimant and "via" keys of many claims
    desk.claims.set_chain(ids[2], [party])
    desk.claims.set_chain(ids[4], [])
    desk.claims.set_tags(ids[5], ["aardvark"])
    desk.claims.update(ids[6], claimant_id=None)
    article = desk.claims.get(ids[7]).article_id
    desk.articles.update(article, title="Zebra crossing")
    tag = next(t for t in desk.catalog.tags() if t.name == "ports")
    desk.catalog.update_tag(tag.id, name="Aa ports")
    desk.claims.delete([ids[8], ids[9]])
    _assert_same_order(desk)
    assert len(desk.claims.query_ids()) == len(ids) - 2
