"""CSV and XLSX straight from the database: the table's cells without the whole report.

``build_report`` makes a frozen object per claim, link, evidence item and reply, with
fields no table shows (dates of creation, outlets, ratings' schema.org mapping …), and
reads them through SQLAlchemy's typed rows: at 100,000 claims that was two thirds of a
CSV export. Here each chunk of 2,000 claims is read in five queries (claims with their
status and verdict keys, chains, tags, evidence, replies) through the driver's own cursor
(``services.report_queries.table_snapshot``: one read transaction for the whole file),
turned into exactly the cells ``tabular.row`` makes of a ``ReportClaim`` and handed to the
writer, which can cancel between chunks. Names, labels and redaction come from the same
``Selection`` as the report's, so the cells are the same text; tests compare the files.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtrack.export import TABULAR
from claimtrack.export.atomic import ExportError, atomic_write
from claimtrack.export.markup import when
from claimtrack.export.report import (
    Control,
    NullControl,
    ReportOptions,
    Scope,
    Selection,
    chart_of_tallies,
    heading,
    select_claims,
)
from claimtrack.export.tabular import _DANGEROUS, Batch, Sheet, safe_cell, write_csv, write_xlsx
from claimtrack.export.text import clean

if TYPE_CHECKING:
    from claimtrack.services import Services
    from claimtrack.services.report_queries import TableSnapshot

# Cells checked for spreadsheet safety on every row (the claim's own texts, evidence,
# replies, tags); every other cell comes from a cache made safe once. ``tabular.row`` order.
_PER_ROW = (1, 2, 6, 9, 10, 11, 12, 13)

# A stored SQLite timestamp with no zone (what SQLAlchemy writes for UTC): its minutes in
# ISO form are its first 16 characters. Anything else (other shapes, days past the 28th,
# which need a calendar to check) goes through the column's type, as the report's does.
_PLAIN_UTC = re.compile(
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8]) (?:[01]\d|2[0-3]):[0-5]\d"
    r"(?::[0-5]\d(?:\.\d{1,6})?)?"
)


def export_rows(
    services: Services,
    scope: Scope | None,
    options: ReportOptions | None,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    csv_raw: bool = False,
    control: Control | None = None,
    now: datetime | None = None,
) -> tuple[Path, int]:
    """Write the scope's claims as CSV or XLSX to ``path`` atomically; (path, rows written).

    ``now`` is the report's time of generation (the XLSX summary shows it), by default now.

    The cyclic garbage collector is paused meanwhile, as in ``build_report``: the rows are
    many small acyclic objects and collections would only walk them.
    """
    if fmt not in TABULAR:
        raise ExportError(f"Unknown table format {fmt!r}; choose one of {', '.join(TABULAR)}.")
    control = control or NullControl()
    paused = gc.isenabled()
    gc.disable()
    try:
        safe = fmt == "csv" and not csv_raw
        sheet = read_sheet(services, scope, options, control, now=now, safe=safe)
        rows: list[int] = []
        if fmt == "csv":
            written = atomic_write(
                path, lambda s: rows.append(write_csv(sheet, s, raw=csv_raw, control=control))
            )
        else:
            written = atomic_write(
                path, lambda s: rows.append(write_xlsx(sheet, s, control=control))
            )
        return written, rows[-1]
    finally:
        if paused:
            gc.enable()


def read_sheet(
    services: Services,
    scope: Scope | None = None,
    options: ReportOptions | None = None,
    control: Control | None = None,
    *,
    now: datetime | None = None,
    safe: bool = False,
) -> Sheet:
    """The table of a scope, its rows read lazily, chunk by chunk, as the writer asks.

    ``safe``: cells come already spreadsheet-safe (``tabular.safe_cell``), for a CSV that
    is not raw; the reader checks each repeated value once instead of every cell.
    """
    scope = scope or Scope()
    options = options or ReportOptions()
    control = control or NullControl()
    selection = select_claims(services, scope, options, control)
    head = heading(services, scope, options, selection, now)
    by_status: dict[str, int] = {}
    by_verdict: dict[str, int] = {}
    batches = _Batches(services, selection, by_status, by_verdict, safe)

    def chart() -> Any:
        return chart_of_tallies(
            by_status,
            by_verdict,
            statuses=list(selection.status_labels.items()),
            ratings=selection.ratings,
            language=selection.language,
        )

    return Sheet(
        title=head.title,
        scope=head.scope,
        generated_at=head.generated_at,
        generated_by=head.generated_by,
        language=selection.language,
        total=len(selection.ids),
        batches=batches,
        chart=chart,
        safe=safe,
    )


class _Batches:
    """The rows of a selection, a chunk at a time, counted per status and verdict."""

    def __init__(
        self,
        services: Services,
        selection: Selection,
        by_status: dict[str, int],
        by_verdict: dict[str, int],
        safe: bool,
    ) -> None:
        self.services = services
        self.selection = selection
        self.by_status = by_status
        self.by_verdict = by_verdict
        self.safe = safe

    def __iter__(self) -> Iterator[Batch]:
        # One read transaction: on SQLite every chunk then sees the same snapshot.
        with self.services.report_queries.table_snapshot() as snapshot:
            reader = _Reader(snapshot, self.selection, self.safe)
            for chunk in snapshot.chunks(self.selection.ids):
                yield reader.batch(chunk, self.by_status, self.by_verdict)


class _Reader:
    """Reads chunks of claims into table rows, caching what repeats across claims.

    With ``safe``, the cells are made spreadsheet-safe here: a value that fills a whole
    cell and repeats (a name, label, article, editor) is made safe once, in its cache; a
    chain is safe when its first name is; the claim's own texts are checked per row.
    """

    def __init__(self, db: TableSnapshot, selection: Selection, safe: bool = False) -> None:
        self.db = db
        self.sel = selection
        tx = selection.tx
        self.label = tx.label
        self.no_reply = tx("no reply yet")
        self.to_datetime = db.claim_time
        self.reply_datetime = db.reply_time

        self.articles: dict[int, tuple[str, str]] = {}  # id -> (title, url), redacted
        self.names: dict[int, str] = {}  # party id -> claimant / link name
        self.links: dict[tuple[int, str], str] = {}  # (party id, role) -> "Name (Role)"
        self.reply_names: dict[int, str] = {}
        self.verdicts: dict[str, tuple[str, str]] = {}  # key -> (label cell, colour)
        self.labels: dict[str, str] = {}
        self.untouched = _untouched_test(selection)
        self.safe = safe
        self.cell: Callable[[str], str] = safe_cell if safe else _same  # type: ignore[assignment]
        # Whole cells, made safe if asked: claimant names, kinds, statuses, people.
        self.claimant_cells: dict[int, str] = {}
        self.kind_cells: dict[str, str] = {}
        self.status_cells: dict[str, str] = {}
        self.people: dict[str, str] = {}  # assignee / updated_by -> cell

    # ------------------------------------------------------------ cached words
    def _name(self, party_id: int) -> str:
        found = self.names.get(party_id)
        if found is None:
            found = self.names[party_id] = self.sel.party_name(party_id)
        return found

    def _link(self, party_id: int, role: str) -> str:
        found = self.links.get((party_id, role))
        if found is None:
            found = self.links[(party_id, role)] = f"{self._name(party_id)} ({self._label(role)})"
        return found

    def _label(self, identifier: str) -> str:
        found = self.labels.get(identifier)
        if found is None:
            found = self.labels[identifier] = self.label(identifier)
        return found

    def _claimant(self, party_id: int) -> str:
        found = self.claimant_cells.get(party_id)
        if found is None:
            found = self.claimant_cells[party_id] = self.cell(self._name(party_id))
        return found

    def _kind(self, kind: str) -> str:
        found = self.kind_cells.get(kind)
        if found is None:
            found = self.kind_cells[kind] = self.cell(self._label(kind))
        return found

    def _status(self, key: str) -> str:
        found = self.status_cells.get(key)
        if found is None:
            found = self.status_cells[key] = self.cell(self.sel.status_labels.get(key, key))
        return found

    def _person(self, value: str) -> str:
        found = self.people.get(value)
        if found is None:
            found = self.people[value] = self.cell(clean(value))
        return found

    def _when(self, value: Any, convert: Callable[[Any], Any]) -> str:
        if value.__class__ is str and _PLAIN_UTC.fullmatch(value):
            return value[:16] + " UTC"
        return when(convert(value))

    # ------------------------------------------------------------ reading
    def _load_articles(self, ids: set[int]) -> None:
        missing = sorted(ids - self.articles.keys())
        redact = self.sel.redact
        cell = self.cell
        for article_id, title, url in self.db.articles(missing):
            self.articles[article_id] = (cell(redact(title)), cell(clean(url or "")))

    def batch(
        self, chunk: list[int], by_status: dict[str, int], by_verdict: dict[str, int]
    ) -> Batch:
        """The rows of one chunk of claims, in the chunk's order (vanished claims left out)."""
        db = self.db
        found = {r[0]: r for r in db.claims(chunk)}
        self._load_articles({r[1] for r in found.values()})
        label, redact = self._label, self.sel.redact

        chains: dict[int, list[str]] = {}
        for claim_id, party_id, role in db.chains(chunk):
            chains.setdefault(claim_id, []).append(self._link(party_id, role))
        tags: dict[int, list[str]] = {}
        for claim_id, name in db.tags(chunk):
            tags.setdefault(claim_id, []).append(clean(name))
        evidence: dict[int, list[str]] = {}
        for claim_id, url, file_path, kind, stance, excerpt in db.evidence(chunk):
            excerpt = redact(excerpt)
            line = f"{label(stance)} · {label(kind)}: {redact(url or file_path or '')}"
            evidence.setdefault(claim_id, []).append(line + (f" — {excerpt}" if excerpt else ""))
        replies: dict[int, list[str]] = {}
        for claim_id, party_id, asked_at, channel, response in db.replies(chunk):
            party = self.reply_names.get(party_id)
            if party is None:
                party = self.reply_names[party_id] = self.sel.reply_party(party_id)
            asked = self._when(asked_at, self.reply_datetime)
            answer = redact(response) or self.no_reply
            replies.setdefault(claim_id, []).append(f"{party}, {asked}, {label(channel)}: {answer}")

        many, articles, safe = redact.many, self.articles, self.safe
        to_datetime, plain, untouched = self.to_datetime, _PLAIN_UTC.fullmatch, self.untouched
        kind_cell, status_cell, person, claimant_cell = (
            self._kind,
            self._status,
            self._person,
            self._claimant,
        )
        out: Batch = []
        for claim_id in chunk:
            r = found.get(claim_id)
            if r is None:
                continue
            (
                _id,
                article_id,
                text,
                paraphrase,
                kind,
                cue,
                claimant_id,
                status,
                verdict_key,
                explanation,
                notes,
                assignee,
                _created_at,
                updated_at,
                updated_by,
            ) = r
            if not untouched((text, paraphrase, cue, explanation, notes)):
                text, paraphrase, cue, explanation, notes = many(
                    text, paraphrase, cue, explanation, notes
                )
            if claimant_id is None:
                claimant, first = "", "—"
            else:
                # Safe as a cell, safe as the chain's start: a chain is unsafe only by it.
                claimant = first = claimant_cell(claimant_id)
            links = chains.get(claim_id)
            verdict = self.verdicts.get(verdict_key)
            if verdict is None:
                v = self.sel.verdict(verdict_key)
                verdict = self.verdicts[verdict_key] = (self.cell(v.label), v.colour)
            title, url = articles[article_id]
            by_status[status] = by_status.get(status, 0) + 1
            by_verdict[verdict_key] = by_verdict.get(verdict_key, 0) + 1
            if updated_at.__class__ is str and plain(updated_at):
                updated = updated_at[:16] + " UTC"
            else:
                updated = self.cell(when(to_datetime(updated_at)))
            found_tags = tags.get(claim_id)
            found_evidence = evidence.get(claim_id)
            found_replies = replies.get(claim_id)
            cells: list[str | int] = [
                claim_id,
                text,
                paraphrase,
                kind_cell(kind),
                claimant,
                " › ".join([first, *links]) if links else first,
                cue,
                status_cell(status),
                verdict[0],
                explanation,
                notes,
                "\n".join(found_evidence) if found_evidence else "",
                "\n".join(found_replies) if found_replies else "",
                ", ".join(found_tags) if found_tags else "",
                person(assignee),
                title,
                url,
                updated,
                person(updated_by),
            ]
            if safe:
                for i in _PER_ROW:
                    value = cells[i]
                    if value.startswith(_DANGEROUS):  # type: ignore[union-attr]
                        cells[i] = "'" + value  # type: ignore[operator]
            out.append((cells, verdict[1]))
        return out


