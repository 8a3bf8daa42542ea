"""A realistic synthetic database, for benchmarks and for trying ClaimTrack at scale.

Rows are written with set-based INSERTs, one transaction per batch, with ids assigned up
front so chains, tags and history can refer to them without a round trip per claim.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from claimtrack.domain import ChainRole, ClaimKind, PartyKind
from claimtrack.services import Services
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
    """
    rng = random.Random(seed)
    store = services.store
    now = datetime.now(UTC)
    with store.session(write=True) as session:
        statuses = list(session.execute(select(WorkflowStatus.id)).scalars())
        ratings = list(session.execute(select(Rating.id)).scalars())
        next_article = (session.execute(select(func.max(Article.id))).scalar() or 0) + 1
        next_party = (session.execute(select(func.max(Party.id))).scalar() or 0) + 1
        next_claim = (session.execute(select(func.max(Claim.id))).scalar() or 0) + 1
        # Parties: people, bodies, outlets, anonymous sources.
        party_rows: list[dict[str, Any]] = []
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
            party_rows.append(
                {
                    "id": next_party + i,
                    "name": name,
                    "kind": kind.value,
                    "protected": kind is PartyKind.ANONYMOUS and rng.random() < 0.3,
                    "aliases": "",
                    "version": 1,
                }
            )
        outlet_ids = [next_party + len(party_rows) + j for j in range(len(OUTLETS))]
        party_rows += [
            {
                "id": pid,
                "name": name,
                "kind": PartyKind.NEWS_AGENCY.value,
                "protected": False,
                "aliases": "",
                "version": 1,
            }
            for pid, name in zip(outlet_ids, OUTLETS, strict=True)
        ]
        session.execute(insert(Party), party_rows)
        speaker_ids = [row["id"] for row in party_rows[: -len(OUTLETS)]]
        tag_ids = []
        for name in TAGS:
            found = session.execute(select(Tag.id).where(Tag.name == name)).scalar()
            if found is None:
                found = session.execute(insert(Tag).values(name=name).returning(Tag.id)).scalar()
            tag_ids.append(found)
        # Articles: several paragraphs each, in either language.
        texts: dict[int, tuple[str, str]] = {}
        article_rows = []
        for i in range(articles):
            lang = "id" if rng.random() < 0.55 else "en"
            text = "\n\n".join(
                ". ".join(_sentence(rng, lang) for _ in range(rng.randint(2, 5))) + "."
                for _ in range(rng.randint(3, 9))
            )
            aid = next_article + i
            texts[aid] = (lang, text)
            article_rows.append(
                {
                    "id": aid,
                    "title": _sentence(rng, lang)[:90],
                    "outlet": rng.choice(OUTLETS),
                    "url": f"https://example.org/{lang}/{aid}",
                    "language": lang,
                    "text": text,
                    "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "created_at": now,
                    "created_by": "generator",
                    "version": 1,
                    "published": (now - timedelta(days=rng.randint(0, 2000))).date(),
                }
            )
        session.execute(insert(Article), article_rows)
        session.commit()

    article_ids = list(texts)
    done = 0
    heavy_left = history_heavy
    while done < claims:
        size = min(batch, claims - done)
        claim_rows, chain_rows, tag_rows, history_rows = [], [], [], []
        for k in range(size):
            cid = next_claim + done + k
            aid = rng.choice(article_ids)
            lang, text = texts[aid]
            start = rng.randrange(0, max(1, len(text) - 200))
            end = min(len(text), start + rng.randint(30, 220))
            span = text[start:end]
            if not span.strip():
                start, end, span = 0, len(text), text
            kind = rng.choices(list(ClaimKind), weights=[70, 12, 10, 8])[0]
            editor = rng.choice(EDITORS[:-1])
            when = now - timedelta(minutes=rng.randint(0, 500_000))
            claim_rows.append(
                {
                    "id": cid,
                    "article_id": aid,
                    "text": span,
                    "start_offset": start,
                    "end_offset": end,
                    "paraphrase": _sentence(rng, "en") if rng.random() < 0.4 else "",
                    "kind": kind.value,
                    "cue": rng.choice(CUES[lang]),
                    "claimant_id": rng.choice(speaker_ids),
                    "status_id": rng.choice(statuses),
                    "verdict_id": rng.choice(ratings),
                    "verdict_explanation": _sentence(rng, lang) if rng.random() < 0.3 else "",
                    "notes": ("**Check** " + _sentence(rng, lang)) if rng.random() < 0.35 else "",
                    "assignee": rng.choice(EDITORS),
                    "created_at": when,
                    "created_by": editor,
                    "updated_at": when,
                    "updated_by": editor,
                    "version": 1,
                }
            )
            for position in range(rng.choice([0, 1, 1, 1, 2])):
                chain_rows.append(
                    {
                        "claim_id": cid,
                        "position": position,
                        "party_id": rng.choice(outlet_ids),
                        "role": ChainRole.VIA.value,
                    }
                )
            for tag_id in rng.sample(tag_ids, rng.choice([0, 0, 1, 1, 2])):
                tag_rows.append({"claim_id": cid, "tag_id": tag_id})
            rows = 100 if heavy_left > 0 else rng.choice([1, 1, 2, 3])
            heavy_left -= 1 if rows == 100 else 0
            for h in range(rows):
                history_rows.append(
                    {
                        "at": when + timedelta(seconds=h),
                        "by": editor,
                        "entity": "claim",
                        "entity_id": cid,
                        "field": "(created)" if h == 0 else "notes",
                        "old": None,
                        "new": span[:40] if h == 0 else f"revision {h}",
                    }
                )
        with store.session(write=True) as session:
            session.execute(insert(Claim), claim_rows)
            if chain_rows:
                session.execute(insert(ClaimParty), chain_rows)
            if tag_rows:
                session.execute(insert(ClaimTag), tag_rows)
            session.execute(insert(History), history_rows)
            session.commit()
        done += size
        if progress:
            progress(done, claims)
    with store.session() as session:
        history_count = session.execute(select(func.count()).select_from(History)).scalar() or 0
    return Generated(articles, len(party_rows), claims, int(history_count))
