"""Attribution rules applied to one sentence unit.

A sentence is cut into clauses at coordinators that introduce a new cue ("..., while X did not
respond", "... dan menuduh ...") and at participial cues (", saying", ", citing", ", according
to").  In each clause the first cue decides the frame: a preposed speaker ("X said that C"), a
postposed or inverted tag ("C, kata X", "'Q,' X told Reuters"), a parenthetical tag ("A, kata
dia, B"), "according to X", a reportative hedge, a denial, a refusal or a silence.  Cues nested
in the content with their own subject ("Respekt reported that the services suspected C") give
their own entries, as README R3 asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import lexicon as lx
from . import patterns as pt
from .lexicon import ADVERBIAL_STARTS, AGENT_OPENERS, COPULAS, INTRO_PREPS
from .prefilter import foldable
from .resolve import Context, Speaker
from .rule_patterns import (
    A_REPORT,
    AFTER_COMMA,
    APPO_AFTER_COMMA,
    APPO_NAME,
    APPO_PAIR,
    AUX_IN_NP,
    BLAME_BEFORE,
    CAP_RUN_AFTER,
    CHANNEL_BEFORE_CUE,
    CHANNEL_VIA,
    CHOSE_BEFORE,
    CIRCUMSTANCE,
    CLAUSE_IN_TRAIL,
    CLAUSE_STOP,
    COMMA_END,
    COMMA_OR_PAREN,
    COMMA_OR_QUOTE_END,
    COMMA_SPACE,
    CONTACTED,
    CONTACTED_TAIL,
    COORD_AFTER_QUOTE,
    COORD_START,
    DIRI,
    FIRST_TOKEN_COMMA,
    FLAT_STOP,
    HEDGE_RELATIVE,
    HEDGE_VIA,
    INNER_APPOSITION,
    LAPORAN_LEAD,
    LAPORAN_ONLY,
    LAPORAN_START,
    LEAD_COMMA,
    LEAD_COORD,
    LEADING_CONNECTIVE,
    NESTED_SUBJECT_CUT,
    NON_SPACE_CHAR,
    NONSPACE,
    ON_IN_PADA,
    PAPER_ONLY,
    PAREN_REST,
    QUOTE_COMMA_END,
    RELATIVE_END,
    RELATIVE_OPENER,
    REPORT_HINT,
    REPORT_NOUN_BEFORE,
    REPORT_NOUN_TAIL,
    REPORT_OBJECT,
    REPORTS_AFTER,
    REPORTS_BEFORE,
    RETRO,
    RETRO_FIRST,
    SPEAKER_START,
    THAT_CLAUSE,
    THAT_END,
    THAT_LEAD,
    THAT_START,
    THE_PAPER,
    THE_START,
    TRAILING_CHANNEL,
    WEAK_CONTENT,
    WEEKDAY_START,
    YANG_END,
)
from .sentences import CLOSING_QUOTES, OPENING_QUOTES, quote_spans, split_sentences

# Who said it: (claimant, full name, via).
Said = tuple[str | None, str | None, str | None]

VERB_TYPES = frozenset(
    {"say", "weak", "report", "evidential", "blame", "offer", "deny", "nocomment", "noresponse"}
)
_CLAUSE_OPENERS = VERB_TYPES | {"reportrel", "hedge"}
_QUOTE_CHARS = '"' + OPENING_QUOTES + CLOSING_QUOTES


@dataclass(slots=True)
class Retro:
    """A back-pointing tag: the speaker of the preceding content and how far back it reaches
    ("all": the run of units since the last named speaker; "one": the unit just before)."""

    claimant: str | None
    full: str | None
    via: str | None
    scope: str


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    type: str
    text: str
    inverted: bool = False


@dataclass(slots=True)
class Found:
    """An entry before it becomes a ProposedClaim; offsets relative to the sentence."""

    start: int
    end: int
    kind: str
    cue: str
    claimant: str | None
    full: str | None
    via: str | None
    confidence: float


def _mask_quotes(s: str, quotes: list[tuple[int, int]]) -> str:
    """``s`` with every non-space character inside a quotation replaced by "x" (``quotes`` come
    from ``quote_spans``: in order and disjoint)."""
    parts: list[str] = []
    last = 0
    for a, b in quotes:
        parts.append(s[last : a + 1])
        parts.append(NON_SPACE_CHAR.sub("x", s[a + 1 : b]))
        last = b
    parts.append(s[last:])
    return "".join(parts)


_CUE_TYPES = tuple(ctype for ctype, _rx in pt.CUE_PATTERNS)


def _cue_start(c: Cue) -> int:
    return c.start


def find_cues(m: str) -> list[Cue]:
    """All cues of the (quote-masked) sentence, non-overlapping, in text order."""
    taken: list[Cue] = []
    for ctype, matches in zip(_CUE_TYPES, pt.CUE_SCANNER.scan(m), strict=True):
        for mt in matches:
            a, b = mt.span()
            for c in taken:
                if c.start < b and a < c.end:
                    break
            else:
                taken.append(Cue(a, b, ctype, mt.group()))
    taken.sort(key=_cue_start)
    out: list[Cue] = []
    for c in taken:
        before = m[max(0, c.start - 60) : c.start]
        low = c.text.lower()
        if low in {"calling", "describing"} and not COMMA_END.search(before):
            continue
        if c.type in {"inverted", "retro"}:
            if not COMMA_OR_QUOTE_END.search(before):
                continue
            c.type, c.inverted = "say", True
        elif c.type in {"say", "weak", "report", "evidential", "blame", "offer"}:
            if low in {"reports", "reporting"}:
                after = m[c.end : c.end + 12]
                if low == "reporting" or not (
                    REPORTS_AFTER.match(after) and REPORTS_BEFORE.search(before)
                ):
                    continue
            if REPORT_NOUN_BEFORE.search(before) and (
                YANG_END.search(before) or low.endswith("ing")
            ):
                c.type = "reportrel"
            elif pt.RELATIVE_BEFORE.search(before):
                continue
            if c.type == "blame" and not BLAME_BEFORE.search(before):
                continue
        elif c.type == "hedge":
            if HEDGE_RELATIVE.search(before):
                continue
        elif c.type in {"deny", "nocomment", "noresponse"}:
            if RELATIVE_END.search(before):
                continue
            if c.type == "noresponse" and CHOSE_BEFORE.search(before):
                continue
        out.append(c)
    return out


def _clean_span(s: str, a: int, b: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Trim a claim span as README R3 says: no "that"/"bahwa", no enclosing quotation marks,
    no comma before a closing mark, no final full stop outside a quotation."""
    while a < b and s[a] in " \t\n,:;-–—":
        a += 1
    m = THAT_LEAD.match(s, a, b)
    if m and b > m.end():
        a = m.end()
    for _ in range(2):
        while b > a and s[b - 1].isspace():
            b -= 1
        if b > a and s[b - 1] in _QUOTE_CHARS and s[b - 1] not in OPENING_QUOTES:
            if s[a] in _QUOTE_CHARS and (a, b - 1) in quotes:
                a += 1
            b -= 1
            while b > a and s[b - 1] in " ,":
                b -= 1
            break
        while b > a and s[b - 1] in ".,;: ":
            b -= 1
    while a < b and s[a].isspace():
        a += 1
    return a, b


