"""Dates and moments read from SQLite without letting one damaged value close the database.

SQLite keeps moments as text, so a file edited by another tool (or a bit flipped on disk) can
hold "2025-02-30 10:00:00". SQLAlchemy's reader raises on such a value, and one bad row then
stopped the whole table, every export and the detail pane. Here a value that is no real moment
is read as the nearest one that is (the day clamped to the month's last, the hour to 23 …), or
as the Unix epoch when nothing in it resembles a date; the stored text is left as it is until
the row is edited, and ``claimtrack check`` names each such value.

Plain Python (no SQLAlchemy): the start-up peek reads through it too; the column types
that apply it to ORM reads are in ``store.coltypes``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime

EPOCH = datetime(1970, 1, 1)

_PARTS = re.compile(
    r"\s*(\d{1,4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?)?"
)


def _clamp(value: int, low: int, high: int) -> int:
    return min(max(value, low), high)


def read_moment(text: str) -> datetime:
    """``text`` as a naive datetime; never raises (see the module's docstring)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    match = _PARTS.match(text)
    if match is None:
        return EPOCH
    year = _clamp(int(match[1]), 1, 9999)
    month = _clamp(int(match[2]), 1, 12)
    day = _clamp(int(match[3]), 1, monthrange(year, month)[1])
    hour = _clamp(int(match[4] or 0), 0, 23)
    minute = _clamp(int(match[5] or 0), 0, 59)
    second = _clamp(int(match[6] or 0), 0, 59)
    micro = int((match[7] or "0").ljust(6, "0"))
    return datetime(year, month, day, hour, minute, second, micro)


def read_date(text: str) -> date:
    """``text`` as a date; never raises."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return read_moment(text).date()


def is_real_moment(text: str) -> bool:
    """True when ``text`` reads as written (what ``claimtrack check`` asks of each value)."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
