"""Who is speaking and through which outlet: noun-phrase clean-up and anaphora.

Resolution follows README R4/R5: pronouns and anaphoric descriptions take the most recent
explicit speaker; outlet anaphors ("the newspaper", "the report") take the most recent outlet;
an outlet is never carried into a later sentence unless the sentence points back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from . import patterns as pt
from .prefilter import Filtered

_LEAD_CONNECTIVE_WORDS = re.compile(
    r"^(?:(?:juga|pun|kini|now|then|also|but|and|namun|tetapi|dan|sementara|while|whereas|"
    r"sedangkan|sekaligus|serta|however|meanwhile|previously|sebelumnya|so|yet|still)\b[\s,]*)+",
    re.IGNORECASE,
)
_ANAPHOR_ID = re.compile(r"\b(?:itu|ini|tersebut)$", re.IGNORECASE)
_ANAPHOR_EN = re.compile(r"^[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*$")
_GENERIC_ID = re.compile(
    r"^(?:perusahaan|pihaknya|lembaga|instansi|kementerian|badan|orang|sumber|pejabat|"
    r"perseroan|manajemen|firma|organisasi|partai|kelompok|pemerintah)$",
    re.IGNORECASE,
)
_INDEFINITE = re.compile(
    r"^(?:a|an|one|some|two|three|several|many|unidentified|unnamed|anonymous|seorang|seseorang|"
    r"sebuah|salah|beberapa|sejumlah|para|sumber|orang)\b",
    re.IGNORECASE,
)
_NONRESTRICTIVE = Filtered(
    re.compile(r",\s*(?:yang|who|whose|which|where|whom)\b[^,]*(?:,|$)|\s*\((?:[^()]*)\)\s*(?=,|$)")
)
_APPOSITIVE = re.compile(
    r"^(?P<name>[A-Z][^,]*?),\s+(?:a|an|the|sebuah|seorang|salah)\s[^,]*,?\s*$"
)
_PREPOSITION_END = re.compile(r"\b(?:of|for|with|at|from|dari|untuk|di|pada)$", re.IGNORECASE)
_CAP_TOKEN = re.compile(r"^(?:[A-Z0-9]|[a-z]+[A-Z])[\w.&'’-]*$")
_POSSESSIVE = re.compile(r"^.*?\b\w+(?:'s|’s|'|’)\s+(?=[A-Z])")
_PRONOUN_SUFFIX = re.compile(r"nya$", re.IGNORECASE)
_HISTORY = 24
_NAME_JOINERS = frozenset({"&", "and", "of", "dan", "de", "van", "bin"})
_WORD = re.compile(r"\w+")
_PARTITIVE = re.compile(
    r"^(?:(?:one|two|some|another|several|each|both|either|neither)\s+of\s+(?:the|those|these)|"
    r"salah\s+(?:satu|seorang)\s+(?:dari\s+)?(?:para\s+)?)\s*(?P<head>[\w-]+)"
    r"(?:\s+(?:itu|ini|tersebut))?$",
    re.IGNORECASE,
)
_STOP_HEADS = frozenset({"the", "a", "an", "itu", "ini", "tersebut", "this", "that", "s"})
_THE_LEAD = re.compile(r"^the\s+")
_THE_LEAD_CAP = re.compile(r"^The\s+")
_DIGIT = re.compile(r"\d")
_CHANNEL_PREP = re.compile(r"\b(?:to|kepada|with|oleh|by)\s+")
_ARTICLE_LEAD = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_LEAD_RUN = re.compile(
    r"^(?P<run>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)\s+(?:of|at|from|with|dari|di)\s"
)
_THE_OUTLET_NOUN = re.compile(r"^the\s+(?:\w+\s+)?(?:newspaper|paper|report|daily|agency)$")
_A_REPORT_NP = re.compile(r"^(?:a|an|the)\s+(?:\w+\s+)?(?:report|article|story)\b")
_LAPORAN_NP = re.compile(r"^(?:laporan|pemberitaan|berita)\b")
_YANG = re.compile(r"\b(?:yang)\b")
_INSTITUTION = re.compile(
    r"\b(?:government|administration|ministry|police|army|military|embassy|white|"
    r"kremlin|committee|court|company's)\b"
)


def _head_noun(np: str) -> tuple[str, bool]:
    """Head noun of an anaphoric description and whether it is Indonesian ("X ... itu")."""
    words = _WORD.findall(np.lower())
    if words and words[-1] in {"itu", "ini", "tersebut"}:
        return (words[0] if len(words) > 1 else ""), True
    words = [w for w in words if w not in {"the", "this", "that", "these", "those"}]
    return (words[-1] if words else ""), False


def _is_cap(token: str) -> bool:
    return bool(_CAP_TOKEN.match(token))


def clean_np(np: str) -> str:
    """Strip connectives, non-restrictive relatives, auxiliaries and time phrases off a subject."""
    np = np.strip(" ,;:-–—\t\n")
    np = pt.DATELINE_GATED.sub("", np)
    np = _LEAD_CONNECTIVE_WORDS.sub("", np)
    for _ in range(3):
        np2 = _NONRESTRICTIVE.sub("", np).strip(" ,")
        np2 = pt.TIME_TAIL_GATED.sub("", np2).strip(" ,")
        words = np2.split()
        while words and (words[-1].lower() in pt.AUX_WORDS or words[-1].lower() in {"resmi"}):
            words.pop()
        while words and words[0].lower() in {"juga", "pun", "kini", "now", "then", "also"}:
            words.pop(0)
        np2 = " ".join(words)
        if np2 == np:
            break
        np = np2
    m = _APPOSITIVE.match(np)
    if m:
        np = m.group("name").strip()
    return np.strip(" ,")


def outlet_in(text: str, extra: frozenset[str] = frozenset()) -> str | None:
    """The outlet named in a phrase: a known outlet, "newspaper X", "report by X", "X News".

    ``extra`` holds outlets the article itself revealed (its dateline names its publisher).
    """
    for name in extra:
        at = text.find(name)
        if at != -1 and _whole_word(text, at, at + len(name)):
            return name
    if pt.OUTLET_ANY_GATE.search(text) is None and not pt.OUTLET_NOUN_NAME_GATED.possible(text):
        return None  # the usual case: a person or a body, no outlet in sight
    m = pt.OUTLET_GATED.search(text)
    if m:
        return m.group()
    m = pt.OUTLET_DOMAIN.search(text)
    if m:
        return m.group()
    m = pt.REPORT_BY.search(text)
    if m:
        name = _THE_LEAD.sub("", m.group("name"))
        name = pt.TIME_TAIL_GATED.sub("", name).strip()
        if name:
            return name
    m = pt.OUTLET_NOUN_NAME_GATED.search(text)
    if m:
        return m.group("name").strip()
    m = pt.OUTLET_HEADED_GATED.search(text)
    if m and _THE_LEAD.sub("", text.strip())[:1].isupper():
        return _THE_LEAD_CAP.sub("", m.group()).strip()
    return None


def _whole_word(text: str, a: int, b: int) -> bool:
    return (a == 0 or not text[a - 1].isalnum()) and (b == len(text) or not text[b].isalnum())


def dateline_outlet(text: str) -> str | None:
    """The publisher a dateline names: "Kabar Pangan, JAKARTA -", "SYDNEY (Pacific Wire) -"."""
    m = pt.DATELINE_OUTLET.match(text)
    if not m:
        return None
    name = (m.group("o1") or m.group("o2") or "").strip()
    if not name or (name.isupper() and " " in name) or _DIGIT.search(name):
        return None
    return name


def is_outlet_phrase(np: str, extra: frozenset[str] = frozenset()) -> str | None:
    """The outlet when the whole phrase denotes an outlet (a newspaper speaking)."""
    if not np:
        return None
    words = np.split()
    out = outlet_in(np, extra)
    if out is None:
        return None
    # The outlet must be the head: "Samsung's statement to Reuters" is not an outlet speaking.
    if _CHANNEL_PREP.search(np) and not pt.REPORT_BY.search(np):
        return None
    if len(words) > 8:
        return None
    return out


def _apposed_name(first: str, last: str) -> str | None:
    """The name in "description, [role] Name": "Warga Kaligawe, Sutarmi", "His opponent,
    councillor Ruth Adeyemi", "the company's regulator, the Infocomm Media Development
    Authority".  None when the first part may itself be the name."""
    toks = last.split()
    k = 0
    while k < len(toks) - 1 and (toks[k].islower() or toks[k].lower().strip(".") in lx.ROLE_WORDS):
        k += 1
    name = toks[k:]
    if (
        not name
        or not all(_is_cap(t) or (i and t in _NAME_JOINERS) for i, t in enumerate(name))
        or _INDEFINITE.match(last)
    ):
        return None
    first_toks = first.split()
    described = (
        k > 0
        or not _is_cap(first_toks[-1])
        or any(t.lower() in lx.ROLE_WORDS or t.lower() in lx.DESCRIPTORS for t in first_toks)
    )
    return " ".join(name) if described else None


