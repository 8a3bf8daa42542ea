"""Compiled regular expressions built from ``lexicon`` (one place, compiled once at import)."""

from __future__ import annotations

import re
from typing import Final

from . import lexicon as lx
from .prefilter import Filtered, WordStartScanner, case_sensitive_gate, folded_gate


def _words_flat(words: list[str]) -> str:
    """The plain alternation, longest first (kept to check ``_words`` against)."""
    return "|".join(sorted((w.replace("_", r"\s+") for w in words), key=len, reverse=True))


def _tokens(word: str) -> tuple[str, ...]:
    out: list[str] = []
    for i, part in enumerate(word.split("_")):
        if i:
            out.append(r"\s+")
        out.extend(re.escape(c) for c in part)
    return tuple(out)


def _token_trie(seqs: set[tuple[str, ...]]) -> str:
    tails: dict[str, set[tuple[str, ...]]] = {}
    for seq in seqs:
        if seq:
            tails.setdefault(seq[0], set()).add(seq[1:])
    alts = [tok + _token_trie(rest) for tok, rest in sorted(tails.items())]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if () in seqs else body


def _words(words: list[str]) -> str:
    """The word list (lower-case letters, "_" for a space) as a regex trie.

    Same matches as ``_words_flat``: the words that can match at one place are prefixes of
    one another (letters and white space never both match a character), so longest-first
    order and the trie's going-on-before-stopping pick the same one; but ``re`` walks a flat
    alternation of a hundred words one by one, and the trie in a few steps.
    """
    return _token_trie({_tokens(w) for w in words})


def word_trie(words: list[str]) -> str:
    """``_words`` for the rules' own word lists (lower-case letters, "_" for a space)."""
    return _words(words)


_FLAGS = re.IGNORECASE | re.UNICODE

# Cue types, in priority order: earlier types win where matches overlap.
CUE_PATTERNS: Final[list[tuple[str, re.Pattern[str]]]] = [
    ("nocomment", re.compile(rf"\b(?:{lx.NO_COMMENT})\b", _FLAGS)),
    ("noresponse", re.compile(rf"\b(?:{lx.NO_RESPONSE})\b", _FLAGS)),
    ("deny", re.compile(rf"\b(?:{lx.DENY})\b", _FLAGS)),
    ("according", re.compile(rf"\b(?:{lx.ACCORDING})\b", _FLAGS)),
    ("hedge", re.compile(rf"\b(?:{lx.HEDGE})\b", _FLAGS)),
    ("offer", re.compile(rf"\b(?:{lx.OFFER})\b", _FLAGS)),
    ("retro", re.compile(rf"\b(?:{lx.RETRO_ID})\b", _FLAGS)),
    ("say", re.compile(rf"\b(?:{_words(lx.SAY_EN + lx.SAY_ID)})\b", _FLAGS)),
    ("weak", re.compile(rf"\b(?:{_words(lx.WEAK_EN + lx.WEAK_ID)})\b", _FLAGS)),
    ("report", re.compile(rf"\b(?:{_words(lx.REPORT_EN + lx.REPORT_ID)})\b", _FLAGS)),
    ("evidential", re.compile(rf"\b(?:{_words(lx.EVIDENTIAL)})\b", _FLAGS)),
    ("blame", re.compile(rf"\b(?:{_words(lx.BLAME_EN)})\b", _FLAGS)),
    ("inverted", re.compile(rf"\b(?:{_words(lx.INVERTED_ID)})(?:nya)?\b", _FLAGS)),
]
# Runs each cue pattern only at word starts that begin like one of its words.
CUE_SCANNER: Final = WordStartScanner([rx for _, rx in CUE_PATTERNS])

