"""Indonesian cue words: speech verbs, inverted and back-pointing tags, pronouns, openers."""

from __future__ import annotations

from typing import Final

SAY_ID: Final = [
    "mengatakan",
    "menyatakan",
    "berkata",
    "mengucapkan",
    "menegaskan",
    "menandaskan",
    "menjelaskan",
    "menerangkan",
    "menuturkan",
    "menambahkan",
    "mengklaim",
    "mengeklaim",
    "menganggap",
    "menilai",
    "berpikir",
    "berpendapat",
    "memprediksi",
    "memprediksikan",
    "memperediksi",
    "memperkirakan",
    "menduga",
    "mencurigai",
    "meyakini",
    "mengakui",
    "membenarkan",
    "menuduh",
    "bersumpah",
    "berjanji",
    "mengaku",
    "melanjutkan",
    "menyebut",
    "menyebutkan",
    "menekankan",
    "memastikan",
    "beralasan",
    "berdalih",
    "menulis",
    "mengingatkan_bahwa",
    "mengungkap",
]

WEAK_ID: Final = ["mengungkapkan", "menyampaikan", "memaparkan", "membeberkan"]

# Roots used only in the inverted tag after a quote or content: ", kata Julian", ", ujarnya".
INVERTED_ID: Final = [
    "kata",
    "ujar",
    "tutur",
    "tegas",
    "tandas",
    "jelas",
    "ungkap",
    "papar",
    "imbuh",
    "lanjut",
    "terang",
    "sebut",
    "kilah",
    "ucap",
    "tambah",
    "cetus",
    "seru",
    "sambung",
    "pungkas",
    "aku",
]

# A tag that points back at what came before: "..., demikian disampaikan X", "Demikian kata X".
RETRO_ID: Final = (
    r"(?:demikian|begitu)(?:lah)?\s+(?:antara\s+lain\s+)?(?:di(?:sampaikan|katakan|ungkapkan|"
    r"tegaskan|jelaskan|utarakan|kemukakan|nyatakan|sebutkan|paparkan|tuturkan|ucapkan|"
    r"terangkan|akui|beberkan|tekankan)|kata|ujar|ungkap|tutur|tegas|jelas|papar|terang)(?:nya)?"
)

REPORT_ID: Final = ["melaporkan", "memberitakan", "mewartakan", "menulis"]

PRONOUNS_ID: Final = frozenset(
    ["ia", "dia", "beliau", "mereka", "kami", "kita", "saya", "aku", "pihaknya"]
)

# First words of a fronted adverbial or connective: a capitalised one is not a speaker.
ADVERBIAL_STARTS_ID: Final = frozenset(
    [
        "ketika",
        "saat",
        "setelah",
        "sebelum",
        "jika",
        "kalau",
        "apabila",
        "meski",
        "meskipun",
        "walaupun",
        "walau",
        "karena",
        "sementara",
        "namun",
        "tetapi",
        "tapi",
        "sebaliknya",
        "sebelumnya",
        "kemudian",
        "selain",
        "dalam",
        "di",
        "pada",
        "untuk",
        "apalagi",
        "bahkan",
        "adapun",
        "sedangkan",
        "sejak",
        "usai",
        "seusai",
        "terkait",
        "soal",
        "mengenai",
        "selanjutnya",
        "lalu",
        "sehingga",
        "maka",
        "menanggapi",
        "ditanya",
        "sampai",
        "hingga",
    ]
)

# Copulas and auxiliaries: a capitalised run followed by one is a subject, not a tag.
COPULAS_ID: Final = frozenset(
    [
        "adalah",
        "merupakan",
        "ialah",
        "akan",
        "telah",
        "sudah",
        "tidak",
        "bukan",
    ]
)

# Prepositions that open a short fronted phrase of time or place ("Di Jakarta, ...").
INTRO_PREPS_ID: Final = frozenset(
    "di pada dalam saat ketika setelah sebelum usai seusai sejak".split()
)

# Words that may open an agent phrase written in lower case ("oleh kepala dinas ...").
AGENT_OPENERS: Final = frozenset({"para", "sejumlah", "seorang", "pihak", "sumber", "salah"})

__all__ = [
    "ADVERBIAL_STARTS_ID",
    "AGENT_OPENERS",
    "COPULAS_ID",
    "INTRO_PREPS_ID",
    "INVERTED_ID",
    "PRONOUNS_ID",
    "REPORT_ID",
    "RETRO_ID",
    "SAY_ID",
    "WEAK_ID",
]
