"""Reports in Bahasa Indonesia: every format read back with its own reader.

An Indonesian export must carry the Indonesian headings and labels and none of the English
fixed words; the same export in English carries those English words, so each check can
fail. Redaction holds in both languages; names a newsroom typed itself are kept.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from claimtrack.export import ExportError, ReportOptions, Scope, build_report, export_report
from claimtrack.export.texts import Texts, texts
from claimtrack.services.sample import PARTIES
from tests.helpers import run_claimtrack, sample_desk
from tests.unit.test_export import readable_text

pytestmark = pytest.mark.sqlite_only  # words, not storage: one backend is enough

ROOT = Path(__file__).resolve().parents[2]
PROTECTED_NAME = next(name for name, (_k, protected, _a) in PARTIES.items() if protected)
PROTECTED_ALIAS = PARTIES[PROTECTED_NAME][2]

# Fixed words of a document report (HTML, Markdown, DOCX, PDF), English → Indonesian.
# None of the English words occurs in the sample's own texts (checked by the English run).
DOCUMENT_WORDS = {
    "Overview": "Ikhtisar",
    "Claims (7)": "Klaim (7)",
    "Sources": "Sumber",
    "Appendix: History": "Lampiran: Riwayat",
    "Methodology": "Metodologi",
    "Attribution": "Atribusi",
    "Requests for comment": "Permintaan tanggapan",
    "Stands behind": "Klaim terkait",
    "a protected source": "sumber yang dilindungi",
    "No comment": "Menolak berkomentar",
    "Denial": "Bantahan",
    "Unrated": "Belum dinilai",
    "In progress": "Sedang dikerjakan",
    "Needs sign-off": "Perlu persetujuan",
    "Unverifiable": "Tak dapat diverifikasi",
    "News agency": "Kantor berita",
    "no reply yet": "belum ada jawaban",
}
TABLE_WORDS = {
    "Attribution chain": "Rantai atribusi",
    "Requests for comment": "Permintaan tanggapan",
    "Verdict explanation": "Penjelasan putusan",
    "Claimant": "Pengklaim",
    "Paraphrase": "Parafrasa",
    "a protected source": "sumber yang dilindungi",
    "No comment": "Menolak berkomentar",
    "Unrated": "Belum dinilai",
    "In progress": "Sedang dikerjakan",
    "Supports": "Mendukung",
}
WORDS = {
    "html": DOCUMENT_WORDS,
    "md": DOCUMENT_WORDS,
    "docx": DOCUMENT_WORDS,
    "csv": TABLE_WORDS,
    "xlsx": TABLE_WORDS,
}


@pytest.fixture
def dossier(sample):
    """The sample with the protected source's name and alias typed into a note."""
    claim_id = sample.claims.query_ids()[3]
    sample.claims.update(claim_id, notes=f"Asked {PROTECTED_NAME} again; {PROTECTED_ALIAS} no.")
    return sample


def report_in(services, language: str, **options):
    return build_report(
        services,
        Scope(),
        ReportOptions(
            language=language,
            include_history=True,
            methodology="How we check.",
            organisation="Cek Fakta",
            review_url="https://cek.example/{id}",
            **options,
        ),
    )


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.usefixtures("qapp")  # the DOCX's chart picture is painted by Qt
@pytest.mark.parametrize("fmt", sorted(WORDS))
def test_indonesian_export_has_indonesian_words_and_no_english_ones(
    dossier, tmp_path: Path, fmt: str
) -> None:
    english = flat(
        readable_text(export_report(report_in(dossier, "en"), fmt, tmp_path / f"en.{fmt}"), fmt)
    )
    indonesian = flat(
        readable_text(export_report(report_in(dossier, "id"), fmt, tmp_path / f"id.{fmt}"), fmt)
    )
    if fmt == "md":  # Markdown escapes punctuation; read it as a renderer would
        english, indonesian = english.replace("\\", ""), indonesian.replace("\\", "")
    for en, id_ in WORDS[fmt].items():
        assert en in english, (fmt, en)
        assert id_ not in english, (fmt, id_)
        assert id_ in indonesian, (fmt, id_)
        assert en not in indonesian, (fmt, en)


