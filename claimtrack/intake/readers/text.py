"""Plain text: bytes to text (BOM, UTF-8, legacy charsets), and pasted text.

Also the plain-text article builder the other readers finish with (``from_plain``), and the
title guess they fall back on.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from claimtrack.extract import detect_language
from claimtrack.intake.article import LoadedArticle
from claimtrack.intake.safe_read import ArticleFileError


def article_from_text(
    text: str,
    *,
    title: str = "",
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
) -> LoadedArticle:
    """An article from pasted text; a first line holding only a URL becomes its URL."""
    if "\x00" in text:
        raise ArticleFileError("The pasted text contains binary data; it is not a text article.")
    loaded = from_plain(normalise(text), "pasted text", "")
    return dataclasses.replace(
        loaded,
        title=title.strip() or loaded.title,
        outlet=outlet or loaded.outlet,
        url=url or loaded.url,
        published=published or loaded.published,
    )


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def decode_text(data: bytes, name: str = "the file") -> str:
    """Bytes → text: BOM, then UTF-8, then charset-normalizer for legacy charsets.

    A file that is mostly UTF-8 but has broken sequences is refused rather than guessed at: it
    was damaged, and a guess would quietly corrupt every accented letter in it.
    """
    if not data.strip():
        raise ArticleFileError(f"{name} is empty.")
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError:
                raise ArticleFileError(f"{name} is not valid {codec.upper()} text.") from None
            break
    if text is None:
        if b"\x00" in data[:8192] and not looks_utf16(data):
            raise ArticleFileError(f"{name} looks binary; it is not a text article.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if looks_utf16(data):
                text = data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", "replace")
            elif _UTF8_MULTIBYTE.search(data):
                raise ArticleFileError(
                    f"{name} is not valid UTF-8 (a broken byte at offset {exc.start}); "
                    "re-save it as UTF-8."
                ) from None
            else:
                text = _legacy(data, name)
    text = normalise(text)
    if not text.strip():
        raise ArticleFileError(f"{name} holds no text.")
    if len(_CONTROL.findall(text[:20000])) > max(2, len(text[:20000]) // 100):
        raise ArticleFileError(f"{name} looks binary; it is not a text article.")
    return text


def looks_utf16(data: bytes) -> bool:
    """Many NUL bytes on one side of each pair: UTF-16 without a BOM, not binary."""
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4


def _legacy(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise ArticleFileError(f"{name} is not in any charset we recognise; not a text article.")
    # On short texts several single-byte charsets fit equally well; news in Indonesian and
    # English is Western, so Windows-1252 wins whenever the detector says it could be that.
    western = any(
        "cp1252" in m.could_be_from_charset and m.chaos <= best.chaos + 0.05 for m in results
    )
    if best.encoding != "cp1252" and western:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def normalise(text: str) -> str:
    """Newlines as "\\n", no byte-order marks, no blank lines at either end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return text.strip("\n")


_URL_LINE = re.compile(r"^https?://\S+$")


def from_plain(text: str, source: str, stem: str) -> LoadedArticle:
    """The article of a plain text; a first line holding only a URL becomes its URL."""
    if not text.strip():
        raise ArticleFileError(f"{source} holds no text.")
    url = None
    lines = text.split("\n", 2)
    if len(lines) == 3 and _URL_LINE.match(lines[0].strip()) and not lines[1].strip():
        url, text = lines[0].strip(), lines[2].strip("\n")
    return LoadedArticle(
        text=text,
        title=guess_title(text, stem),
        url=url,
        language=detect_language(text),
        source=source,
    )


def guess_title(text: str, fallback: str) -> str:
    """A short first line that does not end like a sentence, else the file name, else the
    first ten words."""
    first = text.strip().split("\n", 1)[0].strip()
    if first and len(first) <= 120 and first[-1] not in '.!?"”':
        return first
    if fallback:
        return fallback.replace("_", " ")
    return " ".join(first.split()[:10]) + ("…" if len(first.split()) > 10 else "")


__all__ = [
    "article_from_text",
    "decode_text",
    "from_plain",
    "guess_title",
    "looks_utf16",
    "normalise",
]
