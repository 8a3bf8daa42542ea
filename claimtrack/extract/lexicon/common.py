"""Cue tables shared by both languages.

Many cue patterns mix English and Indonesian in one alternation (a denial, a refusal, an
"according to"), and outlets, roles and weekdays are named in both; splitting them would only
scatter one role over two files.
"""

from __future__ import annotations

from typing import Final

from claimtrack.extract.lexicon.en import ADVERBIAL_STARTS_EN, COPULAS_EN, INTRO_PREPS_EN
from claimtrack.extract.lexicon.id import ADVERBIAL_STARTS_ID, COPULAS_ID, INTRO_PREPS_ID

WEEKDAYS: Final = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad"
)

# Offers and vows whose content is an infinitive ("menawarkan diri untuk ...").
OFFER: Final = r"menawarkan\s+diri|offered|offers"

# Evidence verbs with a non-human source ("tests showed ...").
EVIDENTIAL: Final = [
    "showed",
    "shows",
    "show",
    "indicated",
    "indicates",
    "menunjukkan",
    "membuktikan",
    "found_that",
    "finds_that",
    "menemukan_bahwa",
    "menyimpulkan_bahwa",
]

# --- reportative hedges: content attributed, source unsaid ------------------------------------
HEDGE: Final = (
    r"reportedly|allegedly|dikabarkan|kabarnya|konon|disebut-sebut|disebut|dilaporkan|"
    r"diberitakan|diisukan|(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+)?"
    r"(?:reported|said|rumou?red|alleged|understood)\s+to"
)

# --- "according to" forms ---------------------------------------------------------------------
ACCORDING: Final = (
    r"according\s+to|menurut(?:nya)?|mengutip|citing|quoting|as\s+reported\s+by|"
    r"(?:seperti|sebagaimana)\s+(?:dilansir|dikutip|diberitakan|dilaporkan)(?:\s+(?:dari|oleh))?|"
    r"dilansir(?:\s+dari)?|dikutip\s+dari"
)

# --- denial cues --------------------------------------------------------------------------------
DENY: Final = (
    r"denied|denies|deny|denying|membantah(?:nya)?|menyangkal|menepis|menampik|"
    r"(?:menyatakan|memberikan|mengeluarkan)\s+bantahan|"
    r"(?:rejected|rejects|dismissed|dismisses|refuted|refutes|disputed|disputes|"
    r"menolak|mematahkan)(?=\s+(?:the\s+|all\s+|these\s+|those\s+|such\s+|semua\s+|seluruh\s+)?"
    r"(?:[\w'’]+\s+)?(?:reports?|claims?|allegations?|accusations?|charges?|rumou?rs?|"
    r"suggestions?|speculation|findings|conclusions?|assertions?|criticism|account|study|"
    r"tuduhan|laporan|klaim|kabar|isu|rumor|pemberitaan|berita|tudingan|temuan|kritik)|"
    r"\s+[^.,;:]{1,60}?\s+as\s+(?:[\"“]|(?:a|an|pure|mere|baseless|false|untrue|unfounded|"
    r"speculation|nonsense|rumou?r|fake|misleading|inaccurate|alarmist|politically)\b))"
)

# --- refusals to comment (no_comment) -----------------------------------------------------------
NO_COMMENT: Final = (
    r"(?:declined|declines|refused|refuses|declining|refusing)\s+(?:to\s+)?"
    r"(?:comment|elaborate|confirm|say|answer|discuss|name|identify|disclose|specify|give|provide|"
    r"respond|speak)|"
    r"(?:would|will|could|can|did)\s*(?:not|n't|n’t)\s+(?:say|confirm|elaborate|comment\s+further|"
    r"name|identify|disclose|specify|discuss)|"
    r"(?:wouldn't|wouldn’t|won't|won’t|couldn't|couldn’t|can't|can’t|cannot)\s+"
    r"(?:say|confirm|elaborate|comment|name|identify|disclose|discuss)|"
    r"(?:did\s+not|didn't|didn’t)\s+(?:name|identify|specify|elaborate)|"
    r"no\s+comment|"
    r"menolak\s+(?:untuk\s+)?(?:berkomentar|mengomentari|menanggapi|memberikan\s+(?:komentar|"
    r"tanggapan|keterangan|penjelasan)|menjelaskan|menjawab|merinci|menyebutkan|mengonfirmasi|"
    r"mengkonfirmasi)|"
    r"enggan\s+(?:banyak\s+|untuk\s+)?(?:berkomentar|mengomentari|menanggapi|memberikan|"
    r"menjelaskan|menjawab|merinci|menyebutkan|menyebut|bicara|berbicara|mengonfirmasi|"
    r"mengkonfirmasi|membeberkan|mengungkapkan|mengungkap|membahas|menyampaikan)|"
    r"(?:tidak|tak|belum)\s+(?:mau|bersedia|ingin|berkenan)\s+(?:banyak\s+)?"
    r"(?:berkomentar|mengomentari|menanggapi|memberikan|menjelaskan|menjawab|merinci|"
    r"menyebutkan|bicara|berbicara|mengonfirmasi|mengkonfirmasi|membeberkan)"
)

