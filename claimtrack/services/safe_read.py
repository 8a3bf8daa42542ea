"""Bounded reading of untrusted article files, for the intake readers (intake.py).

Every reader here keeps its memory bounded by the input it has actually seen rather than by
what the file declares: a .docx part is inflated in chunks with a hard cap on the bytes that
come out and parsed by an lxml *target* parser that keeps no tree (iterparse with clearing
still kept 470 MB for one paragraph of tiny runs and 960 MB for junk elements, measured), and
HTML and Markdown get a plain-text reading of their own, so that a parser's nesting or size
limit that drops text is noticed (and worked around) instead of importing a fragment.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Any

from claimtrack.domain import ClaimTrackError


class ArticleFileError(ClaimTrackError):
    """The file cannot be imported as an article; the message says why, in one line."""


MAX_TITLE_CHARS = 500  # one cap for every reader: a headline, never a page of text
MAX_DOCX_XML = 16 * 2**20  # bytes of document.xml inflated; an article's is ~100 KB
MAX_DOCX_SMALL_PART = 2**20  # _rels/.rels, docProps/core.xml
MAX_ZIP_PARTS = 2000  # a Word file has dozens of parts; the zip directory is read whole
KEPT_WARN = 0.5  # below this share of the file's text kept, the user is told
INSTALL_HINT = (
    "this ClaimTrack installation is incomplete ({missing}); reinstall ClaimTrack "
    "(or run `pip install lxml_html_clean`) to import HTML articles."
)


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


# ---------------------------------------------------------------- .docx

_WORD_NS = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",  # strict OOXML
    }
)
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_HIDDEN = frozenset({"del", "moveFrom"})  # deleted text: not shown, not kept
_ASIDE = frozenset({"txbxContent"})  # text boxes: shown beside the story, not kept
_INLINE = {"tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-"}


class _TooMuch(Exception):
    pass


class _NotWord(Exception):
    pass


def _kinds() -> dict[str, str]:
    """Full tag name → what the reader does with it, for both Word namespaces."""
    kinds = {f"{{{_MC_NS}}}Fallback": "hidden"}
    for ns in _WORD_NS:
        for local, kind in (
            ("document", "document"),
            ("p", "p"),
            ("t", "t"),
            ("br", "br"),
            ("del", "hidden"),
            ("moveFrom", "hidden"),
            ("txbxContent", "aside"),
            *((name, "inline") for name in _INLINE),
        ):
            kinds[f"{{{ns}}}{local}"] = kind
    return kinds


_KINDS = _kinds()


class _DocxText:
    """An lxml parser target: the text of the body's paragraphs, and no tree at all.

    Keeps python-docx's reading of a paragraph (w:t, w:tab, w:br, w:cr … of its runs,
    hyperlinks included), adds paragraphs in tables, and counts text it leaves out (text
    boxes) so that a story that lives there is reported rather than lost quietly. Tags are
    looked up whole in one dict: this runs once per element of a possibly hostile file.
    """

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.paragraphs: list[str] = []
        self.current: list[str] | None = None
        self.p_depth = 0
        self.hidden = 0
        self.aside = 0
        self.in_t = False
        self.kept = 0
        self.visible = 0
        self.is_word = False

    def start(self, tag: Any, attrib: Any) -> None:
        kind = _KINDS.get(tag)
        if kind is None:
            return
        if kind == "p":
            self.p_depth += 1
            if self.p_depth == 1 and not self.aside and not self.hidden:
                self.current = []
        elif kind == "t":
            self.in_t = True
        elif kind == "hidden":
            self.hidden += 1
        elif kind == "aside":
            self.aside += 1
        elif kind == "document":
            self.is_word = True
        elif self.current is not None and not self.aside and not self.hidden:
            if kind == "inline":
                self.current.append(_INLINE[tag.rpartition("}")[2]])
            elif attrib.get(tag[:-2] + "type", "textWrapping") == "textWrapping":  # w:br
                self.current.append("\n")

    def end(self, tag: Any) -> None:
        kind = _KINDS.get(tag)
        if kind is None:
            return
        if kind == "p":
            self.p_depth -= 1
            if self.p_depth <= 0 and self.current is not None:
                text = "".join(self.current).strip()
                self.current = None
                if text:
                    self.paragraphs.append(text)
        elif kind == "t":
            self.in_t = False
        elif kind == "hidden":
            self.hidden -= 1
        elif kind == "aside":
            self.aside -= 1

    def data(self, text: str) -> None:
        if not self.in_t or self.hidden:
            return
        self.visible += len(text)
        if self.current is None or self.aside:
            return
        self.current.append(text)
        self.kept += len(text)
        if self.kept > self.max_chars:
            raise _TooMuch
        if len(self.current) > 4096:  # one paragraph of a million tiny runs stays compact
            self.current[:] = ["".join(self.current)]

    def close(self) -> None:
        if not self.is_word:
            raise _NotWord


@dataclass
class DocxContent:
    paragraphs: list[str]
    title: str
    created: str  # dcterms:created as written (ISO 8601), or ""
    kept: int
    visible: int
    extra: dict[str, str] = field(default_factory=dict)


def _safe_xml_parser(target: Any = None) -> Any:
    from lxml import etree

    return etree.XMLParser(
        target=target,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _zip_part_count(fh: IO[bytes]) -> int | None:
    """The entry count from the zip's end record, read before zipfile builds its directory."""
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    tail_len = min(size, 22 + 65535)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    fh.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    return int(struct.unpack("<4s4H2LH", tail[at : at + 22])[4])


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_DOCX_SMALL_PART:
        return None
    with archive.open(info) as part:
        data = part.read(MAX_DOCX_SMALL_PART + 1)
    return data if len(data) <= MAX_DOCX_SMALL_PART else None


