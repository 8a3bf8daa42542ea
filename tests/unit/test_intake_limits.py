"""Very long texts: stored whole, proposals read from the first ~1 MB, in reasonable time."""

from __future__ import annotations

from claimtrack.services.intake import MAX_EXTRACT_CHARS, article_from_text, propose

PARAGRAPH = "The harbour master said the new quay would open in May.\n\n"


def test_a_huge_article_is_read_for_proposals_up_to_the_limit() -> None:
    text = PARAGRAPH * (MAX_EXTRACT_CHARS // len(PARAGRAPH) + 2_000)
    loaded = article_from_text(text)
    assert loaded.text == text.strip() or len(loaded.text) >= MAX_EXTRACT_CHARS
    proposals = propose(loaded)
    assert proposals, "the first megabyte still gets its proposals"
    assert max(p.end for p in proposals) <= MAX_EXTRACT_CHARS
    for p in proposals[:50]:
        assert loaded.text[p.start : p.end] == p.text


def test_a_normal_article_is_read_whole() -> None:
    loaded = article_from_text(PARAGRAPH * 30)
    assert len(propose(loaded)) == 30
