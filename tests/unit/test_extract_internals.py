"""The extractor's fast paths must find exactly what the plain regex search finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extract import patterns
from claimtrack.extract.patterns import CUE_PATTERNS, CUE_SCANNER

# Text built from fragments of real cue words, so the property exercises the cues.
CUE_WORDS = [
    "said",
    "says",
    "told",
    "according to",
    "denied",
    "declined to comment",
    "reportedly",
    "mengatakan",
    "menyatakan",
    "ujar",
    "kata",
    "menurut",
    "membantah",
    "menolak berkomentar",
    "dikabarkan",
    "belum memberikan tanggapan",
    "Reuters",
    "katanya",
    "ungkap",
]
pieces = st.one_of(
    st.sampled_from(CUE_WORDS),
    st.sampled_from([" ", ", ", ". ", '"', "\n\n", "-", "Men", "ber", "ter", "ſ", "İ", "ı"]),
    st.text(max_size=8),
)
texts = st.lists(pieces, max_size=40).map("".join)


def _spans(matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_the_cue_scanner_matches_plain_finditer(text: str, upper: bool) -> None:
    if upper:
        text = text.upper()
    scanned = CUE_SCANNER.scan(text)
    for (_, rx), found in zip(CUE_PATTERNS, scanned, strict=True):
        assert _spans(found) == _spans(list(rx.finditer(text)))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*CUE_WORDS, "kata", "katakan", "say", "saying"]),
        min_size=1,
        max_size=8,
        unique=True,
    ),
    texts,
)
def test_word_tries_match_the_longest_first_alternation(words: list[str], text: str) -> None:
    trie = re.compile(r"\b(?:" + patterns._words(words) + r")\b", re.IGNORECASE)
    flat = re.compile(r"\b(?:" + patterns._words_flat(words) + r")\b", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