@pytest.mark.usefixtures("qapp")  # the DOCX's chart picture is painted by Qt
@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_dates_are_written_out_in_the_report_language(dossier, tmp_path: Path, fmt: str) -> None:
    # The sample's evidence was consulted and the ministry asked on 2 December 2025.
    english = readable_text(
        export_report(report_in(dossier, "en"), fmt, tmp_path / f"e.{fmt}"), fmt
    )
    indonesian = readable_text(
        export_report(report_in(dossier, "id"), fmt, tmp_path / f"i.{fmt}"), fmt
    )
    assert "2 December 2025" in english and "2025-12-02" not in english
    assert "2 Desember 2025" in indonesian and "2 December 2025" not in indonesian
    assert re.search(r"\d{2}\.\d{2} UTC", indonesian)  # 09.30: Indonesian writes a dot


def test_xlsx_sheets_are_named_in_the_report_language(dossier, tmp_path: Path) -> None:
    import openpyxl

    for language, names in (("en", ["Claims", "Summary"]), ("id", ["Klaim", "Ringkasan"])):
        path = export_report(report_in(dossier, language), "xlsx", tmp_path / f"{language}.xlsx")
        assert openpyxl.load_workbook(path, read_only=True).sheetnames == names


def test_html_declares_its_language(dossier) -> None:
    from claimtrack.export.html import render_html

    assert '<html lang="id">' in render_html(report_in(dossier, "id"))
    assert '<html lang="en">' in render_html(report_in(dossier, "en"))


def test_claimreview_keeps_schema_keys_and_states_the_language(dossier, tmp_path: Path) -> None:
    reviews = {}
    for language in ("en", "id"):
        path = export_report(report_in(dossier, language), "claimreview", tmp_path / language)
        reviews[language] = json.loads(path.read_text(encoding="utf-8"))
    assert len(reviews["id"]) == len(reviews["en"]) >= 2
    for en, id_ in zip(reviews["en"], reviews["id"], strict=True):
        assert en.keys() == id_.keys()  # schema.org keys are never translated
        assert (en["inLanguage"], id_["inLanguage"]) == ("en", "id")
        assert en["claimReviewed"] == id_["claimReviewed"]  # the claim itself is data
    names = {r["reviewRating"]["alternateName"] for r in reviews["id"]}
    assert "Akurat" in names and "Accurate" not in names
    assert "Accurate" in {r["reviewRating"]["alternateName"] for r in reviews["en"]}


@pytest.mark.usefixtures("qapp")  # the DOCX's chart picture is painted by Qt
def test_redaction_holds_in_indonesian(dossier, tmp_path: Path) -> None:
    report = report_in(dossier, "id")
    for fmt in ("html", "md", "docx", "csv", "xlsx", "claimreview"):
        text = readable_text(export_report(report, fmt, tmp_path / f"r.{fmt}"), fmt).lower()
        assert PROTECTED_NAME.lower() not in text, fmt
        assert PROTECTED_ALIAS.lower() not in text, fmt
        if fmt != "claimreview":
            assert "sumber yang dilindungi" in text, fmt
    # The name typed into a note is replaced by the Indonesian phrase, too.
    noted = next(c for c in report.claims if "Asked" in c.notes)
    assert noted.notes == "Asked sumber yang dilindungi again; sumber yang dilindungi no."
    protected = [s for s in report.sources if s.protected]
    assert [s.name for s in protected] == ["sumber yang dilindungi"]


def test_names_the_newsroom_typed_are_printed_as_stored(dossier, tmp_path: Path) -> None:
    status = next(s for s in dossier.catalog.statuses() if s.key == "in_progress")
    dossier.catalog.update_status(status.id, label="Cek ulang (desk)")
    rating = next(r for r in dossier.catalog.ratings() if r.key == "misleading")
    dossier.catalog.update_rating(rating.id, label="Keliru sebagian")
    for language in ("en", "id"):
        path = export_report(report_in(dossier, language), "md", tmp_path / f"{language}.md")
        text = path.read_text(encoding="utf-8").replace("\\", "")
        assert "Cek ulang (desk)" in text and "Keliru sebagian" in text
        assert "Sedang dikerjakan" not in text and "In progress" not in text
    # Defaults the newsroom left alone are still translated.
    assert "Belum dinilai" in text


