"""What an editor sees in the DOCX and Markdown reports, read back with real readers.

python-docx reads the Word file (styles, runs, tables, footer fields, links, the chart);
markdown-it renders the Markdown as a forge would. Each test is one thing a reader would
notice: a broken link, a role written "(Via)" mid-sentence, a table that does not fit the
page, raw ``**`` in a note, a stray backslash in plain text.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from claimtrack.export import ReportOptions, Scope, build_report
from claimtrack.export.report import Report

METHODOLOGY = (
    "Every claim was read against the **original** wire copy; see "
    "[the desk guide](https://example.org/desk-guide).\n\n- two sources\n- a reply asked for"
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    from claimtrack.services import Services
    from claimtrack.services.sample import load_sample
    from claimtrack.store import open_store

    store = open_store(tmp_path_factory.mktemp("look") / "claims.sqlite")
    services = Services(store, "Ayu")
    load_sample(services)
    out = {
        language: build_report(
            services,
            Scope(),
            ReportOptions(include_history=True, methodology=METHODOLOGY, language=language),
        )
        for language in ("en", "id")
    }
    store.close()
    return out


def docx_of(report: Report, **options: Any) -> Any:
    from docx import Document

    from claimtrack.export.docx import write_docx

    stream = io.BytesIO()
    write_docx(report, stream, **options)
    return Document(io.BytesIO(stream.getvalue()))


def body_text(doc: Any) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def links(doc: Any) -> dict[str, str]:
    """Each hyperlink's text and where it leads."""
    rels = doc.part.rels
    out = {}
    for link in doc.element.body.iter(f"{W}hyperlink"):
        text = "".join(t.text or "" for t in link.iter(f"{W}t"))
        out[text] = rels[link.get(f"{R}id")].target_ref
    return out


def paragraph(doc: Any, starts: str) -> Any:
    return next(p for p in doc.paragraphs if p.text.startswith(starts))


# ---------------------------------------------------------------- DOCX


def test_docx_attribution_chain_writes_roles_in_lower_case(reports) -> None:
    english, indonesian = docx_of(reports["en"]), docx_of(reports["id"])
    text = body_text(english)
    assert "Nicolas Maduro (claimant) › Reuters (via) › Warta Contoh (via)" in text
    assert "Claimant: Nicolas Maduro (person)" in text
    assert "(Via)" not in text and "(Claimant)" not in text
    assert "Reuters (melalui)" in body_text(indonesian)
    sources = english.tables[0]
    behind = {row.cells[0].text: row.cells[2].text for row in sources.rows[1:]}
    assert behind["Reuters"].endswith("(via)") and "(asked for comment)" in " ".join(
        behind.values()
    )


def test_docx_attribution_line_only_when_someone_relays(reports) -> None:
    """A claimant speaking directly is named once, not twice."""
    text = body_text(docx_of(reports["en"]))
    assert "Claimant: Gedung Putih (government)" in text
    assert "Attribution: Gedung Putih" not in text


def test_docx_article_and_evidence_are_links_with_outlet_and_date(reports) -> None:
    report = reports["en"]
    doc = docx_of(report)
    found = links(doc)
    article = report.claims[0].article
    assert found[article.title] == article.url
    evidence = report.claims[0].evidence[0]
    assert found[evidence.target] == evidence.target
    assert found["the desk guide"] == "https://example.org/desk-guide"  # a link in a note
    assert f"{article.title} — Warta Contoh, 2 December 2025" in body_text(doc)


def test_docx_notes_become_formatted_runs_not_markup(reports) -> None:
    doc = docx_of(reports["en"])
    assert "**" not in body_text(doc)
    note = paragraph(doc, "Single source.")
    assert note.runs[0].text == "Single source." and note.runs[0].bold
    bullet = paragraph(doc, "Reuters story of early December")
    assert bullet.style.name == "List Bullet"
    excerpt = paragraph(doc, "Supports · Media report:")
    # The excerpt starts a new line (python-docx reads the w:br as "\n") and is in italics.
    assert excerpt.runs[-1].italic and excerpt.runs[-1].text.startswith("\nReuters account")


def test_docx_claim_blocks_hold_together_across_pages(reports) -> None:
    doc = docx_of(reports["en"])
    heading = paragraph(doc, "#1 · Statement")
    assert heading.style.name == "Heading 2" and heading.style.paragraph_format.keep_with_next
    quote = paragraph(doc, "“Maduro bersedia")
    assert quote.paragraph_format.keep_with_next
    assert quote._p.find(f"{W}pPr/{W}pBdr/{W}left") is not None  # set off by a rule
    for label in ("Notes", "Evidence", "Requests for comment"):
        assert paragraph(doc, label).paragraph_format.keep_with_next, label


def test_docx_verdict_badge_is_shaded_in_its_colour(reports) -> None:
    doc = docx_of(reports["en"])
    heading = paragraph(doc, "#1 · Statement")
    badge = heading.runs[-1]
    assert badge.text.strip() == "Unverifiable" and badge.bold
    fill = badge._r.find(f"{W}rPr/{W}shd").get(f"{W}fill")
    assert fill == reports["en"].claims[0].verdict.colour.lstrip("#").upper()
    assert str(badge.font.color.rgb) == "FFFFFF"  # white reads on the dark violet


