"""Reading articles: untrusted files or pasted text in, a ``LoadedArticle`` out. No Qt, no store.

The size is checked before a byte is read, the charset is detected rather than assumed,
binary data is refused, and HTML is reduced to its main text from the file's own bytes (never
the network). Storing what was read is the import use case's job (``services.intake``).

The names below load on first use, so ``text_sha256`` (wanted by the article service) does
not pull the readers and the language detector into the GUI's start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimtrack.intake.article import LoadedArticle, text_sha256
    from claimtrack.intake.readers.dispatch import SUPPORTED, read_article
    from claimtrack.intake.readers.text import article_from_text, decode_text
    from claimtrack.intake.safe_read import MAX_BYTES, MAX_TITLE_CHARS, ArticleFileError

_HOME = {
    "LoadedArticle": "article",
    "text_sha256": "article",
    "SUPPORTED": "readers.dispatch",
    "read_article": "readers.dispatch",
    "article_from_text": "readers.text",
    "decode_text": "readers.text",
    "MAX_BYTES": "safe_read",
    "MAX_TITLE_CHARS": "safe_read",
    "ArticleFileError": "safe_read",
}

__all__ = [
    "MAX_BYTES",
    "MAX_TITLE_CHARS",
    "SUPPORTED",
    "ArticleFileError",
    "LoadedArticle",
    "article_from_text",
    "decode_text",
    "read_article",
    "text_sha256",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'claimtrack.intake' has no attribute {name!r}")
    return getattr(import_module(f"claimtrack.intake.{home}"), name)
