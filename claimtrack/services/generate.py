"""A realistic synthetic database, for benchmarks and for trying ClaimTrack at scale.

Rows are written with set-based INSERTs; the database assigns the ids (RETURNING, in
order), so chains, tags and history refer to them without a round trip per claim and a
generate running beside imports never takes an id someone else took. Each transaction
holds a group of articles with all their claims.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import col

from claimtrack.domain import ChainRole, ClaimKind, PartyKind
from claimtrack.services import Services
from claimtrack.services.base import known_ids
from claimtrack.store.models import (
    Article,
    Claim,
    ClaimParty,
    ClaimTag,
    History,
    Party,
    Rating,
    Tag,
    WorkflowStatus,
)

# Our own small vocabularies; sentences are random, so no real story is reproduced.
WORDS = {
    "en": (
        "budget harbour ministry election council report figures deficit vaccine school road "
        "bridge contract tender audit subsidy pension police court river flood harvest price "
        "export import fuel tax hospital teacher nurse mayor governor village market bank loan "
        "survey poll strike union factory mine forest fire water power grid airport railway"
    ).split(),
    "id": (
        "anggaran pelabuhan kementerian pemilu dewan laporan angka defisit vaksin sekolah jalan "
        "jembatan kontrak tender audit subsidi pensiun polisi pengadilan sungai banjir panen "
        "harga ekspor impor bahan bakar pajak rumah sakit guru perawat wali kota gubernur desa "
        "pasar bank pinjaman survei mogok serikat pabrik tambang hutan kebakaran air listrik"
    ).split(),
}
VERBS = {
    "en": "rose fell doubled halved stalled grew collapsed recovered slowed expanded".split(),
    "id": "naik turun berlipat anjlok mandek tumbuh runtuh pulih melambat meluas".split(),
}
CUES = {
    "en": ["said", "told reporters", "according to", "denied", "declined to comment"],
    "id": ["mengatakan", "menurut", "ujar", "membantah", "menolak berkomentar"],
}
OUTLETS = ["Reuters", "Antara", "AFP", "Kompas", "Tempo", "AP", "Bloomberg", "detikcom"]
FIRST = "Ayu Budi Citra Dewi Eko Fajar Gita Hadi Indah Joko Kartika Lukas Maya Nadia Oscar".split()
LAST = "Santoso Wijaya Pratama Lestari Nugroho Halim Siregar Tanjung Kusuma Rahman".split()
EDITORS = ["Rina", "Dimas", "Sari", "Tomas", "Wulan", ""]
TAGS = ["economy", "health", "elections", "pemilu", "infrastruktur", "wire copy", "viral"]


@dataclass(frozen=True)
class Generated:
    articles: int
    parties: int
    claims: int
    history: int


def _sentence(rng: random.Random, lang: str) -> str:
    words = WORDS[lang]
    subject = " ".join(rng.sample(words, 2))
    rest = " ".join(rng.choices(words, k=rng.randint(3, 14)))
    return f"{subject.capitalize()} {rng.choice(VERBS[lang])} {rest}"


def generate(
    services: Services,
    *,
    claims: int,
    articles: int,
    seed: int = 7,
    batch: int = 5_000,
    history_heavy: int = 20,
    progress: Callable[[int, int], None] | None = None,
) -> Generated:
    """Add ``articles`` articles and ``claims`` claims spread over them.

    ``history_heavy`` claims get 100 History rows each (to measure the detail pane).
    Articles go in with all their claims in one transaction, so an interruption or a
    failure never leaves an article without its claims.
    """
    rng = random.Random(seed)
    store = services.store
    now = datetime.now(UTC)
    with store.session(write=True) as session:
        statuses = known_ids(session.execute(select(col(WorkflowStatus.id))).scalars())
        ratings = known_ids(session.execute(select(col(Rating.id))).scalars())
        party_ids = _insert(session, Party, _party_rows(rng, claims))
        speaker_ids, outlet_ids = party_ids[: -len(OUTLETS)], party_ids[-len(OUTLETS) :]
        tag_ids: list[int] = []
        for name in TAGS:
            found = session.execute(select(col(Tag.id)).where(col(Tag.name) == name)).scalar()
            if found is None:
                found = session.execute(
                    insert(Tag).values(name=name).returning(col(Tag.id))
                ).scalar()
            assert found is not None
            tag_ids.append(found)
        session.commit()
    # How many claims each article gets, then articles in groups of about ``batch`` claims.
    per_article = [0] * articles
    for _ in range(claims):
        per_article[rng.randrange(articles)] += 1
    groups: list[list[int]] = [[]]
    in_group = 0
    for index, count in enumerate(per_article):
        if in_group >= batch:
            groups.append([])
            in_group = 0
        groups[-1].append(index)
        in_group += count
    pick = _Picker(rng, statuses, ratings, speaker_ids, outlet_ids, tag_ids, now, history_heavy)
    done = 0
    for group in groups:
        with store.session(write=True) as session:
            texts = [_article_text(rng) for _ in group]
            ids = _insert(
                session, Article, [_article_row(rng, lang, text, now) for lang, text in texts]
            )
            pending: list[_NewClaim] = []
            for aid, (lang, text), index in zip(ids, texts, group, strict=True):
                for _ in range(per_article[index]):
                    pending.append(pick.claim(aid, lang, text))
                    if len(pending) >= batch:
                        _insert_claims(session, pending)
                        done += len(pending)
                        pending = []
                        if progress:
                            progress(done, claims)
            if pending:
                _insert_claims(session, pending)
                done += len(pending)
            session.commit()
        if progress:
            progress(done, claims)
    with store.session() as session:
        history_count = session.execute(select(func.count()).select_from(History)).scalar() or 0
    return Generated(articles, len(party_ids), claims, int(history_count))


def _insert(session: Any, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` and return the ids the database gave them, in order: the database
    assigns ids, so a generate racing imports or another editor never collides."""
    if not rows:
        return []
    returning = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.execute(returning, rows).scalars())