WEEKDAY = rf"(?:{lx.WEEKDAYS})"
_OUTLET_NAMES = "|".join(
    sorted((re.escape(o) for o in lx.OUTLETS.split("|")), key=len, reverse=True)
)
OUTLET = re.compile(rf"(?<![\w.])(?:{_OUTLET_NAMES})(?![\w])")
CAP_RUN = r"[A-Z][\w.&'’-]*(?:\s+(?:of|and|de|van|bin|al|the)?\s*[A-Z][\w.&'’-]*)*"
OUTLET_HEADED = re.compile(rf"\b(?:The\s+)?(?:[A-Z][\w.&'-]*\s+)*(?:{lx.OUTLET_HEADS})\b")
# A news site written as its domain: "Sportif.id", "Bisnis.com".
OUTLET_DOMAIN = re.compile(r"\b[A-Z][\w-]*\.(?:com|id|co\.id|net|co)\b")
DATELINE_OUTLET = re.compile(
    r"^\s*(?:(?P<o1>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}),\s+[A-Z][A-Z .]{2,}\s*(?:--|-|–|—)|"
    r"(?:[A-Z][A-Z .]+(?:,[^()\n]{0,20})?\s*)?\((?P<o2>[A-Z][^()\n]{1,40})\)\s*(?:--|-|–|—))"
)
OUTLET_NOUN_NAME = re.compile(
    rf"\b(?i:{lx.OUTLET_NOUNS})\s+(?:[a-z]+\s+){{0,2}}(?P<name>(?:[A-Z][\w.&'-]*\s*)+)"
)
OUTLET_ANAPHOR = re.compile(rf"^(?:{lx.OUTLET_ANAPHORS})$", _FLAGS)
OUTLET_ANAPHOR_ANY = re.compile(rf"\b(?:{lx.OUTLET_ANAPHORS})\b", _FLAGS)
REPORT_BY = re.compile(
    rf"\b(?:report|article|story|laporan|pemberitaan|berita)\s+(?:by|from|of|oleh|dari)?\s*"
    rf"(?P<name>(?:the\s+)?{CAP_RUN})"
)
REPORT_NOUN = re.compile(rf"\b(?:{lx.REPORT_NOUNS})\b", _FLAGS)
# Behind their literal prefilters, for the hot paths where they mostly fail: the phrases
# handed to outlet_in and clean_np seldom hold an outlet, a dateline or a weekday.
OUTLET_GATED: Final = Filtered(OUTLET)
OUTLET_NOUN_NAME_GATED: Final = Filtered(OUTLET_NOUN_NAME)
OUTLET_HEADED_GATED: Final = Filtered(OUTLET_HEADED)
# Where none of this finds anything, outlet_in's case-sensitive patterns cannot match: every
# OUTLET_DOMAIN match holds a dot.
OUTLET_ANY_GATE: Final = case_sensitive_gate([OUTLET, REPORT_BY, OUTLET_HEADED], {"."})
FALSITY: Final = Filtered(re.compile(lx.FALSITY, _FLAGS))
REFUSAL: Final = Filtered(re.compile(lx.REFUSAL_CONTENT, _FLAGS))
# Nothing found here (in the lower-cased sentence): no refusal and no falsity wording either.
CONTENT_GATE: Final = folded_gate([FALSITY, REFUSAL])
CHANNEL_TAIL = re.compile(rf"\s+(?:{lx.CHANNEL_NOUNS})$", _FLAGS)

DATELINE = re.compile(
    r"^(?:(?:[\w-]+(?:\.[\w-]+)+|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|\([A-Za-z .]+\)|"
    r"[A-Z][A-Z .]+\s*\([A-Za-z .]+\))"
    r"(?:\s*,\s*(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*))?\s*(?:--|-|–|—)+\s*){1,2}"
)
DATELINE_GATED: Final = Filtered(DATELINE)

RELATIVE_BEFORE = re.compile(
    r"(?:\b(?:yang|who|which|that|whom|whose)\s+(?:\w+\s+){0,2}|\b(?:been|be|being|was|were|is|"
    r"are|as|dapat|bisa|telah\s+di\w+)\s+)$",
)
AUX_WORDS = frozenset(
    [
        "has",
        "have",
        "had",
        "would",
        "will",
        "could",
        "can",
        "did",
        "does",
        "do",
        "is",
        "was",
        "were",
        "are",
        "not",
        "n't",
        "also",
        "juga",
        "pun",
        "telah",
        "sudah",
        "sempat",
        "akan",
        "kini",
        "hanya",
        "tidak",
        "tak",
        "belum",
        "then",
        "now",
        "later",
        "previously",
        "still",
        "already",
        "yet",
        "formally",
        "officially",
        "publicly",
        "secara",
        "resmi",
        "just",
        "again",
        "repeatedly",
        "immediately",
        "segera",
    ]
)

TIME_TAIL = re.compile(
    rf"(?:\s*,)?\s+(?:(?:on|pada|last|this|late|early|hari)\s+)?{WEEKDAY}"
    rf"(?:\s*,?\s*\([^)]*\))?\s*$|\s+(?:on|pada)\s+\w+\s*$",
    _FLAGS,
)
TIME_TAIL_GATED: Final = Filtered(TIME_TAIL)