@pytest.mark.usefixtures("qapp")  # the chart picture is painted by Qt
@pytest.mark.parametrize(("paper", "width"), [("a4", 11906), ("letter", 12240)])
def test_docx_page_size_footer_and_chart(reports, paper: str, width: int) -> None:
    from docx.shared import Twips

    from claimtrack.render.chart import chart_png

    doc = docx_of(reports["en"], paper=paper, chart_png=chart_png)
    section = doc.sections[0]
    assert section.page_width == Twips(width)
    text_width = section.page_width - section.left_margin - section.right_margin
    chart = doc.inline_shapes[0]
    assert chart.width <= text_width
    assert "Unverifiable 1" in chart._inline.docPr.get("descr")
    footer = section.footer.paragraphs[0]._p
    fields = [f.get(f"{W}instr").strip() for f in footer.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    words = "".join(t.text or "" for t in footer.iter(f"{W}t"))
    assert words.startswith("Claim report · ") and "Page 1 of 1" in words


def test_docx_without_a_chart_painter_keeps_the_summary(reports) -> None:
    """The DOCX writer paints nothing itself: no painter given, no picture, same words."""
    doc = docx_of(reports["en"])
    assert len(doc.inline_shapes) == 0
    assert any(p.text.startswith("Status: ") and "Unverifiable 1" in p.text for p in doc.paragraphs)


def test_docx_footer_in_indonesian(reports) -> None:
    footer = docx_of(reports["id"]).sections[0].footer.paragraphs[0]._p
    words = "".join(t.text or "" for t in footer.iter(f"{W}t"))
    assert words.startswith("Laporan klaim · ") and "Halaman 1 dari 1" in words


def test_docx_tables_fit_the_page_and_repeat_their_header(reports) -> None:
    from docx.shared import Length

    report = reports["en"]
    doc = docx_of(report)
    section = doc.sections[0]
    text_width = Length(section.page_width - section.left_margin - section.right_margin).twips
    sources, history = doc.tables
    assert len(sources.rows) == len(report.sources) + 1
    assert len(history.rows) == len(report.history or ()) + 1
    for table in (sources, history):
        tbl = table._tbl
        widths = [int(col.get(f"{W}w")) for col in tbl.iter(f"{W}gridCol")]
        assert sum(widths) <= text_width
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    when, who, claim = (cell.text for cell in history.rows[1].cells[:3])
    assert when.endswith("UTC") and len(when) == len("2025-12-02 09:30 UTC")
    assert who and claim.startswith("#")
    assert history.rows[1].cells[0].paragraphs[0].style.font.size.pt == 8


# ---------------------------------------------------------------- Markdown


def markdown_of(report: Report) -> str:
    from claimtrack.export.markdown import render_markdown

    return render_markdown(report)


def rendered(text: str) -> Any:
    from markdown_it import MarkdownIt

    return lxml_html.fromstring(MarkdownIt("commonmark").enable("table").render(text))


def test_markdown_links_lead_where_they_say(reports) -> None:
    """Backslashes inside an autolink become part of the address: none are written."""
    report = reports["en"]
    tree = rendered(markdown_of(report))
    hrefs = set(tree.xpath("//a/@href"))
    assert report.claims[0].article.url in hrefs
    assert report.claims[0].evidence[0].target in hrefs
    assert not [h for h in hrefs if "\\" in h or "%5C" in h]


def test_markdown_reads_as_plain_text(reports) -> None:
    text = markdown_of(reports["en"])
    assert "Needs sign-off" in text and "all claims (7)" in text
    assert "\\-" not in text and "\\(" not in text and "\\." not in text
    assert "Reuters (via)" in text and "(Via)" not in text
    assert "— Warta Contoh, 2 December 2025 <https://" in text
    assert text.endswith("|\n") and not text.endswith("\n\n")


def test_markdown_still_keeps_markup_inert(reports) -> None:
    base = reports["en"]
    odd = "1. **not bold** <b>x</b> [link](javascript:alert(1)) &copy; # | ~~s~~ _i_ #"
    claim = replace(base.claims[0], text=odd, paraphrase="- not a list", cue="> not a quote")
    report = replace(base, claims=(claim,), title="# Not a second heading #")
    tree = rendered(markdown_of(report))
    assert not tree.xpath("//b | //strong[.='not bold'] | //s | //del | //em[.='i']")
    assert not tree.xpath("//a[starts-with(@href, 'javascript')]")
    plain = " ".join(tree.text_content().split())
    assert odd in plain and "- not a list" in plain and "> not a quote" in plain
    assert tree.xpath("//h1")[0].text_content() == "# Not a second heading #"


def test_docx_note_lists_tables_and_quotes_stay_what_they_are(reports) -> None:
    base = reports["en"]
    first = "1. read the decree\n2. call the agency\n\n> provisional, the agency says"
    first += "\n\n| year | total |\n|---|---|\n| 2024 | **12** |"
    claims = (
        replace(base.claims[0], notes=first),
        replace(base.claims[1], notes="1. a list of its own\n2. second step"),
    )
    doc = docx_of(replace(base, claims=claims))

    def number_id(starts: str) -> str:
        return paragraph(doc, starts)._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")

    # Each numbered list counts from 1: its own numbering, restarted.
    assert number_id("read the decree") == number_id("call the agency")
    assert number_id("a list of its own") != number_id("read the decree")
    quote = paragraph(doc, "provisional, the agency says")
    assert quote._p.find(f"{W}pPr/{W}pBdr/{W}left") is not None
    table = doc.tables[0]  # the note's table comes before Sources
    assert [c.text for c in table.rows[0].cells] == ["year", "total"]
    assert [c.text for c in table.rows[1].cells] == ["2024", "12"]
    assert table.rows[1].cells[1].paragraphs[0].runs[0].bold


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.characters(),
            st.sampled_from([*"\\`*_[]|~<&#-+>=.) \t\n\r\xa0\u2003\u2028\u3000", "1.", "&amp;"]),
        ),
        max_size=12,
    ).map("".join)
)
def test_markdown_escape_shortcut_changes_nothing(text: str) -> None:
    """Text esc() returns untouched is exactly what full escaping would return."""
    from claimtrack.export.markdown import _escape, esc

    assert esc(text) == _escape(text)
