"""The import use case: propose the claims of a read article, store article and claims.

Reading files and pasted text is ``claimtrack.intake``'s job (its names used by callers of
this module are re-exported here). Everything an import writes happens in one transaction,
so a failure leaves the database as it was.

A re-import of an article whose text changed keeps every claim: each span is found again in
the new text (exact → "moved"/"unchanged", fuzzy → "changed", not at all → "vanished").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from claimtrack.domain import (
    ChainRole,
    ChangeSet,
    ClaimKind,
    NotFoundError,
    PartyKind,
    ValidationError,
)
from claimtrack.extract import ProposedClaim, extract_claims
from claimtrack.intake import ArticleFileError, LoadedArticle, article_from_text, read_article
from claimtrack.services.base import ServiceBase, changes, known_ids
from claimtrack.services.claim_edits import _key_id, stamp_new_claim, write_chains
from claimtrack.store.models import Article, Claim, Party, Rating, WorkflowStatus, utcnow

if TYPE_CHECKING:
    from claimtrack.services import Services

FUZZY_MIN = 80.0  # rapidfuzz partial-ratio score for a span to count as found, but changed
PARTY_MIN = 90.0  # token-set ratio for two party names to be one party


# ---------------------------------------------------------------- the extraction gate


MAX_EXTRACT_CHARS = 1_000_000  # ~150,000 words: far beyond any news story


def check_length(loaded: LoadedArticle) -> None:
    """Refuse a text beyond MAX_EXTRACT_CHARS at once, in one clear line.

    Such a file is a dump or a compilation, not a story: cutting it silently left the user
    waiting for tens of thousands of proposals from a part they never chose.
    """
    n = len(loaded.text)
    if n > MAX_EXTRACT_CHARS:
        raise ArticleFileError(
            f"{loaded.source or 'The text'} is too long to be one news article "
            f"({n:,} characters; the limit is {MAX_EXTRACT_CHARS:,}). "
            "Split it into separate articles and import them one by one."
        )


def propose(
    loaded: LoadedArticle, progress: Callable[[int, int], None] | None = None
) -> list[ProposedClaim]:
    """The proposed claims of an article (``progress``: see ``extract_claims``); a text beyond
    MAX_EXTRACT_CHARS is refused with ArticleFileError before any extraction."""
    check_length(loaded)
    return extract_claims(loaded.text, loaded.language, progress=progress)


# ---------------------------------------------------------------- parties


_ANONYMOUS = re.compile(
    r"\b(?:sumber|sources?|people|person|orang|seseorang|pejabat\s+yang|officials?\s+who|"
    r"unidentified|anonymous|tidak\s+mau\s+disebut|asked\s+not|familiar|close\s+to|"
    r"mengetahui|analis\w*\s+yang)\b",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(
    r"\b(?:kementerian|ministry|minister|pemerintah|government|gedung\s+putih|white\s+house|"
    r"kremlin|dinas|badan|komisi|department|embassy|kedutaan|istana|police|polisi|regulator|"
    r"otoritas|authority|authorities|council|dpr|kpk|bawaslu|kpu|administration)\b",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b(?:pt|tbk|inc|ltd|plc|corp|company|perusahaan|asosiasi|association|union|serikat|bank|"
    r"group|systems?|pharma|ikatan|foundation|yayasan|partai|party)\b",
    re.IGNORECASE,
)
_AGENCIES = frozenset(
    [
        "reuters",
        "associated press",
        "ap",
        "afp",
        "agence france-presse",
        "bloomberg",
        "antara",
        "xinhua",
        "yonhap",
        "kyodo",
        "tass",
        "ria novosti",
        "interfax",
        "anadolu",
        "bernama",
        "dpa",
        "efe",
        "ansa",
        "pti",
    ]
)
_TITLE_WORDS = frozenset(
    [
        "pak",
        "bu",
        "bapak",
        "ibu",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "the",
        "a",
        "an",
        "said",
        "dan",
        "and",
        "of",
        "for",
        "untuk",
    ]
)


def guess_party_kind(name: str, *, outlet: bool = False) -> PartyKind:
    """A first guess at what a party is; the editor can correct it."""
    if outlet:
        return PartyKind.NEWS_AGENCY if name.lower() in _AGENCIES else PartyKind.OUTLET
    if _ANONYMOUS.search(name):
        return PartyKind.ANONYMOUS
    if _GOVERNMENT.search(name):
        return PartyKind.GOVERNMENT
    if _ORGANISATION.search(name):
        return PartyKind.ORGANISATION
    caps = [t for t in name.split() if t[:1].isupper()]
    return PartyKind.PERSON if len(caps) >= 2 or len(name.split()) == 1 else PartyKind.ORGANISATION


def name_key(name: str) -> str:
    """The comparable core of a name: role and title words dropped, lower case."""
    from claimtrack.extract.lexicon import ROLE_WORDS

    words = re.findall(r"[\w'’.-]+", name.lower())
    kept = [w.strip(".") for w in words if w.strip(".") not in ROLE_WORDS | _TITLE_WORDS]
    # a role phrase written before a name ("kremlin spokesman dmitry peskov"): keep the tail
    # of capitalised words, if the original has one
    caps: list[str] = []
    for token in reversed(name.split()):
        if token[:1].isupper() and token.lower().strip(".,") not in ROLE_WORDS:
            caps.append(token.lower().strip(".,"))
        else:
            break
    if len(caps) >= 1 and len(caps) < len(kept):
        kept = list(reversed(caps))
    return " ".join(kept)


def names_match(a: str, b: str) -> bool:
    """Conservatively, are ``a`` and ``b`` one party? ("Peskov" ~ "Kremlin spokesman Dmitry
    Peskov", but not "Kementerian Keuangan" ~ "Kementerian Kesehatan")."""
    from rapidfuzz import fuzz

    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    ta, tb = ka.split(), kb.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if set(short) <= set(long_):
        # the shorter form must keep the surname (last word) and a real name, not a role word
        return short[-1] == long_[-1] and len(short[-1]) >= 3
    return fuzz.token_sort_ratio(ka, kb) >= PARTY_MIN and ta[-1][:4] == tb[-1][:4]


class _PartyCache:
    """Parties of the database, plus those created in this transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: list[Party] = list(session.exec(select(Party)))
        self.created: list[int] = []
        self.updated: list[int] = []

    def find(self, name: str, kind: PartyKind) -> Party | None:
        low = name.strip().lower()
        for row in self.rows:
            aliases = [a.strip().lower() for a in row.aliases.splitlines() if a.strip()]
            if row.name.lower() == low or low in aliases:
                return row
        if kind == PartyKind.ANONYMOUS:
            return None  # "a source" in one story is not "a source" in another
        for row in self.rows:
            if row.kind == PartyKind.ANONYMOUS.value:
                continue
            outlet_kinds = {PartyKind.OUTLET.value, PartyKind.NEWS_AGENCY.value}
            if (row.kind in outlet_kinds) != (kind in (PartyKind.OUTLET, PartyKind.NEWS_AGENCY)):
                continue
            forms = [row.name, *[a for a in row.aliases.splitlines() if a.strip()]]
            if any(names_match(name, form) for form in forms):
                return row
        return None


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class SpanMove:
    """What happened to one claim's span on re-import."""

    claim_id: int
    outcome: str  # "unchanged", "moved", "changed" or "vanished"
    old_start: int | None
    old_end: int | None
    new_start: int | None
    new_end: int | None
    old_text: str
    new_text: str | None


@dataclass(frozen=True)
class ReimportReport:
    article_id: int
    diff: str  # unified diff of the old and new text, by line
    moves: tuple[SpanMove, ...]

    def by_outcome(self, outcome: str) -> list[SpanMove]:
        return [m for m in self.moves if m.outcome == outcome]


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    claim_ids: tuple[int, ...]
    language: str | None
    changes: ChangeSet
    created: bool  # a new article, rather than a re-import or a duplicate
    duplicate: bool = False  # the same text was already stored: nothing written
    report: ReimportReport | None = None
    party_ids: tuple[int, ...] = field(default=())


# ---------------------------------------------------------------- the service


class IntakeService(ServiceBase):
    """Import articles and turn proposals into unreviewed claims, one transaction each."""

    def __init__(self, ctx: Services) -> None:
        super().__init__(ctx)

    # reading and extraction are pure; offered here so callers need one object
    read = staticmethod(read_article)
    from_text = staticmethod(article_from_text)

    @staticmethod
    def propose(loaded: LoadedArticle) -> list[ProposedClaim]:
        return propose(loaded)

    def find_previous(self, loaded: LoadedArticle) -> int | None:
        """The id of a stored article this one is a new version of (same URL, or same title
        and outlet), or of the same text stored already."""
        with self._read() as session:
            same = session.exec(select(Article.id).where(Article.sha256 == loaded.sha256)).first()
            if same is not None:
                return int(same)
            if loaded.url:
                row = session.exec(
                    select(Article.id).where(Article.url == loaded.url).order_by(col(Article.id))
                ).first()
                if row is not None:
                    return int(row)
            if loaded.title and loaded.outlet:
                row = session.exec(
                    select(Article.id)
                    .where(func.lower(Article.title) == loaded.title.lower())
                    .where(func.lower(Article.outlet) == loaded.outlet.lower())
                    .order_by(col(Article.id))
                ).first()
                if row is not None:
                    return int(row)
        return None

    def import_article(
        self,
        loaded: LoadedArticle,
        proposals: Sequence[ProposedClaim] | None = None,
        *,
        into: int | None = None,
        detect_previous: bool = True,
    ) -> ImportResult:
        """Store ``loaded`` with ``proposals`` as unreviewed claims (all of them if None).

        ``into`` re-imports into that article; otherwise a stored version (same URL, or title
        and outlet) is found and updated, and the same text stored twice is a no-op.
        """
        if proposals is None:
            proposals = self.propose(loaded)
        target = into
        if target is None and detect_previous:
            target = self.find_previous(loaded)
        if target is not None:
            return self.reimport(target, loaded, proposals)
        return self._create(loaded, proposals)

    def _create(self, loaded: LoadedArticle, proposals: Sequence[ProposedClaim]) -> ImportResult:
        if not loaded.text.strip():
            raise ValidationError("The article has no text.")
        with self._write() as session:
            session.autoflush = False
            article = Article(
                title=loaded.title.strip() or "Untitled article",
                text=loaded.text,
                sha256=loaded.sha256,
                outlet=loaded.outlet,
                url=loaded.url,
                published=loaded.published,
                language=loaded.language,
                created_at=utcnow(),
                created_by=self.editor,
            )
            session.add(article)
            session.flush()
            assert article.id is not None
            self._log(session, "article", article.id, "(created)", None, article.title)
            self._log(session, "article", article.id, "(imported)", None, loaded.source or None)
            parties = _PartyCache(session)
            claim_ids = self._add_claims(session, article, proposals, parties)
            return ImportResult(
                article_id=article.id,
                claim_ids=tuple(claim_ids),
                language=loaded.language,
                changes=changes(
                    created={"article": [article.id], "claim": claim_ids, "party": parties.created},
                    updated={"party": parties.updated},
                ),
                created=True,
                party_ids=tuple(parties.created),
            )

    def accept(self, article_id: int, proposals: Sequence[ProposedClaim]) -> ImportResult:
        """Add reviewed proposals to an article already stored (one transaction)."""
        with self._write() as session:
            session.autoflush = False
            article = self._get(session, Article, article_id)
            parties = _PartyCache(session)
            claim_ids = self._add_claims(session, article, proposals, parties)
            return ImportResult(
                article_id=article_id,
                claim_ids=tuple(claim_ids),
                language=article.language,
                changes=changes(
                    created={"claim": claim_ids, "party": parties.created},
                    updated={"party": parties.updated},
                ),
                created=False,
                party_ids=tuple(parties.created),
            )

    def reimport(
        self, article_id: int, loaded: LoadedArticle, proposals: Sequence[ProposedClaim] = ()
    ) -> ImportResult:
        """Replace an article's text with a new version, remapping every claim's span.

        Claims are never dropped; new proposals whose span no kept claim covers are added.
        """
        with self._write() as session:
            session.autoflush = False
            article = session.get(Article, article_id)
            if article is None:
                raise NotFoundError(f"Article {article_id} does not exist (any more).")
            if article.sha256 == loaded.sha256:
                return ImportResult(
                    article_id=article_id,
                    claim_ids=(),
                    language=article.language,
                    changes=ChangeSet(),
                    created=False,
                    duplicate=True,
                )
            old_text = article.text
            new_text = loaded.text
            mapper = OffsetMapper(old_text, new_text)
            rows = list(session.exec(select(Claim).where(Claim.article_id == article_id)))
            moves: list[SpanMove] = []
            touched: list[int] = []
            for row in rows:
                move = remap_span(row.id, row.text, row.start_offset, row.end_offset, mapper)
                moves.append(move)
                assert row.id is not None
                if move.outcome == "unchanged":
                    continue
                self._log(session, "claim", row.id, "reimport", move.old_text, move.outcome)
                if (move.new_start, move.new_end) != (row.start_offset, row.end_offset):
                    self._log(session, "claim", row.id, "start", row.start_offset, move.new_start)
                    self._log(session, "claim", row.id, "end", row.end_offset, move.new_end)
                    row.start_offset, row.end_offset = move.new_start, move.new_end
                if move.new_text is not None and move.new_text != row.text:
                    self._log(session, "claim", row.id, "text", row.text, move.new_text)
                    row.text = move.new_text
                row.updated_at = utcnow()
                row.updated_by = self.editor
                session.add(row)
                touched.append(row.id)
            self._log(session, "article", article_id, "sha256", article.sha256, loaded.sha256)
            self._log(
                session,
                "article",
                article_id,
                "text",
                f"{len(old_text)} characters",
                f"{len(new_text)} characters (re-imported from {loaded.source or 'text'})",
            )
            article.text = new_text
            article.sha256 = loaded.sha256
            for name in ("outlet", "url", "published", "language"):
                value = getattr(loaded, name)
                if value and value != getattr(article, name):
                    self._log(session, "article", article_id, name, getattr(article, name), value)
                    setattr(article, name, value)
            session.add(article)
            session.flush()
            kept = [(m.new_start, m.new_end) for m in moves if m.new_start is not None]
            fresh = [
                p
                for p in proposals
                if not any(
                    a is not None and b is not None and p.start < b and a < p.end for a, b in kept
                )
            ]
            parties = _PartyCache(session)
            claim_ids = self._add_claims(session, article, fresh, parties)
            diff = "".join(
                difflib.unified_diff(
                    old_text.splitlines(keepends=True),
                    new_text.splitlines(keepends=True),
                    "stored",
                    "re-imported",
                    n=1,
                )
            )
            return ImportResult(
                article_id=article_id,
                claim_ids=tuple(claim_ids),
                language=article.language,
                changes=changes(
                    created={"claim": claim_ids, "party": parties.created},
                    updated={"article": [article_id], "claim": touched, "party": parties.updated},
                ),
                created=False,
                report=ReimportReport(article_id, diff, tuple(moves)),
                party_ids=tuple(parties.created),
            )

    # ------------------------------------------------------------ helpers
    def _add_claims(
        self,
        session: Session,
        article: Article,
        proposals: Iterable[ProposedClaim],
        parties: _PartyCache,
    ) -> list[int]:
        assert article.id is not None
        status_id = _key_id(session, WorkflowStatus, "unreviewed")
        verdict_id = _key_id(session, Rating, "unrated")
        outlet_id = (
            self._party(session, parties, article.outlet, outlet=True) if article.outlet else None
        )
        pending: list[tuple[Claim, list[tuple[int, ChainRole]], str]] = []
        for p in proposals:
            if not (0 <= p.start < p.end <= len(article.text)):
                raise ValidationError(f"A proposal lies outside the article ({p.start}–{p.end}).")
            if article.text[p.start : p.end] != p.text:
                raise ValidationError("A proposal's text is not what the article says there.")
            claimant_id = None
            if p.claimant:
                claimant_id = self._party(session, parties, p.claimant, full=p.claimant_full)
            chain: list[tuple[int, ChainRole]] = []
            if p.via:
                via_id = self._party(session, parties, p.via, outlet=True)
                chain.append((via_id, ChainRole.VIA))
            if outlet_id is not None and all(pid != outlet_id for pid, _ in chain):
                chain.append((outlet_id, ChainRole.VIA))
            row = Claim(
                article_id=article.id,
                text=p.text,
                start_offset=p.start,
                end_offset=p.end,
                kind=ClaimKind(p.kind).value,
                cue=p.cue,
                claimant_id=claimant_id,
                status_id=status_id,
                verdict_id=verdict_id,
            )
            stamp_new_claim(self, row)
            session.add(row)
            pending.append((row, chain, p.cue))
        session.flush()  # every claim in a few statements; the ids come back
        ids = known_ids(row.id for row, _, _ in pending)
        write_chains(session, zip(ids, (chain for _, chain, _ in pending), strict=True))
        self._log_many(
            session,
            (
                entry
                for claim_id, (row, _, cue) in zip(ids, pending, strict=True)
                for entry in (
                    ("claim", claim_id, "(created)", None, row.text),
                    ("claim", claim_id, "source", None, f"proposed ({cue})"),
                )
            ),
        )
        return ids

    def _party(
        self,
        session: Session,
        parties: _PartyCache,
        name: str,
        *,
        outlet: bool = False,
        full: str | None = None,
    ) -> int:
        kind = guess_party_kind(full or name, outlet=outlet)
        if not outlet and kind == PartyKind.OUTLET:
            kind = PartyKind.ORGANISATION
        row = parties.find(name, kind)
        if row is None and full:
            row = parties.find(full, kind)
        if row is not None:
            assert row.id is not None
            forms = {row.name.lower(), *(a.strip().lower() for a in row.aliases.splitlines())}
            new_forms = [f for f in (name, full) if f and f.lower() not in forms]
            if new_forms and row.id not in parties.created:
                aliases = "\n".join([a for a in row.aliases.splitlines() if a.strip()] + new_forms)
                self._log(session, "party", row.id, "aliases", row.aliases, aliases)
                row.aliases = aliases
                session.add(row)
                if row.id not in parties.updated:
                    parties.updated.append(row.id)
            elif new_forms:
                row.aliases = "\n".join(
                    [a for a in row.aliases.splitlines() if a.strip()] + new_forms
                )
                session.add(row)
            return row.id
        aliases = full if full and full != name else ""
        row = Party(name=name.strip(), kind=kind.value, protected=False, aliases=aliases)
        session.add(row)
        session.flush()
        assert row.id is not None
        self._log(session, "party", row.id, "(created)", None, row.name)
        parties.rows.append(row)
        parties.created.append(row.id)
        return row.id


# ---------------------------------------------------------------- span remapping


class OffsetMapper:
    """Maps offsets of the old text to the new one through difflib's matching blocks."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        if len(old) * len(new) > 4_000_000:  # long texts: match by line, then it is fast
            matcher = _line_matcher(old, new)
        self.opcodes = matcher.get_opcodes() if matcher else []

    def map(self, pos: int) -> int:
        for tag, i1, i2, j1, j2 in self.opcodes:
            if i1 <= pos < i2 or (pos == i2 and tag == "equal"):
                if tag == "equal":
                    return j1 + (pos - i1)
                return j1 + min(pos - i1, max(0, j2 - j1))
        return len(self.new)


def _line_matcher(old: str, new: str) -> Any:
    """Character opcodes derived from a line diff (used for long articles)."""

    class _Opcodes:
        def __init__(self) -> None:
            a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
            sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            oa = [0]
            for line in a:
                oa.append(oa[-1] + len(line))
            ob = [0]
            for line in b:
                ob.append(ob[-1] + len(line))
            self.codes: list[tuple[str, int, int, int, int]] = [
                (tag, oa[i1], oa[i2], ob[j1], ob[j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes()
            ]

        def get_opcodes(self) -> list[tuple[str, int, int, int, int]]:
            return self.codes

    return _Opcodes()


def remap_span(
    claim_id: int | None,
    text: str,
    start: int | None,
    end: int | None,
    mapper: OffsetMapper,
) -> SpanMove:
    """Find a claim's span in the new text: exact near where the diff puts it, else fuzzy."""
    from rapidfuzz import fuzz

    new = mapper.new
    cid = claim_id or 0
    guess = mapper.map(start) if start is not None else 0
    hits = [m.start() for m in re.finditer(re.escape(text), new)] if text else []
    if hits:
        best = min(hits, key=lambda h: abs(h - guess))
        outcome = "unchanged" if (best, best + len(text)) == (start, end) else "moved"
        return SpanMove(cid, outcome, start, end, best, best + len(text), text, text)
    # fuzzy: look in a window around where the old span maps to, then everywhere
    windows = []
    if start is not None and end is not None:
        lo = max(0, guess - 2 * len(text) - 200)
        hi = min(len(new), mapper.map(end) + 2 * len(text) + 200)
        windows.append((lo, hi))
    windows.append((0, len(new)))
    for lo, hi in windows:
        if hi <= lo:
            continue
        found = fuzz.partial_ratio_alignment(text, new[lo:hi], score_cutoff=FUZZY_MIN)
        if found is not None and found.dest_end > found.dest_start:
            a, b = lo + found.dest_start, lo + found.dest_end
            a, b = _snap_words(new, a, b)
            return SpanMove(cid, "changed", start, end, a, b, text, new[a:b])
    return SpanMove(cid, "vanished", start, end, None, None, text, None)


def _snap_words(text: str, a: int, b: int) -> tuple[int, int]:
    """Widen a fuzzy span to whole words, so it never starts or ends mid-word."""
    while a > 0 and text[a - 1].isalnum() and text[a].isalnum():
        a -= 1
    while b < len(text) and text[b - 1].isalnum() and text[b].isalnum():
        b += 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# ---------------------------------------------------------------- one call for the CLI


def import_file(
    services: Services,
    path: str | Path,
    *,
    into: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Read, extract and store one file: the whole of ``claimtrack import``."""
    loaded = read_article(path)
    check_length(loaded)
    if progress:
        progress("extracting")
    proposals = propose(loaded)
    if progress:
        progress("storing")
    return IntakeService(services).import_article(loaded, proposals, into=into)


__all__ = [
    "ArticleFileError",
    "ImportResult",
    "IntakeService",
    "LoadedArticle",
    "OffsetMapper",
    "ReimportReport",
    "SpanMove",
    "article_from_text",
    "check_length",
    "guess_party_kind",
    "import_file",
    "name_key",
    "names_match",
    "read_article",
    "remap_span",
]
