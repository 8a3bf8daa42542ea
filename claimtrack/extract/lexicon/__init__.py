"""Cue words per language, as data.

Each list names one role an attribution cue plays (README R1, R6); the rules in ``rules.py`` only
know these roles, so adding a verb or an outlet is a one-line change here.  Multi-word entries are
regular-expression fragments matched case-insensitively on word boundaries unless noted.

``en`` and ``id`` hold the words of one language, ``common`` the tables both share; every name is
re-exported here, so the engine reads them as ``lexicon.NAME`` whatever file they live in.
"""

from __future__ import annotations

from claimtrack.extract.lexicon.common import (
    ACCORDING,
    ADVERBIAL_STARTS,
    CHANNEL_NOUNS,
    CONNECTIVES,
    COPULAS,
    DENY,
    DESCRIPTORS,
    EVIDENTIAL,
    FALSITY,
    HEDGE,
    INTRO_PREPS,
    NO_COMMENT,
    NO_RESPONSE,
    OFFER,
    ORG_HEADS,
    OUTLET_ANAPHORS,
    OUTLET_HEADS,
    OUTLET_NOUNS,
    OUTLETS,
    PUBLIC_BODIES,
    REFUSAL_CONTENT,
    REPORT_NOUNS,
    ROLE_WORDS,
    WEEKDAYS,
)
from claimtrack.extract.lexicon.en import (
    ADVERBIAL_STARTS_EN,
    BLAME_EN,
    COPULAS_EN,
    INTRO_PREPS_EN,
    PRONOUNS_EN,
    REPORT_EN,
    SAY_EN,
    WEAK_EN,
)
from claimtrack.extract.lexicon.id import (
    ADVERBIAL_STARTS_ID,
    AGENT_OPENERS,
    COPULAS_ID,
    INTRO_PREPS_ID,
    INVERTED_ID,
    PRONOUNS_ID,
    REPORT_ID,
    RETRO_ID,
    SAY_ID,
    WEAK_ID,
)

__all__ = [
    "ACCORDING",
    "ADVERBIAL_STARTS",
    "ADVERBIAL_STARTS_EN",
    "ADVERBIAL_STARTS_ID",
    "AGENT_OPENERS",
    "BLAME_EN",
    "CHANNEL_NOUNS",
    "CONNECTIVES",
    "COPULAS",
    "COPULAS_EN",
    "COPULAS_ID",
    "DENY",
    "DESCRIPTORS",
    "EVIDENTIAL",
    "FALSITY",
    "HEDGE",
    "INTRO_PREPS",
    "INTRO_PREPS_EN",
    "INTRO_PREPS_ID",
    "INVERTED_ID",
    "NO_COMMENT",
    "NO_RESPONSE",
    "OFFER",
    "ORG_HEADS",
    "OUTLETS",
    "OUTLET_ANAPHORS",
    "OUTLET_HEADS",
    "OUTLET_NOUNS",
    "PRONOUNS_EN",
    "PRONOUNS_ID",
    "PUBLIC_BODIES",
    "REFUSAL_CONTENT",
    "REPORT_EN",
    "REPORT_ID",
    "REPORT_NOUNS",
    "RETRO_ID",
    "ROLE_WORDS",
    "SAY_EN",
    "SAY_ID",
    "WEAK_EN",
    "WEAK_ID",
    "WEEKDAYS",
]
