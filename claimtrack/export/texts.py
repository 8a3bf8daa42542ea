"""The fixed words of a report in each language it can be written in (English, Indonesian).

A small gettext-like catalogue without Qt: a report is written in its own language, which
need not be the interface's (a desk working in English may hand an Indonesian newsroom its
report), and the export layer must not import Qt. Messages are keyed by their English text;
``Texts(language)("Claims ({count})", count=3)`` formats the translation.

Status and verdict names: the database stores the English defaults of migration 0001;
while a name is still that default it is printed in the report's language (the same words
as the interface's ``claimtrack_id.ts``); a name the newsroom chose is printed as stored.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

LANGUAGES: dict[str, str] = {"en": "English", "id": "Bahasa Indonesia"}
DEFAULT_LANGUAGE = "en"

# English message -> Indonesian. English needs no table: the message is its own text.
_ID: dict[str, str] = {
    # report.py: title, scope, chart, redaction
    "Claim report": "Laporan klaim",
    "a protected source": "sumber yang dilindungi",
    "{count} chosen claim(s)": "{count} klaim terpilih",
    "The claims of the article “{title}” ({count})": "Klaim dalam artikel “{title}” ({count})",
    "Claims matching: {where} ({count})": "Klaim yang cocok: {where} ({count})",
    "all claims": "semua klaim",
    " or ": " atau ",
    "status {values}": "status {values}",
    "verdict {values}": "putusan {values}",
    "kind {values}": "jenis {values}",
    "article {id}": "artikel {id}",
    "tag “{tag}”": "tag “{tag}”",
    "assigned to “{name}”": "ditugaskan kepada “{name}”",
    "party {id}": "pihak {id}",
    "search “{text}”": "pencarian “{text}”",
    "Status": "Status",
    "Verdict": "Putusan",
    "Claims by status and by verdict": "Klaim menurut status dan putusan",
    # the document's header
    "Scope": "Cakupan",
    "Generated": "Dibuat",
    "Generated {when} by {who}": "Dibuat {when} oleh {who}",
    "{when} by {who}": "{when} oleh {who}",
    " by ": " oleh ",  # between a date and a name, where word order is the same
    "Organisation": "Organisasi",
    "Redaction": "Penyamaran",
    "Protected sources are redacted.": "Sumber yang dilindungi disamarkan.",
    "Protected sources are shown as “{phrase}”.": (
        "Sumber yang dilindungi ditampilkan sebagai “{phrase}”."
    ),
    "Off: protected sources are named.": "Nonaktif: sumber yang dilindungi disebut namanya.",
    "Preview": "Pratinjau",
    "Preview: the first {shown} of {total} claims.": (
        "Pratinjau: {shown} klaim pertama dari {total}."
    ),
    "the first {shown} of {total} claims": "{shown} klaim pertama dari {total}",
    # sections
    "Overview": "Ikhtisar",
    "Methodology": "Metodologi",
    "Claims": "Klaim",
    "Claims ({count})": "Klaim ({count})",
    "Share": "Porsi",
    "No claims in this selection.": "Tidak ada klaim dalam pilihan ini.",
    "Sources": "Sumber",
    "No parties are named in these claims.": "Tidak ada pihak yang disebut dalam klaim ini.",
    "Party": "Pihak",
    "Kind": "Jenis",
    "Stands behind": "Klaim terkait",
    "Appendix: History": "Lampiran: Riwayat",
    "No recorded changes.": "Tidak ada perubahan yang tercatat.",
    "When": "Waktu",
    "Who": "Oleh",
    "Claim": "Klaim",
    "Field": "Kolom",
    "Old": "Lama",
    "New": "Baru",
    "Made with ClaimTrack.": "Dibuat dengan ClaimTrack.",
    "Summary": "Ringkasan",
    # one claim
    "Claimant": "Pengklaim",
    "Attribution": "Atribusi",
    "Cue": "Penanda",
    "Article": "Artikel",
    "Tags": "Tag",
    "Assignee": "Penanggung jawab",
    "Updated": "Diperbarui",
    "Notes": "Catatan",
    "Evidence": "Bukti",
    "Requests for comment": "Permintaan tanggapan",
    "accessed {when}": "diakses {when}",
    "asked {when} by {channel}": "ditanya {when} melalui {channel}",
    "no reply yet": "belum ada jawaban",
    # table columns (CSV, XLSX)
    "ID": "ID",
    "Paraphrase": "Parafrasa",
    "Attribution chain": "Rantai atribusi",
    "Verdict explanation": "Penjelasan putusan",
    "Article URL": "URL artikel",
    "Updated by": "Diperbarui oleh",
    # PDF footer
    "Page {number} of {pages}": "Halaman {number} dari {pages}",
}

# Stored identifiers (claim kinds, chain roles, party kinds, evidence, stances, channels).
_LABELS_EN: dict[str, str] = {
    "statement": "Statement",
    "denial": "Denial",
    "no_comment": "No comment",
    "no_response": "No response",
}
_LABELS_ID: dict[str, str] = {
    "statement": "Pernyataan",
    "denial": "Bantahan",
    "no_comment": "Menolak berkomentar",
    "no_response": "Tidak menanggapi",
    "claimant": "Pengklaim",
    "via": "Melalui",
    "spokesperson": "Juru bicara",
    "citing": "Mengutip",
    "asked for comment": "Dimintai tanggapan",
    "person": "Perorangan",
    "government": "Pemerintah",
    "organisation": "Organisasi",
    "news_agency": "Kantor berita",
    "outlet": "Media",
    "anonymous": "Anonim",
    "protected": "Dilindungi",
    "party": "Pihak",
    "primary_document": "Dokumen primer",
    "official_data": "Data resmi",
    "expert": "Pakar",
    "eyewitness": "Saksi mata",
    "media_report": "Laporan media",
    "other": "Lainnya",
    "supports": "Mendukung",
    "refutes": "Membantah",
    "context": "Konteks",
    "email": "Surel",
    "phone": "Telepon",
    "message": "Pesan",
    "in_person": "Tatap muka",
}

# Default names of migration 0001 (English, as stored) and in each other language; the
# Indonesian words are those of the interface (StatusLabel / VerdictLabel in the .ts).
DEFAULT_STATUSES: dict[str, str] = {
    "unreviewed": "Unreviewed",
    "in_progress": "In progress",
    "needs_signoff": "Needs sign-off",
    "done": "Done",
}
DEFAULT_VERDICTS: dict[str, str] = {
    "unrated": "Unrated",
    "accurate": "Accurate",
    "mostly_accurate": "Mostly accurate",
    "misleading": "Misleading",
    "mostly_false": "Mostly false",
    "false": "False",
    "unverifiable": "Unverifiable",
}
_STATUSES_ID: dict[str, str] = {
    "unreviewed": "Belum ditinjau",
    "in_progress": "Sedang dikerjakan",
    "needs_signoff": "Perlu persetujuan",
    "done": "Selesai",
}
_VERDICTS_ID: dict[str, str] = {
    "unrated": "Belum dinilai",
    "accurate": "Akurat",
    "mostly_accurate": "Sebagian besar akurat",
    "misleading": "Menyesatkan",
    "mostly_false": "Sebagian besar salah",
    "false": "Salah",
    "unverifiable": "Tak dapat diverifikasi",
}

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
        "September", "Oktober", "November", "Desember",
    ),
}  # fmt: skip


def normalise_language(language: str | None) -> str:
    """A supported language code from "id", "ID", "id_ID", "id-ID", or None (English)."""
    code = (language or DEFAULT_LANGUAGE).strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES:
        raise ValueError(
            f"Unknown report language {language!r}; choose one of {', '.join(LANGUAGES)}."
        )
    return code


class Texts:
    """The fixed words of one language; call it like gettext, with ``{name}`` fields."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = normalise_language(language)
        self._table = _ID if self.language == "id" else {}
        self._labels = _LABELS_ID if self.language == "id" else _LABELS_EN
        self._statuses = _STATUSES_ID if self.language == "id" else DEFAULT_STATUSES
        self._verdicts = _VERDICTS_ID if self.language == "id" else DEFAULT_VERDICTS
        self._months = _MONTHS[self.language]
        self.missing: set[str] = set()  # messages asked for with no translation (tests)
        self.protected = self("a protected source")

    def __call__(self, message: str, **fields: object) -> str:
        text = message
        if self._table:
            found = self._table.get(message)
            if found is None:
                self.missing.add(message)
            else:
                text = found
        return text.format(**fields) if fields else text

    def label(self, identifier: str) -> str:
        """A stored identifier as a reader reads it: ``no_comment`` → "No comment"."""
        found = self._labels.get(identifier)
        if found is not None:
            return found
        if self.language != "en":
            self.missing.add(identifier)
        return identifier.replace("_", " ").capitalize()

    def status(self, key: str, stored: str) -> str:
        """A status name: in this language while it is still the stored English default."""
        if DEFAULT_STATUSES.get(key) == stored:
            return self._statuses[key]
        return stored

    def verdict(self, key: str, stored: str) -> str:
        """A verdict name: in this language while it is still the stored English default."""
        if DEFAULT_VERDICTS.get(key) == stored:
            return self._verdicts[key]
        return stored

    def date(self, value: datetime | date | None) -> str:
        """ "25 November 2026" (a date); "25 November 2026, 09:30 UTC" (a moment).

        Indonesian writes the time with a dot (09.30), as its style guide asks.
        """
        if value is None:
            return ""
        day = f"{value.day} {self._months[value.month - 1]} {value.year}"
        if not isinstance(value, datetime):
            return day
        sep = "." if self.language == "id" else ":"
        text = f"{day}, {value.hour:02d}{sep}{value.minute:02d}"
        offset = value.utcoffset()
        return text + " UTC" if offset is not None and not offset else text


@cache
def texts(language: str = DEFAULT_LANGUAGE) -> Texts:
    """The shared catalogue of ``language`` (one per language: writers look up many times)."""
    return Texts(language)
