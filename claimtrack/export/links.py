"""Which addresses may become links in an export, and what the others become.

One rule for every format: only an ``http`` or ``https`` address with a host is ever
written as a link (an HTML ``href``, a Markdown link, a Word hyperlink, a ClaimReview
``url``). Anything else — ``javascript:``, ``data:``, ``vbscript:``, ``file:``,
``mailto:``, relative paths, and disguised forms such as ``JaVaScRiPt:``,
``java<TAB>script:`` or ``&#106;avascript:`` — is never a link: the text that would
have been linked is kept and the address is shown after it as plain text
(``inert``), so the reader still sees where it pointed. ClaimReview, which has no text
to fall back on, leaves such a ``url`` out.

The scheme is read from the address exactly as written, after the clean-up every browser
applies first (tabs and line breaks removed anywhere, spaces and control characters at
the ends stripped). Entities and percent-escapes are not decoded first on purpose: a
string that only becomes ``javascript:`` after decoding does not *start* with
``http:``/``https:`` and is refused for that reason alone, and no output context we write
decodes the scheme of an address that does.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
INERT_LIMIT = 200  # a refused address is shown up to this many characters (data: URLs)

_REMOVED = re.compile("[\t\n\r]")  # WHATWG URL parsing drops these anywhere
_ENDS = "".join(chr(c) for c in range(0x21))  # C0 controls and space, stripped at the ends
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# Characters that must not stand raw in an address we write: they would end a Markdown
# autolink or an attribute, or hide what the address is. Percent-encoded, as browsers do.
_ENCODE = re.compile(r'[\x00-\x20\x7f-\x9f"<>\\`]|[^\x00-\x7f]')


def _encode(match: re.Match[str]) -> str:
    char = match.group()
    if char.isascii() or unicodedata.category(char)[0] in "ZC":  # spaces, controls, bidi
        return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return char  # letters of any script stay readable (an IRI)


def safe_url(url: str | None) -> str | None:
    """``url`` as it may be written as a link, or None when it must not be one.

    Only ``http``/``https`` (any case) with a host passes; the result has characters
    that may not stand raw in a link percent-encoded.
    """
    if not url:
        return None
    text = _REMOVED.sub("", url).strip(_ENDS).strip()
    scheme = _SCHEME.match(text)
    if scheme is None or scheme.group(1).lower() not in WEB_SCHEMES:
        return None
    text = _ENCODE.sub(_encode, text)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return None
    if not parts.hostname or not text[scheme.end() :].startswith("//"):
        return None
    return text


def is_web_url(url: str | None) -> bool:
    return safe_url(url) is not None


def inert(url: str) -> str:
    """A refused address as plain text: on one line, shortened when very long."""
    text = " ".join(url.split())
    return text if len(text) <= INERT_LIMIT else text[: INERT_LIMIT - 1] + "…"


def with_address(text: str, url: str) -> str:
    """What a refused link becomes: its text, then the address in parentheses (once)."""
    shown = inert(url)
    if not shown or shown == " ".join(text.split()):
        return text or shown
    return f"{text} ({shown})" if text.strip() else shown