def classify(text: str) -> str:
    """Kind from the content itself (R6): calling a report false is a denial, a refusal in
    one's own words is a no_comment, everything else a statement."""
    if pt.REFUSAL.search(text):
        return "no_comment"
    if pt.FALSITY.search(text):
        return "denial"
    return "statement"


class SentenceRules:
    """Applies the rules to one sentence, reading and updating the article ``Context``."""

    def __init__(self, s: str, ctx: Context, first_in_paragraph: bool) -> None:
        self.s = s
        self.ctx = ctx
        self.quotes = quote_spans(s)
        self.m = _mask_quotes(s, self.quotes) if self.quotes else s
        self.cues = find_cues(self.m)
        body = pt.DATELINE.match(s) if first_in_paragraph else None
        self.body = body.end() if body else 0
        self.found: list[Found] = []
        self._may: tuple[bool, bool] | None = None
        self._after_memo: dict[tuple[int, int, int, str | None], tuple[int, str | None]] = {}
        self._np_memo: dict[tuple[int, int], int] = {}
        self.retro: Retro | None = None

    # ------------------------------------------------------------------ helpers
    def _emit(
        self,
        a: int,
        b: int,
        kind: str,
        cue: Cue | str,
        speaker: Said,
        conf: float,
        split_quotes: bool = True,
    ) -> list[Found]:
        a, b = _clean_span(self.s, a, b, self.quotes)
        if b - a < 2:
            return []
        claimant, full, via = speaker
        cue_text = cue.text if isinstance(cue, Cue) else cue
        pieces = self._quote_pieces(a, b) if split_quotes and kind == "statement" else [(a, b)]
        if kind == "statement" and len(pieces) == 1:
            pieces = self._coordinated_quote(a, b)
        out = []
        for pa, pb in pieces:
            k = kind
            if kind == "statement":
                k = self._classify(self.s[pa:pb])
            f = Found(pa, pb, k, cue_text, claimant, full, via, conf)
            self.found.append(f)
            out.append(f)
        return out

    def _classify(self, text: str) -> str:
        """``classify`` for a span of this sentence."""
        may = self._may
        if may is None:
            # Most sentences hold none of the words a refusal or a falsity claim needs; one look
            # at the whole sentence spares the content regexes on every span cut from it.
            s, low = self.s, self.s.lower()
            if foldable(s) and pt.CONTENT_GATE.search(low) is None:
                may = self._may = (False, False)
            else:
                may = self._may = (pt.REFUSAL.possible(s, low), pt.FALSITY.possible(s, low))
        if may[0] and pt.REFUSAL.rx.search(text):
            return "no_comment"
        if may[1] and pt.FALSITY.rx.search(text):
            return "denial"
        return "statement"

    def _quote_pieces(self, a: int, b: int) -> list[tuple[int, int]]:
        """Split a multi-sentence quotation where its parts differ in kind (README R3)."""
        inner = self.s[a:b]
        if not any(q[0] < a and q[1] >= b for q in self.quotes) and not (
            a > 0 and self.s[a - 1] in _QUOTE_CHARS
        ):
            return [(a, b)]
        sents = split_sentences(inner)
        if len(sents) < 2:
            return [(a, b)]
        groups: list[list[Any]] = []
        for sa, sb in sents:
            text = inner[sa:sb]
            kind = self._classify(text)
            neutral = len(text.split()) <= 4 and kind == "statement"
            if groups and (neutral or groups[-1][0] == kind):
                groups[-1][2] = sb
            else:
                groups.append([kind, sa, sb])
        if (
            len(groups) > 1
            and all(
                len(inner[sa:sb].split()) <= 4 * max(1, inner[sa:sb].count("."))
                for _k, sa, sb in groups[:1]
            )
            and groups[0][0] == "statement"
            and self._all_neutral(inner, groups[0])
        ):
            groups[1][1] = groups[0][1]
            groups.pop(0)
        if len(groups) == 1:
            return [(a, b)]
        out = []
        for _kind, sa, sb in groups:
            pa, pb = a + sa, a + sb
            while pb > pa and self.s[pb - 1] in " ,":
                pb -= 1
            out.append((pa, pb))
        return out

    def _coordinated_quote(self, a: int, b: int) -> list[tuple[int, int]]:
        """'"Q" and designed to ...': split a quote from a coordinated part of another kind."""
        pair = next(((qa, qb) for qa, qb in self.quotes if qa == a and qb < b - 1), None)
        if pair is None:
            return [(a, b)]
        mt = COORD_AFTER_QUOTE.match(self.s[pair[1] + 1 : b])
        if not mt:
            return [(a, b)]
        first = _clean_span(self.s, a, pair[1] + 1, self.quotes)
        second = _clean_span(self.s, pair[1] + 1 + mt.end(), b, self.quotes)
        if self._classify(self.s[first[0] : first[1]]) == self._classify(
            self.s[second[0] : second[1]]
        ):
            return [(a, b)]
        return [first, second]

    @staticmethod
    def _all_neutral(inner: str, group: list[Any]) -> bool:
        """True when a group of quote sentences holds only short courtesy sentences."""
        return all(
            len(inner[sa:sb].split()) <= 4 for sa, sb in split_sentences(inner[group[1] : group[2]])
        )

    def _strip_front(self, a: int, b: int) -> int:
        """Skip dateline and leading connective phrases ("Sebelumnya, ", "However, ")."""
        a = max(a, self.body)
        while a < b and self.s[a].isspace():
            a += 1
        m = LEADING_CONNECTIVE.match(self.s, a, b)
        return m.end() if m else a

    def _subject_start(self, a: int, cue_start: int) -> int:
        """Start of the subject: after leading adverbial clauses ending in a comma."""
        a = max(a, self.body)
        m = self.m
        pos = last_cut = a
        depth = 0
        for mt in COMMA_OR_PAREN.finditer(m, a, cue_start):  # only the characters that count
            i = mt.start()
            ch = m[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                head = m[last_cut:i].strip()
                words = head.split()
                first = words[0].lower() if words else ""
                if first in ADVERBIAL_STARTS or ON_IN_PADA.match(head):
                    pos = last_cut = i + 1
                else:
                    break
        return pos

    def _after_cue(self, cue: Cue, limit: int) -> tuple[int, str | None]:
        """Skip objects of "told", adjuncts and "that" after a cue; return content start, via.

        Several frames ask this of the same cue; the answer depends on the sentence and on the
        context's last outlet only, so it is kept per sentence."""
        key = (cue.start, cue.end, limit, self.ctx.last_outlet)
        hit = self._after_memo.get(key)
        if hit is None:
            hit = self._after_memo[key] = self._after_cue_scan(cue, limit)
        return hit

    def _after_cue_scan(self, cue: Cue, limit: int) -> tuple[int, str | None]:
        s = self.s
        pos = cue.end
        via: str | None = None
        if cue.text.lower() in {"told", "tells", "tell"}:
            mo = pt.TOLD_OBJECT.match(s, pos, limit)
            if mo:
                if mo.group("via"):
                    cand = mo.group("via")
                    via = self.ctx.outlet_in(cand) or via
                elif mo.group("ana"):
                    via = self.ctx.last_outlet
                pos = mo.end()
        for _ in range(6):
            p = pos
            while p < limit and s[p] in " ,":
                p += 1
            hit = None
            for rx in pt.ADJUNCTS:
                mo = rx.match(s, p, limit)
                if mo and mo.end() > p:
                    hit = mo
                    break
            if not hit:
                break
            grp = hit.groupdict().get("via")
            if grp:
                if PAPER_ONLY.match(grp):
                    via = self.ctx.last_outlet
                else:
                    via = self.ctx.outlet_in(grp) or via
            pos = hit.end()
        mt = pt.THAT_AHEAD.match(self.m, pos, limit)
        if mt:
            seg = s[pos : mt.end()]
            v = self.ctx.outlet_in(seg)
            if v:
                via = v
            elif THE_PAPER.search(seg):
                via = self.ctx.last_outlet
            pos = mt.end()
        return pos, via

    def _clause_end(self, a: int, b: int) -> int:
        mt = CLAUSE_STOP.search(self.m, a, b)
        return mt.start() if mt else b

    def _resolve(self, raw: str | None) -> tuple[str | None, str | None, str | None, str]:
        return self.ctx.resolve(raw)

    # ------------------------------------------------------------------ main
    def run(self) -> list[Found]:
        s = self.s
        if s[:1] in RETRO_FIRST and self._retro():
            return []  # the tag carries no content of its own; the caller applies it
        stripped = s.strip()
        # a sentence that is entirely a quotation continues the last quoted speaker (R1, R7)
        if self.quotes and self.quotes[0][0] == 0 and self.quotes[0][1] >= len(s.rstrip(" .")) - 1:
            sp = self.ctx.quote_speaker or self.ctx.last_speaker
            name = sp.claimant if sp else None
            self._emit(0, len(s), "statement", '"', (name, None, None), 0.7)
            return self.found
        if not stripped:
            return []
        if not self.cues:  # no cue and no quotation: only "The report that C ..." can apply
            if REPORT_HINT.search(s):
                self._subject_report(0, len(s))
            return self.found
        clauses = self._clauses()
        prev_speaker: Said = (None, None, None)
        prev_found: list[Found] = []
        for i, (a, b, kind) in enumerate(clauses):
            made, speaker = self._clause(a, b, kind, prev_speaker, prev_found, i == 0)
            if made:
                prev_found = prev_found + made
            if speaker[0] or speaker[2]:
                prev_speaker = speaker
        if not self.found:
            self._subject_report(0, len(s))
        return self.found

    def _retro(self) -> bool:
        """Recognise "Hal itu disampaikan (oleh) X ..." and note X as the speaker."""
        s = self.s
        mt = RETRO.match(s)
        if not mt:
            return False
        pos = mt.end()
        if mt.group("nya"):
            raw = "nya"
        else:
            end = self._np_end(pos, len(s))
            raw = s[pos:end].strip()
            words = raw.split()
            if not words:
                return False
            first = words[0]
            low = first.lower()
            named = first[:1].isupper() and low not in ADVERBIAL_STARTS
            described = low in lx.ROLE_WORDS or low in lx.DESCRIPTORS or low in AGENT_OPENERS
            if not (named or described or (mt.group("oleh") and low not in ADVERBIAL_STARTS)):
                return False  # "Hal itu disampaikan dalam rapat ...": no agent
        claimant, full, via, _how = self._resolve(raw)
        via = via or self._channel_via(pos, len(s))
        if not claimant and not via:
            return False
        self.retro = Retro(claimant, full, via, "all" if mt.group("all") else "one")
        self.ctx.note(claimant, full, via)
        if claimant:
            self.ctx.quote_speaker = Speaker(claimant, full)
        return True

    def whole(self, retro: Retro) -> list[Found]:
        """The whole sentence (without dateline or leading connective) as one claim of the
        speaker a following back-pointing tag names."""
        start = self._strip_front(0, len(self.s))
        return self._emit(
            start,
            len(self.s),
            "statement",
            "tag after",
            (retro.claimant, retro.full, retro.via),
            0.55,
        )

    def _clauses(self) -> list[tuple[int, int, str]]:
        m = self.m
        n = len(m)
        bounds: list[tuple[int, str]] = []
        # A coordinator only matters before a verb or hedge cue, so the search stops at the
        # last one: a cue starts with a letter and coordinators are whole words, so no match
        # that ends there or earlier changes.
        opener_starts = [cu.start for cu in self.cues if cu.type in _CLAUSE_OPENERS]
        coords = pt.COORD.finditer(m, self.body, max(opener_starts)) if opener_starts else ()
        for mt in coords:
            c = mt.group("c").lower()
            nxt = next((cu for cu in self.cues if cu.start >= mt.end()), None)
            if nxt is None or nxt.type not in _CLAUSE_OPENERS:
                continue
            between = m[mt.end() : nxt.start]
            # ", and the engine maker, P&W, did not respond": an apposition or a
            # non-restrictive relative inside the new subject is no obstacle
            flat = INNER_APPOSITION.sub("", between)
            if FLAT_STOP.search(flat) or len(flat.split()) > 8:
                continue
            empty = all(w.lower() in pt.AUX_WORDS for w in between.split())
            if nxt.type == "hedge" and (c not in pt.CLAUSE_COORDS or empty):
                continue
            new_subject = (
                mt.group().startswith(",")
                and nxt.type in {"say", "deny", "nocomment", "noresponse"}
                and not empty
                and len(flat.split()) <= 6
            )
            if c in pt.CLAUSE_COORDS or c == "sekaligus" or empty or new_subject:
                bounds.append((mt.start(), "coord-empty" if empty else "coord"))
        for mt in pt.PARTICIPLE.finditer(m, self.body):
            bounds.append((mt.start(), "participle"))
        # a final tag ", the Financial Times reported." after a clause with its own cue
        verbs = [c for c in self.cues if c.type in VERB_TYPES]
        if len(verbs) >= 2 and verbs[-1].type in {"say", "report"} and not verbs[-1].inverted:
            last = verbs[-1]
            comma = self._last_top_comma(self.body, last.start)
            if comma is not None and any(
                c.start < comma and c.type in {"say", "report", "weak"} for c in verbs[:-1]
            ):
                np = self.s[comma + 1 : last.start]
                after, _v = self._after_cue(last, n)
                if np.strip() and len(np.split()) <= 6 and not self.s[after:].strip(" .!?"):
                    bounds.append((comma, "tag"))
        bounds.sort()
        out: list[tuple[int, int, str]] = []
        start, kind = 0, "main"
        for pos, k in bounds:
            if pos <= start:
                continue
            out.append((start, pos, kind))
            start, kind = pos, k
        out.append((start, n, kind))
        return out

    def _clause(
        self, a: int, b: int, ckind: str, prev_speaker: Said, prev_found: list[Found], first: bool
    ) -> tuple[list[Found], Said]:
        s, m = self.s, self.m
        # skip the coordinator itself
        lead = LEAD_COORD.match(m[a:b])
        body = a + (lead.end() if lead and ckind != "main" else 0)
        cues = [c for c in self.cues if body <= c.start < b]
        if not cues:
            return [], (None, None, None)
        if ckind == "tag" and prev_found:
            verb = next(c for c in cues if c.type in VERB_TYPES)
            claimant, full, via, _how = self._resolve(s[body : verb.start])
            via = via or self._after_cue(verb, b)[1]
            for f in prev_found:
                if via and not f.via:
                    f.via = via
                if claimant and f.claimant is None:
                    f.claimant, f.full = claimant, full
            return [], (claimant, full, via)
        first_cue = cues[0]
        # "according to X" / "menurut X" / "citing X"
        if first_cue.type == "according" and not m[
            self._strip_front(body, b) : first_cue.start
        ].strip(" ,"):
            if ckind == "participle" or (ckind != "main" and prev_found):
                return self._according_tail(first_cue, b, prev_found, a)
            return self._according_front(first_cue, body, b)
        verbs = [c for c in cues if c.type in VERB_TYPES or c.type == "reportrel"]
        if verbs:
            final = self._final_tag(verbs, body, b)
            return self._verb(final or verbs[0], body, b, ckind, prev_speaker)
        hedges = [c for c in cues if c.type == "hedge"]
        if hedges:
            return self._hedge(hedges[0], body, b), (None, None, None)
        acc = [c for c in cues if c.type == "according"]
        if acc and COMMA_END.search(m[body : acc[0].start]):
            return self._according_tail(acc[0], b, prev_found, body)
        return [], (None, None, None)

    def _final_tag(self, verbs: list[Cue], a: int, b: int) -> Cue | None:
        """ "C with its own evidential cue, X said.": the closing tag is the frame, and the
        earlier cue is nested in its content."""
        if len(verbs) < 2 or verbs[0].type not in {"evidential", "blame"}:
            return None
        last = verbs[-1]
        if last.type not in {"say", "report"} or last.inverted:
            return None
        comma = self._last_top_comma(a, last.start)
        if comma is None or comma < verbs[0].end:
            return None
        np = self.s[comma + 1 : last.start]
        after, _v = self._after_cue(last, b)
        if np.strip() and len(np.split()) <= 6 and not self.s[after:b].strip(" .!?"):
            return last
        return None

    # ------------------------------------------------------------------ frames
    def _according_front(self, cue: Cue, a: int, b: int) -> tuple[list[Found], Said]:
        s = self.s
        low = cue.text.lower()
        if low.endswith("nya"):
            src_end, content_start = cue.end, cue.end
            raw = "nya"
        else:
            comma = self.m.find(",", cue.end, b)
            if comma == -1:
                # "Menurut Juru Bicara Kepresidenan Wikileaks adalah ...": the source is the
                # capitalised run; its last word opens the content when a copula follows.
                mt = CAP_RUN_AFTER.match(s[cue.end : b])
                if not mt:
                    return [], (None, None, None)
                run_end = cue.end + mt.end(1)
                words = mt.group(1).split()
                nxt = s[run_end:b].split()[:1]
                if len(words) >= 3 and nxt and nxt[0].lower() in COPULAS:
                    run_end = cue.end + mt.start(1) + len(" ".join(words[:-1]))
                src_end, content_start = run_end, run_end
            else:
                src_end, content_start = comma, comma + 1
                appo = APPO_AFTER_COMMA.match(s[comma:b])
                if appo and any(
                    w.lower() in lx.ROLE_WORDS or w.islower() for w in s[cue.end : comma].split()
                ):
                    src_end = comma + appo.end() - 1
                    content_start = src_end + 1
            raw = s[cue.end : src_end].strip()
            raw = LAPORAN_LEAD.sub("laporan ", raw)
        claimant, full, via, how = self._source(raw)
        conf = 0.8 if how == "named" else 0.7
        made = self._emit(content_start, b, "statement", cue, (claimant, full, via), conf)
        made += self._nested(content_start, b, via)
        if claimant:
            self.ctx.note(claimant, full, None)
        return made, (claimant, full, via)

    def _source(self, raw: str) -> tuple[str | None, str | None, str | None, str]:
        if LAPORAN_START.match(raw) or A_REPORT.match(raw):
            via = self.ctx.outlet_in(raw)
            if via is None and LAPORAN_ONLY.match(raw):
                via = self.ctx.last_outlet
            return None, None, via, "outlet"
        return self._resolve(raw)

    def _according_tail(
        self, cue: Cue, b: int, prev_found: list[Found], a: int
    ) -> tuple[list[Found], Said]:
        s = self.s
        low = cue.text.lower()
        if low.endswith("nya"):  # "..., menurutnya."
            raw = "nya"
        else:
            raw = s[cue.end : b].strip(" .,;")
            raw = COMMA_SPACE.split(raw)[0] if not FIRST_TOKEN_COMMA.match(raw) else raw
        claimant, full, via, _how = self._source(raw)
        if prev_found:
            for f in prev_found:
                if low in {"citing", "quoting", "mengutip"}:
                    if f.claimant is None and claimant:
                        f.claimant, f.full = claimant, full
                    if via and not f.via:
                        f.via = via
                    self.ctx.note(f.claimant, f.full, None)
                else:
                    if via and not f.via:
                        f.via = via
                    if claimant and f.claimant is None:
                        f.claimant, f.full = claimant, full
            return [], (claimant, full, via)
        start = self._strip_front(0, a)
        if low in {"citing", "quoting", "mengutip"}:
            cited = self._citing_subject(cue, start, a, b)
            if cited is not None:
                return cited
        paren = self._according_paren(cue, b) if low.startswith(("according", "menurut")) else None
        if paren is not None:
            # "X, according to Y, C": the source is wedged into the clause, which stays whole
            claimant, full, via, _how = self._source(paren)
            made = self._emit(start, b, "statement", cue, (claimant, full, via), 0.75)
            if claimant:
                self.ctx.note(claimant, full, None)
            return made, (claimant, full, via)
        made = self._emit(start, a, "statement", cue, (claimant, full, via), 0.75)
        made += self._nested(start, a, via)
        return made, (claimant, full, via)

    def _citing_subject(
        self, cue: Cue, start: int, a: int, b: int
    ) -> tuple[list[Found], Said] | None:
        """ "The newspaper, citing two officials, said C": the cited source is the claimant and
        an outlet subject the via; a speaker subject keeps the claim, its source aside."""
        s, m = self.s, self.m
        comma = m.find(",", cue.end, b)
        if comma == -1:
            return None
        verb = next(
            (c for c in self.cues if comma < c.start < b and c.type in {"say", "report", "deny"}),
            None,
        )
        if verb is None or not all(
            w.lower() in pt.AUX_WORDS for w in m[comma + 1 : verb.start].split()
        ):
            return None
        claimant, full, via, how = self._resolve(s[start:a])
        src = self._source(s[cue.end : comma].strip())
        if how in {"outlet", "outlet-anaphor"} or not claimant:
            claimant, full, via = src[0], src[1], via or src[2]
        content_start, via_after = self._after_cue(verb, b)
        via = via or via_after
        kind = "denial" if verb.type == "deny" else "statement"
        made = self._emit(content_start, b, kind, verb, (claimant, full, via), 0.75)
        self.ctx.note(claimant, full, via)
        return made, (claimant, full, via)

    def _according_paren(self, cue: Cue, b: int) -> str | None:
        """The source of a mid-clause "..., according to Y, C" / "..., menurut Y, C", or None
        when the source ends the clause or what follows it is no continuation of the clause
        (a time, a relative clause about Y, a new coordinated clause)."""
        s, m = self.s, self.m
        if cue.text.lower().endswith("nya"):
            raw, comma = "nya", cue.end
            while comma < b and s[comma] == " ":
                comma += 1
            if comma >= b or m[comma] != ",":
                return None
        else:
            comma = m.find(",", cue.end, b)
            if comma == -1:
                return None
            appo = APPO_AFTER_COMMA.match(s, comma, b)
            if appo and any(
                w.lower() in lx.ROLE_WORDS or w.islower() for w in s[cue.end : comma].split()
            ):
                comma = appo.end() - 1
            raw = s[cue.end : comma].strip()
            if not raw or len(raw.split()) > 10:
                return None
        rest = s[comma + 1 : b].strip(" .!?")
        if (
            not rest
            or pt.ADJUNCT_START.match(rest)
            or RELATIVE_OPENER.match(rest)
            or COORD_START.match(rest)
        ):
            return None
        return raw

    def _hedge(self, cue: Cue, a: int, b: int) -> list[Found]:
        start = self._strip_front(a, b)
        via = None
        mt = HEDGE_VIA.match(self.s[cue.end : b])
        if mt:
            via = self.ctx.outlet_in(mt.group("o"))
        end = self._clause_end(cue.end, b)
        return self._emit(start, end, "statement", cue, (None, None, via), 0.6)

    def _subject_report(self, a: int, b: int) -> None:
        """ "The report that C is likely to ...": C is the report's content (R3)."""
        start = self._strip_front(a, b)
        mt = pt.SUBJECT_REPORT_THAT.match(self.s, start, b)
        if not mt:
            return
        via = self.ctx.outlet_in(mt.group("np"))
        if via is None and THE_START.match(mt.group("np")):
            via = self.ctx.last_outlet
        if via is None:
            return
        fin = pt.FINITE_AUX.search(self.s, mt.end() + 1, b)
        end = fin.start() if fin else b
        self._emit(mt.end(), end, "statement", "report that", (None, None, via), 0.5)

    def _verb(
        self, cue: Cue, a: int, b: int, ckind: str, prev_speaker: Said
    ) -> tuple[list[Found], Said]:
        s, m = self.s, self.m
        if cue.type in {"nocomment", "noresponse"}:
            return self._silence(cue, a, b, prev_speaker)
        if cue.type == "reportrel":
            return self._report_relative(cue, b), (None, None, None)
        pre = m[a : cue.start]
        # --- inverted tag: ", kata X" / '," said the employee'
        if cue.inverted or (
            cue.type in {"say", "report"}
            and COMMA_OR_QUOTE_END.search(pre)
            and self._short_speaker(cue.end, b)
            and SPEAKER_START.match(self.s, cue.end, b) is not None
            and not AUX_IN_NP.search(self.s[cue.end : self._np_end(cue.end, b)])
            and not self._closes_relative(a, cue.start)
        ):
            return self._inverted(cue, a, b)
        # --- NP before the cue with a comma in front: postposed or parenthetical tag
        comma = self._last_top_comma(a, cue.start)
        q_close = next(
            (
                qb
                for qa, qb in self.quotes
                if a <= qa and qb < cue.start and self._speaker_between(qb + 1, cue.start)
            ),
            None,
        )
        after_pos, via_after = self._after_cue(cue, b)
        cut = comma
        content_end = comma
        if q_close is not None:
            cut, content_end = q_close, q_close + 1
        if cut is not None and cue.type in {"say", "report", "weak"}:
            assert content_end is not None  # set with cut (comma, or the quotation's close)
            np_raw = s[cut + 1 : cue.start].strip(" ,")
            tail = s[cue.end : b]
            tag_end = self._trail_end(cue, after_pos, b, cut == q_close)
            if tag_end != after_pos and cut != q_close:
                front = s[self._strip_front(a, cut) : cut].split()
                if not front or (front[0].lower() in INTRO_PREPS and len(front) <= 6):
                    tag_end = after_pos  # "In Ottawa, X said ...": a fronted adverbial
            tail_after_adj = s[tag_end:b]
            if (
                np_raw
                and len(np_raw.split()) <= 8
                and (
                    not tail_after_adj.strip(" .!?")
                    or LEAD_COMMA.match(tail_after_adj)
                    or LEAD_COMMA.match(tail)
                )
            ):
                claimant, full, via, how = self._resolve(np_raw)
                via = via or via_after or self._channel_via(cue.end, b)
                after = AFTER_COMMA.match(tail_after_adj if tail_after_adj.strip(" .") else "")
                is_paren = (
                    after is not None
                    and bool(after.group(1).strip(" ."))
                    and not pt.ADJUNCT_START.match(after.group(1))
                    and not COMMA_END.search(s[a:cut])
                    and self._front_has_no_quote(a, cut)
                )
                conf = 0.85 if how == "named" else 0.7
                if is_paren:
                    start = max(a, self.body)
                    made = self._emit(start, b, "statement", cue, (claimant, full, via), conf)
                else:
                    start = self._strip_front(a, cut)
                    made = self._emit(
                        start, content_end, "statement", cue, (claimant, full, via), conf
                    )
                    made += self._nested(start, cut, via)
                self._note(claimant, full, via, quoted=self._is_quote_span(a, content_end))
                return made, (claimant, full, via)
        # --- preposed: "X said (that) C"
        subj_start = self._subject_start(a, cue.start)
        if q_close is not None and subj_start <= q_close:
            subj_start = q_close + 1  # a quotation is never part of the speaker
        np_raw = s[subj_start : cue.start]
        if not np_raw.strip() or all(w.lower() in pt.AUX_WORDS for w in np_raw.split()):
            claimant, full, via, how = prev_speaker[0], prev_speaker[1], None, "inherited"
            if ckind == "participle" or ckind == "coord-empty":
                via = prev_speaker[2] if ckind == "participle" else None
        else:
            chan = CHANNEL_BEFORE_CUE.search(np_raw)
            chan_via = None
            if chan:  # "X, kepada Tempo mengatakan ...": the channel is the via, not the speaker
                chan_via = self.ctx.outlet_in(chan.group("o"))
                if chan_via:
                    np_raw = np_raw[: chan.start()]
            claimant, full, via, how = self._resolve(np_raw)
            via = via or chan_via
        via = via_after or via
        content_start = after_pos
        if cue.type == "offer":
            content_start = cue.end
            mt = DIRI.match(s[cue.end : b])
            if mt:
                content_start = cue.end + mt.end()
        end = b
        kind = "denial" if cue.type == "deny" else "statement"
        if cue.type == "deny":
            end = self._split_report_object(content_start, b, via)
        content = s[content_start:end].strip()
        if not content.strip(" .") and cue.type in {"say"}:
            # "..., ia membenarkan": the content is the earlier "bahwa" clause
            mt = THAT_CLAUSE.search(s[:subj_start])
            if mt:
                content_start, end = mt.start(1), mt.end(1)
        if cue.type == "weak" and not WEAK_CONTENT.match(s[cue.end : b]):
            return [], (claimant, full, via)
        if cue.type == "evidential" and how != "named":
            return [], (claimant, full, via)
        # trailing channel phrase "with The Beijing News" belongs to via, not content
        channel = TRAILING_CHANNEL.search(s[content_start:end])
        if channel and self.ctx.outlet_in(channel.group("o")):
            via = via or self.ctx.outlet_in(channel.group("o"))
            end = content_start + channel.start()
        conf = {"named": 0.85, "resolved": 0.7, "inherited": 0.7}.get(how, 0.6)
        made = self._emit(content_start, end, kind, cue, (claimant, full, via), conf)
        if made and cue.type != "deny":
            made += self._nested(content_start, end, via)
        self._note(claimant, full, via, quoted=self._is_quote_span(content_start, end))
        return made, (claimant, full, via)

    def _speaker_between(self, a: int, b: int) -> bool:
        """True when ``s[a:b]``, between a quotation and its tag's verb, may be the speaker: no
        comma, or an apposition ("a ferry captain, Ole Brandt,") of a few words."""
        between = self.s[a:b].strip(" ,")
        commas = between.count(",")
        return not commas or (
            commas == 1 and len(between.split()) <= 8 and APPO_PAIR.fullmatch(between) is not None
        )

    def _short_speaker(self, pos: int, b: int) -> bool:
        """True when the phrase after an inverted cue is short enough to be its speaker; an
        apposition ("the trust's medical director, Dr Anita Shah") adds a name, not length."""
        np = self.s[pos : self._np_end(pos, b)]
        head, _, appo = np.partition(",")
        return len(head.split()) <= 6 and len(appo.split()) <= 4

    def _trail_end(self, cue: Cue, after_pos: int, b: int, quoted: bool) -> int:
        """Where a tag's trailing circumstance ends (up to the next comma, or the clause end);
        ``after_pos`` when what follows the tag is no mere circumstance.

        ``quoted``: the tag follows a quotation, which is the content whatever trails the tag
        ("after the vote that ended the strike"), unless "that" follows the verb itself."""
        m = self.m
        first = cue.end
        if cue.text.lower() in {"told", "tells", "tell"}:
            mo = pt.TOLD_OBJECT.match(self.s, first, b)
            if mo:
                first = mo.end()
        if quoted:
            if THAT_START.match(m, first, b):
                return after_pos
        elif THAT_END.search(m, cue.end, after_pos):
            return after_pos
        for pos in (after_pos, first):
            mt = CIRCUMSTANCE.match(m, pos, b)
            if not mt:
                continue
            stop = m.find(",", mt.end(), b)
            end = b if stop == -1 else stop
            if any(pos <= qa < end for qa, _ in self.quotes) or (
                not quoted and CLAUSE_IN_TRAIL.search(m, pos, end)
            ):
                continue
            if end < b and RELATIVE_OPENER.match(m, end + 1, b):
                end = b  # "at the site, where workers gathered": still the circumstance
            return end
        return after_pos

    def _closes_relative(self, a: int, b: int) -> bool:
        """True when the comma before ``b`` closes a relative clause ("X, yang ..., said")."""
        seg = self.m[a:b].rstrip(" ,")
        cut = seg.rfind(",")
        return cut != -1 and bool(RELATIVE_OPENER.match(seg[cut + 1 :]))

    def _front_has_no_quote(self, a: int, b: int) -> bool:
        return not any(a <= qa < b for qa, _ in self.quotes)

    def _is_quote_span(self, a: int, b: int) -> bool:
        return any(a <= qa and qb <= b for qa, qb in self.quotes)

    def _note(
        self, claimant: str | None, full: str | None, via: str | None, quoted: bool = False
    ) -> None:
        self.ctx.note(claimant, full, via)
        if quoted and claimant:
            self.ctx.quote_speaker = Speaker(claimant, full)

    def _last_top_comma(self, a: int, b: int) -> int | None:
        """The last comma in [a, b) outside parentheses."""
        m = self.m
        lo = max(a, self.body)
        if m.find("(", lo, b) == -1 and m.find(")", lo, b) == -1:
            i = m.rfind(",", lo, b)
            return i if i != -1 else None
        depth = 0
        last = None
        for mt in COMMA_OR_PAREN.finditer(m, lo, b):
            i = mt.start()
            ch = m[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                last = i
        return last

    def _channel_via(self, a: int, b: int) -> str | None:
        mt = CHANNEL_VIA.search(self.s[a:b])
        if not mt:
            return None
        if mt.group("o") in {"paper", "newspaper"}:
            return self.ctx.last_outlet
        return self.ctx.outlet_in(mt.group("o"))

    def _inverted(self, cue: Cue, a: int, b: int) -> tuple[list[Found], Said]:
        s = self.s
        pre_end = cue.start
        while pre_end > a and s[pre_end - 1] in " ,":
            pre_end -= 1
        if cue.text.lower().endswith("nya") and cue.text.lower() not in {"menurutnya"}:
            np_raw, np_end = "nya", cue.end
        else:
            np_end = self._np_end(cue.end, b)
            np_raw = s[cue.end : np_end]
        claimant, full, via, how = self._resolve(np_raw)
        if how == "none" and not np_raw.strip():
            return [], (None, None, None)
        via = via or self._channel_via(np_end, b)
        rest = s[np_end:b]
        mt = PAREN_REST.match(rest)
        is_paren = (
            mt is not None
            and not pt.ADJUNCT_START.match(mt.group(1))
            and not self._is_quote_span(a, pre_end + 1)
            and not QUOTE_COMMA_END.search(s[a : pre_end + 1])
        )
        conf = 0.9 if how == "named" else 0.75
        if is_paren and not self._is_quote_span(a, b):
            start = max(a, self.body)
            made = self._emit(start, b, "statement", cue, (claimant, full, via), conf)
        else:
            start = self._strip_front(a, pre_end)
            made = self._emit(start, pre_end + 1, "statement", cue, (claimant, full, via), conf)
            made += self._nested(start, pre_end, via)
        # self-introduction in the quote names the speaker ("Saya Risal ajudan")
        if how in {"resolved", "none"} and made:
            intro = pt.SELF_INTRO.search(s[start:pre_end])
            if intro:
                for f in made:
                    f.claimant, f.full = intro.group("name"), None
                claimant = intro.group("name")
        self._note(claimant, full, via, quoted=True)
        return made, (claimant, full, via)

    def _np_end(self, pos: int, b: int) -> int:
        """End of the noun phrase starting at ``pos`` (memoised: the inverted-tag test and the
        inverted frame both ask)."""
        key = (pos, b)
        end = self._np_memo.get(key)
        if end is None:
            end = self._np_memo[key] = self._np_end_scan(pos, b)
        return end

    def _np_end_scan(self, pos: int, b: int) -> int:
        s = self.s
        mt = pt.NP_STOP.search(s, pos + 1, b)
        end = mt.start() if mt else b
        # apposition across one comma: "juru bicara KPK, Johan Budi SP, dalam ..."
        if end < b and s[end] == ",":
            nxt = APPO_NAME.match(s[end:b])
            np = s[pos:end].strip()
            low = np.lower()
            role = (
                bool(np)
                and low not in lx.PRONOUNS_EN
                and low not in lx.PRONOUNS_ID
                and (any(w.islower() for w in np.split()) or np.split()[0].lower() in lx.ROLE_WORDS)
            )
            if nxt and role and not WEEKDAY_START.match(nxt.group(1)):
                end = end + nxt.end()
                if self.s[end - 1] == "." and not self.s[end:b].strip():
                    end -= 1
        return end

    def _silence(self, cue: Cue, a: int, b: int, prev_speaker: Said) -> tuple[list[Found], Said]:
        s, m = self.s, self.m
        pstart = cue.start
        words = list(NONSPACE.finditer(m[a : cue.start]))
        while words and words[-1].group().lower().strip(",") in pt.AUX_WORDS | {"untuk", "banyak"}:
            pstart = a + words[-1].start()
            words.pop()
        mt = CONTACTED_TAIL.search(s[a:pstart].rstrip())
        if mt:
            pstart = a + mt.start()
        subj_start = self._subject_start(a, pstart)
        np_raw = s[subj_start:pstart]
        if not np_raw.strip():
            claimant, full, via, how = prev_speaker[0], prev_speaker[1], None, "inherited"
        else:
            claimant, full, via, how = self._resolve(np_raw)
        end = self._clause_end(cue.end, b)
        end = self._split_report_object(cue.end, end, via)
        chan = self._channel_via(pstart, end)
        if chan and CONTACTED.search(s[pstart:end]):
            via = via or chan
        kind = "no_comment" if cue.type == "nocomment" else "no_response"
        conf = 0.85 if how == "named" else 0.7
        made = self._emit(pstart, end, kind, cue, (claimant, full, via), conf)
        self._note(claimant, full, via)
        return made, (claimant, full, via)

    def _split_report_object(self, start: int, end: int, via: str | None) -> int:
        """Stop a denial/refusal span before a report's content clause that carries its own
        cue or names an outlet; that clause becomes its own entry (README R3)."""
        s, m = self.s, self.m
        mt = REPORT_OBJECT.search(m[start:end])
        if not mt:
            return end
        rel_at = start + mt.start("rel")
        clause_start = start + mt.end()
        inner = [c for c in self.cues if clause_start - 1 <= c.start < end]
        report_np = s[start + mt.start("noun") : rel_at]
        outlet = self.ctx.outlet_in(report_np)
        own_cue = [c for c in inner if c.type in {"hedge", "say", "report", "reportrel"}]
        if not own_cue and not outlet:
            return end
        if (
            own_cue
            and own_cue[0].type in {"say", "report", "reportrel"}
            and mt.group("rel") == "yang"
        ):
            after, _v = self._after_cue(own_cue[0], end)
            content_start = after
        else:
            content_start = clause_start
        self._emit(
            content_start,
            end,
            "statement",
            own_cue[0] if own_cue else "report",
            (None, None, outlet),
            0.6,
        )
        return rel_at

    def _report_relative(self, cue: Cue, b: int) -> list[Found]:
        s = self.s
        before = s[max(0, cue.start - 80) : cue.start]
        mt = REPORT_NOUN_TAIL.search(before)
        via = self.ctx.outlet_in(mt.group()) if mt else None
        after, v2 = self._after_cue(cue, b)
        return self._emit(after, b, "statement", cue, (None, None, via or v2), 0.6)

    def _nested(self, a: int, b: int, via: str | None) -> list[Found]:
        """Cues inside a content span that have their own explicit subject."""
        out: list[Found] = []
        for cue in self.cues:
            if not (a <= cue.start < b) or cue.type not in {"say", "evidential", "offer", "report"}:
                continue
            if cue.inverted or any(
                f.start <= cue.start < f.end and f.cue == cue.text for f in self.found
            ):
                continue
            seg_start = a
            for mt in NESTED_SUBJECT_CUT.finditer(self.m, a, cue.start):
                seg_start = mt.end()
            np_raw = self.s[seg_start : cue.start].strip()
            words = np_raw.split()
            if not words or len(words) > 9 or np_raw.lower() in {"the", "a", "an", "this", "that"}:
                continue
            if np_raw.lower() in {"he", "she", "they", "it", "ia", "dia", "mereka", "we", "i"}:
                continue
            if words[-1].lower() in pt.AUX_WORDS:  # "Istana tidak berpikir": a negated stance
                continue
            claimant, full, v, how = self._resolve(np_raw)
            if how != "named" or not claimant:
                continue
            if cue.type == "offer":
                content_start = cue.end
                mt2 = DIRI.match(self.s[cue.end : b])
                if mt2:
                    content_start += mt2.end()
            else:
                content_start, v2 = self._after_cue(cue, b)
                v = v or v2
            out += self._emit(content_start, b, "statement", cue, (claimant, full, v or via), 0.55)
        return out