def _main_part(archive: zipfile.ZipFile) -> str:
    from lxml import etree

    rels = _read_small(archive, "_rels/.rels")
    if rels:
        try:
            root = etree.fromstring(rels, _safe_xml_parser())
        except etree.LxmlError:
            root = None
        for rel in root if root is not None else ():
            kind = str(rel.get("Type") or "")
            target = str(rel.get("Target") or "").lstrip("/")
            if kind.endswith("/officeDocument") and target:
                return target
    return "word/document.xml"


def _core_properties(archive: zipfile.ZipFile) -> tuple[str, str]:
    """Title and creation date from docProps/core.xml (a bounded read; damage is ignored)."""
    from lxml import etree

    data = _read_small(archive, "docProps/core.xml")
    if not data:
        return "", ""
    try:
        root = etree.fromstring(data, _safe_xml_parser())
    except etree.LxmlError:
        return "", ""
    title = created = ""
    for el in root:
        if not isinstance(el.tag, str):
            continue
        local = el.tag.rpartition("}")[2]
        if local == "title":
            title = clean_title(el.text)
        elif local == "created":
            created = (el.text or "").strip()[:40]
    return title, created


def read_docx(fh: IO[bytes], shown: str, max_chars: int) -> DocxContent:
    """The paragraphs and core properties of a .docx, refusing early what is not an article."""
    from lxml import etree

    damaged = f"{shown} is a damaged Word document"
    try:
        count = _zip_part_count(fh)
        if count is not None and count > MAX_ZIP_PARTS:
            raise ArticleFileError(
                f"{shown} holds {count:,} zip entries, far more than a Word document; "
                "it was not opened."
            )
        with zipfile.ZipFile(fh) as archive:
            name = _main_part(archive)
            try:
                info = archive.getinfo(name)
            except KeyError:
                raise ArticleFileError(
                    f"{shown} is not a readable Word document (it has no {name})."
                ) from None
            if info.file_size > MAX_DOCX_XML:
                raise ArticleFileError(
                    f"{shown} would unpack to {info.file_size // 2**20:,} MB of text markup, "
                    "too much for an article; it was not opened."
                )
            title, created = _core_properties(archive)
            target = _DocxText(max_chars)
            parser = _safe_xml_parser(target)
            inflated = 0
            with archive.open(info) as part:
                while chunk := part.read(256 * 1024):
                    inflated += len(chunk)
                    if inflated > MAX_DOCX_XML:
                        raise ArticleFileError(
                            f"{shown} unpacks to more than {MAX_DOCX_XML // 2**20} MB of text "
                            "markup (more than its zip directory declares), too much for an "
                            "article; reading stopped there and nothing was imported."
                        )
                    parser.feed(chunk)
            parser.close()
    except _TooMuch:
        raise ArticleFileError(
            f"{shown} holds more than {max_chars:,} characters of text, far beyond any "
            "article; nothing was imported."
        ) from None
    except _NotWord:
        raise ArticleFileError(
            f"{shown} is not a Word document (its main part is not a Word body)."
        ) from None
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc):
            raise ArticleFileError(
                f"{damaged} (its text does not match the size or checksum its zip directory "
                "records)."
            ) from None
        raise ArticleFileError(f"{shown} is not a readable Word document ({exc}).") from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise ArticleFileError(f"{damaged} ({exc}).") from None
    except etree.LxmlError as exc:
        raise ArticleFileError(f"{damaged} ({str(exc).splitlines()[0][:200]}).") from None
    except OSError as exc:
        raise ArticleFileError(f"{shown}: cannot be read ({exc.strerror or exc}).") from None
    return DocxContent(target.paragraphs, title, created, target.kept, target.visible)