# --- non-responses (no_response) ----------------------------------------------------------------
NO_RESPONSE: Final = (
    r"(?:did\s+not|didn't|didn’t|has\s+not|have\s+not|hasn't|haven't|hasn’t|haven’t)\s+"
    r"(?:immediately\s+|yet\s+)?(?:respond|reply|return|answer|comment|responded|replied|"
    r"returned|answered|commented)|"
    r"(?:could|can)\s*(?:not|n't|n’t)\s+(?:immediately\s+)?be\s+(?:reached|contacted)|"
    r"(?:was|were)\s+(?:not|n't)\s+(?:immediately\s+)?(?:available|reachable)\s+for\s+comment|"
    r"(?:tidak|tak|belum)\s+(?:segera\s+|langsung\s+)?(?:merespons|merespon|menjawab|membalas|"
    r"mengomentari|menanggapi|berkomentar|memberikan\s+(?:tanggapan|komentar|respons|respon|"
    r"jawaban|keterangan|pernyataan))|"
    r"(?:tidak|tak|belum)\s+(?:dapat|bisa|berhasil)\s+(?:dihubungi|dikonfirmasi|dimintai)"
)

# --- content that calls a report false (denial by content, R6) -----------------------------------
FALSITY: Final = (
    r"tidak\s+benar|tak\s+benar|tidak\s+(?:ber|men)dasar|tak\s+berdasar|tanpa\s+dasar|"
    r"tidak\s+ada\s+(?:sesuatu\s+)?yang\s+benar|bohong|fitnah|hoaks|kabar\s+palsu|berita\s+palsu|"
    r"\bfalse\b|untrue|not\s+true|baseless|groundless|unfounded|fabricated|fake\s+news|"
    r"without\s+(?:any\s+)?(?:basis|foundation)|no\s+truth|(?:is|was|are|were)\s+(?:a\s+)?hoax"
)

# --- quoted content that itself refuses (no_comment by content) -----------------------------------
REFUSAL_CONTENT: Final = (
    r"no\s+comment|"
    r"\b(?:saya|kami|kita|aku)\s+(?:\w+\s+){0,2}(?:tidak|tak|belum)\s+(?:\w+\s+)?"
    r"(?:menanggapi|berkomentar|mengomentari|komentari|tanggapi|memberikan\s+komentar)|"
    r"(?:tidak|tak)\s+perlu\s+(?:kami\s+|saya\s+|kita\s+)?(?:komentari|tanggapi|berkomentar)|"
    r"hak\s+untuk\s+tidak\s+(?:memberikan\s+komentar|berkomentar|menjawab)|"
    r"(?:tolong|silakan|silahkan|mohon)\s+(?:\w+\s+)?(?:hubungi|tanyakan|tanya|konfirmasi)|"
    r"\b(?:I|we)\b[^.]{0,25}?(?:not|n't|n’t|never)\s+(?:going\s+to\s+)?(?:start\s+)?"
    r"(?:comment|commenting|discuss|discussing)|"
    r"(?:can|could)\s*(?:not|n't|n’t)\s+comment|please\s+(?:contact|ask)|refer\s+(?:you|questions)"
)

