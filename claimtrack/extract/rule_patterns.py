"""The regular expressions of the attribution rules (``rules.py``), compiled once at import.

Kept apart from the engine so that the rules read as steps, and a pattern can be tuned without
scrolling through a thousand lines of control flow. Most mix English and Indonesian in one
alternation, as the sentences they cut do.
"""

from __future__ import annotations

import re

from . import patterns as pt

CLAUSE_STOP = re.compile(r",\s*(?:and|but|while|whereas|sementara|sedangkan|namun|tetapi)\b|;")
# What may follow a full speech verb in an inverted tag ('"Q," said the mayor'): a name, a
# determiner or a pronoun -- never a lower-case content clause ("X, Y, mengatakan bantuan ...").
SPEAKER_START = re.compile(
    r"\s*(?:[A-Z]|(?:the|a|an|his|her|its|their|one|he|she|it|they|we|I|ia|dia|mereka)\b)"
)
CHANNEL_BEFORE_CUE = re.compile(
    r"(?:,\s*|\s+)(?:kepada|to)\s+(?:the\s+)?(?P<o>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
    r"\s*,?\s*$"
)
# Where the subject of a nested cue can start: after "that", a comma or a subordinator.
NESTED_SUBJECT_CUT = re.compile(
    r"\b(?:that|bahwa|after|because|since|when|while|setelah|karena|ketika|sebab)\s+|,\s+",
    re.IGNORECASE,
)
INNER_APPOSITION = re.compile(
    r",\s*(?:(?:which|who|yang)\b[^,]*|(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[&\w.'’-]+){0,5}),\s*$"
)
REPORT_HINT = re.compile(r"\b(?:reports?|article|story)\b", re.IGNORECASE)
LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:Sebelumnya|Namun|Sementara\s+itu|Selain\s+itu|Meanwhile|However|Previously|"
    r"Separately|Earlier|Later|In\s+addition|Kemudian|Sebaliknya|Bahkan|Adapun|Dalam\s+hal\s+ini|"
    r"Di\s+sisi\s+lain|Tak\s+hanya\s+itu|On\s+\w+|In\s+\w+|Pada\s+\w+(?:\s+\([^)]*\))?)\s*,\s*)+"
)

