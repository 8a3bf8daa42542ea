"""Cheap literal prefilters in front of the big alternation regexes.

Python's ``re`` tries every alternative of a 100-word alternation at every position, so the cue
patterns dominated the extractor's time.  Each pattern's possible first characters are read off
its parsed form once, at import; a pattern is then only run where (or when) one of those
prefixes occurs.  The prefilter only ever over-approximates, so results are identical to running
the pattern everywhere.
"""

from __future__ import annotations

import re
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

PREFIX_LEN = 3
_MAX_SET = 400  # give up (run the pattern everywhere) beyond this many prefixes
_WORD_START = re.compile(r"\b\w")


class _Unknown(Exception):
    """A construct the prefix reader does not follow: no prefilter for this pattern."""


_STOP = frozenset({("", False)})  # "unknown from here": what came before is the whole prefix


def _class_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre_c.LITERAL:
            chars.add(chr(av).lower())
        elif op is sre_c.RANGE and av[1] - av[0] < 40:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _item(op: Any, av: Any, k: int) -> frozenset[tuple[str, bool]]:
    """Prefixes of one parsed item as (text, can_be_extended_by_what_follows)."""
    if op is sre_c.LITERAL:
        return frozenset({(chr(av).lower(), True)})
    if op is sre_c.IN:
        chars = _class_chars(av)
        return _STOP if chars is None else frozenset((c, True) for c in chars)
    if op is sre_c.SUBPATTERN:
        return _seq(list(av[-1]), k)
    if op is sre_c.BRANCH:
        out: set[tuple[str, bool]] = set()
        for branch in av[1]:
            out |= _seq(list(branch), k)
        return frozenset(out)
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        inner = _seq(list(sub), k)
        if lo == 1 and hi == 1:
            return inner
        if lo == 0 and hi == 1:
            return inner | {("", True)}
        closed = frozenset((q, False) for q, _ in inner)
        return closed | _STOP if lo == 0 else closed
    return _STOP


def _seq(items: list[tuple[Any, Any]], k: int) -> frozenset[tuple[str, bool]]:
    out: set[tuple[str, bool]] = {("", True)}
    for op, av in items:
        if not any(ext and len(p) < k for p, ext in out):
            break
        if op is sre_c.AT or op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            continue  # zero-width
        nxt = _item(op, av, k)
        grown: set[tuple[str, bool]] = set()
        for p, ext in out:
            if not ext or len(p) >= k:
                grown.add((p, False))
                continue
            for q, qext in nxt:
                s = (p + q)[:k]
                grown.add((s, qext and len(s) < k))
        if len(grown) > _MAX_SET:
            raise _Unknown
        out = grown
    return frozenset(out)


def prefixes(rx: re.Pattern[str], k: int = PREFIX_LEN) -> frozenset[str] | None:
    """The lower-case prefixes every match of ``rx`` starts with, or None when unknown."""
    try:
        found = {p for p, _ in _seq(list(sre_parse.parse(rx.pattern, rx.flags)), k)}
    except (_Unknown, RecursionError):
        return None
    if not found or "" in found:
        return None
    return frozenset(found)


class Filtered:
    """``rx.search`` behind a substring test: skip the regex when no prefix occurs."""

    __slots__ = ("keys", "rx")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.keys = prefixes(rx)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if self.keys is not None:
            low = text.lower()
            if not any(key in low for key in self.keys):
                return None
        if endpos is None:
            return self.rx.search(text, pos)
        return self.rx.search(text, pos, endpos)


class WordStartScanner:
    """``finditer`` of several word-initial patterns, run only at word starts with a prefix.

    Every pattern must begin with ``\\b`` and a word character; ``scan(text)`` returns, per
    pattern, exactly the matches ``rx.finditer(text)`` would give.
    """

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = patterns
        self.by_len: dict[int, dict[str, list[int]]] = {}
        self.always: list[int] = []
        for i, rx in enumerate(patterns):
            keys = prefixes(rx)
            if keys is None:
                self.always.append(i)
                continue
            for key in keys:
                self.by_len.setdefault(len(key), {}).setdefault(key, []).append(i)
        self.lengths = sorted(self.by_len)
        keys = sorted({k for table in self.by_len.values() for k in table}, key=len, reverse=True)
        # One C-level pass finds the word starts worth a look; Python then touches only those.
        self.finder = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + ")") if keys else None

    def scan(self, text: str) -> list[list[re.Match[str]]]:
        low = text.lower()
        n = len(self.patterns)
        if len(low) != len(text):  # a rare case-folding that changes length: no shortcut
            return [list(rx.finditer(text)) for rx in self.patterns]
        starts: list[list[int]] = [[] for _ in range(n)]
        for i in self.always:
            starts[i] = [-1]
        tables = [(k, self.by_len[k]) for k in self.lengths]
        for mt in self.finder.finditer(low) if self.finder else ():
            p = mt.start()
            for k, table in tables:
                ids = table.get(low[p : p + k])
                if ids:
                    for i in ids:
                        lst = starts[i]
                        if not lst or lst[-1] != p:
                            lst.append(p)
        out: list[list[re.Match[str]]] = []
        for i, rx in enumerate(self.patterns):
            positions = starts[i]
            if positions == [-1]:
                out.append(list(rx.finditer(text)))
                continue
            found: list[re.Match[str]] = []
            last = 0
            for p in positions:
                if p < last:
                    continue
                m = rx.match(text, p)
                if m and m.end() > m.start():
                    found.append(m)
                    last = m.end()
            out.append(found)
        return out
