"""What an editor sees in the HTML report and in the HTML the PDF is laid out from.

lxml reads both variants (``qt=False``: the web page; ``qt=True``: what QTextDocument
lays out for the PDF). Each test is one thing a reader would notice and the DOCX and
Markdown reports already get right: a role written "(Via)" mid-sentence, a claimant
named twice when nobody relays, a verdict printed in yellow on white, a History date
broken over four lines.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from lxml import html as lxml_html

from claimtrack.export import ReportOptions, Scope, build_report
from claimtrack.export.html import render_html
from claimtrack.export.markup import safe_colour
from claimtrack.export.report import Report
from tests.colours import contrast

COMPACT_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    from claimtrack.services import Services
    from claimtrack.services.sample import load_sample
    from claimtrack.store import open_store

    store = open_store(tmp_path_factory.mktemp("look-html") / "claims.sqlite")
    services = Services(store, "Ayu")
    load_sample(services)
    out = {
        language: build_report(
            services, Scope(), ReportOptions(include_history=True, language=language)
        )
        for language in ("en", "id")
    }
    store.close()
    return out


def tree(report: Report, qt: bool) -> Any:
    return lxml_html.fromstring(render_html(report, qt=qt))


def flat(text: str) -> str:
    return " ".join(text.split())


def styles(element: Any) -> dict[str, str]:
    declarations = (d.split(":", 1) for d in element.get("style", "").split(";") if ":" in d)
    return {k.strip().lower(): v.strip().lower() for k, v in declarations}


@pytest.mark.parametrize("qt", [False, True], ids=["web", "pdf"])
def test_roles_and_kinds_read_in_lower_case_as_in_docx(reports, qt: bool) -> None:
    english = flat(tree(reports["en"], qt).text_content())
    assert "Nicolas Maduro (claimant) › Reuters (via) › Warta Contoh (via)" in english
    assert "Gedung Putih (government)" in english  # a direct claimant, with its kind
    assert "#1 (asked for comment), #4 (claimant)" in english  # the sources table
    for capitalised in ("(Via)", "(Claimant)", "(Protected)", "(Government)", "(Asked for"):
        assert capitalised not in english, capitalised
    assert "a protected source (" not in english.replace("a protected source (claimant)", "")
    indonesian = flat(tree(reports["id"], qt).text_content())
    assert "Reuters (melalui)" in indonesian and "Gedung Putih (pemerintah)" in indonesian
    assert "(Melalui)" not in indonesian and "(Pengklaim)" not in indonesian


@pytest.mark.parametrize("qt", [False, True], ids=["web", "pdf"])
def test_attribution_line_only_when_someone_relays(reports, qt: bool) -> None:
    report = reports["en"]
    text = flat(tree(report, qt).text_content())
    relayed = [c for c in report.claims if c.chain]
    assert 0 < len(relayed) < len(report.claims)
    assert text.count("Attribution") == len(relayed)
    assert text.count("Claimant") == len(report.claims)


def test_web_verdicts_are_badges_with_readable_ink(reports) -> None:
    report = reports["en"]
    page = tree(report, qt=False)
    verdict_colours = {safe_colour(c.verdict.colour).lower() for c in report.claims}
    # No text in a verdict's colour on the white page ("Misleading" in yellow).
    for element in page.iter():
        assert styles(element).get("color") not in verdict_colours, lxml_html.tostring(element)
    for claim in report.claims:
        card = page.get_element_by_id(f"claim-{claim.id}")
        badges = card.find_class("badge")
        assert len(badges) == 2  # the card's header and the Verdict row
        for badge in badges:
            assert badge.text_content() == claim.verdict.label
            style = styles(badge)
            assert style["background"] == safe_colour(claim.verdict.colour).lower()
            assert contrast(style["color"], style["background"]) >= 4.5


def test_pdf_html_colours_only_a_marker_and_the_badge(reports) -> None:
    report = reports["en"]
    page = tree(report, qt=True)
    verdict_colours = {safe_colour(c.verdict.colour).lower() for c in report.claims}
    badges = 0
    for element in page.iter():
        style = styles(element)
        if style.get("color") in verdict_colours:
            assert element.text_content() == "\u25a0"  # the marker before the heading
        if style.get("background-color") in verdict_colours:
            badges += 1
            assert contrast(style["color"], style["background-color"]) >= 4.5
    assert badges == len(report.claims)


def test_default_verdict_colours_all_get_readable_ink(reports) -> None:
    from claimtrack.export.markup import ink

    verdicts = next(s for s in reports["en"].chart.series if s.title == "Verdict")
    assert len(verdicts.bars) == 7
    for bar in verdicts.bars:
        assert contrast(ink(bar.colour), bar.colour) >= 4.5, bar.label


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("qt", [False, True], ids=["web", "pdf"])
def test_history_moments_are_compact(reports, qt: bool, language: str) -> None:
    report = reports[language]
    history = tree(report, qt).xpath("(//table)[last()]/tbody/tr")
    assert len(history) == len(report.history or ()) > 0
    for row in history:
        assert COMPACT_MOMENT.fullmatch(row.xpath("td")[0].text_content()), row.text_content()
