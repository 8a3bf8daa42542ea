"""HTML articles: the page's main text, by trafilatura, from our own parse of the file's bytes.

Nothing is fetched: the file is parsed here (no network, non-rendered elements removed) and
its visible text is also read by plain string scanning, which has no nesting or size limit,
so a parse that lost most of the page is noticed and the plain reading imported instead.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimtrack.domain import ClaimTrackError
from claimtrack.extract import detect_language
from claimtrack.intake.article import LoadedArticle, parse_date
from claimtrack.intake.readers.text import decode_text, from_plain, guess_title, looks_utf16
from claimtrack.intake.safe_read import (
    ArticleFileError,
    clean_title,
    loss_warning,
    visible_count,
)

INSTALL_HINT = (
    "this ClaimTrack installation is incomplete ({missing}); reinstall ClaimTrack "
    "(or run `pip install lxml_html_clean`) to import HTML articles."
)
KEPT_PARSED = 0.5  # the parser built less than this share of the page's plain-text reading


def from_html(data: bytes, name: str) -> LoadedArticle:
    """HTML → the page's main text (trafilatura), from our own parse of the file's bytes.

    The page is parsed here without lxml's size limits and with non-rendered content
    (<template>, scripts, styles, <noscript>) removed, then handed to trafilatura. When the
    parser itself loses most of the page's text (nesting deeper than libxml2 builds), the
    page's plain-text reading is imported instead, with a warning; when trafilatura keeps
    less than half of the text outside menus and footers, the import says how much.
    """
    try:
        import trafilatura
    except ImportError as exc:  # a broken install: lxml_html_clean missing, typically
        raise ClaimTrackError(
            f"{name} cannot be imported: " + INSTALL_HINT.format(missing=_missing(exc))
        ) from None

    if not data.strip():
        raise ArticleFileError(f"{name} is empty.")
    if b"\x00" in data[:8192] and not looks_utf16(data):
        raise ArticleFileError(f"{name} looks binary; it is not an HTML article.")
    html = decode_text(data, name)
    plain = html_plain_reading(html)
    plain_visible = visible_count(plain)
    try:
        page = parse_html(html.encode("utf-8", "surrogatepass"))
    except Exception as exc:  # lxml raises many types on hostile markup
        raise ArticleFileError(f"{name}: the HTML cannot be read ({exc}).") from None
    if plain_visible and page.body_visible < KEPT_PARSED * plain_visible:
        return _html_as_plain(plain, page.title, name, page.body_visible, plain_visible)
    try:
        doc = trafilatura.bare_extraction(
            page.tree, with_metadata=True, include_comments=False, include_tables=False
        )
    except ImportError as exc:
        raise ClaimTrackError(
            f"{name} cannot be imported: " + INSTALL_HINT.format(missing=_missing(exc))
        ) from None
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        raise ArticleFileError(f"{name}: the HTML cannot be read ({exc}).") from None
    meta: dict[str, Any] = {}
    if doc is not None:
        meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (meta.get("text") or "").strip()
    if not body:
        raise ArticleFileError(f"{name} has no article text (only scripts, menus or markup).")
    title = clean_title(meta.get("title") or page.title)
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    if paras and title and paras[0] == title:
        paras = paras[1:]  # the headline is the title, not a paragraph of the story
    text = "\n\n".join(paras) or body
    warning = loss_warning(
        name,
        visible_count(text),
        page.visible,
        "the rest was not recognised as the story (tables, link lists, comments) — "
        "compare the stored text with the page.",
    )
    return LoadedArticle(
        text=text,
        title=title or guess_title(text, Path(name).stem),
        outlet=(meta.get("sitename") or None),
        url=(meta.get("url") or None),
        published=parse_date(meta.get("date")),
        language=detect_language(text),
        source=name,
        warnings=(warning,) if warning else (),
    )


def _html_as_plain(plain: str, title: str, name: str, parsed: int, visible: int) -> LoadedArticle:
    loaded = from_plain(plain, name, Path(name).stem)
    note = (
        f"{name}: the page's markup could not be parsed whole (it kept {100 * parsed / visible:.0f}"
        "% of the text; nesting too deep?); all of its visible text was imported as plain "
        "text, menus included."
    )
    return dataclasses.replace(loaded, title=title or loaded.title, warnings=(note,))


def _missing(exc: ImportError) -> str:
    """The module a failed import was missing, for the one-line install message."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    if "lxml_html_clean" in text or "html.clean" in text:
        return "lxml_html_clean is missing"
    return f"{exc.name} is missing" if exc.name else (text[:120] or "a module is missing")


# ---------------------------------------------------------------- the page, read two ways

NOT_RENDERED = ("template", "script", "style", "noscript")
_FURNITURE = ("nav", "header", "footer", "aside", "menu", "form", "select", "button")
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|h[1-6]|tr|td|th|section|article|blockquote|pre|ul|ol|dl|dd|dt|"
    r"table|main|figure|figcaption|hr|header|footer|nav|aside)\b[^<>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^<>]*>")
_BLANKS = re.compile(r"\n\s*\n\s*")


def _drop_between(text: str, opener: str, closer: str) -> str:
    """``text`` without every ``opener`` … ``closer`` span (linear; unclosed: to the end)."""
    low = text.lower()
    out: list[str] = []
    pos = 0
    while True:
        start = low.find(opener, pos)
        if start < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:start])
        end = low.find(closer, start + len(opener))
        if end < 0:
            break
        pos = end + len(closer)
    return " ".join(out)


def html_plain_reading(markup: str) -> str:
    """The visible text of an HTML page by plain string scanning, with paragraph breaks.

    Has no nesting or attribute-size limit (the parsers have both), so it is the measure
    of what a page shows, and the reading used when the parser lost most of it.
    """
    text = _drop_between(markup, "<!--", "-->")
    text = _drop_between(text, "<head", "</head")
    for tag in NOT_RENDERED:
        text = _drop_between(text, f"<{tag}", f"</{tag}")
    text = _BLOCK_TAG.sub("\n\n", text)
    text = html_lib.unescape(_ANY_TAG.sub(" ", text))
    paras = (" ".join(p.split()) for p in _BLANKS.split(text))
    return "\n\n".join(p for p in paras if p)


@dataclass
class HtmlTree:
    tree: Any
    title: str
    visible: int  # letters and digits in the parsed body, not counting page furniture
    body_visible: int  # all letters and digits in the parsed body


def parse_html(data: bytes) -> HtmlTree:
    """Parse HTML without lxml's size limits, with non-rendered elements removed."""
    import lxml.html

    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        huge_tree=True,  # a 10 MB attribute must not end the document where it stands
        collect_ids=False,
        default_doctype=False,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
    )
    tree = lxml.html.document_fromstring(data, parser=parser)
    for el in list(tree.iter(*NOT_RENDERED)):
        el.drop_tree()
    title = clean_title(tree.findtext(".//title"))
    body = tree.find("body")
    if body is None:
        body = tree
    body_visible = visible_count(body.text_content())
    furniture = sum(
        visible_count(el.text_content())
        for el in body.iter(*_FURNITURE)
        if next(el.iterancestors(*_FURNITURE), None) is None
    )
    return HtmlTree(tree, title, max(0, body_visible - furniture), body_visible)


__all__ = [
    "INSTALL_HINT",
    "KEPT_PARSED",
    "NOT_RENDERED",
    "HtmlTree",
    "from_html",
    "html_plain_reading",
    "parse_html",
]
