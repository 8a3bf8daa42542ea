"""Text hygiene shared by every writer: one place decides what may reach a file.

``clean`` makes any Python string safe to encode in every format we write (UTF-8, XML in
DOCX/XLSX): lone surrogates and C0 controls other than tab/newline become U+FFFD. The
``Redactor`` replaces every spelling of a protected party with one neutral phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

PROTECTED = "a protected source"

# C0 controls except \t \n \r, DEL, the XML non-characters and lone surrogates.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(value: str | None) -> str:
    """Any string, made encodable everywhere; None becomes the empty string."""
    if not value:
        return ""
    return _BAD.sub("\ufffd", value)


class Redactor:
    """Replaces names and aliases of protected parties inside free text.

    Longer spellings are tried first, matching ignores case, and spellings shorter than
    three characters are skipped so that one stray alias cannot blank out every text.
    A case-sensitive search over the lower-cased text finds candidates first: several
    times faster than an IGNORECASE scan, which then runs only on the rare hit.
    """

    def __init__(self, spellings: Iterable[str] = (), replacement: str = PROTECTED) -> None:
        self.replacement = replacement  # the report language's "a protected source"
        unique = {s.strip() for s in spellings if len(s.strip()) >= 3}
        ordered = sorted(unique, key=lambda s: (-len(s), s))
        self._pattern: re.Pattern[str] | None = None
        self._probe: re.Pattern[str] | None = None
        if ordered:
            self._pattern = re.compile("|".join(re.escape(s) for s in ordered), re.IGNORECASE)
            self._probe = re.compile(_trie_pattern({s.lower() for s in ordered}))

    @property
    def active(self) -> bool:
        return self._pattern is not None

    def many(self, *values: str | None) -> list[str]:
        """Several texts at once: one probe over all of them, the common case being no hit."""
        texts = [clean(v) for v in values]
        if self._probe is None:
            return texts
        joined = "\x00".join(texts)
        if joined.isascii() and self._probe.search(joined.lower()) is None:
            return texts
        return [self(t) for t in texts]

    def __call__(self, value: str | None) -> str:
        text = clean(value)
        if self._pattern is None or self._probe is None or not text:
            return text
        if self._probe.search(text.lower()) is None and text.isascii():
            return text
        return self._pattern.sub(self.replacement, text)


def _trie_pattern(words: set[str]) -> str:
    """One regex for many literals with shared prefixes factored out ("party 1|party 2" →
    "party (?:1|2)"): Python's re tries alternatives one by one, so this is much faster."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return walk(trie)


def shorten(text: str, limit: int) -> str:
    """The first ``limit`` characters on one line, with an ellipsis when cut."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"
