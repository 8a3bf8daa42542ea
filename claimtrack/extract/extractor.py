"""Whole-article extraction: sentence units in order, shared context, offsets made absolute."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from .language import detect_language
from .model import KINDS, ProposedClaim
from .resolve import Context
from .rules import Found, Retro, SentenceRules
from .sentences import paragraphs, split_sentences

# Sentences longer than this are not attribution units but run-on data; they are skipped so a
# pathological input cannot make the regular expressions run for long.
MAX_SENTENCE = 4000
# How many units a "Demikian disampaikan X" reaches back at most.
_RETRO_REACH = 4


@dataclass(slots=True)
class _Unit:
    """A sentence unit already read: where it is and what it gave."""

    start: int
    end: int
    para: int
    rules: SentenceRules
    claims: list[ProposedClaim]


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
    para_starts = [a for a, _ in paras]
    para_set = set(para_starts)
    claims: list[ProposedClaim] = []
    # The units of the current and the previous paragraph, which a back-pointing tag may still
    # change; older ones are final and only their claims are kept.
    units: list[_Unit] = []
    seen: set[tuple[int, int, str]] = set()
    for s_start, s_end in split_sentences(text, paras):
        if s_end - s_start > MAX_SENTENCE:
            continue
        sentence = text[s_start:s_end]
        rules = SentenceRules(sentence, ctx, s_start in para_set)
        try:
            found = rules.run()
        except (ValueError, IndexError, AttributeError):  # pragma: no cover - defensive
            continue
        para = bisect_right(para_starts, s_start) - 1
        if units and units[0].para < para - 1:
            keep = next(i for i, u in enumerate(units) if u.para >= para - 1)
            for u in units[:keep]:
                claims.extend(u.claims)
            del units[:keep]
        unit = _Unit(s_start, s_end, para, rules, [])
        unit.claims = _proposals(text, unit, found, seen)
        units.append(unit)
        if rules.retro is not None:
            _apply_retro(text, units, rules.retro, seen)
    for u in units:
        claims.extend(u.claims)
    return claims


def _proposals(
    text: str, unit: _Unit, found: list[Found], seen: set[tuple[int, int, str]]
) -> list[ProposedClaim]:
    out: list[ProposedClaim] = []
    s_start, s_end = unit.start, unit.end
    for f in found:
        start, end = s_start + f.start, s_start + f.end
        key = (start, end, f.kind)
        if key in seen or f.kind not in KINDS or end <= start:
            continue
        seen.add(key)
        out.append(
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
    return out


def _named_here(text: str, unit: _Unit) -> bool:
    """True when some claim of the unit names its speaker inside the unit itself (the
    speaker of the others was carried over or resolved from elsewhere)."""
    sentence = text[unit.start : unit.end]
    return any(c.claimant and c.claimant in sentence for c in unit.claims)


def _apply_retro(
    text: str, units: list[_Unit], retro: Retro, seen: set[tuple[int, int, str]]
) -> None:
    """Give the content before "Hal itu disampaikan X" / "Demikian kata X" to X.

    Mid-paragraph, "Hal itu" points at the unit just before and "Demikian" at the run of units
    before it in the paragraph; at a paragraph's start both point into the paragraph before.
    The run stops at a unit whose speaker is named in it: that content is someone's already.
    """
    tag = units[-1]
    first_in_para = len(units) < 2 or units[-2].para != tag.para
    target_para = tag.para - 1 if first_in_para else tag.para
    reach = 1 if retro.scope == "one" and not first_in_para else _RETRO_REACH
    targets: list[_Unit] = []
    for unit in reversed(units[:-1]):
        if unit.para != target_para or len(targets) >= reach or _named_here(text, unit):
            break
        targets.append(unit)
    for unit in targets:
        if unit.claims:
            unit.claims = [
                replace(
                    c,
                    claimant=retro.claimant,
                    claimant_full=retro.full if retro.full != retro.claimant else None,
                    via=c.via or retro.via,
                )
                if c.claimant is not None or c.via is None
                else c
                for c in unit.claims
            ]
        else:
            unit.claims = _proposals(text, unit, unit.rules.whole(retro), seen)
