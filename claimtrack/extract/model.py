"""The value type the extractor hands to the rest of the app.

Kept free of any Qt or database import so that the extractor can run in a worker process,
in the command line tool and in tests alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["statement", "denial", "no_comment", "no_response"]
KINDS: Final[tuple[str, ...]] = ("statement", "denial", "no_comment", "no_response")


@dataclass(frozen=True, slots=True)
class ProposedClaim:
    """One attributed claim proposed for review.

    ``text`` is always ``source[start:end]`` so that the GUI can highlight the span and a
    re-import can tell whether it moved.  ``claimant`` is the bare name (or the describing noun
    phrase for unnamed sources); ``claimant_full`` keeps role and title when they differ.
    """

    text: str
    start: int
    end: int
    claimant: str | None
    claimant_full: str | None
    via: str | None
    kind: Kind
    cue: str
    confidence: float
    sentence_start: int
    sentence_end: int

    def to_json(self, source: str | None = None) -> dict[str, object]:
        """The JSON-lines record printed by ``python -m claimtrack.extract``."""
        record: dict[str, object] = {
            "claim": self.text,
            "claimant": self.claimant,
            "claimant_full": self.claimant_full,
            "via": self.via,
            "kind": self.kind,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }
        if source is not None:
            record["sentence"] = source[self.sentence_start : self.sentence_end]
        return record
