"""The report: one frozen, already-redacted picture of a selection of claims.

Every writer (HTML, PDF, Markdown, DOCX, CSV, XLSX, ClaimReview) renders this structure
and nothing else. Redaction and text cleaning happen here, once, so no format can leak a
protected name or choke on a lone surrogate: writers never see the raw records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from claimtrack.domain import ClaimFilter, ClaimRecord, NotFoundError, ValidationError
from claimtrack.export.chart import Bar, Chart, Series, status_colour
from claimtrack.export.text import PROTECTED, Redactor, clean

if TYPE_CHECKING:
    from claimtrack.services import Services

_CHUNK = 500


class Control(Protocol):
    """What long export work reports to and asks of its caller (TaskControl fits)."""

    def progress(self, done: int, total: int, text: str = "") -> None: ...

    def check(self) -> None: ...


class NullControl:
    """For callers that want neither progress nor cancel (the command line)."""

    def progress(self, done: int, total: int, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass


@dataclass(frozen=True)
class Scope:
    """Which claims a report covers: chosen ids, else an article, else a filter."""

    claim_filter: ClaimFilter | None = None
    claim_ids: tuple[int, ...] | None = None
    article_id: int | None = None


@dataclass(frozen=True)
class ReportOptions:
    title: str = ""
    methodology: str = ""  # Markdown
    include_history: bool = False
    redact: bool = True
    organisation: str = ""
    review_url: str = ""  # where the fact checks are published (ClaimReview ``url``)
    generated_by: str = ""
    limit: int | None = None  # preview: only the first N claims


@dataclass(frozen=True)
class Verdict:
    key: str
    label: str
    colour: str
    alternate_name: str
    rating_value: int | None
    best_rating: int | None
    worst_rating: int | None

    @property
    def rated(self) -> bool:
        return self.key != "unrated"


@dataclass(frozen=True)
class Link:
    name: str
    kind: str
    role: str
    protected: bool


@dataclass(frozen=True)
class EvidenceItem:
    target: str  # URL or file path
    is_url: bool
    type: str
    stance: str
    excerpt: str
    accessed: date | None


@dataclass(frozen=True)
class ReplyItem:
    party: str
    asked_at: datetime
    channel: str
    response: str
    responded_at: datetime | None


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    title: str
    outlet: str
    url: str
    published: date | None


@dataclass(frozen=True)
class ReportClaim:
    id: int
    article: ArticleInfo
    text: str
    paraphrase: str
    kind: str
    cue: str
    claimant: Link | None
    chain: tuple[Link, ...]
    status: str
    status_label: str
    verdict: Verdict
    explanation: str
    notes: str  # Markdown source, cleaned and redacted
    assignee: str
    tags: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    updated_by: str
    evidence: tuple[EvidenceItem, ...]
    replies: tuple[ReplyItem, ...]

    @property
    def summary(self) -> str:
        """The claim as a reader should see it first: the paraphrase, else the text."""
        return self.paraphrase or self.text

    @property
    def via(self) -> str:
        return " › ".join(link.name for link in self.chain)


@dataclass(frozen=True)
class SourceEntry:
    """One party of the sources section and the claims it stands behind."""

    name: str
    kind: str
    protected: bool
    roles: tuple[tuple[int, str], ...]  # (claim id, "claimant" | "via" | "asked for reply" …)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    by: str
    claim_id: int
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Report:
    title: str
    scope: str
    generated_at: datetime
    generated_by: str
    organisation: str
    review_url: str
    redacted: bool
    methodology: str
    claims: tuple[ReportClaim, ...]
    sources: tuple[SourceEntry, ...]
    history: tuple[HistoryEntry, ...] | None  # None: the appendix was not asked for
    chart: Chart
    total: int  # claims in scope (more than len(claims) in a preview)
    statuses: tuple[tuple[str, str], ...] = field(default=())  # (key, label) in order


# ---------------------------------------------------------------- building


def resolve_ids(services: Services, scope: Scope) -> list[int]:
    """The claim ids a scope covers, in report order."""
    if scope.claim_ids is not None:
        return list(dict.fromkeys(scope.claim_ids))
    if scope.article_id is not None:
        services.articles.get(scope.article_id)  # NotFoundError with a clear message
        return services.claims.query_ids(ClaimFilter(article_id=scope.article_id))
    return services.claims.query_ids(scope.claim_filter or ClaimFilter())


def describe_scope(services: Services, scope: Scope, count: int) -> str:
    if scope.claim_ids is not None:
        return f"{count} chosen claim(s)"
    if scope.article_id is not None:
        article = services.articles.get(scope.article_id)
        return f"The claims of the article “{clean(article.title)}” ({count})"
    flt = scope.claim_filter or ClaimFilter()
    parts = []
    if flt.statuses:
        parts.append("status " + " or ".join(flt.statuses))
    if flt.verdicts:
        parts.append("verdict " + " or ".join(flt.verdicts))
    if flt.kinds:
        parts.append("kind " + " or ".join(str(k) for k in flt.kinds))
    if flt.article_id is not None:
        parts.append(f"article {flt.article_id}")
    if flt.tag:
        parts.append(f"tag “{clean(flt.tag)}”")
    if flt.assignee is not None:
        parts.append(f"assigned to “{clean(flt.assignee)}”")
    if flt.party_id is not None:
        parts.append(f"party {flt.party_id}")
    if flt.search.strip():
        parts.append(f"search “{clean(flt.search.strip())}”")
    where = "; ".join(parts) if parts else "all claims"
    return f"Claims matching: {where} ({count})"


def build_report(
    services: Services,
    scope: Scope | None = None,
    options: ReportOptions | None = None,
    control: Control | None = None,
    *,
    now: datetime | None = None,
) -> Report:
    """Read everything the report shows in a few bulk queries, redacted once, here."""
    scope = scope or Scope()
    options = options or ReportOptions()
    control = control or NullControl()
    ids = resolve_ids(services, scope)
    total = len(ids)
    if options.limit is not None:
        ids = ids[: options.limit]
    control.check()

    ratings = {r.key: r for r in services.catalog.ratings()}
    statuses = services.catalog.statuses()
    status_labels = {s.key: s.label for s in statuses}
    parties = {p.id: p for p in services.parties.list()}
    protected_ids = {pid for pid, p in parties.items() if p.protected} if options.redact else set()
    redact = Redactor(_protected_spellings(services, parties, protected_ids))
    articles: dict[int, ArticleInfo] = {}

    records: list[ClaimRecord] = []
    for start in range(0, len(ids), _CHUNK * 4):
        control.check()
        records.extend(services.claims.get_many(ids[start : start + _CHUNK * 4]))
        control.progress(len(records), max(1, len(ids)) * 2, "Reading claims")
    claim_ids = [r.id for r in records]
    evidence = _evidence(services, claim_ids, redact)
    replies = _replies(services, claim_ids, redact, protected_ids, parties)
    control.check()

    def link(party_id: int | None, name: str | None, kind: str, role: str) -> Link | None:
        if party_id is None and not name:
            return None
        hidden = party_id in protected_ids
        return Link(
            name=PROTECTED if hidden else redact(name),
            kind="protected" if hidden else kind,
            role=role,
            protected=hidden,
        )

    claims: list[ReportClaim] = []
    for n, rec in enumerate(records):
        if n % 1000 == 0:
            control.check()
            control.progress(len(records) + n, max(1, len(ids)) * 2, "Preparing the report")
        article = articles.get(rec.article_id)
        if article is None:
            article = articles[rec.article_id] = _article(services, rec.article_id, redact)
        rating = ratings.get(rec.verdict)
        claimant_kind = parties[rec.claimant_id].kind.value if rec.claimant_id in parties else ""
        claims.append(
            ReportClaim(
                id=rec.id,
                article=article,
                text=redact(rec.text),
                paraphrase=redact(rec.paraphrase),
                kind=rec.kind.value,
                cue=redact(rec.cue),
                claimant=link(rec.claimant_id, rec.claimant, claimant_kind, "claimant"),
                chain=tuple(
                    link(c.party_id, c.name, c.kind.value, c.role.value)  # type: ignore[misc]
                    for c in rec.chain
                ),
                status=rec.status,
                status_label=clean(status_labels.get(rec.status, rec.status)),
                verdict=_verdict(rec.verdict, rating),
                explanation=redact(rec.verdict_explanation),
                notes=redact(rec.notes),
                assignee=clean(rec.assignee),
                tags=tuple(clean(t) for t in rec.tags),
                created_at=rec.created_at,
                updated_at=rec.updated_at,
                updated_by=clean(rec.updated_by),
                evidence=evidence.get(rec.id, ()),
                replies=replies.get(rec.id, ()),
            )
        )
    history = _history(services, claim_ids, redact) if options.include_history else None
    control.progress(1, 1, "Report ready")
    generated_at = now or datetime.now(UTC)
    return Report(
        title=clean(options.title.strip()) or "Claim report",
        scope=redact(describe_scope(services, scope, total)),
        generated_at=generated_at,
        generated_by=clean(options.generated_by or services.editor) or "ClaimTrack",
        organisation=clean(options.organisation.strip()),
        review_url=clean(options.review_url.strip()),
        redacted=options.redact,
        methodology=redact(options.methodology),
        claims=tuple(claims),
        sources=_sources(claims, replies_parties=True),
        history=history,
        chart=chart_of(claims, statuses=[(s.key, s.label) for s in statuses], ratings=ratings),
        total=total,
        statuses=tuple((s.key, clean(s.label)) for s in statuses),
    )


def chart_of(
    claims: Sequence[ReportClaim],
    *,
    statuses: Sequence[tuple[str, str]],
    ratings: dict[str, Any],
) -> Chart:
    """Status and verdict counts of the claims in the report, in scale order."""
    by_status: dict[str, int] = {}
    by_verdict: dict[str, int] = {}
    for claim in claims:
        by_status[claim.status] = by_status.get(claim.status, 0) + 1
        by_verdict[claim.verdict.key] = by_verdict.get(claim.verdict.key, 0) + 1
    return Chart(
        (
            Series(
                "Status",
                tuple(
                    Bar(clean(label), by_status.get(key, 0), status_colour(i))
                    for i, (key, label) in enumerate(statuses)
                ),
            ),
            Series(
                "Verdict",
                tuple(
                    Bar(clean(r.label), by_verdict.get(key, 0), r.colour)
                    for key, r in ratings.items()
                ),
            ),
        )
    )


def chart_from_counts(services: Services) -> Chart:
    """The chart of the whole database, from two GROUP BY queries (for the live widget)."""
    status_counts = services.claims.counts_by("status")
    verdict_counts = services.claims.counts_by("verdict")
    return Chart(
        (
            Series(
                "Status",
                tuple(
                    Bar(clean(s.label), status_counts.get(s.key, 0), status_colour(i))
                    for i, s in enumerate(services.catalog.statuses())
                ),
            ),
            Series(
                "Verdict",
                tuple(
                    Bar(clean(r.label), verdict_counts.get(r.key, 0), r.colour)
                    for r in services.catalog.ratings()
                ),
            ),
        )
    )


# ---------------------------------------------------------------- helpers


def _verdict(key: str, rating: Any) -> Verdict:
    if rating is None:
        return Verdict(key, key, "#9e9e9e", "", None, None, None)
    return Verdict(
        key=rating.key,
        label=clean(rating.label),
        colour=rating.colour,
        alternate_name=clean(rating.alternate_name),
        rating_value=rating.rating_value,
        best_rating=rating.best_rating,
        worst_rating=rating.worst_rating,
    )


def _article(services: Services, article_id: int, redact: Callable[[str], str]) -> ArticleInfo:
    try:
        article = services.articles.get(article_id)
    except NotFoundError:
        return ArticleInfo(article_id, "(deleted article)", "", "", None)
    return ArticleInfo(
        id=article.id,
        title=redact(article.title),
        outlet=redact(article.outlet or ""),
        url=clean(article.url or ""),
        published=article.published,
    )


def _protected_spellings(services: Services, parties: dict[int, Any], ids: set[int]) -> list[str]:
    """Names, aliases and former names (from History) of the protected parties."""
    if not ids:
        return []
    from sqlmodel import col, select

    from claimtrack.store.models import History

    spellings: list[str] = []
    for pid in ids:
        spellings.append(parties[pid].name)
        spellings.extend(parties[pid].aliases.splitlines())
    with services.store.session() as session:
        rows = session.exec(
            select(History.old, History.new).where(
                History.entity == "party",
                col(History.entity_id).in_(sorted(ids)),
                col(History.field).in_(["name", "aliases", "(created)", "(deleted)"]),
            )
        )
        for old, new in rows:
            for value in (old, new):
                if value:
                    spellings.extend(value.splitlines())
    return spellings


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[i : i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]


def _evidence(
    services: Services, claim_ids: Sequence[int], redact: Callable[[str], str]
) -> dict[int, tuple[EvidenceItem, ...]]:
    from sqlmodel import col, select

    from claimtrack.store.models import Evidence

    out: dict[int, list[EvidenceItem]] = {}
    with services.store.session() as session:
        for chunk in _chunks(claim_ids):
            rows = session.exec(
                select(Evidence).where(col(Evidence.claim_id).in_(chunk)).order_by(Evidence.id)
            )
            for row in rows:
                target = row.url or row.file_path or ""
                out.setdefault(row.claim_id, []).append(
                    EvidenceItem(
                        target=redact(target),
                        is_url=bool(row.url),
                        type=row.type,
                        stance=row.stance,
                        excerpt=redact(row.excerpt),
                        accessed=row.accessed,
                    )
                )
    return {k: tuple(v) for k, v in out.items()}


def _replies(
    services: Services,
    claim_ids: Sequence[int],
    redact: Callable[[str], str],
    protected_ids: set[int],
    parties: dict[int, Any],
) -> dict[int, tuple[ReplyItem, ...]]:
    from sqlmodel import col, select

    from claimtrack.store.models import ReplyRequest

    out: dict[int, list[ReplyItem]] = {}
    with services.store.session() as session:
        for chunk in _chunks(claim_ids):
            rows = session.exec(
                select(ReplyRequest)
                .where(col(ReplyRequest.claim_id).in_(chunk))
                .order_by(ReplyRequest.asked_at, ReplyRequest.id)
            )
            for row in rows:
                party = parties.get(row.party_id)
                name = (
                    PROTECTED
                    if row.party_id in protected_ids
                    else redact(party.name if party else "")
                )
                out.setdefault(row.claim_id, []).append(
                    ReplyItem(
                        party=name,
                        asked_at=row.asked_at,
                        channel=row.channel,
                        response=redact(row.response),
                        responded_at=row.responded_at,
                    )
                )
    return {k: tuple(v) for k, v in out.items()}


def _history(
    services: Services, claim_ids: Sequence[int], redact: Callable[[str], str]
) -> tuple[HistoryEntry, ...]:
    from sqlmodel import col, select

    from claimtrack.store.models import History

    entries: list[HistoryEntry] = []
    with services.store.session() as session:
        for chunk in _chunks(claim_ids):
            rows = session.exec(
                select(History).where(History.entity == "claim", col(History.entity_id).in_(chunk))
            )
            entries.extend(
                HistoryEntry(
                    at=row.at,
                    by=clean(row.by),
                    claim_id=row.entity_id,
                    field=redact(row.field),
                    old=redact(row.old),
                    new=redact(row.new),
                )
                for row in rows
            )
    entries.sort(key=lambda e: (e.at, e.claim_id))
    return tuple(entries)


def _sources(claims: Sequence[ReportClaim], *, replies_parties: bool) -> tuple[SourceEntry, ...]:
    """Every party named in the report with the claims it stands behind.

    Protected parties are one entry, "a protected source", whatever their number: listing
    them apart would tell a reader how many protected sources there are and where.
    """
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    flags: dict[tuple[str, str], bool] = {}

    def add(link: Link, claim_id: int, role: str) -> None:
        key = (link.name, link.kind)
        roles = found.setdefault(key, [])
        if (claim_id, role) not in roles:
            roles.append((claim_id, role))
        flags[key] = link.protected

    for claim in claims:
        if claim.claimant:
            add(claim.claimant, claim.id, "claimant")
        for link in claim.chain:
            add(link, claim.id, link.role)
        if replies_parties:
            for reply in claim.replies:
                hidden = reply.party == PROTECTED
                kind = "protected" if hidden else "party"
                add(
                    Link(reply.party, kind, "asked for comment", hidden),
                    claim.id,
                    "asked for comment",
                )
    merged: dict[str, SourceEntry] = {}
    for (name, kind), roles in found.items():
        # A party asked for comment is the same party as its claimant entry.
        existing = merged.get(name)
        if existing:
            merged[name] = SourceEntry(
                name,
                existing.kind if existing.kind != "party" else kind,
                existing.protected,
                existing.roles + tuple(roles),
            )
        else:
            merged[name] = SourceEntry(name, kind, flags[(name, kind)], tuple(roles))
    return tuple(sorted(merged.values(), key=lambda s: (s.protected, s.name.casefold())))


def require_claims(report: Report) -> None:
    if not report.claims:
        raise ValidationError("There are no claims in this selection; nothing to export.")
