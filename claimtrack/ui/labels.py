"""Status and verdict names in the interface language.

The database stores each status and rating with an English label (the migration's
defaults). Until an editor renames one, its label is shown translated; a label the
newsroom chose itself is shown as typed, in whatever language they typed it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# The default English labels of migration 0001, by key.
DEFAULT_STATUSES = {
    "unreviewed": "Unreviewed",
    "in_progress": "In progress",
    "needs_signoff": "Needs sign-off",
    "done": "Done",
}
DEFAULT_VERDICTS = {
    "unrated": "Unrated",
    "accurate": "Accurate",
    "mostly_accurate": "Mostly accurate",
    "misleading": "Misleading",
    "mostly_false": "Mostly false",
    "false": "False",
    "unverifiable": "Unverifiable",
}


def _translated_statuses() -> dict[str, str]:
    # Literal calls, so that pyside6-lupdate finds every string.
    return {
        "unreviewed": QCoreApplication.translate("StatusLabel", "Unreviewed"),
        "in_progress": QCoreApplication.translate("StatusLabel", "In progress"),
        "needs_signoff": QCoreApplication.translate("StatusLabel", "Needs sign-off"),
        "done": QCoreApplication.translate("StatusLabel", "Done"),
    }


def _translated_verdicts() -> dict[str, str]:
    return {
        "unrated": QCoreApplication.translate("VerdictLabel", "Unrated"),
        "accurate": QCoreApplication.translate("VerdictLabel", "Accurate"),
        "mostly_accurate": QCoreApplication.translate("VerdictLabel", "Mostly accurate"),
        "misleading": QCoreApplication.translate("VerdictLabel", "Misleading"),
        "mostly_false": QCoreApplication.translate("VerdictLabel", "Mostly false"),
        "false": QCoreApplication.translate("VerdictLabel", "False"),
        "unverifiable": QCoreApplication.translate("VerdictLabel", "Unverifiable"),
    }


def status_label(key: str, stored_label: str) -> str:
    """The status's name to show: translated while it is still the English default."""
    if DEFAULT_STATUSES.get(key) == stored_label:
        return _translated_statuses()[key]
    return stored_label


def verdict_label(key: str, stored_label: str) -> str:
    """The verdict's name to show: translated while it is still the English default."""
    if DEFAULT_VERDICTS.get(key) == stored_label:
        return _translated_verdicts()[key]
    return stored_label