ADJUNCTS: Final[list[re.Pattern[str]]] = [
    re.compile(
        rf"(?:(?:on|pada|last|this|late|early|hari)\s+)?(?:hari\s+)?{WEEKDAY}"
        rf"(?:\s+(?:morning|afternoon|evening|night|pagi|siang|sore|malam|lalu|kemarin))?"
        rf"(?:\s*,?\s*\([^)]*\))?(?:\s+(?:morning|afternoon|evening|night|pagi|siang|sore|malam))?",
        _FLAGS,
    ),
    re.compile(
        r"(?:earlier|later|also|again|separately|publicly|privately|yesterday|today|tonight|"
        r"kemarin|secara\s+terpisah|juga|pula|lebih\s+lanjut|in\s+a\s+separate\s+statement)\b",
        _FLAGS,
    ),
    re.compile(
        r"(?i:in|on|via|through|dalam|melalui|lewat|di)\s+(?i:an?\s+|sebuah\s+|suatu\s+|the\s+)?"
        r"(?i:(?:joint|brief|short|written|emailed|separate|televised|singkat|tertulis|resmi)\s+)?"
        r"(?i:statement|email|e-mail|interview|text\s+message|message|letter|post|tweet|briefing|"
        r"press\s+release|press\s+conference|news\s+conference|phone\s+call|telephone\s+interview|"
        r"video|speech|pernyataan|keterangan(?:\s+(?:tertulis|resmi|pers))?|konferensi\s+pers|"
        r"jumpa\s+pers|wawancara|pesan(?:\s+singkat|\s+tertulis)?|surat|unggahan|siaran\s+pers|"
        r"pidato|rapat|acara)"
        r"(?:\s+(?i:to|with|kepada|dengan|ke|on)\s+(?:the\s+)?(?P<via>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*|"
        r"paper|newspaper|agency|reporters|journalists|wartawan|media|awak\s+media))?",
    ),
    re.compile(
        r"(?:to|kepada|with|dengan)\s+(?:the\s+)?(?P<via>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*|"
        r"reporters|journalists|wartawan|awak\s+media|media|paper|newspaper)",
    ),
    re.compile(
        r"(?i:ketika|saat|when|after|setelah)\s+(?i:dihubungi|dikonfirmasi|ditemui|contacted|reached|"
        r"asked|ditanya)(?:\s+(?:by\s+)?(?P<via>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*))?",
    ),
]
TOLD_OBJECT = re.compile(
    rf"\s*(?:(?:the\s+)?(?P<via>{CAP_RUN})|reporters|journalists|wartawan|him|her|them|us|me|"
    rf"(?P<ana>the\s+(?:paper|newspaper|agency|news\s+agency|broadcaster|magazine|daily)))",
)
THAT_AHEAD = re.compile(
    rf"\s*,?\s*(?:(?:on|in|at|to|with|via|over|during|after|before|through|pada|dalam|kepada|"
    rf"di|melalui|lewat|usai|saat|ketika|dengan|{WEEKDAY}|last|earlier|later|late|early)\b"
    rf"[^,.;\"“”]{{0,120}}?)?\b(?:that|bahwa)\s+",
    _FLAGS,
)

COORD = re.compile(
    r"(?:,\s*|\s+)(?P<c>while|whereas|but|sementara|sedangkan|namun|tetapi|tapi|sekaligus|and|"
    r"dan|serta|padahal)\s+",
    _FLAGS,
)
CLAUSE_COORDS = frozenset(
    ["while", "whereas", "but", "sementara", "sedangkan", "namun", "tetapi", "tapi", "padahal"]
)
PARTICIPLE = re.compile(
    r",\s*(?=(?:saying|adding|citing|quoting|noting|explaining|insisting|arguing|stressing|"
    r"warning|according\s+to|menambahkan|seraya|sambil|mengutip|menurut(?:nya)?|as\s+reported\s+by|"
    r"as\s+(?:alleged|claimed|stated|reported|described)|calling|describing|terming|dubbing)\b)",
    _FLAGS,
)
ADJUNCT_START = re.compile(
    rf"(?:{WEEKDAY}|\(|\d|pada|dalam|di|saat|ketika|usai|seusai|setelah|sebelum|tanpa|melalui|via|"
    rf"kepada|in|on|at|during|after|before|when|without|citing|mengutip|adding|saying|"
    rf"menambahkan|seraya|sambil|according|as|referring|speaking|asking|requesting|"
    rf"declining|meminta|berbicara|last|earlier|late|"
    rf"[A-Z][a-z]+,\s*{WEEKDAY})\b",
    _FLAGS,
)
NP_STOP = re.compile(
    rf"\s+(?:kepada|to|di|in|at|on|pada|dalam|melalui|via|saat|ketika|when|during|usai|seusai|"
    rf"setelah|after|before|sebelum|from|dari|kemarin|yesterday|{WEEKDAY})\b|\s*[,.;:!?](?:\s|$)|"
    r"\s*\(|\s*$",
    _FLAGS,
)
SELF_INTRO = re.compile(
    r"\b(?:[Ss]aya|[Aa]ku|I am|I'm|[Mm]y name is|[Nn]ama saya)\s+"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
)
SUBJECT_REPORT_THAT = re.compile(
    r"^(?P<np>(?:the|a|an)\s+(?:\w+\s+)?(?:report|reports|article|story)(?:\s+by\s+[^,]+?)?)\s+"
    r"that\s+",
    _FLAGS,
)
FINITE_AUX = re.compile(
    r"\s+(?:is|was|are|were|has|have|will|would|could|may|might|comes|came|prompted|triggered|"
    r"sparked|raised|adds|added)\b",
    _FLAGS,
)
