"""The report: one frozen, already-redacted picture of a selection of claims.

Every writer (HTML, PDF, Markdown, DOCX, CSV, XLSX, ClaimReview) renders this structure
and nothing else. Redaction and text cleaning happen here, once, so no format can leak a
protected name or choke on a lone surrogate: writers never see the raw records.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from claimtrack.domain import ClaimFilter
from claimtrack.export.atomic import ExportError
from claimtrack.export.chart import Bar, Chart, Series, status_colour
from claimtrack.export.text import PROTECTED, Redactor, clean
from claimtrack.export.texts import DEFAULT_LANGUAGE, Texts, normalise_language, texts

if TYPE_CHECKING:
    from claimtrack.services import Services
    from claimtrack.services.report_queries import ClaimRow


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
    language: str = DEFAULT_LANGUAGE  # "en" or "id": the fixed words of the report


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
    # The party's kind for the sources table ("protected" when redacted; "party" when the
    # party is gone): a party only asked for comment is listed with its own kind.
    kind: str = "party"


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
    history: tuple[HistoryEntry, ...] | None  # None: the appendix was not asked for
    chart: Chart
    total: int  # claims in scope (more than len(claims) in a preview)
    statuses: tuple[tuple[str, str], ...] = field(default=())  # (key, label) in order
    language: str = DEFAULT_LANGUAGE

    @cached_property
    def texts(self) -> Texts:
        """The fixed words of the report's language, for the writers."""
        return texts(self.language)

    @cached_property
    def sources(self) -> tuple[SourceEntry, ...]:
        """Every party named, with its claims; computed on first use (CSV never asks)."""
        return _sources(self.claims, replies_parties=True, protected=self.texts.protected)


# ---------------------------------------------------------------- building


def resolve_ids(services: Services, scope: Scope) -> list[int]:
    """The claim ids a scope covers, in report order."""
    if scope.claim_ids is not None:
        return list(dict.fromkeys(scope.claim_ids))
    if scope.article_id is not None:
        services.articles.get(scope.article_id)  # NotFoundError with a clear message
        return services.claims.query_ids(ClaimFilter(article_id=scope.article_id))
    return services.claims.query_ids(scope.claim_filter or ClaimFilter())