# --- outlets (R5) --------------------------------------------------------------------------------
OUTLETS: Final = """Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|Bloomberg News|
Antara|Kompas|Kompas.com|Tempo|Tempo.co|detik|detikcom|detik.com|Detikcom|CNN|CNN Indonesia|
BBC|BBC Indonesia|Al Jazeera|Xinhua|Yonhap|Kyodo|TASS|RIA Novosti|Interfax|
The New York Times|New York Times|NYT|The Washington Post|Washington Post|The Wall Street Journal|
Wall Street Journal|WSJ|Financial Times|FT|The Guardian|Guardian|The Times|The Australian|
The Economist|Global Times|The Beijing News|South China Morning Post|SCMP|Nikkei|Nikkei Asia|
Politico|Axios|NBC|NBC News|CBS|CBS News|ABC|ABC News|Fox News|NPR|VOA|Voice of America|
Republika|Bisnis.com|Bisnis Indonesia|Kontan|Katadata|The Jakarta Post|Jakarta Post|Jakarta Globe|
Media Indonesia|Kumparan|kumparan|Liputan6|Liputan6.com|Okezone|Sindonews|Tribunnews|JPNN|
jpnn.com|Suara.com|Viva|VIVA|Metro TV|TVRI|RRI|Beritasatu|IDN Times|Tirto|Tirto.id|CNBC|
CNBC Indonesia|Le Monde|Der Spiegel|Spiegel|Handelsblatt|El País|Asahi|NHK|Caixin|
People's Daily|Straits Times|The Straits Times|Bernama|Dow Jones|Sky News|Deutsche Welle|DW|
The Telegraph|The Independent|Daily Mail|USA Today|Los Angeles Times|Axios|The Hill|Semafor|
The Information|Forbes|Fortune|Time|Newsweek|Yomiuri|Mainichi|Kyiv Independent|Interfax-Ukraine|
RIA|RT|Sputnik|Anadolu|Anadolu Agency|Yonhap News Agency|Channel NewsAsia|CNA|Rappler|
Inquirer|Bangkok Post|Dawn|Gulf News|Haaretz|Times of Israel|Ukrainska Pravda|Meduza|Kommersant|
Vedomosti|RBC|Izvestia|ECNS|China Daily|Economic Observer|Caijing|Respekt""".replace("\n", "")

# Head words that make a capitalised name an outlet ("the Beijing News", "Daily Telegraph").
OUTLET_HEADS: Final = (
    r"Times|News|Post|Journal|Observer|Herald|Daily|Tribune|Telegraph|Guardian|Gazette|Chronicle|"
    r"Express|Mirror|Star|Sun|Standard|Mail|Examiner|Inquirer|Monitor|Review|Weekly|Harian|Pos|"
    r"Koran|Majalah|Radio|TV|Televisi|Press|Wire|Magazine|Kantor Berita"
)

# Common nouns that introduce an outlet's name ("newspaper Respekt", "kantor berita Yonhap").
OUTLET_NOUNS: Final = (
    r"newspaper|daily|paper|tabloid|magazine|weekly|broadcaster|news\s+agency|agency|news\s+site|"
    r"website|outlet|news\s+outlet|channel|television|radio|station|kantor\s+berita|surat\s+kabar|"
    r"harian|majalah|media|situs(?:\s+berita)?|portal(?:\s+berita)?|stasiun\s+televisi|televisi|"
    r"koran|tabloid|mingguan"
)

# Anaphors that point back to the last outlet: "the newspaper said", "according to the report".
OUTLET_ANAPHORS: Final = (
    r"the\s+(?:newspaper|paper|daily|report|reports|article|story|agency|news\s+agency|"
    r"broadcaster|magazine|outlet|publication|website|site|station)|"
    r"(?:surat\s+kabar|harian|kantor\s+berita|media|laporan|majalah|situs|koran)\s+"
    r"(?:itu|ini|tersebut)|laporan(?:nya)?|the\s+(?:\w+\s+)?(?:newspaper|paper|report)"
)

# Nouns for reports whose content clause may carry its own attribution.
REPORT_NOUNS: Final = (
    r"reports?|article|story|stories|news|allegations?|claims?|laporan|pemberitaan|berita|kabar|"
    r"artikel|isu|tulisan"
)

# Channels are not outlets (R5); they are stripped from a speaker phrase ("embassy statement").
CHANNEL_NOUNS: Final = (
    r"statement|email|e-mail|letter|press\s+release|post|tweet|message|text\s+message|"
    r"pernyataan|surat|siaran\s+pers|keterangan\s+tertulis|unggahan|cuitan|pesan"
)

