"""ClaimReview JSON-LD (schema.org): publishable verdicts for search engines and partners.

One ClaimReview per rated claim. ``check_claimreview`` lists what is missing or weak
*before* export (an organisation, a review URL, a numeric rating, an article URL, a short
enough ``claimReviewed``), so an editor can fix it first; the export itself never fails on
them. Every ``url`` is an http(s) address (claimtrack.export.links) or is left out: a
search engine or partner site may turn it into a link. Built with ``json.dumps`` only;
``</`` is escaped so the output may also be pasted into an HTML
``<script type="application/ld+json">`` block safely.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, BinaryIO

from claimtrack.export.links import safe_url
from claimtrack.export.report import Report, ReportClaim

CLAIM_REVIEWED_LIMIT = 75  # Google's guidance: keep claimReviewed short


@dataclass(frozen=True)
class Problem:
    claim_id: int | None  # None: the whole export
    message: str
    blocking: bool  # True: this claim is left out of the export


def publishable(claim: ReportClaim) -> bool:
    return claim.verdict.rated


def written_and_left_out(report: Report) -> tuple[int, int]:
    """How many claims a ClaimReview file holds, and how many it leaves out (no verdict):
    "Exported 18" for a file of 3 reviews misleads the editor who publishes it."""
    written = sum(1 for c in report.claims if publishable(c))
    return written, len(report.claims) - written


def check_claimreview(report: Report) -> list[Problem]:
    problems: list[Problem] = []
    if not report.organisation:
        problems.append(
            Problem(
                None,
                "No organisation is set (the review's author): set it in Preferences "
                "or with --organisation.",
                False,
            )
        )
    if not report.review_url:
        problems.append(
            Problem(None, "No review URL is set; each review's url will be missing.", False)
        )
    elif _review_url(report.review_url, 1) is None:
        problems.append(
            Problem(
                None,
                "The review URL is not a web address (http:// or https://); each review's "
                "url will be missing.",
                False,
            )
        )
    for c in report.claims:
        if not publishable(c):
            problems.append(Problem(c.id, f"Claim #{c.id} has no verdict; it is left out.", True))
            continue
        if c.verdict.rating_value is None:
            problems.append(
                Problem(
                    c.id,
                    f"Claim #{c.id}: the verdict “{c.verdict.label}” has no numeric "
                    "rating (ratingValue).",
                    False,
                )
            )
        if not c.verdict.alternate_name:
            problems.append(
                Problem(c.id, f"Claim #{c.id}: the verdict has no alternateName.", False)
            )
        if len(c.summary) > CLAIM_REVIEWED_LIMIT:
            problems.append(
                Problem(
                    c.id,
                    f"Claim #{c.id}: claimReviewed is {len(c.summary)} characters "
                    f"(keep it under {CLAIM_REVIEWED_LIMIT}); shorten the paraphrase.",
                    False,
                )
            )
        if not c.article.url:
            problems.append(
                Problem(c.id, f"Claim #{c.id}: its article has no URL (appearance).", False)
            )
        elif safe_url(c.article.url) is None:
            problems.append(
                Problem(
                    c.id,
                    f"Claim #{c.id}: its article's URL is not a web address (http:// or "
                    "https://); appearance is left out.",
                    False,
                )
            )
        if not c.claimant:
            problems.append(
                Problem(c.id, f"Claim #{c.id}: no claimant (itemReviewed author).", False)
            )
    return problems


def _author(c: ReportClaim) -> dict[str, Any] | None:
    if not c.claimant:
        return None
    person = c.claimant.kind == "person"
    return {"@type": "Person" if person else "Organization", "name": c.claimant.name}


def _review_url(base: str, claim_id: int) -> str | None:
    """The claim's review page: ``{id}`` filled in, else the claim's anchor on ``base``."""
    url = base.replace("{id}", str(claim_id)) if "{id}" in base else f"{base}#claim-{claim_id}"
    return safe_url(url)


def claim_review(report: Report, c: ReportClaim) -> dict[str, Any]:
    v = c.verdict
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": v.alternate_name or v.label}
    if v.rating_value is not None:
        rating["ratingValue"] = v.rating_value
        rating["bestRating"] = v.best_rating if v.best_rating is not None else 5
        rating["worstRating"] = v.worst_rating if v.worst_rating is not None else 1
    item: dict[str, Any] = {"@type": "Claim"}
    author = _author(c)
    if author:
        item["author"] = author
    if c.article.published:
        item["datePublished"] = c.article.published.isoformat()
    article_url = safe_url(c.article.url)
    if article_url:
        appearance = {"@type": "CreativeWork", "url": article_url, "headline": c.article.title}
        item["appearance"] = [appearance]
        item["firstAppearance"] = appearance
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": c.summary,
        "itemReviewed": item,
        "reviewRating": rating,
        "datePublished": c.updated_at.date().isoformat(),
        # The language the review (its rating name and body) is written in: BCP 47.
        "inLanguage": report.language,
    }
    if report.organisation:
        review["author"] = {"@type": "Organization", "name": report.organisation}
    url = _review_url(report.review_url, c.id) if report.review_url else None
    if url:
        review["url"] = url
    if c.explanation:
        review["reviewBody"] = c.explanation
    return review


def render_claimreview(report: Report) -> str:
    reviews = [claim_review(report, c) for c in report.claims if publishable(c)]
    text = json.dumps(reviews, ensure_ascii=False, indent=2)
    return text.replace("</", "<\\/") + "\n"


def write_claimreview(report: Report, stream: BinaryIO) -> None:
    stream.write(render_claimreview(report).encode("utf-8"))
