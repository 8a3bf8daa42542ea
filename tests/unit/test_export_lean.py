"""CSV and XLSX read straight from the database (``export_table``) are the Report's files.

``export_table`` skips the frozen Report for speed; these tests hold it to the file the
Report-based writer makes of the same selection: byte for byte (CSV) and cell for cell
(XLSX, read back with openpyxl), with a protected party named in free text by its name,
alias and former name, spreadsheet formulas, evidence, replies and odd characters, in
both report languages, redacted and not, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimtrack.domain import ClaimFilter
from claimtrack.export import (
    ExportError,
    ReportOptions,
    Scope,
    build_report,
    export_report,
    export_table,
    tabular,
)
from claimtrack.services import Services, report_queries
from claimtrack.services.sample import PARTIES

PROTECTED_NAME = next(name for name, (_k, protected, _a) in PARTIES.items() if protected)
PROTECTED_ALIAS = PARTIES[PROTECTED_NAME][2]
NEW_NAME = "Orang dalam istana"  # the protected party's name after a rename
LINK = '=HYPERLINK("https://evil.example","click")'
ODD = 'tab\there, bell\x07, escape\x1b, \ufffe, right-to-left \u202e, CRLF\r\nend, "quoted"'
NOW = datetime(2026, 1, 15, 8, 45, tzinfo=UTC)


@pytest.fixture
def desk(sample):
    """The sample plus everything a table cell can get wrong."""
    ids = sample.claims.query_ids()
    protected = sample.parties.find(PROTECTED_NAME).id
    # Renamed: the old name now lives only in History, and must still be redacted.
    sample.parties.update(protected, name=NEW_NAME)
    sample.claims.update(
        ids[1], notes=f"{PROTECTED_NAME} again; then {PROTECTED_ALIAS.upper()} and {NEW_NAME}."
    )
    sample.claims.update(ids[2], notes=LINK, verdict_explanation=ODD, assignee="@desk")
    sample.claims.update(ids[3], cue="-kata", paraphrase="+62 said so")
    article = sample.articles.create(
        f"Second story quoting {PROTECTED_ALIAS}",
        "Some text of the second story, long enough to hold a claim.",
        outlet="Harian Uji",
        url=None,
        language="en",
    ).id
    ministry = sample.parties.find("Kementerian Informasi Venezuela").id
    reuters = sample.parties.find("Reuters").id
    lone = sample.claims.create(article, "=1+1", paraphrase="007", verdict="false").id
    chained = sample.claims.create(
        article,
        f"Who said it: {PROTECTED_NAME}",
        claimant_id=protected,
        chain=[(reuters, "via"), (protected, "citing")],
        status="done",
        tags=["zeta", "+plus"],
    ).id
    # Cells the lean reader caches, each opening like a formula: a claimant, an article,
    # a status, a verdict and the editor who last changed a claim.
    humas = sample.parties.create("@Humas istana", "organisation").id
    odd_article = sample.articles.create(
        "-Breaking: a third story", "Text of a third story.", url="=1+2"
    ).id
    sample.catalog.create_status("recheck", "=Recheck", position=9)
    sample.catalog.create_rating("odd", "+Odd", colour="#123456", position=9)
    odd = sample.claims.create(
        odd_article, "Odd one", claimant_id=humas, chain=[(reuters, "via")], status="recheck"
    ).id
    Services(sample.store, "=editor").claims.update(odd, verdict="odd", assignee="-me")
    sample.evidence.add(lone, file_path="/desk/notes/memo.pdf", type="primary_document")
    sample.evidence.add(
        chained,
        url="https://example.org/memo",
        stance="refutes",
        excerpt=f"{PROTECTED_ALIAS} told us — nothing",
    )
    sample.replies.add(
        chained,
        protected,
        asked_at=datetime(2025, 12, 3, 10, 15, tzinfo=UTC),
        channel="phone",
        response=f"Answered for {PROTECTED_NAME}",
    )
    sample.replies.add(chained, ministry, channel="message", response="=cmd|' /C calc'!A0")
    return sample


def csv_of_report(services, tmp_path: Path, options: ReportOptions, *, raw: bool, scope=None):
    report = build_report(services, scope or Scope(), options)
    path = export_report(report, "csv", tmp_path / "report.csv", csv_raw=raw)
    return path.read_bytes(), len(report.claims)


def csv_of_table(services, tmp_path: Path, options: ReportOptions, *, raw: bool, scope=None):
    path, count = export_table(
        services, scope or Scope(), options, "csv", tmp_path / "table.csv", csv_raw=raw
    )
    return path.read_bytes(), count


@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "named"])
@pytest.mark.parametrize("language", ["en", "id"])
def test_csv_is_byte_identical_to_the_report_csv(desk, tmp_path, language, redact) -> None:
    options = ReportOptions(language=language, redact=redact)
    for raw in (False, True):
        expected, claims = csv_of_report(desk, tmp_path, options, raw=raw)
        data, count = csv_of_table(desk, tmp_path, options, raw=raw)
        assert data == expected, (language, redact, raw)
        assert count == claims == 10
        text = data.decode("utf-8-sig")
        # Not a comparison of two empty files: the cells a user checks are there.
        header, *rows = csv.reader(io.StringIO(text))
        assert header[5] == ("Attribution chain" if language == "en" else "Rantai atribusi")
        notes = [row[10] for row in rows]
        assert (LINK in notes) is raw and (("'" + LINK) in notes) is not raw
        odd = next(row for row in rows if row[1] == "Odd one")
        quote = "" if raw else "'"
        assert odd[4] == quote + "@Humas istana" and odd[5].startswith(quote + "@Humas istana ›")
        assert [odd[7], odd[8], odd[14], odd[15], odd[16], odd[18]] == [
            quote + v for v in ("=Recheck", "+Odd", "-me", "-Breaking: a third story", "=1+2")
        ] + [quote + "=editor"]
        secrets = (PROTECTED_NAME, PROTECTED_ALIAS.upper(), NEW_NAME)
        if redact:
            assert not any(secret in text for secret in secrets)
            phrase = "a protected source" if language == "en" else "sumber yang dilindungi"
            assert text.count(phrase) >= 6
        else:
            assert all(secret in text for secret in secrets)


def test_every_scope_and_chunk_boundary_gives_the_report_rows(desk, tmp_path, monkeypatch):
    """Chunks of three claims (the same code as 2,000): ranges, IN lists and orders."""
    monkeypatch.setattr(report_queries, "_CHUNK", 3)
    monkeypatch.setattr(tabular, "BATCH", 3)
    ids = desk.claims.query_ids()
    article = desk.articles.list()[0].id
    scopes = [
        Scope(),
        Scope(claim_ids=(ids[7], ids[0], ids[4], ids[8], ids[2])),
        Scope(article_id=article),
        Scope(claim_filter=ClaimFilter(statuses=("done", "in_progress"))),
        Scope(claim_filter=ClaimFilter(sort="claimant", descending=True)),
        Scope(claim_filter=ClaimFilter(search="Maduro")),
    ]
    for scope in scopes:
        for options in (ReportOptions(), ReportOptions(limit=4, language="id")):
            expected, claims = csv_of_report(desk, tmp_path, options, raw=False, scope=scope)
            data, count = csv_of_table(desk, tmp_path, options, raw=False, scope=scope)
            assert data == expected, (scope, options.limit)
            assert count == claims > 0


def test_a_claim_deleted_after_its_id_was_read_is_left_out(desk, tmp_path) -> None:
    ids = desk.claims.query_ids()
    desk.claims.delete(ids[3])
    scope = Scope(claim_ids=tuple(ids))
    expected, claims = csv_of_report(desk, tmp_path, ReportOptions(), raw=True, scope=scope)
    data, count = csv_of_table(desk, tmp_path, ReportOptions(), raw=True, scope=scope)
    assert data == expected and count == claims == len(ids) - 1


def cells(path: Path) -> dict[str, list[list[tuple[object, ...]]]]:
    """Every cell of every sheet as openpyxl reads it: value, type, fill, font, layout."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    out = {}
    for sheet in book:
        out[sheet.title] = [
            [
                (
                    c.value,
                    c.data_type,
                    c.fill.fgColor.rgb,
                    c.font.b,
                    c.font.color.rgb if c.font.color else None,
                    c.alignment.vertical,
                    c.alignment.wrap_text,
                )
                for c in row
            ]
            for row in sheet.iter_rows()
        ]
        out[sheet.title + " layout"] = [
            (sheet.freeze_panes, sheet.auto_filter.ref),
            *[(k, d.width) for k, d in sorted(sheet.column_dimensions.items())],
        ]
    out["properties"] = [[(book.properties.title, book.properties.creator)]]
    return out