# Inline patterns of the rules, compiled once here rather than looked up per call.
COMMA_END = re.compile(r",\s*$")
COMMA_OR_PAREN = re.compile(r"[,()]")
NON_SPACE_CHAR = re.compile(r"\S")
COMMA_OR_QUOTE_END = re.compile(r"(?:,|[\"”])\s*$")
REPORTS_AFTER = re.compile(r"\s+(?:that|the|a|an|it|he|she|they|[A-Z])")
REPORTS_BEFORE = re.compile(r"(?:[A-Z][\w.]*|newspaper|paper|agency|daily)\s+$")
REPORT_NOUN_BEFORE = re.compile(
    r"\b(?:reports?|laporan|article|artikel|pemberitaan|berita|story)\s+"
    r"(?:[\w()/]+\s+){0,5}?(?:yang\s+)?$"
)
YANG_END = re.compile(r"\byang\s+$")
BLAME_BEFORE = re.compile(r"\b(?:has|have|had)\s+$|[A-Za-z]\s+$")
HEDGE_RELATIVE = re.compile(r"\b(?:yang|who|which)\s+(?:\w+\s+)?$")
RELATIVE_END = re.compile(r"\b(?:yang|who|which)\s+$")
CHOSE_BEFORE = re.compile(
    r"\b(?:memilih|chose\s+to|choose\s+to|prefer(?:red)?\s+to)\s+(?:\w+\s+)?$"
)
THAT_LEAD = re.compile(r"(?:that|bahwa)\s+", re.IGNORECASE)
COORD_AFTER_QUOTE = re.compile(r"\s+(?:and|dan|but|tetapi)\s+")
ON_IN_PADA = re.compile(r"^(?:on|in|pada)\s", re.I)
PAPER_ONLY = re.compile(r"(?:paper|newspaper)$")
THE_PAPER = re.compile(r"\b(?:the\s+paper|the\s+newspaper)\b")
FLAT_STOP = re.compile(r"[,.;\"“”(]")
LEAD_COORD = re.compile(
    r"[\s,]*(?:(?:while|whereas|but|sementara|sedangkan|namun|tetapi|tapi|sekaligus|and|"
    r"dan|serta|padahal)\b)?[\s,]*",
    re.IGNORECASE,
)
CAP_RUN_AFTER = re.compile(rf"\s+((?:{pt.CAP_RUN}))")
APPO_AFTER_COMMA = re.compile(r",\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s*,")
LAPORAN_LEAD = re.compile(r"^(?:laporan|the\s+report\s+(?:by|from))\s+")
LAPORAN_START = re.compile(r"^laporan\b", re.IGNORECASE)
A_REPORT = re.compile(r"^(?:a|an|the)\s+(?:\w+\s+)?(?:report|article)", re.IGNORECASE)
LAPORAN_ONLY = re.compile(r"^(?:laporan|the\s+report)(?:nya)?$", re.I)
COMMA_SPACE = re.compile(r",\s")
FIRST_TOKEN_COMMA = re.compile(r"^\S+,")
HEDGE_VIA = re.compile(
    r"\s+(?:oleh\s+|by\s+)?(?P<o>(?:the\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)"
)
THE_START = re.compile(r"^the\s", re.I)
AUX_IN_NP = re.compile(r"\b(?:is|was|are|were|has|had|have|will|would|could|akan|telah|sudah)\b")
LEAD_COMMA = re.compile(r"\s*,")
AFTER_COMMA = re.compile(r"\s*,\s*(.*)$")
DIRI = re.compile(r"\s+diri\b")
THAT_CLAUSE = re.compile(r"\b(?:bahwa|that)\s+([^,]+),")
WEAK_CONTENT = re.compile(r"\s*(?:that|bahwa|:|[\"“])", re.IGNORECASE)
TRAILING_CHANNEL = re.compile(
    r"\s+(?:with|to|kepada|dengan)\s+(?:the\s+)?(?P<o>[A-Z][\w.&'-]*"
    r"(?:\s+[A-Z][\w.&'-]*)*)\s*$"
)
RELATIVE_OPENER = re.compile(
    r"\s*(?:yang|who|which|whose|where|a|an|seorang|sebuah|salah)\b", re.IGNORECASE
)
CHANNEL_VIA = re.compile(
    r"\b(?:kepada|to|told|with|dengan|diterima|dihubungi|oleh|by)\s+(?:the\s+)?"
    r"(?P<o>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*|paper|newspaper)"
)
PAREN_REST = re.compile(r"\s*,\s*(.+?)\s*[.!?]?\s*$")
QUOTE_COMMA_END = re.compile(r"[\"”]\s*,?\s*$")
APPO_NAME = re.compile(r",\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)")
WEEKDAY_START = re.compile(rf"(?:{pt.WEEKDAY})\b", re.IGNORECASE)
NONSPACE = re.compile(r"\S+")
CONTACTED_TAIL = re.compile(
    r"(?:ketika|saat|when|after|setelah)\s+(?:dihubungi|dikonfirmasi|ditemui|contacted|"
    r"reached|asked)\b[^,]*?$"
)
CONTACTED = re.compile(r"\b(?:dihubungi|diterima|contacted|reached|by)\s")
REPORT_OBJECT = re.compile(
    r"\b(?P<noun>reports?|laporan|pemberitaan|berita|kabar|article|artikel|story)\b"
    r"(?P<mid>[^,;]{0,40}?)\s+(?P<rel>that|yang|bahwa)\s+",
    re.IGNORECASE,
)
# What may trail a tag without being content: "..., he said at a news conference in Ottawa",
# "... told reporters after a cabinet meeting", "... ia menambahkan saat ditemui wartawan".
CIRCUMSTANCE = re.compile(
    r"\s*(?:"
    + pt.word_trie(
        "at in on during after before when while as from outside inside following ahead to of "
        "about via through over with by late early earlier later yesterday today tonight last "
        "upon amid near alongside afterwards recently separately again once under across without "
        "speaking published broadcast aired posted held issued released di dalam pada saat "
        "ketika usai seusai setelah sesudah selepas sebelum kepada melalui lewat dengan dari "
        "kemarin sambil seraya menjelang jelang tentang soal terkait mengenai ditemui "
        "dihubungi".split()
    )
    + r")\b",
    re.IGNORECASE,
)
# A finite verb or a content clause inside such a trail: then it is content after all ("he said
# at the meeting the plant would close").
CLAUSE_IN_TRAIL = re.compile(
    r"\b(?:"
    + pt.word_trie(
        "that bahwa is was are were has had have will would could can may might should must "
        "akan telah sudah adalah merupakan sedang".split()
    )
    + r")\b",
    re.IGNORECASE,
)
# "a ferry captain, Ole Brandt" / "Ole Brandt, a ferry captain": one side capitalised.
APPO_PAIR = re.compile(
    r"(?:[\w.'’-]+\s+){0,5}[\w.'’-]+,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s*(?:[\w.'’-]+\s+){0,5}[\w.'’-]+"
)
COORD_START = re.compile(
    r"(?:and|but|or|while|whereas|dan|atau|tetapi|tapi|namun|sementara|sedangkan)\b", re.I
)
THAT_END = re.compile(r"\b(?:that|bahwa)\s+$", re.IGNORECASE)
THAT_START = re.compile(r"\s*(?:that|bahwa)\b", re.IGNORECASE)
REPORT_NOUN_TAIL = re.compile(
    r"\b(?:reports?|laporan|article|artikel|pemberitaan|berita|story)\b.*$"
)


