"""Whole-article extraction: sentence units in order, shared context, offsets made absolute."""

from __future__ import annotations

from .language import detect_language
from .model import KINDS, ProposedClaim
from .resolve import Context
from .rules import SentenceRules
from .sentences import paragraphs, split_sentences

# Sentences longer than this are not attribution units but run-on data; they are skipped so a
# pathological input cannot make the regular expressions run for long.
MAX_SENTENCE = 4000


def extract_claims(text: str, language: str | None = None) -> list[ProposedClaim]:
    """Propose the attributed claims of one article, in text order.

    ``language`` ("id" or "en") is only a hint; the cue lexicon covers both languages at once
    because news text mixes them (English quotes in Indonesian stories and vice versa).
    """
    if not text or not text.strip():
        return []
    if language not in (None, "id", "en"):
        language = detect_language(text)
    ctx = Context()
    ctx.learn_dateline(text[:300])
    paras = paragraphs(text)
    para_starts = {a for a, _ in paras}
    claims: list[ProposedClaim] = []
    seen: set[tuple[int, int, str]] = set()
    for s_start, s_end in split_sentences(text, paras):
        if s_end - s_start > MAX_SENTENCE:
            continue
        sentence = text[s_start:s_end]
        try:
            found = SentenceRules(sentence, ctx, s_start in para_starts).run()
        except (ValueError, IndexError, AttributeError):  # pragma: no cover - defensive
            continue
        for f in found:
            start, end = s_start + f.start, s_start + f.end
            key = (start, end, f.kind)
            if key in seen or f.kind not in KINDS or end <= start:
                continue
            seen.add(key)
            claims.append(
                ProposedClaim(
                    text=text[start:end],
                    start=start,
                    end=end,
                    claimant=f.claimant,
                    claimant_full=f.full if f.full != f.claimant else None,
                    via=f.via,
                    kind=f.kind,  # type: ignore[arg-type]
                    cue=f.cue,
                    confidence=max(0.0, min(1.0, f.confidence)),
                    sentence_start=s_start,
                    sentence_end=s_end,
                )
            )
    return claims
