"""Cheap literal prefilters in front of the big alternation regexes.

Python's ``re`` tries every alternative of a 100-word alternation at every position, so the cue
patterns dominated the extractor's time.  Each pattern's possible first characters are read off
its parsed form once, at import; a pattern is then only run where (or when) one of those
prefixes occurs.  The prefilter only ever over-approximates, so results are identical to running
the pattern everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# Long enough to tell cue words from the many other words sharing their first letters
# ("men-", "ter-", "ber-" in Indonesian); every failed try of a 100-word alternation costs.
PREFIX_LEN = 6
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


# Characters that ``re.IGNORECASE`` matches against an ASCII letter although ``str.lower()`` does
# not turn them into it (dotted and dotless i, long s).  A text holding one gets no prefilter.
_FOLD_TRAPS = re.compile("[\u0130\u0131\u017f]")


def foldable(text: str) -> bool:
    """True when ``text.lower()`` may stand in for case-insensitive matching of ASCII words."""
    return text.isascii() or _FOLD_TRAPS.search(text) is None


def _has_ignorecase(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op is sre_c.SUBPATTERN:
            if av[1] & re.IGNORECASE or _has_ignorecase(list(av[-1])):
                return True
        elif op is sre_c.BRANCH:
            if any(_has_ignorecase(list(b)) for b in av[1]):
                return True
        elif op in _REPEATS:
            if _has_ignorecase(list(av[2])):
                return True
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT) and _has_ignorecase(list(av[1])):
            return True
    return False


_REPEATS = tuple(
    op
    for op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None))
    if op is not None
)


class _All(tuple):  # type: ignore[type-arg]
    """Every part holds."""


class _Any(tuple):  # type: ignore[type-arg]
    """Some part holds."""


# A requirement on the text: a plain tuple of strings (one of them occurs), or _All/_Any parts.
Need = tuple[Any, ...]


def _lits(strings: set[str]) -> tuple[str, ...]:
    """Minimal strings, shortest first: "commenting" adds nothing once "comment" is there."""
    out: list[str] = []
    for s in sorted(strings, key=lambda s: (len(s), s)):
        if not any(t in s for t in out):
            out.append(s)
    return tuple(out)


def _is_lits(node: Need) -> bool:
    return not isinstance(node, (_All, _Any))


def _need(items: list[tuple[Any, Any]], fold: bool) -> Need | None:
    """What every match of the sequence ``items`` must contain; None when nothing is known."""
    parts: list[Need] = []
    run = ""
    for op, av in items:
        if op is sre_c.LITERAL:
            run += chr(av).lower() if fold else chr(av)
            continue
        if run:
            parts.append((run,))
            run = ""
        sub: Need | None = None
        if op is sre_c.SUBPATTERN:
            sub = _need(list(av[-1]), fold)
        elif op is sre_c.BRANCH:
            alts = [_need(list(b), fold) for b in av[1]]
            if all(alts):
                if all(_is_lits(x) for x in alts):  # type: ignore[arg-type]
                    sub = _lits({s for x in alts for s in x})  # type: ignore[union-attr]
                else:
                    sub = _Any(alts)
        elif op in _REPEATS and av[0] >= 1:
            sub = _need(list(av[2]), fold)
        if sub:
            parts.append(sub)
    if run:
        parts.append((run,))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else _All(parts)


def _expr(node: Need) -> str:
    if isinstance(node, _All):
        return "(" + " and ".join(map(_expr, node)) + ")"
    if isinstance(node, _Any):
        return "(" + " or ".join(map(_expr, node)) + ")"
    return "(" + " or ".join(f"{key!r} in h" for key in node) + ")"


def _tester(node: Need) -> Callable[[str], bool]:
    """The requirement as one compiled expression of ``in`` tests: walking the tree in Python
    per sentence cost more than the regex search it spares."""
    tester: Callable[[str], bool] = eval(compile(f"lambda h: {_expr(node)}", "<prefilter>", "eval"))
    return tester


def _gate_strings(node: Need) -> set[str]:
    """Strings of which every text meeting ``node`` holds one: for "all" the one part whose
    shortest string is longest, for "any" every part's."""
    if isinstance(node, _Any):
        return {s for n in node for s in _gate_strings(n)}
    if isinstance(node, _All):
        # ties go to the later part: content words tend to close a phrase ("tidak benar")
        sets = [_gate_strings(n) for n in node]
        order = range(len(sets))
        return sets[max(order, key=lambda i: (min(map(len, sets[i])), -len(sets[i]), i))]
    return set(node)


def needles(rx: re.Pattern[str]) -> tuple[Need, bool] | None:
    """``(requirement, folded)``: what every match of ``rx`` contains (test the lower-cased
    text when ``folded``); None when nothing is known."""
    try:
        parsed = list(sre_parse.parse(rx.pattern, rx.flags))
    except RecursionError:  # pragma: no cover - patterns are ours
        return None
    fold = bool(rx.flags & re.IGNORECASE) or _has_ignorecase(parsed)
    found = _need(parsed, fold)
    return (found, fold) if found else None


