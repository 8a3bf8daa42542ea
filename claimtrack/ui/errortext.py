"""The common store and file errors in the interface language.

The store and services layers never import Qt, so their messages are English sentences.
The window translates the known ones at the moment it shows them: each pattern below
matches one sentence that claimtrack/store/engine.py or claimtrack/errors.py writes and
gives its translatable text, with the file's name carried over. A message no pattern knows
is shown as it came.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

# (pattern on the English sentence, its translation with %1 for the file), in engine order.

_KNOWN: list[tuple[re.Pattern[str], Callable[[], str]]] = [
    (
        re.compile(
            r"^(?P<where>.+) is in use by another program; close it there or try again in a "
            r"moment\.$"
        ),
        lambda: QCoreApplication.translate(
            "StoreError",
            "%1 is in use by another program; close it there or try again in a moment.",
        ),
    ),
    (
        re.compile(r"^(?P<where>.+) is not a ClaimTrack database \(it is not a SQLite file\)\.$"),
        lambda: QCoreApplication.translate(
            "StoreError", "%1 is not a ClaimTrack database (it is not a SQLite file)."
        ),
    ),
    (
        re.compile(r"^(?P<where>.+) is not a ClaimTrack database\.?$"),
        lambda: QCoreApplication.translate("StoreError", "%1 is not a ClaimTrack database."),
    ),
    (
        re.compile(r"^(?P<where>.+) cannot be written: the file or its folder is read-only\.$"),
        lambda: QCoreApplication.translate(
            "StoreError", "%1 cannot be written: the file or its folder is read-only."
        ),
    ),
    (
        re.compile(
            r"^(?P<where>.+) cannot be opened: check that the folder exists and is writable\.$"
        ),
        lambda: QCoreApplication.translate(
            "StoreError", "%1 cannot be opened: check that the folder exists and is writable."
        ),
    ),
    (
        re.compile(r"^The disk holding (?P<where>.+) is full; nothing was written\.$"),
        lambda: QCoreApplication.translate(
            "StoreError", "The disk holding %1 is full; nothing was written."
        ),
    ),
    (
        re.compile(r"^(?P<where>.+) is read-only; open it read-only or change its permissions\.$"),
        lambda: QCoreApplication.translate(
            "StoreError", "%1 is read-only; open it read-only or change its permissions."
        ),
    ),
    (
        re.compile(
            r"^(?:(?P<where>.+): )?the disk is full or the file is too large; nothing more "
            r"was written\.$"
        ),
        lambda: QCoreApplication.translate(
            "StoreError", "%1the disk is full or the file is too large; nothing more was written."
        ),
    ),
    (
        re.compile(r"^(?:(?P<where>.+): )?permission denied; check who may write there\.$"),
        lambda: QCoreApplication.translate(
            "StoreError", "%1permission denied; check who may write there."
        ),
    ),
    (
        re.compile(r"^(?:(?P<where>.+): )?the disk or folder is read-only\.$"),
        lambda: QCoreApplication.translate("StoreError", "%1the disk or folder is read-only."),
    ),
]


def translate_error(message: str) -> str:
    """``message`` in the interface language when it is one of the known sentences."""
    for pattern, text in _KNOWN:
        match = pattern.match(message)
        if match is None:
            continue
        where = match.group("where")
        translated = text()
        if pattern.pattern.startswith("^(?:"):
            # "file: reason" sentences: the name and its colon are optional.
            return translated.replace("%1", f"{where}: " if where else "", 1)
        return translated.replace("%1", where or "")
    return message
