"""The sample dossier: one story and its claims, to show a new editor what ClaimTrack does.

The article is our own short write-up of the facts of a late-2025 Indonesian report that
relayed Reuters on a phone call between the presidents of Venezuela and the United States.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from claimtrack.domain import (
    ChainRole,
    ChangeSet,
    ClaimKind,
    EvidenceType,
    PartyKind,
    ReplyChannel,
    Stance,
)
from claimtrack.intake import text_sha256
from claimtrack.services import Services

TITLE = "Maduro disebut siap mundur jika keselamatannya dijamin AS"
OUTLET = "Warta Contoh"
URL = "https://example.org/warta-contoh/2025/12/maduro-siap-mundur"

ARTICLE = """\
JAKARTA — Presiden Venezuela Nicolas Maduro dan Presiden Amerika Serikat Donald Trump \
berbicara lewat telepon pada 21 November, tetapi pembicaraan singkat itu tidak membuahkan \
kesepakatan.

Dalam laporannya, Reuters menyebut Maduro bersedia melepaskan kursi presiden dan pergi dari \
Venezuela asalkan Washington menjamin keselamatannya.

Menurut sumber-sumber yang mengetahui jalannya pembicaraan, Maduro juga menuntut amnesti \
penuh bagi dirinya dan keluarganya, pencabutan seluruh sanksi AS, serta dihentikannya perkara \
terhadap dirinya di Mahkamah Pidana Internasional.

Trump hanya memberi waktu satu pekan bagi Maduro untuk meninggalkan negaranya. Tenggat itu \
lewat pada 28 November, dan sehari kemudian Trump menutup wilayah udara Venezuela.

Saat dimintai tanggapan, Gedung Putih menolak berkomentar. Adapun Kementerian Informasi \
Venezuela belum menjawab pertanyaan yang dikirimkan.

Pemerintah Venezuela membantah seluruh tuduhan Washington dan menuding AS berupaya \
mengganti rezim demi menguasai kekayaan alam negeri itu.

