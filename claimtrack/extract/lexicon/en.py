"""English cue words: speech and report verbs, pronouns, sentence openers."""

from __future__ import annotations

from typing import Final

SAY_EN: Final = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "adding",
    "saying",
    "stressed",
    "stresses",
    "stressing",
    "claimed",
    "claims",
    "claiming",
    "explained",
    "explains",
    "replied",
    "replies",
    "noted",
    "notes",
    "argued",
    "argues",
    "insisted",
    "insists",
    "asserted",
    "asserts",
    "maintained",
    "maintains",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "announced",
    "predicted",
    "predicts",
    "estimated",
    "estimates",
    "believes",
    "believed",
    "suspected",
    "suspects",
    "alleged",
    "alleges",
    "accused",
    "accuses",
    "vowed",
    "vows",
    "pledged",
    "promised",
    "wrote",
    "writes",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "stated",
    "reiterated",
    "countered",
    "conceded",
    "concluded",
    "contended",
    "testified",
    "tweeted",
    "recalled",
    "remarked",
    "observed",
    "warned",
    "warns",
    "responded",
    "confirmed",
    "confirms",
    "confirming",
    "agreed",
    "forecast",
    "projected",
    "calling",
    "describing",
]

# Verbs that need "that", a colon or a quotation before they count: they also take plain
# noun objects ("expressed his anger", "mengungkapkan kekesalannya").
WEAK_EN: Final = ["revealed", "reveals", "expressed", "expresses", "announced"]

REPORT_EN: Final = ["reported", "reports", "reporting"]

# Blame / cause attribution: "X has linked A to B".
BLAME_EN: Final = ["linked", "blamed", "blames"]

PRONOUNS_EN: Final = frozenset(["he", "she", "it", "they", "we", "i", "him", "her", "them"])

# First words of a fronted adverbial or connective: a capitalised one is not a speaker.
ADVERBIAL_STARTS_EN: Final = frozenset(
    [
        "when",
        "while",
        "after",
        "before",
        "if",
        "although",
        "though",
        "as",
        "since",
        "because",
        "however",
        "meanwhile",
        "previously",
        "earlier",
        "later",
        "on",
        "in",
        "at",
        "during",
        "under",
        "but",
        "and",
        "so",
        "also",
        "still",
        "yet",
        "then",
        "separately",
        "instead",
        "moreover",
        "furthermore",
        "last",
        "speaking",
        "asked",
        "besides",
        "nevertheless",
        "nonetheless",
        "thus",
        "therefore",
    ]
)

# Copulas and auxiliaries: a capitalised run followed by one is a subject, not a tag.
COPULAS_EN: Final = frozenset(
    [
        "is",
        "was",
        "are",
        "were",
        "will",
        "has",
        "have",
    ]
)

# Prepositions that open a short fronted phrase of time or place ("In Ottawa, ...").
INTRO_PREPS_EN: Final = frozenset("in on at during after before when while since as last".split())

__all__ = [
    "ADVERBIAL_STARTS_EN",
    "BLAME_EN",
    "COPULAS_EN",
    "INTRO_PREPS_EN",
    "PRONOUNS_EN",
    "REPORT_EN",
    "SAY_EN",
    "WEAK_EN",
]
