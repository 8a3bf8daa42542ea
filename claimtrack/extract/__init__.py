"""Offline extraction of attributed claims from Indonesian and English news text.

Pure Python and standard library only, so it runs anywhere the app runs, without a network or a
model download.  ``extract_claims`` proposes claims; ``detect_language`` guesses "id" or "en".
"""

from __future__ import annotations

from .extractor import extract_claims
from .language import detect_language
from .model import KINDS, Kind, ProposedClaim

__all__ = ["KINDS", "Kind", "ProposedClaim", "detect_language", "extract_claims"]