Di hadapan para pendukungnya pada 1 Desember, Maduro berjanji akan mempertahankan \
kedaulatan Venezuela.
"""


@dataclass(frozen=True)
class SampleClaim:
    span: str
    claimant: str
    kind: ClaimKind
    cue: str
    paraphrase: str
    chain: tuple[str, ...] = ()
    status: str = "unreviewed"
    verdict: str = "unrated"
    explanation: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    assignee: str = ""
    evidence: tuple[dict[str, Any], ...] = field(default=())
    ask: tuple[str, ...] = ()


PARTIES: dict[str, tuple[PartyKind, bool, str]] = {
    "Nicolas Maduro": (PartyKind.PERSON, False, "Maduro"),
    "Reuters": (PartyKind.NEWS_AGENCY, False, ""),
    "Sumber-sumber yang mengetahui jalannya pembicaraan": (
        PartyKind.ANONYMOUS,
        True,
        "sources familiar with the call",
    ),
    "Gedung Putih": (PartyKind.GOVERNMENT, False, "White House"),
    "Kementerian Informasi Venezuela": (
        PartyKind.GOVERNMENT,
        False,
        "Venezuelan Ministry of Information",
    ),
    "Pemerintah Venezuela": (PartyKind.GOVERNMENT, False, "Government of Venezuela"),
    OUTLET: (PartyKind.OUTLET, False, ""),
}

CLAIMS: tuple[SampleClaim, ...] = (
    SampleClaim(
        span="Maduro bersedia melepaskan kursi presiden dan pergi dari Venezuela asalkan "
        "Washington menjamin keselamatannya",
        claimant="Nicolas Maduro",
        kind=ClaimKind.STATEMENT,
        cue="Reuters menyebut",
        paraphrase="Maduro offered to step down and leave Venezuela if the US guaranteed "
        "his safety.",
        chain=("Reuters", OUTLET),
        status="in_progress",
        verdict="unverifiable",
        explanation="Only Reuters reports the offer; neither government has confirmed it.",
        notes="**Single source.** Look for a second outlet with its own sourcing before "
        "publishing.\n\n- Reuters story of early December\n- ask Miraflores press office",
        tags=("venezuela", "wire copy"),
        assignee="Rina",
        evidence=(
            {
                "url": "https://www.reuters.com/world/americas/",
                "type": EvidenceType.MEDIA_REPORT,
                "stance": Stance.SUPPORTS,
                "excerpt": "Reuters account of the 21 November call, citing people briefed on it.",
                "accessed": date(2025, 12, 2),
            },
        ),
        ask=("Kementerian Informasi Venezuela",),
    ),
    SampleClaim(
        span="Maduro juga menuntut amnesti penuh bagi dirinya dan keluarganya, pencabutan "
        "seluruh sanksi AS, serta dihentikannya perkara terhadap dirinya di Mahkamah Pidana "
        "Internasional",
        claimant="Sumber-sumber yang mengetahui jalannya pembicaraan",
        kind=ClaimKind.STATEMENT,
        cue="Menurut",
        paraphrase="Maduro asked for a full amnesty, an end to US sanctions and to his ICC case.",
        chain=("Reuters",),
        notes="The sources are anonymous; Reuters is named one sentence earlier.",
        tags=("venezuela",),
    ),
    SampleClaim(
        span="Gedung Putih menolak berkomentar",
        claimant="Gedung Putih",
        kind=ClaimKind.NO_COMMENT,
        cue="menolak berkomentar",
        paraphrase="The White House declined to comment.",
        status="done",
        notes="A refusal, recorded as the outcome of the request for comment.",
        tags=("venezuela",),
    ),
    SampleClaim(
        span="Kementerian Informasi Venezuela belum menjawab pertanyaan yang dikirimkan",
        claimant="Kementerian Informasi Venezuela",
        kind=ClaimKind.NO_RESPONSE,
        cue="belum menjawab",
        paraphrase="Venezuela's information ministry has not responded.",
        status="needs_signoff",
        tags=("venezuela",),
    ),
    SampleClaim(
        span="seluruh tuduhan Washington",
        claimant="Pemerintah Venezuela",
        kind=ClaimKind.DENIAL,
        cue="membantah",
        paraphrase="Maduro's government denies all of Washington's accusations.",
        tags=("venezuela",),
    ),
    SampleClaim(
        span="AS berupaya mengganti rezim demi menguasai kekayaan alam negeri itu",
        claimant="Pemerintah Venezuela",
        kind=ClaimKind.STATEMENT,
        cue="menuding",
        paraphrase="Caracas accuses the US of seeking regime change to control its resources.",
        verdict="misleading",
        explanation="An accusation; the US states other aims. Present it as Caracas's view.",
        status="in_progress",
    ),
    SampleClaim(
        span="akan mempertahankan kedaulatan Venezuela",
        claimant="Nicolas Maduro",
        kind=ClaimKind.STATEMENT,
        cue="berjanji",
        paraphrase="Maduro vowed to defend Venezuela's sovereignty.",
        verdict="accurate",
        explanation="Said in a public speech on 1 December; video available.",
        status="done",
    ),
)


def load_sample(services: Services) -> ChangeSet:
    """Add the sample article, its parties and claims; returns what changed.

    Loading it into a database that already holds it changes nothing (empty ChangeSet).
    """
    total = ChangeSet()
    if services.articles.find_by_sha256(text_sha256(ARTICLE)):
        return total
    created = services.articles.create(
        TITLE, ARTICLE, outlet=OUTLET, url=URL, published=date(2025, 12, 2), language="id"
    )
    total = total.merged(created.changes)
    party_ids: dict[str, int] = {}
    for name, (kind, protected, aliases) in PARTIES.items():
        existing = services.parties.find(name)
        if existing:
            party_ids[name] = existing.id
            continue
        made = services.parties.create(name, kind, protected=protected, aliases=aliases)
        party_ids[name] = made.id
        total = total.merged(made.changes)
    for claim in CLAIMS:
        start = ARTICLE.index(claim.span)
        made = services.claims.create(
            created.id,
            claim.span,
            start=start,
            end=start + len(claim.span),
            kind=claim.kind,
            cue=claim.cue,
            claimant_id=party_ids[claim.claimant],
            chain=[(party_ids[name], ChainRole.VIA) for name in claim.chain],
            paraphrase=claim.paraphrase,
            status=claim.status,
            verdict=claim.verdict,
            verdict_explanation=claim.explanation,
            notes=claim.notes,
            assignee=claim.assignee,
            tags=claim.tags,
        )
        total = total.merged(made.changes)
        for evidence in claim.evidence:
            total = total.merged(services.evidence.add(made.id, **evidence).changes)
        for name in claim.ask:
            total = total.merged(
                services.replies.add(
                    made.id,
                    party_ids[name],
                    asked_at=datetime(2025, 12, 2, 9, 30, tzinfo=UTC),
                    channel=ReplyChannel.EMAIL,
                ).changes
            )
    return total