def _party_rows(rng: random.Random, claims: int) -> list[dict[str, Any]]:
    """People, bodies and anonymous sources, then the outlets (last, in OUTLETS order)."""
    rows: list[dict[str, Any]] = []
    for i in range(max(50, min(5_000, claims // 20))):
        kind = rng.choice(
            [PartyKind.PERSON] * 5
            + [PartyKind.GOVERNMENT, PartyKind.ORGANISATION, PartyKind.ANONYMOUS]
        )
        if kind is PartyKind.PERSON:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        elif kind is PartyKind.ANONYMOUS:
            name = f"sources familiar with file {i}"
        else:
            name = f"{rng.choice(WORDS['id']).capitalize()} office {i}"
        protected = kind is PartyKind.ANONYMOUS and rng.random() < 0.3
        rows.append(_party(name, kind, protected))
    return rows + [_party(name, PartyKind.NEWS_AGENCY, False) for name in OUTLETS]


def _party(name: str, kind: PartyKind, protected: bool) -> dict[str, Any]:
    return {"name": name, "kind": kind.value, "protected": protected, "aliases": "", "version": 1}


def _article_text(rng: random.Random) -> tuple[str, str]:
    """Several paragraphs in either language."""
    lang = "id" if rng.random() < 0.55 else "en"
    text = "\n\n".join(
        ". ".join(_sentence(rng, lang) for _ in range(rng.randint(2, 5))) + "."
        for _ in range(rng.randint(3, 9))
    )
    return lang, text


def _article_row(rng: random.Random, lang: str, text: str, now: datetime) -> dict[str, Any]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return {
        "title": _sentence(rng, lang)[:90],
        "outlet": rng.choice(OUTLETS),
        "url": f"https://example.org/{lang}/{digest[:12]}",
        "language": lang,
        "text": text,
        "sha256": digest,
        "created_at": now,
        "created_by": "generator",
        "version": 1,
        "published": (now - timedelta(days=rng.randint(0, 2000))).date(),
    }


@dataclass
class _NewClaim:
    row: dict[str, Any]
    via: list[int]
    tags: list[int]
    history: list[dict[str, Any]]


@dataclass
class _Picker:
    """Draws one synthetic claim at a time from the vocabularies and the registry."""

    rng: random.Random
    statuses: list[int]
    ratings: list[int]
    speakers: list[int]
    outlets: list[int]
    tag_ids: list[int]
    now: datetime
    heavy_left: int = 20

    def claim(self, aid: int, lang: str, text: str) -> _NewClaim:
        rng = self.rng
        start = rng.randrange(0, max(1, len(text) - 200))
        end = min(len(text), start + rng.randint(30, 220))
        span = text[start:end]
        if not span.strip():
            start, end, span = 0, len(text), text
        kind = rng.choices(list(ClaimKind), weights=[70, 12, 10, 8])[0]
        editor = rng.choice(EDITORS[:-1])
        when = self.now - timedelta(minutes=rng.randint(0, 500_000))
        row = {
            "article_id": aid,
            "text": span,
            "start_offset": start,
            "end_offset": end,
            "paraphrase": _sentence(rng, "en") if rng.random() < 0.4 else "",
            "kind": kind.value,
            "cue": rng.choice(CUES[lang]),
            "claimant_id": rng.choice(self.speakers),
            "status_id": rng.choice(self.statuses),
            "verdict_id": rng.choice(self.ratings),
            "verdict_explanation": _sentence(rng, lang) if rng.random() < 0.3 else "",
            "notes": ("**Check** " + _sentence(rng, lang)) if rng.random() < 0.35 else "",
            "assignee": rng.choice(EDITORS),
            "created_at": when,
            "created_by": editor,
            "updated_at": when,
            "updated_by": editor,
            "version": 1,
        }
        via = [rng.choice(self.outlets) for _ in range(rng.choice([0, 1, 1, 1, 2]))]
        tags = rng.sample(self.tag_ids, rng.choice([0, 0, 1, 1, 2]))
        rows = 100 if self.heavy_left > 0 else rng.choice([1, 1, 2, 3])
        self.heavy_left -= 1 if rows == 100 else 0
        history = [
            {
                "at": when + timedelta(seconds=h),
                "by": editor,
                "entity": "claim",
                "field": "(created)" if h == 0 else "notes",
                "old": None,
                "new": span[:40] if h == 0 else f"revision {h}",
            }
            for h in range(rows)
        ]
        return _NewClaim(row, via, tags, history)


def _insert_claims(session: Any, pending: list[_NewClaim]) -> None:
    ids = _insert(session, Claim, [c.row for c in pending])
    chains = [
        {"claim_id": cid, "position": i, "party_id": pid, "role": ChainRole.VIA.value}
        for cid, c in zip(ids, pending, strict=True)
        for i, pid in enumerate(c.via)
    ]
    tags = [
        {"claim_id": cid, "tag_id": tid}
        for cid, c in zip(ids, pending, strict=True)
        for tid in c.tags
    ]
    history = [
        {**h, "entity_id": cid} for cid, c in zip(ids, pending, strict=True) for h in c.history
    ]
    if chains:
        session.execute(insert(ClaimParty), chains)
    if tags:
        session.execute(insert(ClaimTag), tags)
    session.execute(insert(History), history)