def case_sensitive_gate(patterns: list[re.Pattern[str]], more: set[str]) -> re.Pattern[str]:
    """One regex that finds something in every text where any of ``patterns`` (all case
    sensitive, each with a known requirement) matches; ``more``: strings the caller vouches
    for, for a pattern it handles itself."""
    strings = set(more)
    for rx in patterns:
        found = needles(rx)
        if found is None or found[1]:
            raise ValueError(f"no case-sensitive requirement known for {rx.pattern[:40]!r}")
        strings |= _gate_strings(found[0])
    return re.compile(_trie(set(_lits(strings))))


def folded_gate(filters: list[Filtered]) -> re.Pattern[str]:
    """One regex over the lower-cased text that finds something wherever any of ``filters``
    (all case-insensitive) may match; only valid for ``foldable`` text."""
    strings: set[str] = set()
    for f in filters:
        if f.need is None or not f.fold:
            raise ValueError(f"no folded requirement known for {f.rx.pattern[:40]!r}")
        strings |= _gate_strings(f.need)
    return re.compile(_trie(set(_lits(strings))))


class Filtered:
    """``rx.search`` behind substring tests: skip the regex when none of the strings that every
    match must contain occurs.  ``possible`` lets a caller test a whole sentence once and skip
    every search inside it."""

    __slots__ = ("fold", "gate", "holds", "need", "rx")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        found = needles(rx)
        self.need: Need | None = found[0] if found else None
        self.fold = found[1] if found else False
        self.holds = _tester(self.need) if self.need is not None else None
        # one C-level pass that rules out most texts before the Python-level tests run
        self.gate = (
            re.compile(_trie(set(_lits(_gate_strings(self.need)))))
            if self.need is not None
            else None
        )

    def possible(self, text: str, low: str | None = None) -> bool:
        """False only when ``rx`` cannot match anywhere in ``text`` (``low``: its lower case)."""
        holds = self.holds
        if holds is None:
            return True
        if self.fold:
            if not foldable(text):
                return True
            hay = text.lower() if low is None else low
        else:
            hay = text
        return self.gate.search(hay) is not None and holds(hay)  # type: ignore[union-attr]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self.possible(text):
            return None
        if endpos is None:
            return self.rx.search(text, pos)
        return self.rx.search(text, pos, endpos)

    def sub(self, repl: str, text: str) -> str:
        """``rx.sub(repl, text)``; the text itself when ``rx`` cannot match in it."""
        if not self.possible(text):
            return text
        return self.rx.sub(repl, text)


def _trie(words: set[str]) -> str:
    """A regex for a set of literal strings, factored by prefix: ``re`` tries the alternatives
    of a flat alternation one by one at every position, a trie only follows one path."""
    tails: dict[str, set[str]] = {}
    optional = False
    for w in words:
        if w:
            tails.setdefault(w[0], set()).add(w[1:])
        else:
            optional = True
    alts = [re.escape(c) + _trie(rest) for c, rest in sorted(tails.items())]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if optional else body


class WordStartScanner:
    """``finditer`` of several word-initial patterns, run only at word starts with a prefix.

    Every pattern must begin with ``\\b`` and a word character; ``scan(text)`` returns, per
    pattern, exactly the matches ``rx.finditer(text)`` would give.
    """

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = patterns
        tables: dict[int, dict[str, list[int]]] = {}
        self.always: list[int] = []
        for i, rx in enumerate(patterns):
            keys = prefixes(rx)
            if keys is None:
                self.always.append(i)
                continue
            for key in keys:
                tables.setdefault(len(key), {}).setdefault(key, []).append(i)
        by_key = {key: ids for table in tables.values() for key, ids in table.items()}
        # The prefixes found at one position are all prefixes of the longest one found there,
        # so the longest one alone tells which patterns to try: its own and its prefixes'.
        self.ids_for = {
            key: tuple(sorted({i for k in range(1, len(key) + 1) for i in by_key.get(key[:k], ())}))
            for key in by_key
        }
        # One C-level pass finds the word starts worth a look and the longest prefix there
        # (the trie prefers going on to stopping); Python then touches only those.  The
        # look-ahead keeps the pass at every position, whatever the prefixes' lengths.
        self.finder = re.compile(r"\b(?=(" + _trie(set(by_key)) + "))") if by_key else None

    def scan(self, text: str, low: str | None = None) -> list[list[re.Match[str]]]:
        """Per pattern, its matches in ``text`` (``low``: ``text.lower()`` when known)."""
        if low is None:
            low = text.lower()
        patterns = self.patterns
        if len(low) != len(text) or not foldable(text):
            # a case-folding that changes length or escapes str.lower(): no shortcut
            return [list(rx.finditer(text)) for rx in patterns]
        out: list[list[re.Match[str]]] = [[] for _ in patterns]
        for i in self.always:
            out[i] = list(patterns[i].finditer(text))
        if self.finder is None:
            return out
        last = [0] * len(patterns)  # where each pattern's previous match ended
        ids_for = self.ids_for
        for mt in self.finder.finditer(low):
            p = mt.start()
            for i in ids_for[mt.group(1)]:
                if p < last[i]:
                    continue  # inside this pattern's previous match
                m = patterns[i].match(text, p)
                if m and m.end() > p:
                    out[i].append(m)
                    last[i] = m.end()
        return out