# A sentence that only names who said what came before it (Indonesian news style): "Hal itu
# disampaikan oleh X", "Pernyataan tersebut dikatakan X", "Demikian disampaikan X".  "Demikian"
# points back at everything said since the last named speaker, "Hal itu" at one unit.
RETRO = re.compile(
    r"(?:(?:Hal|Pernyataan|Keterangan|Penjelasan|Ucapan|Penegasan|Pengakuan|Informasi|Kabar|"
    r"Data|Temuan|Angka|Perkiraan|Pandangan|Penilaian)\s+(?:itu|ini|tersebut)|"
    r"(?P<all>Demikian(?:lah)?|Begitu(?:lah)?))"
    r"(?:\s+(?:pun|juga|antara\s+lain|sebelumnya|kembali))*\s+"
    r"(?P<verb>di(?:sampaikan|katakan|ungkapkan|tegaskan|jelaskan|utarakan|kemukakan|nyatakan|"
    r"sebutkan|paparkan|tuturkan|ucapkan|terangkan|akui|benarkan|beberkan|tekankan|"
    r"informasikan|laporkan|beritakan|tulis)|kata|ujar|ungkap|tutur|tegas|jelas|papar|terang)"
    r"(?P<nya>nya)?\b(?P<oleh>\s+oleh)?\s*"
)
RETRO_FIRST = frozenset("HPKIUDTAB")

__all__ = [
    "AFTER_COMMA",
    "APPO_AFTER_COMMA",
    "APPO_NAME",
    "APPO_PAIR",
    "AUX_IN_NP",
    "A_REPORT",
    "BLAME_BEFORE",
    "CAP_RUN_AFTER",
    "CHANNEL_BEFORE_CUE",
    "CHANNEL_VIA",
    "CHOSE_BEFORE",
    "CIRCUMSTANCE",
    "CLAUSE_IN_TRAIL",
    "CLAUSE_STOP",
    "COMMA_END",
    "COMMA_OR_PAREN",
    "COMMA_OR_QUOTE_END",
    "COMMA_SPACE",
    "CONTACTED",
    "CONTACTED_TAIL",
    "COORD_AFTER_QUOTE",
    "COORD_START",
    "DIRI",
    "FIRST_TOKEN_COMMA",
    "FLAT_STOP",
    "HEDGE_RELATIVE",
    "HEDGE_VIA",
    "INNER_APPOSITION",
    "LAPORAN_LEAD",
    "LAPORAN_ONLY",
    "LAPORAN_START",
    "LEADING_CONNECTIVE",
    "LEAD_COMMA",
    "LEAD_COORD",
    "NESTED_SUBJECT_CUT",
    "NONSPACE",
    "NON_SPACE_CHAR",
    "ON_IN_PADA",
    "PAPER_ONLY",
    "PAREN_REST",
    "QUOTE_COMMA_END",
    "RELATIVE_END",
    "RELATIVE_OPENER",
    "REPORTS_AFTER",
    "REPORTS_BEFORE",
    "REPORT_HINT",
    "REPORT_NOUN_BEFORE",
    "REPORT_NOUN_TAIL",
    "REPORT_OBJECT",
    "RETRO",
    "RETRO_FIRST",
    "SPEAKER_START",
    "THAT_CLAUSE",
    "THAT_END",
    "THAT_LEAD",
    "THAT_START",
    "THE_PAPER",
    "THE_START",
    "TRAILING_CHANNEL",
    "WEAK_CONTENT",
    "WEEKDAY_START",
    "YANG_END",
]