def describe_scope(
    services: Services,
    scope: Scope,
    count: int,
    tx: Texts | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """The scope in words; ``names`` maps status/verdict keys to the names a reader knows
    (used outside English, where a stored English key would read as a foreign word)."""
    tx = tx or texts()
    names = names or {}
    if scope.claim_ids is not None:
        return tx("{count} chosen claim(s)", count=count)
    if scope.article_id is not None:
        article = services.articles.get(scope.article_id)
        return tx(
            "The claims of the article “{title}” ({count})", title=clean(article.title), count=count
        )
    flt = scope.claim_filter or ClaimFilter()
    parts = []

    def either(values: Iterable[str]) -> str:
        return tx(" or ").join(names.get(v, v) for v in values)

    if flt.statuses:
        parts.append(tx("status {values}", values=either(flt.statuses)))
    if flt.verdicts:
        parts.append(tx("verdict {values}", values=either(flt.verdicts)))
    if flt.kinds:
        kinds = (str(k) if tx.language == "en" else tx.label(str(k)) for k in flt.kinds)
        parts.append(tx("kind {values}", values=tx(" or ").join(kinds)))
    if flt.article_id is not None:
        parts.append(tx("article {id}", id=flt.article_id))
    if flt.tag:
        parts.append(tx("tag “{tag}”", tag=clean(flt.tag)))
    if flt.assignee is not None:
        parts.append(tx("assigned to “{name}”", name=clean(flt.assignee)))
    if flt.party_id is not None:
        parts.append(tx("party {id}", id=flt.party_id))
    if flt.search.strip():
        parts.append(tx("search “{text}”", text=clean(flt.search.strip())))
    where = "; ".join(parts) if parts else tx("all claims")
    return tx("Claims matching: {where} ({count})", where=where, count=count)


def build_report(
    services: Services,
    scope: Scope | None = None,
    options: ReportOptions | None = None,
    control: Control | None = None,
    *,
    now: datetime | None = None,
) -> Report:
    """Read everything the report shows in a few bulk queries, redacted once, here.

    The cyclic garbage collector is paused meanwhile: the report is hundreds of thousands
    of small acyclic objects, and repeated full collections made 100,000 claims take
    twice as long as 10 × 10,000.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build(services, scope, options, control, now)
    finally:
        if paused:
            gc.enable()


@dataclass(frozen=True)
class Selection:
    """The claims of a scope and what labelling and redacting them needs, read once.

    Shared by ``build_report`` and the lean CSV/XLSX reader (``claimtrack.export.rows``),
    so both name, label and redact exactly alike.
    """

    language: str
    tx: Texts
    ids: list[int]  # in report order, cut to ``options.limit``
    total: int  # claims in scope
    ratings: dict[str, Any]  # key -> RatingRecord, in scale order
    status_labels: dict[str, str]  # key -> label in the report's language, in order
    parties: dict[int, Any]  # id -> PartyRecord
    protected_ids: set[int]  # empty when redaction is off
    redact: Redactor
    spellings: tuple[str, ...] = ()  # what ``redact`` looks for (names, aliases, former names)

    def party_name(self, party_id: int) -> str:
        """A claimant's or chain link's name: the neutral phrase for a protected party."""
        party = self.parties.get(party_id)
        if party_id in self.protected_ids or party is None:
            return self.tx.protected
        return self.redact(party.name)

    def reply_party(self, party_id: int) -> str:
        """The name of a party asked for comment (a vanished party: no name)."""
        if party_id in self.protected_ids:
            return self.tx.protected
        party = self.parties.get(party_id)
        return self.redact(party.name if party else "")

    def verdict(self, key: str) -> Verdict:
        return _verdict(key, self.ratings.get(key), self.tx)


@dataclass(frozen=True)
class Heading:
    """A report's header facts (title, scope in words, when and by whom)."""

    title: str
    scope: str
    generated_at: datetime
    generated_by: str


def select_claims(
    services: Services, scope: Scope, options: ReportOptions, control: Control
) -> Selection:
    """Resolve the scope and read the catalogue, parties and protected spellings."""
    try:
        language = normalise_language(options.language)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    tx = texts(language)
    ids = resolve_ids(services, scope)
    total = len(ids)
    if options.limit is not None:
        ids = ids[: options.limit]
    control.check()

    ratings = {r.key: r for r in services.catalog.ratings()}
    statuses = services.catalog.statuses()
    status_labels = {s.key: tx.status(s.key, clean(s.label)) for s in statuses}
    parties = {p.id: p for p in services.parties.list()}
    protected_ids = {pid for pid, p in parties.items() if p.protected} if options.redact else set()
    spellings = tuple(_protected_spellings(services, parties, protected_ids))
    redact = Redactor(spellings, tx.protected)
    return Selection(
        language, tx, ids, total, ratings, status_labels, parties, protected_ids, redact, spellings
    )


def heading(
    services: Services,
    scope: Scope,
    options: ReportOptions,
    selection: Selection,
    now: datetime | None = None,
) -> Heading:
    tx, ratings, status_labels = selection.tx, selection.ratings, selection.status_labels
    names: dict[str, str] = {}
    if selection.language != "en":
        names = {**status_labels, **{k: tx.verdict(k, clean(r.label)) for k, r in ratings.items()}}
    return Heading(
        title=clean(options.title.strip()) or tx("Claim report"),
        scope=selection.redact(describe_scope(services, scope, selection.total, tx, names)),
        generated_at=now or datetime.now(UTC),
        generated_by=clean(options.generated_by or services.editor) or "ClaimTrack",
    )


def _build(
    services: Services,
    scope: Scope | None,
    options: ReportOptions | None,
    control: Control | None,
    now: datetime | None,
) -> Report:
    scope = scope or Scope()
    options = options or ReportOptions()
    control = control or NullControl()
    selection = select_claims(services, scope, options, control)
    language, tx, ids = selection.language, selection.tx, selection.ids
    ratings, status_labels, redact = selection.ratings, selection.status_labels, selection.redact
    protected_ids, parties = selection.protected_ids, selection.parties

    rows = _load_claims(services, ids, control)
    claim_ids = [row.id for row in rows]
    articles = _articles(services, {row.article_id for row in rows}, redact)
    chains = _chains(services, claim_ids)
    tags = _tags(services, claim_ids)
    evidence = _evidence(services, claim_ids, redact)
    replies = _replies(services, claim_ids, redact, protected_ids, parties, tx.protected)
    control.check()

    links: dict[tuple[int, str], Link] = {}

    def link(party_id: int, role: str) -> Link:
        """One Link object per party and role: 10,000 claims share a few hundred."""
        found = links.get((party_id, role))
        if found is None:
            party = parties.get(party_id)
            hidden = party_id in protected_ids
            found = links[(party_id, role)] = Link(
                name=selection.party_name(party_id),
                kind="protected" if hidden or party is None else party.kind.value,
                role=role,
                protected=hidden,
            )
        return found

    verdicts: dict[str, Verdict] = {}
    claims: list[ReportClaim] = []
    for n, row in enumerate(rows):
        if n % 2000 == 0:
            control.check()
            control.progress(len(rows) + n, max(1, len(ids)) * 2, "Preparing the report")
        article = articles[row.article_id]
        verdict = verdicts.get(row.verdict)
        if verdict is None:
            verdict = verdicts[row.verdict] = selection.verdict(row.verdict)
        text, paraphrase, cue, explanation, notes = redact.many(
            row.text, row.paraphrase, row.cue, row.verdict_explanation, row.notes
        )
        claims.append(
            ReportClaim(
                id=row.id,
                article=article,
                text=text,
                paraphrase=paraphrase,
                kind=row.kind,
                cue=cue,
                claimant=None if row.claimant_id is None else link(row.claimant_id, "claimant"),
                chain=tuple(link(pid, role) for pid, role in chains.get(row.id, ())),
                status=row.status,
                status_label=status_labels.get(row.status, row.status),
                verdict=verdict,
                explanation=explanation,
                notes=notes,
                assignee=clean(row.assignee),
                tags=tags.get(row.id, ()),
                created_at=row.created_at,
                updated_at=row.updated_at,
                updated_by=clean(row.updated_by),
                evidence=evidence.get(row.id, ()),
                replies=replies.get(row.id, ()),
            )
        )
    history = _history(services, claim_ids, redact) if options.include_history else None
    control.progress(1, 1, "Report ready")
    head = heading(services, scope, options, selection, now)
    return Report(
        title=head.title,
        scope=head.scope,
        generated_at=head.generated_at,
        generated_by=head.generated_by,
        organisation=clean(options.organisation.strip()),
        review_url=clean(options.review_url.strip()),
        redacted=options.redact,
        methodology=redact(options.methodology),
        claims=tuple(claims),
        history=history,
        chart=chart_of(
            claims, statuses=list(status_labels.items()), ratings=ratings, language=language
        ),
        total=selection.total,
        statuses=tuple(status_labels.items()),
        language=language,
    )


def chart_of(
    claims: Sequence[ReportClaim],
    *,
    statuses: Sequence[tuple[str, str]],
    ratings: dict[str, Any],
    language: str = DEFAULT_LANGUAGE,
) -> Chart:
    """Status and verdict counts of the claims in the report, in scale order."""
    by_status: dict[str, int] = {}
    by_verdict: dict[str, int] = {}
    for claim in claims:
        by_status[claim.status] = by_status.get(claim.status, 0) + 1
        by_verdict[claim.verdict.key] = by_verdict.get(claim.verdict.key, 0) + 1
    return chart_of_tallies(
        by_status, by_verdict, statuses=statuses, ratings=ratings, language=language
    )


def chart_of_tallies(
    by_status: dict[str, int],
    by_verdict: dict[str, int],
    *,
    statuses: Sequence[tuple[str, str]],
    ratings: dict[str, Any],
    language: str = DEFAULT_LANGUAGE,
) -> Chart:
    """The chart from claims counted per status key and per verdict key."""
    tx = texts(language)
    return Chart(
        (
            Series(
                tx("Status"),
                tuple(
                    Bar(tx.status(key, clean(label)), by_status.get(key, 0), status_colour(i))
                    for i, (key, label) in enumerate(statuses)
                ),
            ),
            Series(
                tx("Verdict"),
                tuple(
                    Bar(tx.verdict(key, clean(r.label)), by_verdict.get(key, 0), r.colour)
                    for key, r in ratings.items()
                ),
            ),
        )
    )


def chart_from_counts(services: Services, language: str = DEFAULT_LANGUAGE) -> Chart:
    """The chart of the whole database, from two GROUP BY queries (for the live widget)."""
    tx = texts(normalise_language(language))
    status_counts = services.claims.counts_by("status")
    verdict_counts = services.claims.counts_by("verdict")
    return Chart(
        (
            Series(
                tx("Status"),
                tuple(
                    Bar(
                        tx.status(s.key, clean(s.label)),
                        status_counts.get(s.key, 0),
                        status_colour(i),
                    )
                    for i, s in enumerate(services.catalog.statuses())
                ),
            ),
            Series(
                tx("Verdict"),
                tuple(
                    Bar(tx.verdict(r.key, clean(r.label)), verdict_counts.get(r.key, 0), r.colour)
                    for r in services.catalog.ratings()
                ),
            ),
        )
    )


# ---------------------------------------------------------------- helpers


def _verdict(key: str, rating: Any, tx: Texts) -> Verdict:
    if rating is None:
        return Verdict(key, key, "#9e9e9e", "", None, None, None)
    return Verdict(
        key=rating.key,
        label=tx.verdict(rating.key, clean(rating.label)),
        colour=rating.colour,
        # The default scale's alternateName is its English name: in the report's language too.
        alternate_name=tx.verdict(rating.key, clean(rating.alternate_name)),
        rating_value=rating.rating_value,
        best_rating=rating.best_rating,
        worst_rating=rating.worst_rating,
    )


def _articles(
    services: Services, article_ids: set[int], redact: Callable[[str], str]
) -> dict[int, ArticleInfo]:
    """Title, outlet, URL and date of the articles named, redacted."""
    return {
        row.id: ArticleInfo(
            id=row.id,
            title=redact(row.title),
            outlet=redact(row.outlet or ""),
            url=clean(row.url or ""),
            published=row.published,
        )
        for row in services.report_queries.articles(article_ids)
    }


def _protected_spellings(services: Services, parties: dict[int, Any], ids: set[int]) -> list[str]:
    """Names, aliases and former names (from History) of the protected parties."""
    if not ids:
        return []
    spellings: list[str] = []
    for pid in ids:
        spellings.append(parties[pid].name)
        spellings.extend(parties[pid].aliases.splitlines())
    for old, new in services.report_queries.former_spellings(ids):
        for value in (old, new):
            if value:
                spellings.extend(value.splitlines())
    return spellings


def _load_claims(services: Services, ids: Sequence[int], control: Control) -> list[ClaimRow]:
    """The claims' own columns with status and verdict keys, in ``ids`` order.

    Plain rows rather than ``ClaimService.get_many``'s records: no ORM objects, so 100,000
    claims load in a fraction of the time; chain, tags, evidence and replies come in one
    query each.
    """
    total = max(1, len(ids)) * 2
    return services.report_queries.claims(
        ids,
        before_chunk=control.check,
        after_chunk=lambda found: control.progress(found, total, "Reading claims"),
    )


def _chains(services: Services, claim_ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    for claim_id, party_id, role in services.report_queries.chains(claim_ids):
        out.setdefault(claim_id, []).append((party_id, role))
    return out


def _tags(services: Services, claim_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for claim_id, name in services.report_queries.tags(claim_ids):
        out.setdefault(claim_id, []).append(clean(name))
    return {k: tuple(v) for k, v in out.items()}


def _evidence(
    services: Services, claim_ids: Sequence[int], redact: Callable[[str], str]
) -> dict[int, tuple[EvidenceItem, ...]]:
    out: dict[int, list[EvidenceItem]] = {}
    for row in services.report_queries.evidence(claim_ids):
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
    protected: str = PROTECTED,
) -> dict[int, tuple[ReplyItem, ...]]:
    out: dict[int, list[ReplyItem]] = {}
    for row in services.report_queries.replies(claim_ids):
        party = parties.get(row.party_id)
        hidden = row.party_id in protected_ids
        name = protected if hidden else redact(party.name if party else "")
        kind = "protected" if hidden else party.kind.value if party else "party"
        out.setdefault(row.claim_id, []).append(
            ReplyItem(
                party=name,
                asked_at=row.asked_at,
                channel=row.channel,
                response=redact(row.response),
                responded_at=row.responded_at,
                kind=kind,
            )
        )
    return {k: tuple(v) for k, v in out.items()}


def _history(
    services: Services, claim_ids: Sequence[int], redact: Callable[[str | None], str]
) -> tuple[HistoryEntry, ...]:
    entries = [
        HistoryEntry(
            at=row.at,
            by=clean(row.by),
            claim_id=row.entity_id,
            field=redact(row.field),
            old=redact(row.old),
            new=redact(row.new),
        )
        for row in services.report_queries.history(claim_ids)
    ]
    entries.sort(key=lambda e: (e.at, e.claim_id))
    return tuple(entries)


def _sources(
    claims: Sequence[ReportClaim], *, replies_parties: bool, protected: str = PROTECTED
) -> tuple[SourceEntry, ...]:
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
                hidden = reply.party == protected or reply.kind == "protected"
                kind = "protected" if hidden else reply.kind
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