def split_name(np: str) -> tuple[str | None, str | None]:
    """``(claimant, claimant_full)``: bare name without title, and the phrase when it differs."""
    np = np.strip(" ,")
    if not np:
        return None, None
    without_channel = pt.CHANNEL_TAIL.sub("", np).strip()
    if without_channel != np:  # "A Russian embassy statement" -> "Russian embassy"
        np = _ARTICLE_LEAD.sub("", without_channel)
    parts = [p.strip() for p in np.split(",") if p.strip()]
    if len(parts) >= 2:
        last = parts[-1]
        first = parts[0]
        appo = _apposed_name(first, last)
        if appo:
            return appo, np
        if all(_is_cap(t) for t in last.split()) and not all(
            _is_cap(t) for t in first.split()[-1:]
        ):
            return last, np
        if all(_is_cap(t) for t in last.split()) and any(
            t.lower() in lx.ROLE_WORDS for t in first.split()
        ):
            return last, np
        if _is_cap(first.split()[0]) and not _INDEFINITE.match(first):
            return first, np
    if _INDEFINITE.match(np):
        return np, None
    lead = _LEAD_RUN.match(np)
    if lead:
        run = lead.group("run").split()
        while run and run[0].lower().strip(".") in lx.ROLE_WORDS:
            run = run[1:]
        if run:
            return " ".join(run), np
        return np, None
    tokens = np.split()
    if not _is_cap(tokens[-1]):
        return np, None
    # trailing run of capitalised tokens
    i = len(tokens)
    while i > 0 and (_is_cap(tokens[i - 1]) or tokens[i - 1] in {"and", "dan", "of", "bin"}):
        i -= 1
    while i < len(tokens) and tokens[i] in {"and", "dan", "of", "bin"}:
        i += 1
    run = tokens[i:]
    head = tokens[:i]
    if head and _PREPOSITION_END.search(head[-1]):
        return np, None
    # drop leading role words and a possessive owner: "Pihak BlackBerry", "India's Maiden ..."
    while len(run) > 1 and run[0].lower().strip(".") in lx.ROLE_WORDS:
        run = run[1:]
    name = " ".join(run)
    m = _POSSESSIVE.match(name)
    if m and len(name[m.end() :].split()) >= 1:
        name = name[m.end() :]
    if name.lower().startswith("the "):
        name = name[4:]
    if not name:
        return np, None
    return name, (np if name != np else None)


