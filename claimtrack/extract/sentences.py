"""Sentence units for attribution, with offsets into the original text.

Rules (README R7): a unit never crosses a paragraph break; a direct quote of several sentences
stays one unit up to the end of the sentence holding its speech tag, so full stops inside a
quotation never end a unit; abbreviations, initials and "U.S."-style acronyms do not end one.
"""

from __future__ import annotations

import re
from typing import Final

OPENING_QUOTES: Final = "\u201c\u00ab"
CLOSING_QUOTES: Final = "\u201d\u00bb"

ABBREVIATIONS: Final = frozenset(
    [
        "dr",
        "drs",
        "dra",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "jl",
        "jln",
        "no",
        "nos",
        "inc",
        "co",
        "corp",
        "ltd",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "adm",
        "rev",
        "hon",
        "vs",
        "v",
        "mt",
        "ft",
        "pt",
        "tbk",
        "hj",
        "h",
        "ir",
        "kh",
        "bpk",
        "sdr",
        "sdri",
        "ny",
        "tn",
        "nn",
        "mgr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "agu",
        "sep",
        "sept",
        "okt",
        "oct",
        "nov",
        "des",
        "dec",
        "tgl",
        "kab",
        "kec",
        "kel",
        "prov",
        "e.g",
        "i.e",
        "a.n",
        "u.p",
        "s.h",
        "m.si",
        "m.sc",
        "ph.d",
        "s.e",
        "s.t",
        "s.pd",
        "s.sos",
        "dll",
        "dsb",
        "dst",
        "sbb",
        "dkk",
    ]
)
# Abbreviations that may also really end a sentence; they end it before a capital letter.
_SOFT_ENDERS: Final = frozenset({"etc", "dll", "dsb", "dst", "dkk"})

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\r\n[ \t]*\r\n\s*")
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)")
_LAST_TOKEN = re.compile(r"(\S+)$")
_TOKEN_WINDOW = 64
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines always separate; a single newline separates unless the
    line obviously wraps (no final punctuation and the next line starts in lower case)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _PARA_BREAK.finditer(text):
        spans.extend(_split_lines(text, start, m.start()))
        start = m.end()
    spans.extend(_split_lines(text, start, len(text)))
    return [(a, b) for a, b in spans if b > a]


_NON_SPACE = re.compile(r"\S")


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # Looks only at the characters next to each newline: copying the text before and after
    # it (as slices) made a file of a million short wrapped lines take minutes.
    out: list[tuple[int, int]] = []
    seg_start = start
    pos = text.find("\n", start, end)
    while pos != -1:
        last = pos - 1
        while last >= seg_start and text[last].isspace():
            last -= 1
        nxt = _NON_SPACE.search(text, pos + 1, end)
        wraps = (
            last >= seg_start
            and text[last] not in ".!?:\"'\u201d"
            and nxt is not None
            and nxt.group().islower()
        )
        if not wraps:
            out.append(_trim(text, seg_start, pos))
            seg_start = pos + 1
        pos = text.find("\n", pos + 1, end)
    out.append(_trim(text, seg_start, end))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Pairs (open, close) of double-quotation-mark offsets; an unclosed mark is ignored."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    open_at = -1
    for mt in _QUOTE_MARK.finditer(text, start, end):  # only the marks, not every character
        i = mt.start()
        c = text[i]
        if c == '"':
            if open_at < 0:
                open_at = i
            else:
                spans.append((open_at, i))
                open_at = -1
        elif c in OPENING_QUOTES:
            open_at = i
        elif open_at >= 0:
            spans.append((open_at, i))
            open_at = -1
    return spans


_QUOTE_MARK = re.compile('["' + OPENING_QUOTES + CLOSING_QUOTES + "]")


def _is_abbreviation(text: str, para_start: int, dot: int, next_char: str) -> bool:
    # The token before the dot: look back a short window first, not from the paragraph start
    # (which made splitting a long paragraph quadratic); a token reaching the window's start
    # may be longer, so then look again from the paragraph start.
    window = max(para_start, dot - _TOKEN_WINDOW)
    m = _LAST_TOKEN.search(text, window, dot)
    if m and m.start() == window and window > para_start:
        m = _LAST_TOKEN.search(text, para_start, dot)
    if not m:
        return False
    token = m.group(1).lstrip("([\"'\u201c").lower()
    if token in _SOFT_ENDERS:
        return not next_char.isupper()
    if token in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "M. Iqbal"
    return bool(_INITIALS.match(token))


def split_sentences(text: str, paras: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, whitespace trimmed, in order.

    ``paras``: ``paragraphs(text)`` when the caller already has them."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text) if paras is None else paras:
        quotes = quote_spans(text, p_start, p_end)
        qi = 0
        s_start = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            after = m.end()
            while qi < len(quotes) and quotes[qi][1] < after - 1:
                qi += 1
            if qi < len(quotes) and quotes[qi][0] < after - 1 < quotes[qi][1]:
                continue  # full stop inside a quotation
            nxt = after
            while nxt < p_end and text[nxt].isspace():
                nxt += 1
            if nxt >= p_end:
                break
            c = text[nxt]
            if not (c.isupper() or c.isdigit() or c in "\"(\u201c'[\u2018"):
                continue
            dot = m.start()
            if text[dot] == "." and _is_abbreviation(text, p_start, dot, c):
                continue
            out.append(_trim(text, s_start, after))
            s_start = nxt
        if s_start < p_end:
            out.append(_trim(text, s_start, p_end))
    return [(a, b) for a, b in out if b > a]
