"""The PDF's document, typed in with QTextCursor, is the document Qt parses from the HTML.

``claimtrack.pdf.document`` types the claims in instead of parsing their markup (several
times faster). These tests compare both documents paragraph by paragraph and run by run,
every format property, on the sample dossier, on notes of every Markdown kind, and on
arbitrary text in every field: if they are equal, the PDF pages are the same.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.export import ReportOptions, Scope, build_report
from claimtrack.export.report import ArticleInfo, EvidenceItem, Link, ReplyItem, Report
from claimtrack.export.text import clean

METHODOLOGY = "Each claim was checked against **two** sources.\n\n- wire copy\n- ministry page"


def _value(value: Any) -> Any:
    from PySide6.QtGui import QBrush, QColor, QPen, QTextLength

    if isinstance(value, QBrush):
        return ("brush", value.style(), value.color().name(QColor.NameFormat.HexArgb))
    if isinstance(value, QColor):
        return ("colour", value.name(QColor.NameFormat.HexArgb))
    if isinstance(value, QTextLength):
        return ("length", value.type(), value.rawValue())
    if isinstance(value, QPen):
        return ("pen", value.style(), value.color().name(), value.widthF())
    if isinstance(value, list):
        return tuple(_value(v) for v in value)
    return value


def _props(fmt: Any) -> tuple[Any, ...]:
    # Property 0 is the object index: which list a paragraph belongs to, compared below.
    return tuple(sorted((k, _value(v)) for k, v in fmt.properties().items() if k != 0))


def structure(document: Any) -> list[tuple[Any, ...]]:
    """Every paragraph: text, formats, list (numbered by first use) and formatted runs."""
    out = []
    lists: dict[int, int] = {}
    block = document.begin()
    while block.isValid():
        owner = block.textList()
        runs = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            runs.append((fragment.text(), _props(fragment.charFormat())))
            it += 1
        out.append(
            (
                block.text(),
                _props(block.blockFormat()),
                _props(block.charFormat()),
                None if owner is None else lists.setdefault(owner.objectIndex(), len(lists)),
                None if owner is None else _props(owner.format()),
                tuple(runs),
            )
        )
        block = block.next()
    return out


def typed_and_parsed(report: Report) -> tuple[list[Any], list[Any]]:
    from claimtrack.export.html import render_html
    from claimtrack.pdf.document import build_document

    typed = build_document(report)
    parsed = build_document(report, render_html(report, qt=True))
    return structure(typed), structure(parsed)


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from claimtrack.services import Services
    from claimtrack.services.sample import load_sample
    from claimtrack.store import open_store

    store = open_store(tmp_path_factory.mktemp("pdfdoc") / "claims.sqlite")
    services = Services(store, "Ayu")
    load_sample(services)
    yield services
    store.close()


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("redact", [True, False])
def test_sample_typed_equals_parsed(qapp, dossier, language: str, redact: bool) -> None:
    options = ReportOptions(
        include_history=True, methodology=METHODOLOGY, language=language, redact=redact
    )
    typed, parsed = typed_and_parsed(build_report(dossier, Scope(), options))
    assert len(typed) > 100
    assert typed == parsed


# Notes an editor writes, everyday ones first (typed), then every other Markdown construct
# (parsed on their own and copied, or, for a table, the whole report parsed).
EVERYDAY_NOTES = [
    "Checked with the ministry.",
    "First line\nsecond line",
    "One paragraph.\n\nAnother one.",
    "**Unconfirmed.** Ask the agency again.",
    "*Tentative*: wait for the **official** figures.",
    "- call the press office\n- find the original video",
    "1. read the decree\n2. compare the dates\n3. write it up",
    "Fees & costs < 5% > 1%",
    "  indented start\tand a tab",
    "odd spaces\u2003here\u3000and\u00a0there",
    "a line\u2028separator inside",
    "\ufeffstarts with a byte-order mark",
]
OTHER_NOTES = [
    "a \u2029paragraph separator inside",
    "- outer\n  - inner\n- next",
    "- loose item\n\n- another loose item",
    "## Background\n\nThe figure comes from 2019.",
    "See `table 3` and\n\n```\nraw = 12\n```",
    "[The decree](https://example.org/decree) says otherwise.",
    "> quoted from the ministry\n> second line",
    "before\n\n---\n\nafter",
    "| year | total |\n|---|---|\n| 2024 | 12 |",
    "~~retracted~~ figure",
    "mixed **bold *and italic* here**",
    "![chart](https://example.org/c.png)",
    "- ",
    "#",
]


@pytest.mark.parametrize("note", EVERYDAY_NOTES + OTHER_NOTES)
def test_notes_typed_equal_parsed(qapp, dossier, note: str) -> None:
    base = build_report(dossier, Scope(), ReportOptions())
    claims = tuple(
        replace(c, notes=note if n % 2 == 0 else c.notes) for n, c in enumerate(base.claims)
    )
    typed, parsed = typed_and_parsed(replace(base, claims=claims))
    assert typed == parsed


@pytest.mark.parametrize("note", EVERYDAY_NOTES)
def test_everyday_notes_are_typed_not_parsed(note: str) -> None:
    """The fast path really serves the notes editors write most."""
    from claimtrack.export.markup import markdown_html
    from claimtrack.pdf.document import _note_steps

    assert _note_steps(markdown_html(note)) is not None


WHITE = st.sampled_from(list(" \t\n\r\x0b\x0c\x85\xa0\u1680\u2003\u2028\u2029\u202f\u3000\ufeff"))
MARKS = st.sampled_from(["&amp;", "<b>", "**", "- ", "\n\n", "1. ", "`", "#", "\u202e", "é"])
TEXT = st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), WHITE, MARKS), max_size=12)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=TEXT.map("".join), b=TEXT.map("".join), c=TEXT.map("".join), flag=st.booleans())
def test_arbitrary_text_typed_equals_parsed(qapp, dossier, a: str, b: str, c: str, flag: bool):
    a, b, c = clean(a), clean(b), clean(c)
    base = build_report(dossier, Scope(), ReportOptions())
    claim = base.claims[0]
    at = datetime(2025, 1, 1, tzinfo=UTC)
    odd = replace(
        claim,
        text=a,
        paraphrase=b,
        cue=c,
        explanation=a,
        notes=b,
        assignee=c,
        tags=(a, b) if flag else (),
        kind=a or "statement",
        status_label=b,
        claimant=Link(name=a, kind=b, role="claimant", protected=False) if flag else None,
        chain=(Link(name=b, kind=c, role=a, protected=False),),
        article=ArticleInfo(id=1, title=a, outlet=b, url=c, published=date(2025, 1, 2)),
        verdict=replace(claim.verdict, label=c, colour=a),
        evidence=(
            EvidenceItem(c, flag, a, b, c, date(2025, 1, 3) if flag else None),
            EvidenceItem(a, False, "other", "refutes", "", None),
        ),
        replies=(ReplyItem(a, at, b, c, at if flag else None),),
    )
    typed, parsed = typed_and_parsed(replace(base, claims=(odd, *base.claims[1:])))
    assert typed == parsed