def _same(value: str) -> str:
    return value


def _untouched_test(selection: Selection) -> Callable[[tuple[str, ...]], bool]:
    """An exact, cheaper stand-in for "``redact.many`` would give these texts back as they are".

    ``many`` cleans each text (``clean``) and, for ASCII text, looks for every protected
    spelling, lower-cased, in the lower-cased texts; only a hit, or non-ASCII text, leads
    to replacing. Texts with nothing to clean, in which not even the first three letters
    of any spelling occur, can have no hit. With more than a few dozen distinct openings
    the Redactor's own trie search is quicker than this test, so it is left to decide.
    """
    redact = selection.redact
    if not redact.active:

        def clean_only(texts: tuple[str, ...]) -> bool:
            try:
                joined = "\n".join(texts)  # "\n" is no character ``clean`` replaces
            except TypeError:  # a NULL: ``clean`` makes it ""
                return False
            return clean(joined) == joined

        return clean_only
    heads = tuple({s.strip().lower()[:3] for s in selection.spellings if len(s.strip()) >= 3})
    if len(heads) > 32:
        return lambda _texts: False

    def untouched(texts: tuple[str, ...]) -> bool:
        try:
            joined = "\n".join(texts)
        except TypeError:
            return False
        if not joined.isascii() or clean(joined) != joined:
            return False
        lowered = joined.lower()
        return not any(head in lowered for head in heads)

    return untouched