# ---------------------------------------------------------------- HTML

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


# ---------------------------------------------------------------- Markdown

_MD_PREFIX = re.compile(r"[ \t]*(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))*")
_MD_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_MD_RULE = re.compile(r"[ \t]*([-*_=])[ \t]*(?:\1[ \t]*){2,}$")
_MD_FENCE = re.compile(r"[ \t]*(?:```|~~~)")


def markdown_plain_reading(source: str) -> tuple[str, list[str]]:
    """(first heading, paragraphs) of Markdown read line by line, with no nesting at all.

    Used when markdown-it, which stops at a nesting limit, returns much less text than the
    file holds: list and quote markers are dropped, each item becomes a paragraph, and
    inline markup (emphasis, links) is rendered as markdown-it renders it.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    title = ""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in source.split("\n"):
        if not line.strip() or _MD_RULE.match(line) or _MD_FENCE.match(line):
            flush()
            continue
        prefix = _MD_PREFIX.match(line)
        end = prefix.end() if prefix else 0
        heading = _MD_HEADING.match(line, end)
        if heading:
            flush()
            text = inline_text(md, line[heading.end() :].rstrip("# \t"))
            if text and not title:
                title = text
            elif text:
                blocks.append(text)
            continue
        if end and line[:end].strip():
            flush()  # a list item or quote starts a paragraph of its own
        current.append(line[end:].strip())
    flush()
    paras = [t for t in (inline_text(md, b) for b in blocks) if t]
    return title, paras


def inline_text(md: Any, source: str) -> str:
    """The plain text markdown-it renders for one paragraph's inline markup."""
    tokens = md.parseInline(source)
    parts: list[str] = []
    for tok in tokens:
        for child in tok.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts).strip()


__all__ = [
    "INSTALL_HINT",
    "MAX_DOCX_XML",
    "MAX_TITLE_CHARS",
    "ArticleFileError",
    "DocxContent",
    "HtmlTree",
    "clean_title",
    "display_name",
    "html_plain_reading",
    "loss_warning",
    "markdown_plain_reading",
    "open_regular",
    "parse_html",
    "read_capped",
    "read_docx",
    "visible_count",
]