@pytest.mark.usefixtures("qapp")  # the DOCX's chart picture is painted by Qt
def test_every_fixed_word_has_an_indonesian_translation(dossier, tmp_path: Path) -> None:
    catalogue = texts("id")
    catalogue.missing.clear()
    report = report_in(dossier, "id")
    for fmt in ("html", "md", "docx", "csv", "xlsx", "claimreview"):
        export_report(report, fmt, tmp_path / f"r.{fmt}")
    from claimtrack.export.html import render_html

    render_html(report, qt=True)
    preview = build_report(dossier, Scope(), ReportOptions(language="id", limit=2))
    render_html(preview, qt=True)
    render_html(preview)
    assert catalogue.missing == set()


def test_scope_and_title_in_indonesian(dossier) -> None:
    from claimtrack.domain import ClaimFilter

    report = build_report(
        dossier,
        Scope(claim_filter=ClaimFilter(statuses=("done",), verdicts=("accurate", "misleading"))),
        ReportOptions(language="id"),
    )
    assert report.title == "Laporan klaim"
    assert report.scope == "Klaim yang cocok: status Selesai; putusan Akurat atau Menyesatkan (1)"
    assert [s.title for s in report.chart.series] == ["Status", "Putusan"]
    chosen = build_report(dossier, Scope(claim_ids=(1, 2)), ReportOptions(language="id"))
    assert chosen.scope == "2 klaim terpilih"


def test_an_unknown_language_is_a_clear_error(dossier) -> None:
    with pytest.raises(ExportError, match="Unknown report language 'fr'; choose one of en, id"):
        build_report(dossier, Scope(), ReportOptions(language="fr"))
    assert build_report(dossier, Scope(), ReportOptions(language="id-ID")).language == "id"


def test_dates_by_hand() -> None:
    moment = datetime(2025, 12, 2, 9, 30, tzinfo=UTC)
    assert Texts("en").date(date(2026, 11, 25)) == "25 November 2026"
    assert Texts("id").date(date(2026, 8, 17)) == "17 Agustus 2026"
    assert Texts("en").date(moment) == "2 December 2025, 09:30 UTC"
    assert Texts("id").date(moment) == "2 Desember 2025, 09.30 UTC"
    assert Texts("id")("Page {number} of {pages}", number=1, pages=5) == "Halaman 1 dari 5"


# ---------------------------------------------------------------- the real program


claimtrack = run_claimtrack


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    return sample_desk(tmp_path_factory.mktemp("language"))


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    # NFKC: the PDF's fonts use ligatures ("ﬀ" in "sign-off").
    return " ".join(unicodedata.normalize("NFKC", out.stdout).replace("\u00ad", "").split())


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_cli_writes_an_indonesian_pdf(desk, tmp_path: Path) -> None:
    db, env = desk
    texts_of = {}
    for language in ("en", "id"):
        out = tmp_path / f"{language}.pdf"
        args = ["export", "--db", str(db), "--format", "pdf", "-o", str(out), "--history"]
        result = claimtrack(*args, "--language", language, env=env)
        assert result.returncode == 0, result.stderr
        texts_of[language] = pdf_text(out)
    english, indonesian = texts_of["en"], texts_of["id"]
    assert "Page 1 of" in english and "Halaman 1 dari" not in english
    assert re.search(r"Halaman 1 dari \d+", indonesian)
    assert "Page 1 of" not in indonesian
    for en, id_ in DOCUMENT_WORDS.items():
        if en in {"Methodology"}:
            continue  # no methodology note given here
        assert en in english, en
        assert id_ in indonesian and en not in indonesian, en
    assert PROTECTED_NAME.lower() not in indonesian.lower()


@pytest.mark.e2e
def test_cli_language_defaults_to_the_interface_language(desk, tmp_path: Path) -> None:
    db, env = desk
    config = tmp_path / "config"
    config.mkdir()
    env = {**env, "CLAIMTRACK_CONFIG_DIR": str(config)}
    out = tmp_path / "r.md"
    args = ["export", "--db", str(db), "--format", "md", "-o", str(out)]
    assert claimtrack(*args, env=env).returncode == 0
    assert "## Overview" in out.read_text(encoding="utf-8")  # nothing chosen: English
    (config / "claimtrack.ini").write_text("[ui]\nlanguage=id\n", encoding="utf-8")
    assert claimtrack(*args, env=env).returncode == 0
    assert "## Ikhtisar" in out.read_text(encoding="utf-8")
    assert claimtrack(*args, "--language", "en", env=env).returncode == 0  # the flag wins
    assert "## Overview" in out.read_text(encoding="utf-8")
    bad = claimtrack(*args, "--language", "fr", env=env)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "invalid choice: 'fr'" in bad.stderr