@dataclass(slots=True)
class Speaker:
    claimant: str | None
    full: str | None


@dataclass
class Context:
    """What earlier sentences established: the last speaker and the last outlet."""

    last_speaker: Speaker | None = None
    last_outlet: str | None = None
    last_was_outlet_only: bool = False
    quote_speaker: Speaker | None = None
    history: list[Speaker] = field(default_factory=list)
    outlets: frozenset[str] = frozenset()
    # lower-cased words of the names and descriptions in ``history``, read once per article
    _words: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def learn_dateline(self, text: str) -> None:
        """Remember the article's own outlet from its dateline, so that "kepada <outlet>" and
        "dikirim <outlet>" are recognised for outlets the lexicon does not list."""
        name = dateline_outlet(text)
        if name and not pt.OUTLET.fullmatch(name):
            self.outlets = self.outlets | {name}

    def outlet_in(self, text: str) -> str | None:
        return outlet_in(text, self.outlets)

    def note(self, claimant: str | None, full: str | None, via: str | None) -> None:
        if via:
            self.last_outlet = via
        if claimant:
            self.last_speaker = Speaker(claimant, full)
            self.last_was_outlet_only = False
            if not self.history or self.history[-1].claimant != claimant:
                self.history.append(self.last_speaker)
                del self.history[:-_HISTORY]
        elif via:
            self.last_was_outlet_only = True

    def resolve(self, raw: str | None) -> tuple[str | None, str | None, str | None, str]:
        """Map a speaker phrase to ``(claimant, claimant_full, via, how)``.

        ``how`` is "named", "resolved", "outlet", "outlet-anaphor" or "none" and feeds the
        confidence score.
        """
        if raw is None:
            return None, None, None, "none"
        np = clean_np(raw)
        if not np:
            return None, None, None, "none"
        low = np.lower()
        if low in lx.PRONOUNS_EN or low in lx.PRONOUNS_ID or low in {"nya", "-nya"}:
            if low == "it" and self.last_was_outlet_only and self.last_outlet:
                return None, None, self.last_outlet, "outlet-anaphor"
            if low in {"kami", "we", "i", "saya", "aku", "kita"}:
                return None, None, None, "none"
            return self._last()
        if pt.OUTLET_ANAPHOR.match(np) or _THE_OUTLET_NOUN.match(low):
            return None, None, self.last_outlet, "outlet-anaphor"
        outlet = is_outlet_phrase(np, self.outlets)
        if outlet:
            return None, None, outlet, "outlet"
        if _A_REPORT_NP.match(low) or _LAPORAN_NP.match(low):
            return None, None, outlet_in(np), "outlet"
        part = _PARTITIVE.match(np)
        if part:  # "one of the people" -> "people familiar with the matter"
            hit = self._by_head(part.group("head"))
            if hit:
                return hit
        if self._anaphoric(np):
            head, indonesian = _head_noun(np)
            hit = self._by_head(head)
            if hit:
                return hit
            # "Pemegang saham pengendali bank tersebut": the demonstrative belongs to a
            # modifier and nothing earlier fits the head -- a description, not an anaphor
            initial = np[:1] == "T" and head not in lx.ORG_HEADS  # "The distributor ..."
            if not initial and not (
                indonesian and len(np.split()) >= 4 and not _GENERIC_ID.match(head)
            ):
                if head in lx.ORG_HEADS:
                    return self._last_org()
                return self._last()
        claimant, full = split_name(np)
        return claimant, full, None, "named"

    def _anaphoric(self, np: str) -> bool:
        if _ANAPHOR_ID.search(np) and not _YANG.search(np):
            return True
        if _GENERIC_ID.match(np):
            return True
        if np[:1] == "T" and len(np.split()) != 2:
            return False  # "The state ethics commission": a sentence-initial description
        return bool(_ANAPHOR_EN.match(np)) and not _INSTITUTION.search(np.lower())

    def _by_head(self, head: str) -> tuple[str | None, str | None, str | None, str] | None:
        """The latest speaker whose name, else whose description, has ``head`` as a word."""
        head = head.lower()
        if not head or head in _STOP_HEADS:
            return None
        # head is one word (no space), so on " w1 w2 ... " a word equal to it is " head " and
        # a word ending in it is "head "
        whole, suffix = f" {head} ", f"{head} "
        for attr in ("claimant", "full"):
            for sp in reversed(self.history):
                words = self._words_of(getattr(sp, attr) or "")
                if whole in words or (len(head) >= 4 and suffix in words):
                    return sp.claimant, None, None, "resolved"
        return None

    def _words_of(self, text: str) -> str:
        """The lower-cased words of ``text`` as " w1 w2 ... ", kept for the article."""
        words = self._words.get(text)
        if words is None:
            words = self._words[text] = " " + " ".join(_WORD.findall(text.lower())) + " "
        return words

    def _last_org(self) -> tuple[str | None, str | None, str | None, str]:
        """The latest speaker that may be a company: not a titled person, not a public body."""
        for sp in reversed(self.history):
            words = _WORD.findall(f"{sp.full or ''} {sp.claimant}".lower())
            if any(w in lx.ROLE_WORDS or w in lx.PUBLIC_BODIES for w in words):
                continue
            return sp.claimant, None, None, "resolved"
        return self._last()

    def _last(self) -> tuple[str | None, str | None, str | None, str]:
        if self.last_speaker is None:
            return None, None, None, "none"
        return self.last_speaker.claimant, None, None, "resolved"
