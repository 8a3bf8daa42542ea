"""Hostile and odd text never breaks an exporter (hypothesis) and stays inert."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from claimtrack.export import ReportOptions, Scope, build_report
from claimtrack.export.claimreview import write_claimreview
from claimtrack.export.docx import write_docx
from claimtrack.export.html import write_html
from claimtrack.export.markdown import write_markdown
from claimtrack.export.tabular import write_csv, write_xlsx
from claimtrack.export.text import Redactor

WRITERS = {
    "html": write_html,
    "md": write_markdown,
    "docx": write_docx,
    "csv": write_csv,
    "xlsx": write_xlsx,
    "claimreview": write_claimreview,
}
ODD = st.sampled_from(
    ["\u200f", "\u202e", "\x00", "\ud800", "\udfff", "\r\n", "\t", "=cmd|' /C calc'!A0", "<script>",
     "onerror=", "</", "\ufeff", "\uffff", "_x0000_", "&amp;", "**", "[x](javascript:1)", "é"]
)  # fmt: skip
HOSTILE = st.lists(st.one_of(st.text(max_size=40), ODD), max_size=12).map("".join)


@pytest.fixture(scope="module")
def base_report(tmp_path_factory):
    from claimtrack.services import Services
    from claimtrack.services.sample import load_sample
    from claimtrack.store import open_store

    store = open_store(tmp_path_factory.mktemp("fuzz") / "claims.sqlite")
    services = Services(store, "Ayu")
    load_sample(services)
    report = build_report(services, Scope(), ReportOptions(include_history=True))
    store.close()
    return report


def write_all(report) -> dict[str, bytes]:
    out = {}
    for fmt, writer in WRITERS.items():
        stream = io.BytesIO()
        writer(report, stream)
        out[fmt] = stream.getvalue()
    return out


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE, notes=HOSTILE, name=HOSTILE)
def test_any_text_exports_in_every_format(base_report, text: str, notes: str, name: str) -> None:
    """The texts pass through the same cleaning build_report applies to every field."""
    scrub = Redactor()
    first = base_report.claims[0]
    assert first.claimant is not None
    claim = replace(
        first,
        text=scrub(text) or "x",
        paraphrase=scrub(text),
        notes=scrub(notes),
        explanation=scrub(name),
        claimant=replace(first.claimant, name=scrub(name)),
        tags=(scrub(name),),
    )
    report = replace(base_report, claims=(claim, *base_report.claims[1:]), title=scrub(name))
    files = write_all(report)
    tree = lxml_html.fromstring(files["html"])
    assert not tree.xpath("//script")
    assert not any(k.lower().startswith("on") for e in tree.iter() for k in e.attrib)
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) for r in rows for cell in r
    )
    reviews = json.loads(files["claimreview"])
    assert isinstance(reviews, list)
    assert b"</" not in files["claimreview"]


def test_megabyte_notes_with_every_odd_character(base_report) -> None:
    scrub = Redactor()
    odd = "\u200f\x00\ud800 <script>alert(1)</script> =HYPERLINK(x) **bold** \n\n- item\n"
    notes = scrub(odd * (1_100_000 // len(odd)))
    claim = replace(base_report.claims[0], notes=notes, text=scrub(odd))
    report = replace(base_report, claims=(claim,))
    files = write_all(report)
    assert len(files["html"]) > 1_000_000
    assert not lxml_html.fromstring(files["html"]).xpath("//script")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200))
def test_stored_text_round_trips_through_the_database(tmp_path_factory, text: str) -> None:
    """From the database to every format: the full path, for text SQLite can store."""
    from claimtrack.services import Services
    from claimtrack.store import open_store

    store = open_store(tmp_path_factory.mktemp("rt") / "c.sqlite")
    try:
        services = Services(store, "Ayu")
        article = services.articles.create("A", "body").id
        services.claims.create(article, "claim " + text, notes=text, paraphrase=text)
        report = build_report(services, Scope(), ReportOptions(include_history=True))
    finally:
        store.close()
    files = write_all(report)
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    cleaned = Redactor()("claim " + text)
    assert rows[1][1] == cleaned


MARKDOWN_BITS = st.sampled_from([*list('ab .,!?\n-*"é'), "**", "- ", "\n\n", "Rina"])


@settings(max_examples=300, deadline=None)
@given(source=st.lists(MARKDOWN_BITS, max_size=30).map("".join))
def test_the_fast_markdown_path_renders_what_commonmark_renders(source: str) -> None:
    """Plain notes skip the parser; whenever they do, the HTML must be the parser's."""
    import nh3

    from claimtrack.export import markup

    fast = markup._simple(source)
    if fast is None or not source.strip():
        return
    reference = markup._parser().render(source)
    assert nh3.clean(fast, tags=markup.ALLOWED_TAGS) == nh3.clean(
        reference, tags=markup.ALLOWED_TAGS
    )


def test_common_notes_take_the_fast_path_and_keep_their_formatting() -> None:
    from claimtrack.export import markup

    note = "**Single source.** Find a second outlet.\n\n- Reuters story\n- press office"
    html = markup.markdown_html(note)
    assert html == markup._simple(note)  # no parser was needed
    assert "<strong>Single source.</strong>" in html and html.count("<li>") == 2
    hostile = "**x** <script>alert(1)</script>"
    assert "<script>" not in markup.markdown_html(hostile)


def test_redaction_ignores_case_and_handles_many_similar_names() -> None:
    names = [f"Party {i} Source" for i in range(40)] + ["Sumber-sumber yang mengetahui"]
    scrub = Redactor(names)
    assert scrub("said PARTY 7 source and sumber-SUMBER yang mengetahui") == (
        "said a protected source and a protected source"
    )
    assert scrub("Party 7 Sources") == "a protected sources"  # inside longer words too
    assert scrub.many("plain", "party 39 source") == ["plain", "a protected source"]
    assert Redactor(["ab", " "])("ab ab") == "ab ab"  # too short to redact safely
