"""The services an editor's every action goes through: CRUD, History, search, concurrency."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from claimtrack.domain import (
    ChainRole,
    ClaimFilter,
    ClaimKind,
    ConflictError,
    EvidenceType,
    NotFoundError,
    PartyKind,
    ReplyChannel,
    Stance,
    ValidationError,
)
from claimtrack.services import Services

ARTICLE = (
    "The harbour master told Kabar Pesisir that the new pier would open in May. "
    "A ministry official, who asked not to be named, said the budget had doubled."
)


@pytest.fixture
def article(services: Services) -> int:
    return services.articles.create(
        "Pier opening delayed", ARTICLE, outlet="Kabar Pesisir", language="en"
    ).id


def _span(text: str) -> dict[str, int]:
    start = ARTICLE.index(text)
    return {"start": start, "end": start + len(text)}


def _history(
    services: Services, entity: str, entity_id: int
) -> list[tuple[str, str | None, str | None]]:
    return [(h.field, h.old, h.new) for h in services.history.for_entity(entity, entity_id)]


# ------------------------------------------------------------------ CRUD per entity


def test_article_crud_keeps_a_sha256_of_the_text(services: Services) -> None:
    made = services.articles.create(
        "Title", "Body text.", outlet="Outlet", published=date(2025, 1, 2)
    )
    record = services.articles.get(made.id)

    assert record.sha256 == hashlib.sha256(b"Body text.").hexdigest()
    assert record.published == date(2025, 1, 2)
    services.articles.update(made.id, text="Body text, edited.", title="New title")
    record = services.articles.get(made.id)
    assert record.title == "New title"
    assert record.sha256 == hashlib.sha256(b"Body text, edited.").hexdigest()
    assert record.version == 2
    services.articles.delete(made.id)
    with pytest.raises(NotFoundError):
        services.articles.get(made.id)
    fields = [f for f, _, _ in _history(services, "article", made.id)]
    assert fields[0] == "(created)" and fields[-1] == "(deleted)"
    assert sorted(fields[1:-1]) == ["sha256", "text", "title"]


def test_party_crud_and_protected_flag(services: Services) -> None:
    made = services.parties.create("People familiar with the talks", PartyKind.ANONYMOUS)
    services.parties.update(made.id, protected=True, aliases="insiders")
    party = services.parties.get(made.id)
    assert (party.kind, party.protected, party.aliases) == (PartyKind.ANONYMOUS, True, "insiders")
    assert services.parties.find("people FAMILIAR with the talks").id == made.id
    assert services.parties.find_or_create("Antara", PartyKind.NEWS_AGENCY) != made.id
    services.parties.delete(made.id)
    assert [p.name for p in services.parties.list()] == ["Antara"]
    with pytest.raises(ValidationError):
        services.parties.create("   ")


def test_a_party_named_in_a_claim_cannot_be_deleted(services: Services, article: int) -> None:
    party = services.parties.create("Harbour master").id
    services.claims.create(article, "the new pier would open in May", claimant_id=party)
    with pytest.raises(ValidationError, match="still named in 1 claim"):
        services.parties.delete(party)
    assert services.parties.get(party).name == "Harbour master"


def test_claim_crud_with_chain_tags_and_offsets(services: Services, article: int) -> None:
    master = services.parties.create("Harbour master").id
    outlet = services.parties.create("Kabar Pesisir", PartyKind.OUTLET).id
    made = services.claims.create(
        article,
        "the new pier would open in May",
        **_span("the new pier would open in May"),
        kind=ClaimKind.STATEMENT,
        cue="told",
        claimant_id=master,
        chain=[(outlet, ChainRole.VIA)],
        tags=["ports", "budget"],
        notes="Ask the *port authority* for the schedule.",
    )
    claim = services.claims.get(made.id)
    assert claim.claimant == "Harbour master"
    assert claim.via == ["Kabar Pesisir"]
    assert claim.tags == ("budget", "ports")
    assert ARTICLE[claim.start : claim.end] == claim.text
    assert (claim.status, claim.verdict, claim.version) == ("unreviewed", "unrated", 1)
    assert claim.created_by == "Ayu" and claim.updated_by == "Ayu"

    services.editor = "Budi"
    services.claims.update(made.id, status="in_progress", verdict="mostly_false", assignee="Budi")
    claim = services.claims.get(made.id)
    assert (claim.status, claim.verdict, claim.assignee) == ("in_progress", "mostly_false", "Budi")
    assert claim.updated_by == "Budi" and claim.version == 2

    services.claims.delete(made.id)
    with pytest.raises(NotFoundError):
        services.claims.get(made.id)
    assert _history(services, "claim", made.id)[-1] == ("(deleted)", claim.text, None)


def test_a_claim_whose_offsets_do_not_match_its_article_is_refused(
    services: Services, article: int
) -> None:
    with pytest.raises(ValidationError, match="not what the article says"):
        services.claims.create(article, "the pier would open", start=0, end=19)
    with pytest.raises(ValidationError, match="outside its article"):
        services.claims.create(article, "x", start=10_000, end=10_001)
    assert services.claims.count() == 0


def test_evidence_and_reply_requests_crud(services: Services, article: int) -> None:
    claim = services.claims.create(article, "the budget had doubled").id
    ministry = services.parties.create("Ministry of Works", PartyKind.GOVERNMENT).id
    ev = services.evidence.add(
        claim,
        url="https://example.org/budget.pdf",
        type=EvidenceType.OFFICIAL_DATA,
        stance=Stance.REFUTES,
        excerpt="Allocation rose by 12 percent.",
        accessed=date(2025, 5, 1),
    ).id
    services.evidence.update(ev, excerpt="Allocation rose by 12 percent, not 100.")
    [record] = services.evidence.for_claim(claim)
    assert (record.type, record.stance) == (EvidenceType.OFFICIAL_DATA, Stance.REFUTES)
    assert record.excerpt.endswith("not 100.")
    with pytest.raises(ValidationError):
        services.evidence.add(claim)

    asked = datetime(2025, 5, 2, 10, 0, tzinfo=UTC)
    req = services.replies.add(claim, ministry, asked_at=asked, channel=ReplyChannel.PHONE).id
    services.replies.update(req, response="We will publish figures next week.", responded_at=asked)
    [reply] = services.replies.for_claim(claim)
    assert reply.party_name == "Ministry of Works"
    assert reply.asked_at == asked
    assert reply.response.startswith("We will")

    services.evidence.delete(ev)
    services.replies.delete(req)
    assert services.evidence.for_claim(claim) == [] and services.replies.for_claim(claim) == []
    fields = [f for f, _, _ in _history(services, "claim", claim)]
    assert f"evidence {ev}: excerpt" in fields
    assert f"reply request {req}: response" in fields
    assert fields.count(f"evidence {ev}") == 2  # added, then deleted


def test_tags_ratings_and_statuses_crud(services: Services) -> None:
    tag = services.catalog.create_tag("elections").id
    services.catalog.update_tag(tag, name="pemilu", colour="#336699")
    assert [(t.name, t.colour) for t in services.catalog.tags()] == [("pemilu", "#336699")]
    services.catalog.delete_tag(tag)
    assert services.catalog.tags() == []

    keys = [r.key for r in services.catalog.ratings()]
    assert keys == [
        "unrated",
        "accurate",
        "mostly_accurate",
        "misleading",
        "mostly_false",
        "false",
        "unverifiable",
    ]
    accurate = services.catalog.ratings()[1]
    assert (accurate.rating_value, accurate.best_rating, accurate.worst_rating) == (5, 5, 1)
    rating = services.catalog.create_rating("satire", "Satire", colour="#00838f", position=9).id
    services.catalog.update_rating(rating, alternate_name="Satire")
    assert services.catalog.ratings()[-1].alternate_name == "Satire"
    services.catalog.delete_rating(rating)
    with pytest.raises(ValidationError):
        services.catalog.create_rating("bad", "Bad colour", colour="red")

    assert [s.key for s in services.catalog.statuses()] == [
        "unreviewed",
        "in_progress",
        "needs_signoff",
        "done",
    ]
    status = services.catalog.create_status("legal", "Legal review", position=5).id
    services.catalog.update_status(status, label="Legal check")
    assert services.catalog.statuses()[-1].label == "Legal check"
    services.catalog.delete_status(status)
    assert len(services.catalog.statuses()) == 4


def test_a_rating_in_use_cannot_be_deleted(services: Services, article: int) -> None:
    services.claims.create(article, "the budget had doubled", verdict="false")
    false = next(r for r in services.catalog.ratings() if r.key == "false")
    with pytest.raises(ValidationError, match="in use"):
        services.catalog.delete_rating(false.id)


# ------------------------------------------------------------------ History


def test_every_field_edit_writes_history_with_who_and_old_new(
    services: Services, article: int
) -> None:
    claim = services.claims.create(article, "the budget had doubled").id
    services.editor = "Citra"
    services.claims.update(claim, status="done", notes="Checked against the budget law.")
    services.claims.update(claim, status="done")  # no change: no History row
    services.claims.set_tags(claim, ["budget"])
    party = services.parties.create("Ministry of Works").id
    services.claims.update(claim, claimant_id=party)
    services.claims.set_chain(claim, [party])
    rows = services.history.for_entity("claim", claim)
    assert [(r.field, r.old, r.new) for r in rows] == [
        ("(created)", None, "the budget had doubled"),
        ("status", "unreviewed", "done"),
        ("notes", "", "Checked against the budget law."),
        ("tags", "", "budget"),
        ("claimant_id", None, "Ministry of Works"),
        ("chain", "", "Ministry of Works"),
    ]
    assert {r.by for r in rows[1:]} == {"Citra"}


def test_a_failing_edit_leaves_neither_the_change_nor_its_history(
    services: Services, article: int
) -> None:
    claim = services.claims.create(article, "the budget had doubled").id
    before = services.history.for_entity("claim", claim)
    # The notes change is valid, the offsets break a CHECK: the whole edit must vanish.
    with pytest.raises(ValidationError):
        services.claims.update(claim, notes="half-saved?", start=30, end=5)
    assert services.claims.get(claim).notes == ""
    assert services.history.for_entity("claim", claim) == before
    with pytest.raises(ValidationError):
        services.claims.update(claim, status="no-such-status")
    with pytest.raises(ValidationError):
        services.claims.update(claim, kind="rumour")
    with pytest.raises(ValidationError):
        services.claims.update(claim, version=99)
    assert services.history.for_entity("claim", claim) == before
    assert services.claims.get(claim).version == 1


@pytest.mark.sqlite_only  # PostgreSQL: tests/unit/test_pg_store.py
def test_history_is_append_only(services: Services, db_path: Path, article: int) -> None:
    services.claims.create(article, "the budget had doubled")
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE history SET by = 'someone else'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM history")
    finally:
        conn.close()


# ------------------------------------------------------------------ concurrency


def test_a_stale_version_is_refused_not_overwritten(services: Services, article: int) -> None:
    claim = services.claims.create(article, "the budget had doubled").id
    loaded = services.claims.get(claim)
    services.claims.update(claim, expected_version=loaded.version, verdict="false")
    with pytest.raises(ConflictError, match="changed by someone else"):
        services.claims.update(claim, expected_version=loaded.version, verdict="accurate")
    assert services.claims.get(claim).verdict == "false"


def test_two_editors_on_separate_connections_cannot_both_win(
    services: Services, store_target: Path | str, article: int
) -> None:
    from claimtrack.store import open_store

    claim = services.claims.create(article, "the budget had doubled").id
    other = Services(open_store(store_target), "Dimas")
    try:
        mine = services.claims.get(claim)
        theirs = other.claims.get(claim)
        other.claims.update(claim, expected_version=theirs.version, notes="first")
        with pytest.raises(ConflictError):
            services.claims.update(claim, expected_version=mine.version, notes="second")
    finally:
        other.store.close()
    record = services.claims.get(claim)
    assert (record.notes, record.updated_by) == ("first", "Dimas")


# ------------------------------------------------------------------ bulk edits


def test_bulk_update_is_one_step_with_history_per_claim(services: Services, article: int) -> None:
    ids = [services.claims.create(article, f"claim {i}").id for i in range(1200)]
    services.claims.update(ids[0], status="done")
    changes = services.claims.bulk_update(ids, status="done", verdict="unverifiable")
    assert changes.updated["claim"] == frozenset(ids)
    assert services.claims.counts_by("status")["done"] == 1200
    assert services.claims.counts_by("verdict")["unverifiable"] == 1200
    first = services.history.for_entity("claim", ids[0])
    assert [(h.field, h.old, h.new) for h in first[1:]] == [
        ("status", "unreviewed", "done"),
        ("verdict", "unrated", "unverifiable"),
    ]
    last = services.history.for_entity("claim", ids[-1])
    assert [(h.field, h.old, h.new) for h in last[1:]] == [
        ("status", "unreviewed", "done"),
        ("verdict", "unrated", "unverifiable"),
    ]
    assert services.claims.get(ids[-1]).version == 3
    with pytest.raises(ValidationError):
        services.claims.bulk_update(ids, notes="no")


def test_bulk_update_across_statement_chunks(services: Services, article: int, monkeypatch) -> None:
    """Bulk edits go in chunks of ids; small chunks here, so every boundary is crossed."""
    from claimtrack.services import claim_edits, claim_queries
    from claimtrack.services.merge import BulkConflict

    monkeypatch.setattr(claim_edits, "_BULK_CHUNK", 7)  # bulk_update, check_versions
    monkeypatch.setattr(claim_queries, "_BULK_CHUNK", 7)  # field_values
    ids = [services.claims.create(article, f"claim {i}").id for i in range(30)]
    seen = {r.id: r.version for r in services.claims.get_many(ids)}
    services.claims.update(ids[20], status="done")  # someone else, in the third chunk
    with pytest.raises(BulkConflict):
        services.claims.bulk_update(ids, seen, verdict="false")
    assert services.claims.counts_by("verdict").get("false", 0) == 0  # nothing written
    seen = {r.id: r.version for r in services.claims.get_many(ids)}
    services.claims.bulk_update(ids, seen, verdict="false")
    assert services.claims.field_values(ids, "verdict") == dict.fromkeys(ids, "false")
    assert all(len(services.history.for_entity("claim", i)) == 2 for i in ids if i != ids[20])


# ------------------------------------------------------------------ search and filters


def test_full_text_search_finds_notes_claimant_alias_and_article_title(
    services: Services, article: int
) -> None:
    official = services.parties.create(
        "Ministry official", PartyKind.ANONYMOUS, aliases="pejabat kementerian"
    ).id
    claim = services.claims.create(
        article, "the budget had doubled", claimant_id=official, notes="Compare with the audit."
    ).id
    other = services.claims.create(article, "the new pier would open in May").id

    def find(text: str) -> list[int]:
        return services.claims.query_ids(ClaimFilter(search=text))

    assert find("audit") == [claim]
    assert find("Ministry offic") == [claim]  # prefix match on the last word, as one types
    assert find("pejabat") == [claim]
    assert sorted(find("pier opening")) == sorted([claim, other])  # article title
    assert find("PIER opening delayed") != []
    assert find("zebra") == []


def test_search_stays_right_after_edits_renames_and_deletes(
    services: Services, article: int
) -> None:
    party = services.parties.create("Harbour master").id
    claim = services.claims.create(
        article, "the pier opens in May", claimant_id=party, notes="ring the port"
    ).id

    def find(text: str) -> list[int]:
        return services.claims.query_ids(ClaimFilter(search=text))

    services.claims.update(claim, notes="email the authority")
    assert find("ring") == [] and find("authority") == [claim]
    services.parties.update(party, name="Port captain")
    assert find("harbour") == [] and find("captain") == [claim]
    services.articles.update(article, title="Ferry schedule")
    assert find("delayed") == [] and find("ferry") == [claim]
    agency = services.parties.create("Antara", PartyKind.NEWS_AGENCY).id
    services.claims.set_chain(claim, [agency])
    assert find("antara") == [claim]
    services.claims.set_chain(claim, [])
    assert find("antara") == []
    services.claims.delete(claim)
    assert find("captain") == [] and find("ferry") == []


def test_deleting_an_article_removes_its_claims_from_search(
    services: Services, article: int
) -> None:
    services.claims.create(article, "the pier opens in May", notes="unique-word-zanzibar")
    services.articles.delete(article)
    assert services.claims.query_ids(ClaimFilter(search="zanzibar")) == []
    assert services.claims.count() == 0


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "'",
        "*",
        "NEAR(",
        "a OR",
        "-budget",
        "budget^",
        "(",
        ")",
        "col:x",
        "%",
        "_",
        "\\",
        "\x00",
    ],
)
def test_search_box_syntax_is_never_interpreted(
    services: Services, article: int, typed: str
) -> None:
    services.claims.create(article, "the budget had doubled")
    assert isinstance(services.claims.query_ids(ClaimFilter(search=typed)), list)


def test_filters_combine_and_sorting_is_by_whitelisted_keys(sample: Services) -> None:
    def ids(**kw) -> list[int]:
        return sample.claims.query_ids(ClaimFilter(**kw))

    all_ids = ids()
    assert len(all_ids) == 7
    assert len(ids(kinds=(ClaimKind.NO_COMMENT,))) == 1
    assert len(ids(statuses=("done",))) == 2
    assert len(ids(statuses=("done",), verdicts=("accurate",))) == 1
    reuters = sample.parties.find("Reuters")
    assert len(ids(party_id=reuters.id)) == 2
    assert len(ids(tag="wire copy")) == 1
    assert len(ids(assignee="Rina")) == 1
    assert ids(article_id=999) == []
    for key in (
        "id",
        "text",
        "kind",
        "claimant",
        "via",
        "status",
        "verdict",
        "tags",
        "assignee",
        "updated",
        "created",
        "article",
    ):
        assert sorted(ids(sort=key)) == sorted(all_ids)
    by_claimant = sample.claims.list(ClaimFilter(sort="claimant"))
    names = [c.claimant.lower() for c in by_claimant]
    assert names == sorted(names)
    assert ids(sort="id", descending=True) == sorted(all_ids, reverse=True)
    assert ids(sort="text; DROP TABLE claim") == sorted(all_ids)


def test_sample_dossier_holds_the_worked_example(sample: Services) -> None:
    claims = sample.claims.list()
    offer = next(c for c in claims if "keselamatannya" in c.text)
    assert offer.kind is ClaimKind.STATEMENT and offer.via[0] == "Reuters"
    assert offer.claimant == "Nicolas Maduro"
    no_comment = next(c for c in claims if c.kind is ClaimKind.NO_COMMENT)
    assert no_comment.claimant == "Gedung Putih"
    assert {c.kind for c in claims} == set(ClaimKind)
    article = sample.articles.get(offer.article_id)
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text
    protected = [p.name for p in sample.parties.list() if p.protected]
    assert protected == ["Sumber-sumber yang mengetahui jalannya pembicaraan"]
    assert sample.evidence.for_claim(offer.id) and sample.replies.for_claim(offer.id)
    from claimtrack.services.sample import load_sample

    assert not load_sample(sample)  # loading twice adds nothing
    assert sample.claims.count() == 7


def test_chain_and_tag_edits_merge_with_other_fields_but_not_with_each_other(
    services: Services, store_target, article: int
) -> None:
    from claimtrack.store import open_store

    claim = services.claims.create(article, "the budget had doubled", tags=["budget"]).id
    agency = services.parties.create("Antara", PartyKind.NEWS_AGENCY).id
    other = Services(open_store(store_target), "Dimas")
    try:
        seen = services.claims.get(claim)
        other.claims.update(claim, notes="Dimas was here.")  # another field: no clash
        services.claims.set_chain(claim, [agency], expected_chain="")
        services.claims.set_tags(claim, ["budget", "audit"], expected_tags=seen.tags)
        other.claims.set_tags(claim, ["budget"], expected_tags=("budget", "audit"))
        with pytest.raises(ConflictError, match="tags meanwhile"):
            services.claims.set_tags(claim, ["budget", "ports"], expected_tags=("budget", "audit"))
        with pytest.raises(ConflictError, match="attribution chain meanwhile"):
            other.claims.set_chain(claim, [], expected_chain="")
    finally:
        other.store.close()
    record = services.claims.get(claim)
    assert record.notes == "Dimas was here."
    assert record.via == ["Antara"] and record.tags == ("budget",)


def test_claim_details_in_one_session_match_the_separate_reads(sample: Services) -> None:
    for claim in sample.claims.list():
        evidence, replies, history = sample.claim_details(claim.id)
        assert evidence == sample.evidence.for_claim(claim.id)
        assert replies == sample.replies.for_claim(claim.id)
        assert history == sample.history.for_entity("claim", claim.id)
    offer = next(c for c in sample.claims.list() if c.via and c.via[0] == "Reuters")
    evidence, replies, history = sample.claim_details(offer.id)
    assert evidence and replies and history[0].field == "(created)"
