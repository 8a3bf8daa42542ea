"""The format readers: one module per format, and ``dispatch`` choosing among them by suffix."""

from __future__ import annotations

from claimtrack.intake.readers.dispatch import SUPPORTED, read_article
from claimtrack.intake.readers.text import article_from_text, decode_text

__all__ = ["SUPPORTED", "article_from_text", "decode_text", "read_article"]
