"""Whole-article extraction: sentence units in order, shared context, offsets made absolute."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

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
# How often (in characters of text) a long extraction reports progress: often enough for a
# progress bar and a prompt cancel, rarely enough to cost nothing on the hot path.
PROGRESS_STEP = 65_536

Progress = Callable[[int, int], None]

# A unit a back-pointing tag may still reach: (start, end, paragraph, first in its paragraph,
# first claim index, claim index after its last).  Plain tuples of numbers: one is made per
# sentence, on the hot path, and keeping each sentence's rules alive instead cost the garbage
# collector more than reading a sentence again on the rare tag.
_Unit = tuple[int, int, int, bool, int, int]


def extract_claims(
    text: str, language: str | None = None, *, progress: Progress | None = None
) -> list[ProposedClaim]:
    """Propose the attributed claims of one article, in text order.

    ``language`` ("id" or "en") is only a hint; the cue lexicon covers both languages at once
    because news text mixes them (English quotes in Indonesian stories and vice versa).
    ``progress(done, total)`` (characters) is called every ``PROGRESS_STEP`` characters and at
    the end; whatever it raises ends the extraction, which is how a caller cancels it (a plain
    callable, so this package stays free of any GUI toolkit).
    """
    if not text or not text.strip():
        return []
    if language not in (None, "id", "en"):
        language = detect_language(text)
    ctx = Context()
    ctx.learn_dateline(text[:300])
    paras = paragraphs(text)
    n_paras = len(paras)
    para = 0
    para_start = paras[0][0] if paras else 0
    next_start = paras[1][0] if n_paras > 1 else len(text) + 1
    claims: list[ProposedClaim] = []
    # The units of the current and the previous paragraph since the last back-pointing tag:
    # what such a tag may still give to its speaker.
    recent: list[_Unit] = []
    seen: set[tuple[int, int, str]] = set()
    total = len(text)
    report_at = PROGRESS_STEP if progress is not None else total + 1
    for s_start, s_end in split_sentences(text, paras):
        if s_start >= report_at:
            progress(s_start, total)  # type: ignore[misc]  # report_at is reached only with one
            report_at = s_start + PROGRESS_STEP
        if s_end - s_start > MAX_SENTENCE:
            continue
        while s_start >= next_start:
            para += 1
            para_start = next_start
            next_start = paras[para + 1][0] if para + 1 < n_paras else len(text) + 1
        sentence = text[s_start:s_end]
        rules = SentenceRules(sentence, ctx, s_start == para_start)
        try:
            found = rules.run()
        except (ValueError, IndexError, AttributeError):  # pragma: no cover - defensive
            continue
        lo = len(claims)
        if found:
            _append(claims, text, s_start, s_end, found, seen)
        if rules.retro is not None:
            _apply_retro(claims, text, ctx, recent, para, s_start == para_start, rules.retro, seen)
            recent.clear()  # a later tag does not reach back past this one
            continue
        if recent and recent[0][2] < para - 1:
            recent = [u for u in recent if u[2] >= para - 1]
        recent.append((s_start, s_end, para, s_start == para_start, lo, len(claims)))
    if progress is not None:
        progress(total, total)
    return claims


def _append(
    claims: list[ProposedClaim],
    text: str,
    s_start: int,
    s_end: int,
    found: list[Found],
    seen: set[tuple[int, int, str]],
) -> None:
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


def _apply_retro(
    claims: list[ProposedClaim],
    text: str,
    ctx: Context,
    recent: list[_Unit],
    para: int,
    first_in_para: bool,
    retro: Retro,
    seen: set[tuple[int, int, str]],
) -> None:
    """Give the content before "Hal itu disampaikan X" / "Demikian kata X" to X.

    Mid-paragraph, "Hal itu" points at the unit just before and "Demikian" at the run of units
    before it in the paragraph; at a paragraph's start both point into the paragraph before.
    The run stops at a unit whose speaker is named in it: that content is someone's already.
    """
    target_para = para - 1 if first_in_para else para
    reach = 1 if retro.scope == "one" and not first_in_para else _RETRO_REACH
    targets: list[_Unit] = []
    for unit in reversed(recent):
        start, end, u_para, _first, lo, hi = unit
        if u_para != target_para or len(targets) >= reach:
            break
        sentence = text[start:end]
        if any(c.claimant and c.claimant in sentence for c in claims[lo:hi]):
            break  # the speaker is named in the unit itself
        targets.append(unit)
    full = retro.full if retro.full != retro.claimant else None
    # latest first, so that claims added to a unit do not move the ones still to be changed
    for start, end, _para, first, lo, hi in targets:
        if hi > lo:
            for i in range(lo, hi):
                c = claims[i]
                if c.claimant is not None or c.via is None:
                    claims[i] = replace(
                        c, claimant=retro.claimant, claimant_full=full, via=c.via or retro.via
                    )
        else:
            added: list[ProposedClaim] = []
            found = SentenceRules(text[start:end], ctx, first).whole(retro)
            _append(added, text, start, end, found, seen)
            claims[lo:lo] = added
