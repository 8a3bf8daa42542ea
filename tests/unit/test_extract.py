"""Behaviour of the offline claim extractor, on short stories written for these tests."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extract import KINDS, ProposedClaim, detect_language, extract_claims


def _one(text: str, **want: object) -> ProposedClaim:
    """The single claim whose fields match ``want`` (fails with the full list otherwise)."""
    claims = extract_claims(text)
    hits = [c for c in claims if all(getattr(c, k) == v for k, v in want.items())]
    assert len(hits) == 1, claims
    return hits[0]


def _round_trip(text: str, claims: list[ProposedClaim]) -> None:
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert 0 <= c.sentence_start <= c.start < c.end <= c.sentence_end <= len(text)
        assert c.kind in KINDS
        assert 0.0 <= c.confidence <= 1.0


# --- English --------------------------------------------------------------------------------


def test_reported_speech_with_claimant_and_via() -> None:
    text = "Harbour operator Nils Ekdahl told Reuters on Monday that the port would reopen in May."
    c = _one(text, kind="statement")
    assert c.text == "the port would reopen in May"
    assert c.claimant == "Nils Ekdahl"
    assert c.claimant_full == "Harbour operator Nils Ekdahl"
    assert c.via == "Reuters"
    assert c.cue == "told"


def test_direct_quote_with_speaker_after_it() -> None:
    text = '"We have paid every supplier on time," said Mara Quinn, the bakery\'s owner.'
    c = _one(text)
    assert c.text == "We have paid every supplier on time"
    assert c.claimant == "Mara Quinn"
    assert c.kind == "statement"


def test_quote_continuing_after_the_tag_keeps_the_speaker() -> None:
    text = (
        '"The pumps were checked last week," engineer Tomas Brandt said. '
        '"Nobody told us about a leak."'
    )
    claims = extract_claims(text)
    assert [c.text for c in claims] == [
        "The pumps were checked last week",
        "Nobody told us about a leak.",
    ]
    assert {c.claimant for c in claims} == {"Tomas Brandt"}
    assert claims[1].via is None


def test_circumstance_after_a_quote_tag_is_not_content() -> None:
    text = (
        "Harbour master Ines Falk said the channel would be dredged in spring.\n\n"
        '"Ships will wait no longer than a day," she said at a briefing in Kiel.\n\n'
        '"The silt is worse than last year," the harbour master told reporters after an '
        "inspection flight.\n\n"
        '"Nobody warned the pilots," a ferry captain, Ole Brandt, said outside the terminal '
        "on Friday evening."
    )
    claims = extract_claims(text)
    assert [(c.text, c.claimant) for c in claims] == [
        ("the channel would be dredged in spring", "Ines Falk"),
        ("Ships will wait no longer than a day", "Ines Falk"),
        ("The silt is worse than last year", "Ines Falk"),
        ("Nobody warned the pilots", "Ole Brandt"),
    ]
    _round_trip(text, claims)


def test_a_fronted_adverbial_is_not_taken_for_the_content() -> None:
    text = "In Kiel, Ines Falk said during the visit the channel was already too shallow."
    c = _one(text)
    assert c.claimant == "Ines Falk"
    assert c.text.endswith("the channel was already too shallow")


def test_according_to_an_outlet_and_a_person() -> None:
    text = "The ferry line will be sold to a rival, according to the Financial Times."
    c = _one(text)
    assert c.text == "The ferry line will be sold to a rival"
    assert c.via == "Financial Times"
    assert c.claimant is None
    text = "According to the town's treasurer, the budget gap is smaller than feared."
    c = _one(text)
    assert c.claimant == "the town's treasurer"
    assert c.text == "the budget gap is smaller than feared"


def test_according_to_between_commas_keeps_the_clause_whole() -> None:
    text = (
        "The outage, according to grid operator Lena Vogt, began at a substation near Bremen.\n\n"
        "Repairs, according to the Financial Times, will cost 12 million euros.\n\n"
        "Power returned within an hour, according to the utility Nordwerk, which apologised to "
        "its customers."
    )
    claims = extract_claims(text)
    assert [(c.text, c.claimant, c.via) for c in claims] == [
        (
            "The outage, according to grid operator Lena Vogt, began at a substation near Bremen",
            "Lena Vogt",
            None,
        ),
        (
            "Repairs, according to the Financial Times, will cost 12 million euros",
            None,
            "Financial Times",
        ),
        ("Power returned within an hour", "Nordwerk", None),
    ]
    _round_trip(text, claims)


def test_citing_between_commas_names_the_source_of_an_outlet() -> None:
    c = _one("The Financial Times, citing two officials, said the merger had been called off.")
    assert c.text == "the merger had been called off"
    assert (c.claimant, c.via) == ("two officials", "Financial Times")


def test_anonymous_source_and_hedge() -> None:
    text = "The airline plans to cut 300 jobs, two people familiar with the matter said."
    c = _one(text)
    assert c.claimant == "two people familiar with the matter"
    assert c.text == "The airline plans to cut 300 jobs"
    c = _one("The minister reportedly met the bidders twice in March.")
    assert c.claimant is None
    assert "reportedly" in c.text


def test_denial_no_comment_and_no_response() -> None:
    text = (
        "Brightwell Foods denied that its juice contained banned colouring. "
        "A spokesman for the regulator declined to comment on the tests. "
        "The distributor did not respond to a request for comment."
    )
    d = _one(text, kind="denial")
    assert d.claimant == "Brightwell Foods"
    assert d.text == "its juice contained banned colouring"
    n = _one(text, kind="no_comment")
    assert n.text == "declined to comment on the tests"
    assert n.claimant == "A spokesman for the regulator"
    r = _one(text, kind="no_response")
    assert r.text == "did not respond to a request for comment"
    assert r.claimant == "The distributor"


def test_content_calling_a_report_false_is_a_denial() -> None:
    c = _one('"That story is completely false," said Ana Ruiz.')
    assert c.kind == "denial"


def test_pronoun_resolves_to_the_named_speaker() -> None:
    text = (
        "Coach Lena Varga said the team had trained hard all winter. "
        "She added that two players were injured."
    )
    claims = extract_claims(text)
    assert [c.claimant for c in claims] == ["Lena Varga", "Lena Varga"]
    assert claims[1].text == "two players were injured"


def test_outlet_anaphor_resolves_to_last_outlet() -> None:
    text = (
        "The mine will close next year, the Guardian reported. "
        "Some workers will be moved to a new site, the newspaper said."
    )
    claims = extract_claims(text)
    assert [c.via for c in claims] == ["Guardian", "Guardian"]
    assert all(c.claimant is None for c in claims)


def test_narration_yields_nothing() -> None:
    assert extract_claims("The bridge was finished in 1931 and carries a railway line.") == []
    assert extract_claims("Prices rose by four percent in the second quarter.") == []


# --- Indonesian -----------------------------------------------------------------------------


def test_indonesian_statement_with_via_and_dateline() -> None:
    text = (
        "SURABAYA, Antara -- Kepala Dinas Perhubungan, Rina Wulandari, mengatakan kepada "
        "Antara bahwa jalur kereta akan dibuka kembali pekan depan."
    )
    c = _one(text)
    assert c.text == "jalur kereta akan dibuka kembali pekan depan"
    assert c.claimant == "Rina Wulandari"
    assert c.via == "Antara"
    assert c.sentence_start == 0


def test_indonesian_quote_menurut_and_pronoun_suffix() -> None:
    text = (
        '"Stok beras cukup sampai akhir tahun," kata Direktur Bulog, Hendra Saputra.\n\n'
        "Menurutnya, harga akan turun bulan depan."
    )
    claims = extract_claims(text)
    assert claims[0].text == "Stok beras cukup sampai akhir tahun"
    assert claims[0].claimant == "Hendra Saputra"
    assert claims[1].text == "harga akan turun bulan depan"
    assert claims[1].claimant == "Hendra Saputra"
    _round_trip(text, claims)


def test_indonesian_ujarnya_and_ia_resolve() -> None:
    text = (
        "Ketua koperasi, Wayan Sudarma, menjelaskan pinjaman anggota sudah lunas. "
        "Ia menambahkan, koperasi tidak pernah menerima dana pemerintah. "
        '"Kami tidak punya utang," ujarnya.'
    )
    claims = extract_claims(text)
    assert [c.claimant for c in claims] == ["Wayan Sudarma"] * 3


def test_indonesian_denial_refusal_silence_and_hedge() -> None:
    text = (
        "PT Sinar Laut membantah tuduhan pencemaran sungai tersebut. "
        "Manajer pabrik enggan berkomentar soal hasil uji air. "
        "Dinas Lingkungan Hidup belum memberikan tanggapan. "
        "Pabrik itu dikabarkan akan ditutup sementara."
    )
    d = _one(text, kind="denial")
    assert d.text == "tuduhan pencemaran sungai tersebut"
    assert d.claimant == "PT Sinar Laut"
    assert _one(text, kind="no_comment").text == "enggan berkomentar soal hasil uji air"
    r = _one(text, kind="no_response")
    assert r.claimant == "Dinas Lingkungan Hidup"
    h = _one(text, cue="dikabarkan")
    assert h.claimant is None and h.kind == "statement"


def test_indonesian_anonymous_source_with_outlet() -> None:
    text = (
        "Sumber yang mengetahui perundingan itu mengatakan kepada Tempo bahwa kesepakatan "
        "hampir rampung."
    )
    c = _one(text)
    assert c.claimant == "Sumber yang mengetahui perundingan itu"
    assert c.via == "Tempo"


def test_indonesian_tag_after_the_quote_names_its_speaker() -> None:
    text = (
        "Bupati Sleman, Kustini, mengatakan pasar hewan akan dibuka lagi bulan depan. "
        '"Vaksinasi ternak sudah selesai." Hal itu disampaikan oleh Kepala Dinas Pertanian, '
        "Suparmono, di Sleman, Rabu.\n\n"
        "Ia menambahkan, pedagang dari luar daerah wajib membawa surat sehat hewan."
    )
    claims = extract_claims(text)
    assert [(c.text, c.claimant) for c in claims] == [
        ("pasar hewan akan dibuka lagi bulan depan", "Kustini"),
        ("Vaksinasi ternak sudah selesai.", "Suparmono"),
        ("pedagang dari luar daerah wajib membawa surat sehat hewan", "Suparmono"),
    ]
    _round_trip(text, claims)


def test_indonesian_demikian_gives_the_paragraph_before_to_its_speaker() -> None:
    text = (
        "Warta Desa, SLEMAN - Jalan desa sepanjang dua kilometer selesai diaspal. "
        "Biayanya berasal dari dana desa.\n\n"
        "Demikian dikatakan Kepala Desa Wonokerto, Sri Handayani, kepada Antara, Senin."
    )
    claims = extract_claims(text)
    assert [c.text for c in claims] == [
        "Jalan desa sepanjang dua kilometer selesai diaspal",
        "Biayanya berasal dari dana desa",
    ]
    assert {(c.claimant, c.via) for c in claims} == {("Sri Handayani", "Antara")}
    tail = _one("Harga gabah akan naik, demikian kata Sri Handayani di Sleman.")
    assert (tail.text, tail.claimant) == ("Harga gabah akan naik", "Sri Handayani")


def test_indonesian_tag_without_an_agent_keeps_the_speaker() -> None:
    text = (
        '"Pasokan air bersih aman," kata Direktur PDAM, Joko Prasetyo. '
        "Hal itu disampaikan dalam rapat dengan DPRD, Kamis. "
        "Hal itu tidak pernah dibahas lagi sejak Maret."
    )
    claims = extract_claims(text)
    assert [(c.text, c.claimant) for c in claims] == [("Pasokan air bersih aman", "Joko Prasetyo")]


def test_indonesian_preposed_tag_after_a_quote_with_its_circumstance() -> None:
    text = (
        "Kepala Bulog Jawa Tengah, Dwi Atmoko, mengatakan stok gabah cukup.\n\n"
        '"Gudang di Semarang sudah penuh," Dwi menegaskan di sela rapat di Semarang, Senin (3/2).'
        '\n\n"Harga tidak akan naik," ia menambahkan saat ditemui wartawan.'
    )
    claims = extract_claims(text)
    assert [(c.text, c.claimant) for c in claims] == [
        ("stok gabah cukup", "Dwi Atmoko"),
        ("Gudang di Semarang sudah penuh", "Dwi"),
        ("Harga tidak akan naik", "Dwi"),
    ]


def test_indonesian_menurut_between_commas_keeps_the_clause_whole() -> None:
    text = (
        "Kepala BMKG Yogyakarta, Reni Kraningtyas, memperkirakan hujan lebat turun pekan ini.\n\n"
        "Puncak musim hujan, menurut dia, jatuh pada Februari. "
        "Debit sungai, menurutnya, masih aman. "
        "Banjir tahun lalu merendam 400 rumah, menurutnya."
    )
    claims = extract_claims(text)
    assert [(c.text, c.claimant) for c in claims] == [
        ("hujan lebat turun pekan ini", "Reni Kraningtyas"),
        ("Puncak musim hujan, menurut dia, jatuh pada Februari", "Reni Kraningtyas"),
        ("Debit sungai, menurutnya, masih aman", "Reni Kraningtyas"),
        ("Banjir tahun lalu merendam 400 rumah", "Reni Kraningtyas"),
    ]


def test_indonesian_narration_yields_nothing() -> None:
    text = "Jembatan itu dibangun pada 1930 dan kini menjadi tujuan wisata."
    assert extract_claims(text) == []


def test_multi_sentence_quote_split_where_kinds_differ() -> None:
    text = (
        '"Soal itu tidak perlu saya komentari. Yang jelas produksi kami naik dua kali lipat '
        'tahun ini," kata Dewi Lestari.'
    )
    claims = extract_claims(text)
    assert [c.kind for c in claims] == ["no_comment", "statement"]
    assert claims[0].text == "Soal itu tidak perlu saya komentari."
    _round_trip(text, claims)


# --- sentences, language, robustness ---------------------------------------------------------


def test_abbreviations_do_not_split_a_sentence() -> None:
    text = "Dr. Ida Rahman of the U.S. Geological Survey said the fault was active."
    c = _one(text)
    assert c.claimant == "Ida Rahman"
    assert c.text == "the fault was active"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Pemerintah mengatakan bahwa harga bahan bakar tidak akan naik tahun ini.", "id"),
        ("Menurut dia, kebijakan itu sudah dibahas dengan para pengusaha di Jakarta.", "id"),
        ("The council said that the library would stay open on weekends.", "en"),
        ("Officials have not explained why the road was closed for a week.", "en"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "\x00\x01\x02\xff\ufffd" * 50, "no cues at all here", '"""""', "((((("],
)
def test_odd_input_returns_quietly(text: str) -> None:
    claims = extract_claims(text)
    _round_trip(text, claims)


def test_megabyte_input_is_fast_and_consistent() -> None:
    para = (
        "The agency said the harbour would reopen soon. "
        '"We expect ships next week," said Ola Berg. '
        "The company declined to comment on the delay.\n\n"
    )
    text = para * (1_000_000 // len(para) + 1)
    t0 = time.perf_counter()
    claims = extract_claims(text)
    assert time.perf_counter() - t0 < 60
    assert len(claims) >= 3 * (len(text) // len(para))
    _round_trip(text, claims[:50])
    _round_trip(text, claims[-50:])
    blob = "x" * 1_000_000
    assert extract_claims(blob) == []


_PIECES = [
    *list("abcdeiknorstuy AEJKRSTW.,;:\"'“”()-—\n?!0123456789"),
    " said ",
    " kata ",
    " told Reuters ",
    " menurut ",
    " denied ",
    " declined to ",
    " tidak merespons ",
    " reportedly ",
    " dikabarkan ",
    " according to ",
    "nya ",
    ", ujar ",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_any_text_round_trips(text: str) -> None:
    _round_trip(text, extract_claims(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_round_trips(text: str) -> None:
    _round_trip(text, extract_claims(text))