@pytest.mark.parametrize("language", ["en", "id"])
def test_xlsx_has_the_report_xlsx_cells(desk, tmp_path, language) -> None:
    for redact in (True, False):
        options = ReportOptions(language=language, redact=redact, title="Desk table")
        report = build_report(desk, Scope(), options, now=NOW)
        expected = cells(export_report(report, "xlsx", tmp_path / "report.xlsx"))
        path, count = export_table(desk, Scope(), options, "xlsx", tmp_path / "t.xlsx", now=NOW)
        got = cells(path)
        assert got == expected, (language, redact)
        assert count == 10
        claims = got["Claims" if language == "en" else "Klaim"]
        formula = next(row for row in claims if row[1][0] == "=1+1")
        assert formula[1][1] == "s" and formula[2][0] == "007"  # strings stay strings
        assert formula[8][2].upper().endswith("C62828")  # "False" in its colour
        summary = got["Summary" if language == "en" else "Ringkasan"]
        assert summary[0][0][0] == "Desk table" and "2026" in summary[2][0][0]


def test_progress_reaches_the_end_and_cancel_keeps_the_old_file(desk, tmp_path, monkeypatch):
    monkeypatch.setattr(report_queries, "_CHUNK", 2)
    monkeypatch.setattr(tabular, "BATCH", 2)

    class Stop(Exception):
        pass

    class Recorder:
        def __init__(self, stop_after: int | None = None) -> None:
            self.calls: list[tuple[int, int, str]] = []
            self.checks = 0
            self.stop_after = stop_after

        def progress(self, done: int, total: int, text: str = "") -> None:
            self.calls.append((done, total, text))

        def check(self) -> None:
            self.checks += 1
            if self.stop_after is not None and self.checks > self.stop_after:
                raise Stop

    for fmt in ("csv", "xlsx"):
        seen = Recorder()
        export_table(desk, Scope(), ReportOptions(), fmt, tmp_path / f"a.{fmt}", control=seen)
        rows = [done for done, _total, text in seen.calls if text == "Writing rows"]
        assert rows == sorted(rows) and rows[0] == 0 and rows[-1] == 10
        assert len(rows) >= 5  # one report per chunk of two
        assert all(total == 10 for _d, total, _t in seen.calls)

        target = tmp_path / f"old.{fmt}"
        target.write_bytes(b"the previous export")
        with pytest.raises(Stop):
            export_table(
                desk, Scope(), ReportOptions(), fmt, target, control=Recorder(stop_after=3)
            )
        assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_bad_requests_are_clear_errors(desk, tmp_path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_table(desk, Scope(), ReportOptions(), "csv", tmp_path / "nope" / "t.csv")
    with pytest.raises(ExportError, match="language"):
        export_table(desk, Scope(), ReportOptions(language="fr"), "csv", tmp_path / "t.csv")
    with pytest.raises(ExportError, match="table format"):
        export_table(desk, Scope(), ReportOptions(), "html", tmp_path / "t.html")


@pytest.mark.sqlite_only
def test_timestamps_stored_in_other_shapes_read_as_the_report_reads_them(desk, tmp_path):
    """SQLAlchemy writes 'YYYY-MM-DD HH:MM:SS.ffffff'; another tool may write others."""
    import sqlite3

    ids = desk.claims.query_ids()
    shapes = [
        "2025-12-01 10:00:00",
        "2025-12-01 10:00",
        "2025-12-01T10:00:00",
        "2025-12-01 23:30:00+07:00",
        "2025-12-01 10:00:00.5",
        "2025-12-31 23:59:59.999999",  # past the 28th: read through the column's type
    ]
    with sqlite3.connect(desk.store.path) as conn:
        for claim_id, shape in zip(ids, shapes, strict=False):
            conn.execute("UPDATE claim SET updated_at = ? WHERE id = ?", (shape, claim_id))
        conn.execute("UPDATE reply_request SET asked_at = ?", (shapes[3],))
    expected, _ = csv_of_report(desk, tmp_path, ReportOptions(), raw=True)
    data, _ = csv_of_table(desk, tmp_path, ReportOptions(), raw=True)
    assert data == expected
    assert "2025-12-01 16:30 UTC" in data.decode("utf-8-sig")  # 23:30 at +07:00, in UTC


def test_the_command_line_writes_the_report_csv(desk, tmp_path, store_target, monkeypatch):
    from claimtrack.cli import main

    monkeypatch.setenv("CLAIMTRACK_EDITOR", "Rina")
    for fmt, extra in (("csv", ["--raw"]), ("csv", ["--language", "id"]), ("xlsx", [])):
        out = tmp_path / f"cli.{fmt}"
        argv = ["--db", str(store_target), "export", "--format", fmt, "-o", str(out), *extra]
        assert main(argv) == 0
        options = ReportOptions(language="id" if "id" in extra else "en", generated_by="Rina")
        report = build_report(desk, Scope(claim_filter=ClaimFilter()), options)
        if fmt == "csv":
            ref = export_report(report, fmt, tmp_path / "ref.csv", csv_raw="--raw" in extra)
            assert out.read_bytes() == ref.read_bytes(), extra
        else:
            ref = export_report(report, fmt, tmp_path / "ref.xlsx")
            got, want = cells(out), cells(ref)
            # The summary's "Generated … by …" line is the minute each file was written.
            got.pop("Summary"), want.pop("Summary")
            assert got == want


PIECES = st.sampled_from(
    [PROTECTED_NAME, PROTECTED_ALIAS.upper(), NEW_NAME.lower(), "=", "+", "-", "@", "\t", "\r\n",
     '"', ",", "İ", "ß", "\u202e", "\ufffe", "\x07", "— ", "UTC", "Maduro"]
)  # fmt: skip
TEXT = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00")), PIECES
    ),
    max_size=6,
).map("".join)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(notes=TEXT, paraphrase=TEXT, response=TEXT)
def test_any_text_gives_the_report_cells(desk, tmp_path, notes, paraphrase, response) -> None:
    ids = desk.claims.query_ids()
    desk.claims.update(ids[0], notes=notes, paraphrase=paraphrase)
    asked = next(c.id for c in desk.claims.list() if c.text.startswith("Who said it"))
    reply = desk.replies.for_claim(asked)[-1]
    desk.replies.update(reply.id, response=response)
    for language in ("en", "id"):
        options = ReportOptions(language=language)
        expected, _ = csv_of_report(desk, tmp_path, options, raw=False)
        assert csv_of_table(desk, tmp_path, options, raw=False)[0] == expected


TRICKY = [
    "Kelvin",
    "\u212aelvin",
    "\u017fam",
    "İstanbul",
    "ab",
    "a\x00b",
    " Rina ",
    "par",
    "PARTY 9",
]


@settings(max_examples=300, deadline=None)
@example(spellings=["sam"], texts=["the \u017fam case", "", "", "", ""])  # ſ folds to s
@given(
    spellings=st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), max_size=4),
    texts=st.lists(
        st.one_of(st.text(max_size=20), st.sampled_from([*TRICKY, "kelvin", "sam", "\ufffd"])),
        min_size=5,
        max_size=5,
    ),
)
def test_the_quick_unchanged_test_never_skips_a_redaction(spellings, texts) -> None:
    """Where the lean reader skips ``Redactor.many``, ``many`` would have changed nothing."""
    from claimtrack.export.report import Selection
    from claimtrack.export.rows import _untouched_test
    from claimtrack.export.text import Redactor
    from claimtrack.export.texts import texts as catalogue

    for active in (spellings, []):
        selection = Selection(
            "en", catalogue("en"), [], 0, {}, {}, {}, set(), Redactor(active), tuple(active)
        )
        if _untouched_test(selection)(tuple(texts)):
            assert selection.redact.many(*texts) == texts
