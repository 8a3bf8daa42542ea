"""Every export format, written to a real file and read back with a real reader."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from lxml import html as lxml_html

from claimtrack.domain import ClaimFilter
from claimtrack.export import ExportError, ReportOptions, Scope, build_report, export_report
from claimtrack.export.atomic import atomic_write
from claimtrack.export.claimreview import check_claimreview
from claimtrack.services.sample import CLAIMS, PARTIES

PROTECTED_NAME = next(name for name, (_k, protected, _a) in PARTIES.items() if protected)
PROTECTED_ALIAS = PARTIES[PROTECTED_NAME][2]
HOSTILE_NOTE = (
    "Check this <script>alert('x')</script> and <img src=x onerror=alert(1)> "
    "and [a link](javascript:alert(2)) and <a href='https://ok.example' onclick='x()'>y</a>"
)

CLAIMREVIEW_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": [
            "@context",
            "@type",
            "claimReviewed",
            "itemReviewed",
            "reviewRating",
            "author",
            "url",
            "datePublished",
        ],
        "properties": {
            "@context": {"const": "https://schema.org"},
            "@type": {"const": "ClaimReview"},
            "claimReviewed": {"type": "string", "minLength": 1},
            "url": {"type": "string", "pattern": "^https?://"},
            "datePublished": {"type": "string", "format": "date"},
            "author": {
                "type": "object",
                "required": ["@type", "name"],
                "properties": {"@type": {"const": "Organization"}, "name": {"minLength": 1}},
            },
            "itemReviewed": {
                "type": "object",
                "required": ["@type", "author", "appearance"],
                "properties": {
                    "@type": {"const": "Claim"},
                    "author": {"type": "object", "required": ["@type", "name"]},
                    "appearance": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "object", "required": ["url"]},
                    },
                },
            },
            "reviewRating": {
                "type": "object",
                "required": ["@type", "alternateName"],
                "properties": {
                    "@type": {"const": "Rating"},
                    "alternateName": {"type": "string", "minLength": 1},
                    "ratingValue": {"type": "integer"},
                    "bestRating": {"type": "integer"},
                    "worstRating": {"type": "integer"},
                },
                "dependentRequired": {"ratingValue": ["bestRating", "worstRating"]},
            },
        },
    },
}


@pytest.fixture
def dossier(sample):
    """The sample plus hostile and spreadsheet-looking text, and a name to keep secret."""
    ids = sample.claims.query_ids()
    sample.claims.update(ids[2], notes=HOSTILE_NOTE)
    # The protected source's name written into another claim's notes: redaction must catch it.
    sample.claims.update(ids[3], notes=f"Asked {PROTECTED_NAME} again; {PROTECTED_ALIAS} said no.")
    article = sample.articles.list()[0].id
    sample.claims.create(article, '=HYPERLINK("https://evil.example","click")', status="done")
    speaker = sample.parties.find("Gedung Putih").id
    sample.claims.create(article, "=1+1", paraphrase="007", verdict="false", claimant_id=speaker)
    return sample


def report_of(services, **options):
    return build_report(services, Scope(), ReportOptions(**options))


def texts_of_claims(services) -> list[str]:
    return [c.text for c in services.claims.list()]


def test_html_holds_every_claim_and_no_live_script(dossier, tmp_path: Path) -> None:
    path = export_report(report_of(dossier, include_history=True), "html", tmp_path / "r.html")
    tree = lxml_html.fromstring(path.read_bytes())
    body = " ".join(tree.text_content().split())
    for text in texts_of_claims(dossier):
        assert " ".join(text.split()) in body
    assert tree.xpath("//script") == []
    for element in tree.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert not value.strip().lower().startswith("javascript:")
    assert not tree.xpath("//img")  # the note's <img onerror> stayed text
    assert "<script>alert('x')</script>" in body  # shown to the reader, as text
    assert tree.xpath("//svg") or tree.xpath("//*[local-name()='svg']")  # the chart
    assert "Appendix: History" in body


@pytest.mark.usefixtures("qapp")  # the DOCX's chart picture is painted by Qt
def test_redaction_hides_the_protected_source_in_every_format(dossier, tmp_path: Path) -> None:
    report = report_of(dossier, include_history=True, organisation="Desk")
    secrets = [PROTECTED_NAME.lower(), PROTECTED_ALIAS.lower()]
    for fmt in ("html", "md", "docx", "csv", "xlsx", "claimreview"):
        text = readable_text(export_report(report, fmt, tmp_path / f"r.{fmt}"), fmt).lower()
        for secret in secrets:
            assert secret not in text, (fmt, secret)
        if fmt in {"html", "md", "docx", "csv", "xlsx"}:
            assert "a protected source" in text, fmt
    # Without redaction the same exports do name it, so the check above can fail.
    named = report_of(dossier, redact=False)
    for fmt in ("html", "md", "docx", "csv", "xlsx"):
        text = readable_text(export_report(named, fmt, tmp_path / f"n.{fmt}"), fmt).lower()
        assert PROTECTED_NAME.lower() in text, fmt


def readable_text(path: Path, fmt: str) -> str:
    """What a reader of the file could see, via the format's own reader."""
    if fmt == "docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(
            str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
        )
    if fmt == "html":
        return lxml_html.fromstring(path.read_bytes()).text_content()
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.usefixtures("qapp")  # the DOCX's chart picture is painted by Qt
def test_docx_reads_back_with_claims_chart_and_sections(dossier, tmp_path: Path) -> None:
    import docx

    report = report_of(dossier, methodology="We call **every** source.", include_history=True)
    document = docx.Document(str(export_report(report, "docx", tmp_path / "r.docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    for claim in texts_of_claims(dossier):
        assert claim in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Overview", "Methodology", "Sources", "Appendix: History"} <= set(headings)
    assert len(document.inline_shapes) == 1  # the chart image
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "every" in bold  # Markdown in the methodology became formatting, not asterisks
    assert "**" not in text


def test_csv_is_spreadsheet_safe_unless_raw(dossier, tmp_path: Path) -> None:
    report = report_of(dossier)
    safe = list(csv.DictReader(io.StringIO(read(export_report(report, "csv", tmp_path / "s.csv")))))
    raw = list(
        csv.DictReader(
            io.StringIO(read(export_report(report, "csv", tmp_path / "r.csv", csv_raw=True)))
        )
    )
    assert len(safe) == len(raw) == 9
    link = '=HYPERLINK("https://evil.example","click")'
    assert [r["Claim"] for r in safe if "HYPERLINK" in r["Claim"]] == ["'" + link]
    assert [r["Claim"] for r in raw if "HYPERLINK" in r["Claim"]] == [link]
    for row in safe:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), value
    by_text = {r["Claim"]: r for r in raw}
    first = CLAIMS[0]
    assert by_text[first.span]["Attribution chain"].startswith(first.claimant)
    assert by_text[first.span]["Verdict"] == "Unverifiable"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def test_xlsx_keeps_strings_as_strings_and_colours_verdicts(dossier, tmp_path: Path) -> None:
    import openpyxl

    path = export_report(report_of(dossier), "xlsx", tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["Claims"]
    header = [c.value for c in sheet[1]]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    formula_like = rows["=1+1"]
    assert formula_like[1].data_type == "s" and formula_like[1].value == "=1+1"
    paraphrase = formula_like[header.index("Paraphrase")]
    assert paraphrase.data_type == "s" and paraphrase.value == "007"
    verdict = formula_like[header.index("Verdict")]
    assert verdict.value == "False"
    assert verdict.fill.fgColor.rgb.upper().endswith("C62828")
    assert len(rows) == 9


def test_claimreview_validates_and_the_check_lists_what_is_missing(dossier, tmp_path) -> None:
    full = report_of(dossier, organisation="Cek Fakta Contoh", review_url="https://ex.org/c/{id}")
    data = json.loads(export_report(full, "claimreview", tmp_path / "r.jsonld").read_text())
    jsonschema.validate(data, CLAIMREVIEW_SCHEMA, format_checker=jsonschema.FormatChecker())
    rated = [c for c in dossier.claims.list() if c.verdict != "unrated"]
    assert len(data) == len(rated) == 4
    accurate = next(d for d in data if d["reviewRating"]["alternateName"] == "Accurate")
    assert accurate["reviewRating"]["ratingValue"] == 5
    assert accurate["reviewRating"]["bestRating"] == 5
    assert accurate["reviewRating"]["worstRating"] == 1
    assert accurate["author"]["name"] == "Cek Fakta Contoh"
    assert accurate["itemReviewed"]["appearance"][0]["url"].startswith("https://example.org/")
    assert accurate["url"].startswith("https://ex.org/c/")
    messages = [p.message for p in check_claimreview(full)]
    assert any("75" in m for m in messages)  # the long Reuters paraphrase
    assert any("no verdict" in m for m in messages)
    bare = [p.message for p in check_claimreview(report_of(dossier))]
    assert any("organisation" in m for m in bare) and any("review URL" in m for m in bare)


def test_claimreview_escapes_closing_tags(sample, tmp_path: Path) -> None:
    claim_id = sample.claims.query_ids()[-1]
    sample.claims.update(claim_id, paraphrase="</script><script>alert(1)</script>")
    text = export_report(report_of(sample), "claimreview", tmp_path / "r.jsonld").read_text()
    assert "</script>" not in text
    assert any("alert(1)" in d["claimReviewed"] for d in json.loads(text))


def test_markdown_holds_the_claims_and_keeps_html_inert(dossier, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    text = read(export_report(report_of(dossier), "md", tmp_path / "r.md"))
    rendered = MarkdownIt("commonmark").render(text)  # a renderer that passes raw HTML on
    assert "<script" not in rendered and "onerror" not in rendered.replace("onerror=", "")
    assert "javascript:" not in rendered.replace("(javascript:alert(2))", "")
    tree = lxml_html.fromstring(rendered)
    assert not tree.xpath("//script") and not tree.xpath("//img")
    plain = " ".join(tree.text_content().split())
    for claim in texts_of_claims(dossier):
        assert " ".join(claim.split()) in plain


def test_scopes_article_selection_and_filter(dossier) -> None:
    ids = dossier.claims.query_ids()
    chosen = build_report(dossier, Scope(claim_ids=(ids[4], ids[0])))
    assert [c.id for c in chosen.claims] == [ids[4], ids[0]]
    assert chosen.scope.startswith("2 chosen")
    done = build_report(dossier, Scope(claim_filter=ClaimFilter(statuses=("done",))))
    assert {c.status for c in done.claims} == {"done"} and "status done" in done.scope
    article = dossier.articles.list()[0]
    by_article = build_report(dossier, Scope(article_id=article.id))
    assert len(by_article.claims) == 9 and article.title in by_article.scope
    status = dict((b.label, b.count) for b in by_article.chart.series[0].bars)
    assert status["Done"] == 3


def test_sources_list_each_party_with_its_claims(sample) -> None:
    report = report_of(sample)
    names = {s.name: s for s in report.sources}
    assert "Reuters" in names and "a protected source" in names
    reuters = names["Reuters"]
    assert {role for _cid, role in reuters.roles} == {"via"} and len(reuters.roles) == 2
    assert names["a protected source"].protected and names["a protected source"].kind == "protected"


def test_a_party_only_asked_for_comment_is_listed_with_its_own_kind(sample) -> None:
    """Not as "Party": the embassy is a government body, the protected source stays one."""
    first = sample.claims.query_ids()[0]
    embassy = sample.parties.create("Kedutaan Besar AS", "government").id
    sample.replies.add(first, embassy, channel="phone")
    protected = sample.parties.find(PROTECTED_NAME)
    assert protected is not None
    sample.replies.add(first, protected.id, channel="message")
    names = {s.name: s for s in report_of(sample).sources}
    assert names["Kedutaan Besar AS"].kind == "government"
    assert names["Kedutaan Besar AS"].roles == ((first, "asked for comment"),)
    hidden = names["a protected source"]
    assert hidden.kind == "protected" and (first, "asked for comment") in hidden.roles
    assert PROTECTED_NAME not in names
    named = {s.name: s for s in report_of(sample, redact=False).sources}
    assert named[PROTECTED_NAME].kind == "anonymous"  # redaction off: its real kind


@pytest.mark.usefixtures("qapp")  # the DOCX's chart picture is painted by Qt
@pytest.mark.parametrize(("paper", "width"), [("a4", 11906), ("letter", 12240)])
def test_docx_is_written_on_the_paper_asked_for(sample, tmp_path: Path, paper, width) -> None:
    """``claimtrack export --paper letter`` reaches the DOCX writer, as it reaches the PDF."""
    import docx
    from docx.shared import Twips

    path = export_report(report_of(sample), "docx", tmp_path / "r.docx", paper=paper)
    section = docx.Document(str(path)).sections[0]
    assert section.page_width == Twips(width)


def test_failed_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("the old report")

    def half_then_fail(stream) -> None:
        stream.write(b"<html>half a new report")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left"):
        atomic_write(target, half_then_fail)
    assert target.read_text() == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left


def test_export_into_a_missing_folder_is_a_clear_error(sample, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_report(report_of(sample), "csv", tmp_path / "nope" / "r.csv")
    with pytest.raises(ExportError, match="folder"):
        export_report(report_of(sample), "md", tmp_path)


def test_xlsx_cuts_cells_longer_than_excel_allows(sample, tmp_path: Path) -> None:
    import openpyxl

    claim_id = sample.claims.query_ids()[0]
    sample.claims.update(claim_id, notes="x" * 100_000)
    path = export_report(report_of(sample), "xlsx", tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["Claims"]
    notes = sheet.cell(row=2, column=11).value
    assert 32_000 < len(notes) <= 32_767 and notes.endswith("(cut for Excel)")
    assert zipfile.is_zipfile(path)