# Role and title words removed in front of a name ("Maiden founder Naresh Kumar Goyal").
ROLE_WORDS: Final = frozenset(
    [
        "pihak",
        "juru",
        "bicara",
        "jubir",
        "direktur",
        "utama",
        "dirut",
        "kepala",
        "ketua",
        "umum",
        "menteri",
        "presiden",
        "wakil",
        "perusahaan",
        "founder",
        "co-founder",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "executive",
        "ceo",
        "president",
        "minister",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "head",
        "secretary",
        "governor",
        "mayor",
        "senator",
        "sen",
        "rep",
        "general",
        "gen",
        "dr",
        "prof",
        "mr",
        "mrs",
        "ms",
        "sir",
        "lord",
        "analyst",
        "official",
        "officials",
        "pejabat",
        "gubernur",
        "bupati",
        "wali",
        "kota",
        "walikota",
        "sekretaris",
        "jenderal",
        "kapolri",
        "kapolda",
        "kasat",
        "komisaris",
        "anggota",
        "pengamat",
        "analis",
        "ekonom",
        "humas",
        "kepresidenan",
        "manajer",
        "manager",
        "lawyer",
        "attorney",
        "pengacara",
        "kuasa",
        "hukum",
        "deputy",
        "vice",
        "founder",
        "owner",
        "pemilik",
        "pendiri",
        "chairperson",
        "coordinator",
        "koordinator",
        "coach",
        "judge",
        "justice",
        "commissioner",
        "inspector",
        "captain",
        "professor",
        "doctor",
        "engineer",
        "officer",
        "ambassador",
        "prosecutor",
        "spokesmen",
        "representative",
        "senior",
        "junior",
        "former",
        "acting",
        "mantan",
        "staf",
        "ahli",
        "peneliti",
        "researcher",
        "scientist",
        "economist",
        "bos",
    ]
)


# Common nouns that describe a person or body in front of its name ("Warga Kaligawe, Sutarmi").
DESCRIPTORS: Final = frozenset(
    "warga penduduk petani nelayan pedagang buruh siswa mahasiswa guru dokter perawat korban "
    "saksi relawan pengelola pemilik orang tua pelatih pemain suporter aktivis tokoh ketua "
    "resident residents farmer teacher student nurse witness victim worker parent coach player "
    "activist councillor councilman councilwoman neighbour neighbor shopkeeper owner operator "
    "regulator carrier maker firm company group union".split()
)

# Heads of anaphoric descriptions that point back to a company ("the company said").
ORG_HEADS: Final = frozenset(
    "company firm group operator carrier airline maker manufacturer club bank lender insurer "
    "retailer developer producer startup perusahaan perseroan emiten maskapai klub".split()
)

# Words that mark a public body, which "the company" never points back to.
PUBLIC_BODIES: Final = frozenset(
    "agency ministry department authority commission council police court government office "
    "bureau regulator kementerian badan dinas komisi pemerintah kepolisian pengadilan lembaga "
    "otoritas".split()
)

# The rules ask one question of these whatever the language: is this word one of them.
ADVERBIAL_STARTS: Final = ADVERBIAL_STARTS_EN | ADVERBIAL_STARTS_ID

# Words that open a clause before its subject: the fronted adverbials above (bar the
# "until" words, which end a span rather than start one) and a few negations and
# auxiliaries that may stand first.
CONNECTIVES: Final = (ADVERBIAL_STARTS - {"hingga", "sampai"}) | frozenset(
    ["addition", "this", "akan", "dengan", "hanya", "lanjut", "lebih", "oleh", "tak", "tidak"]
)
COPULAS: Final = COPULAS_EN | COPULAS_ID
INTRO_PREPS: Final = INTRO_PREPS_EN | INTRO_PREPS_ID

__all__ = [
    "ACCORDING",
    "ADVERBIAL_STARTS",
    "CHANNEL_NOUNS",
    "CONNECTIVES",
    "COPULAS",
    "DENY",
    "DESCRIPTORS",
    "EVIDENTIAL",
    "FALSITY",
    "HEDGE",
    "INTRO_PREPS",
    "NO_COMMENT",
    "NO_RESPONSE",
    "OFFER",
    "ORG_HEADS",
    "OUTLETS",
    "OUTLET_ANAPHORS",
    "OUTLET_HEADS",
    "OUTLET_NOUNS",
    "PUBLIC_BODIES",
    "REFUSAL_CONTENT",
    "REPORT_NOUNS",
    "ROLE_WORDS",
    "WEEKDAYS",
]
