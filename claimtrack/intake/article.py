"""The article a reader returns, before anything is stored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimtrack.intake.safe_read import clean_title


def text_sha256(text: str) -> str:
    """The identity of an article's text: what duplicate and re-import detection compare."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LoadedArticle:
    """An article read from a file or pasted, not stored yet."""

    text: str
    title: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    source: str = ""  # file name, or "pasted text"
    # what the reader could not keep, one line each ("only 12% of the file's text was kept")
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # one title cap for every reader (and for pasted text)
        object.__setattr__(self, "title", clean_title(self.title))
        object.__setattr__(self, "outlet", clean_title(self.outlet) or None)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


def parse_date(value: Any) -> date | None:
    """A metadata date (ISO 8601, possibly with a time) as a date; None if it is not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


__all__ = ["LoadedArticle", "parse_date", "text_sha256"]
