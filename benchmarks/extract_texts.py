"""Generated long inputs for the extraction benchmark, in our own words.

``news_text``: paragraphs in the style of Indonesian and English news reports (datelines,
quotes with speech tags, "menurut", denials, no-comment lines and plain narrative), the way a
long compiled dossier or a live blog reads.  ``short_sentences``: one short sentence a line,
most of them attributed, like the 4.8 MB file of issue 15.  Both are deterministic (seeded).
"""

from __future__ import annotations

import random

_PEOPLE_ID = [
    ("Menteri Perhubungan", "Rahmat Hidayat"),
    ("Kepala Dinas Pendidikan", "Siti Rahayu"),
    ("juru bicara kepolisian", "Komisaris Besar Andi Wirawan"),
    ("ekonom Universitas Gadjah Mada", "Lestari Nugroho"),
    ("Direktur Utama PT Kereta Nusantara", "Bambang Susilo"),
    ("Ketua DPRD", "Yusuf Maulana"),
]
_PEOPLE_EN = [
    ("Transport Minister", "Rahmat Hidayat"),
    ("city council member", "Laura Mendez"),
    ("police spokesman", "Andrew Kim"),
    ("economist", "Priya Raman"),
    ("chief executive", "Martin Olsen"),
    ("union leader", "Grace Obi"),
]
_CITIES = ["JAKARTA", "SURABAYA", "MEDAN", "MAKASSAR", "BANDUNG", "SEMARANG"]
_DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]
_DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_TOPICS_ID = [
    "tarif angkutan umum akan naik sepuluh persen mulai bulan depan",
    "anggaran perbaikan jalan sudah dicairkan seluruhnya",
    "jumlah penumpang kereta turun tajam selama musim hujan",
    "harga beras di pasar induk mulai stabil",
    "proyek pelabuhan baru tertunda karena izin lingkungan",
    "sekolah di daerah banjir akan dibuka kembali pekan depan",
]
_TOPICS_EN = [
    "bus fares would rise by ten percent next month",
    "the road repair budget had been spent in full",
    "rail passenger numbers fell sharply during the rainy season",
    "rice prices at the central market were steadying",
    "the new port project was delayed by an environmental permit",
    "schools in the flooded district would reopen next week",
]
_NARRATIVE_ID = [
    "Hujan deras mengguyur kota itu sejak pagi hari.",
    "Antrean kendaraan mengular hingga tiga kilometer di jalan tol.",
    "Warga memadati balai desa untuk mendengar pengumuman tersebut.",
    "Pemerintah daerah membuka posko pengaduan di kantor kecamatan.",
]
_NARRATIVE_EN = [
    "Heavy rain fell across the city from early morning.",
    "Queues of cars stretched for three kilometres on the toll road.",
    "Residents packed the village hall to hear the announcement.",
    "The local government opened a complaints desk at the district office.",
]


def _para_id(rng: random.Random, first: bool) -> str:
    role, name = rng.choice(_PEOPLE_ID)
    topic = rng.choice(_TOPICS_ID)
    day = rng.choice(_DAYS_ID)
    r = rng.random()
    if first:
        return (
            f"Kabar Kota, {rng.choice(_CITIES)} - {role} {name} mengatakan {topic}. "
            f"{rng.choice(_NARRATIVE_ID)}"
        )
    if r < 0.25:
        return (
            f"\u201cKami sudah menghitung semuanya dengan cermat. Tidak ada yang dirugikan,"
            f"\u201d kata {name} di Jakarta, {day} ({rng.randint(1, 28)}/{rng.randint(1, 12)})."
        )
    if r < 0.45:
        return f"Menurut {role} {name}, {topic}. {rng.choice(_NARRATIVE_ID)}"
    if r < 0.55:
        return f"{name} membantah kabar bahwa {topic}."
    if r < 0.62:
        return f"{role.capitalize()} belum memberikan tanggapan atas pertanyaan yang dikirimkan."
    if r < 0.8:
        return f"{rng.choice(_NARRATIVE_ID)} {rng.choice(_NARRATIVE_ID)}"
    return f"Ia menambahkan, {topic}."


def _para_en(rng: random.Random, first: bool) -> str:
    role, name = rng.choice(_PEOPLE_EN)
    topic = rng.choice(_TOPICS_EN)
    day = rng.choice(_DAYS_EN)
    r = rng.random()
    if first:
        return (
            f"{rng.choice(_CITIES).title()} (City Desk) - {role.capitalize()} {name} said on "
            f"{day} that {topic}. {rng.choice(_NARRATIVE_EN)}"
        )
    if r < 0.25:
        return (
            f"\u201cWe have checked every figure twice. Nobody will be worse off,\u201d "
            f"{name} told reporters on {day}."
        )
    if r < 0.45:
        return f"According to {role} {name}, {topic}. {rng.choice(_NARRATIVE_EN)}"
    if r < 0.55:
        return f"{name} denied reports that {topic}."
    if r < 0.62:
        return f"The {role} did not respond to a request for comment."
    if r < 0.8:
        return f"{rng.choice(_NARRATIVE_EN)} {rng.choice(_NARRATIVE_EN)}"
    return f"{name} added that {topic}."


def news_text(words: int, seed: int = 15) -> str:
    """About ``words`` words of news stories, alternating Indonesian and English ones of
    8–14 paragraphs each."""
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    story = 0
    while count < words:
        para = _para_id if story % 2 == 0 else _para_en
        for i in range(rng.randint(8, 14)):
            p = para(rng, i == 0)
            out.append(p)
            count += len(p.split())
        story += 1
    return "\n\n".join(out)


def short_sentences(chars: int, seed: int = 15) -> str:
    """About ``chars`` characters of one short sentence a line, most attributed."""
    rng = random.Random(seed)
    names = [n.split()[-1] for _, n in _PEOPLE_ID + _PEOPLE_EN]
    out: list[str] = []
    total = 0
    while total < chars:
        name = rng.choice(names)
        r = rng.random()
        if r < 0.35:
            s = f"{name} said prices rose."
        elif r < 0.55:
            s = f"Menurut {name}, harga naik."
        elif r < 0.7:
            s = f"{name} denied it."
        elif r < 0.85:
            s = f"\u201cIt is done,\u201d {name} said."
        else:
            s = rng.choice(_NARRATIVE_ID + _NARRATIVE_EN)
        out.append(s)
        total += len(s) + 1
    return "\n".join(out)
