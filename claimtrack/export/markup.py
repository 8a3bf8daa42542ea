"""Labels for stored identifiers, dates, colours, and Markdown notes made safe as HTML.

Every exporter reads notes through one parser (``_parser``), whose last step rewrites links
by the rule of ``claimtrack.export.links``: a link to anything but an http(s) address
becomes its text followed by the address as plain text, and an image is never embedded
(it becomes a link to its source, or text). HTML, Word, PDF and Markdown therefore agree
on what a note links to.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from html import escape
from typing import Any

import nh3

from claimtrack.export.links import inert, safe_url
from claimtrack.export.links import is_web_url as is_web_url

KIND_LABELS = {
    "statement": "Statement",
    "denial": "Denial",
    "no_comment": "No comment",
    "no_response": "No response",
}

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "s", "del", "code", "pre", "blockquote", "ul", "ol",
    "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th",
    "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https"}

# Text with none of these needs no Markdown parser: escaping it is exact and much faster.
_MARKDOWN_SIGNS = re.compile(r"[\\`*_\[\]<>#!|~&]|^\s*(?:[-+]\s|\d+[.)]\s|=+\s*$|-+\s*$)", re.M)


def label(identifier: str) -> str:
    """A stored identifier as a reader reads it: ``no_comment`` → ``No comment``."""
    return KIND_LABELS.get(identifier) or identifier.replace("_", " ").capitalize()


def when(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        offset = value.utcoffset()
        text = value.isoformat(" ", "minutes")[:16]
        return text + " UTC" if offset is not None and not offset else text
    return value.isoformat()


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    try:
        r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return "#000000"

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return "#000000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#ffffff"


def safe_colour(colour: str) -> str:
    return colour if re.fullmatch(r"#[0-9a-fA-F]{6}", colour or "") else "#9e9e9e"


# Only unambiguous strong emphasis: opened after a space (or at the start), closed before
# a space, the end or punctuation, nothing starred inside. CommonMark agrees on these.
_STRONG = re.compile(r"(?:(?<=\s)|^)\*\*(?=[^\s*])([^*\n]*?[^\s*])\*\*(?=[\s.,;:!?)]|$)", re.M)
_BULLET = re.compile(r"^- (?=\S)", re.M)
_LINE_MARK = re.compile(r"^[-+=]", re.M)
_BLANK_LINES = re.compile(r"\n(?:[ ]*\n)+")


def _paragraphs(source: str) -> str:
    """Plain text: paragraphs and line breaks, everything else escaped."""
    paragraphs = [p for p in re.split(r"\n\s*\n", source) if p.strip()]
    return "".join(
        "<p>" + escape(p.strip(), quote=False).replace("\n", "<br>") + "</p>" for p in paragraphs
    )


def _simple(source: str) -> str | None:
    """The most common notes (paragraphs, ``**bold**``, ``- `` bullets) without a parser.

    Used only when nothing else in the note could be Markdown; the output is what
    CommonMark gives for such text (a test compares them). Returns None otherwise.
    """
    rest = _BULLET.sub("", _STRONG.sub("", source))
    if _MARKDOWN_SIGNS.search(rest) or "*" in rest or "\t" in source:
        return None
    if _LINE_MARK.search(rest):
        return None  # rules, setext headings, nested markers: leave them to the parser
    if any(line != line.strip() for line in source.split("\n")):
        return None  # indentation and trailing spaces mean something in Markdown
    blocks: list[str] = []
    for block in _BLANK_LINES.split(source.strip("\n")):
        lines = block.split("\n")
        if not block.strip():
            continue
        bullets = [line.startswith("- ") for line in lines]
        if all(bullets):
            if blocks and blocks[-1].startswith("<ul>"):
                return None  # blank lines between items make a loose list
            items = "".join(f"<li>{_inline(line[2:])}</li>\n" for line in lines)
            blocks.append(f"<ul>\n{items}</ul>\n")
        elif any(bullets):
            return None  # a list running into text: leave it to the parser
        else:
            blocks.append("<p>" + "\n".join(_inline(line) for line in lines) + "</p>\n")
    return "".join(blocks)


def _inline(text: str) -> str:
    return _STRONG.sub(r"<strong>\1</strong>", escape(text, quote=False))


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # html=False: raw HTML in a note is shown as text; nh3 then cleans what remains.
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    # Every link and image is parsed (markdown-it would leave some schemes as literal
    # text, others not); `_safe_links` then decides them all by one rule.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.core.ruler.push("claimtrack_safe_links", _safe_links)
    return md


def _safe_links(state: Any) -> None:
    """A core rule: links only to http(s) addresses, and no images, in every note."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _safe_children(token.children, state.md.normalizeLinkText)


def _safe_children(children: list[Any], shown: Any) -> list[Any]:
    from markdown_it.token import Token

    def text(content: str) -> Any:
        return Token("text", "", 0, content=content)

    out: list[Any] = []
    links: list[tuple[int, str | None]] = []  # per open link: (start in out, refused address)
    for child in children:
        kind = child.type
        if kind == "link_open":
            href = str(child.attrs.get("href", ""))
            url = safe_url(href)
            if url is None:
                links.append((len(out), shown(href)))
                continue
            child.attrs["href"] = url
            links.append((len(out), None))
        elif kind == "link_close" and links:
            start, refused = links.pop()
            if refused is not None:
                label = "".join(t.content for t in out[start:] if t.type in ("text", "code_inline"))
                address = inert(refused)
                if address and " ".join(label.split()) != address:
                    out.append(text(f" ({address})" if label.strip() else address))
                continue
        elif kind == "image":
            alt = list(child.children or [])
            source = str(child.attrs.get("src", ""))
            url = safe_url(source)
            if links:  # inside a link: the image's words are part of the link's text
                out += alt or [text(inert(shown(source)))]
            elif url is not None:
                out.append(Token("link_open", "a", 1, attrs={"href": url}))
                out += alt or [text(shown(url))]
                out.append(Token("link_close", "a", -1))
            else:
                out += alt
                address = inert(shown(source))
                if address:
                    out.append(text(f" ({address})" if alt else address))
            continue
        out.append(child)
    return out


def _keep_web_links(tag: str, attribute: str, value: str) -> str | None:
    """nh3's last word on every href: the same rule again, should anything slip past."""
    return safe_url(value) if attribute == "href" else value


def markdown_html(source: str) -> str:
    """Render Markdown notes to HTML that is safe to embed (sanitised with nh3)."""
    if not source.strip():
        return ""
    if not _MARKDOWN_SIGNS.search(source):
        return _paragraphs(source)
    simple = _simple(source)
    if simple is not None:
        return simple
    rendered = _parser().render(source)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_web_links,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        link_rel="noopener noreferrer nofollow",
    )
