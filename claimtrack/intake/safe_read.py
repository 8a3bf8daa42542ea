"""What every article reader shares: the error type, size limits, safe names and titles,
and opening a file without trusting it.

Untrusted files are treated with suspicion (RELIABILITY.md): only a regular file is opened
(checked on the descriptor, so it cannot be swapped between check and read), at most one
byte beyond the limit is read, and names and titles are made storable whatever bytes they
hold. The format readers in ``claimtrack.intake.readers`` build on these.
"""

from __future__ import annotations

import os
import re
import stat
from typing import IO

from claimtrack.domain import ClaimTrackError


class ArticleFileError(ClaimTrackError):
    """The file cannot be imported as an article; the message says why, in one line."""


MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = MAX_BYTES  # the most text any reader keeps: what a plain-text file may hold
MAX_TITLE_CHARS = 500  # one cap for every reader: a headline, never a page of text
KEPT_WARN = 0.5  # below this share of the file's text kept, the user is told


# ---------------------------------------------------------------- names and titles


def display_name(name: str) -> str:
    """A file name safe to show and store: undecodable bytes become U+FFFD, controls spaces.

    File names are bytes on POSIX; Python carries bytes that are not UTF-8 as lone
    surrogates, which no database and no UTF-8 file can hold.
    """
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "replace")
    text = raw.decode("utf-8", "replace")
    return _CONTROLS.sub(" ", text)


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean_title(title: str | None, limit: int = MAX_TITLE_CHARS) -> str:
    """One line, no control characters, at most ``limit`` characters (cut at a word)."""
    if not title:
        return ""
    text = " ".join(_CONTROLS.sub(" ", title[: limit * 4]).split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip() + "…"


_WORD_CHAR = re.compile(r"\w")


def visible_count(text: str) -> int:
    """Letters and digits: what a reader sees, whatever the markup or whitespace around it."""
    return len(_WORD_CHAR.findall(text))


def loss_warning(name: str, kept: int, visible: int, what: str) -> str | None:
    """A one-line warning when most of the file's text was not kept, else None."""
    if visible <= 0 or kept >= visible * KEPT_WARN:
        return None
    share = 100 * kept / visible
    return (
        f"{name}: only {share:.0f}% of the file's text was kept ({kept:,} of {visible:,} "
        f"letters and digits); {what}"
    )


# ---------------------------------------------------------------- opening


def open_regular(path: str | os.PathLike[str], shown: str) -> tuple[IO[bytes], os.stat_result]:
    """Open ``path`` for reading only if it is a regular file, without blocking on a FIFO.

    The check is made on the opened descriptor (fstat), so a file swapped for a device or
    a pipe between a check and the read cannot slip through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ArticleFileError(f"{shown}: no such file.") from None
    except IsADirectoryError:
        raise ArticleFileError(f"{shown} is a folder, not an article file.") from None
    except OSError as exc:
        raise ArticleFileError(f"{shown}: cannot be read ({exc.strerror or exc}).") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ArticleFileError(f"{shown} is a folder, not an article file.")
        if not stat.S_ISREG(st.st_mode):
            raise ArticleFileError(
                f"{shown} is not a regular file (a device, pipe or socket); it was not read."
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st
    except BaseException:
        os.close(fd)
        raise


def read_capped(fh: IO[bytes], limit: int) -> bytes:
    """At most ``limit + 1`` bytes: one more than allowed says the file grew past it."""
    return fh.read(limit + 1)


__all__ = [
    "KEPT_WARN",
    "MAX_BYTES",
    "MAX_TEXT_CHARS",
    "MAX_TITLE_CHARS",
    "ArticleFileError",
    "clean_title",
    "display_name",
    "loss_warning",
    "open_regular",
    "read_capped",
    "visible_count",
]
