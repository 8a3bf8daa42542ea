"""Turning what an editor types into a safe full-text query.

Search-box text never reaches FTS5 as syntax: it is split into words, each quoted, and
the last one made a prefix so results follow the typing.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(typed: str) -> str | None:
    """An FTS5 MATCH expression for ``typed``, or None when it holds no word at all."""
    words = _WORD.findall(typed)
    if not words:
        return None
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def like_pattern(typed: str) -> str:
    """A LIKE pattern matching ``typed`` literally (escape character ``\\``)."""
    escaped = typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
