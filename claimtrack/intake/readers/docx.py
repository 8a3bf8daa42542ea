"""Word (.docx) articles, streamed: memory stays bounded by what the file really holds.

document.xml is inflated in chunks with a hard cap on the bytes that come out and parsed by
an lxml *target* parser that keeps no tree (iterparse with clearing still kept 470 MB for one
paragraph of tiny runs and 960 MB for junk elements, measured); title and date come from a
bounded read of docProps/core.xml.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Any

from claimtrack.extract import detect_language
from claimtrack.intake.article import LoadedArticle, parse_date
from claimtrack.intake.readers.text import guess_title
from claimtrack.intake.safe_read import (
    MAX_TEXT_CHARS,
    ArticleFileError,
    clean_title,
    loss_warning,
)

MAX_DOCX_XML = 16 * 2**20  # bytes of document.xml inflated; an article's is ~100 KB
MAX_DOCX_SMALL_PART = 2**20  # _rels/.rels, docProps/core.xml
MAX_ZIP_PARTS = 2000  # a Word file has dozens of parts; the zip directory is read whole


def from_docx(fh: IO[bytes], name: str, stem: str) -> LoadedArticle:
    """A .docx streamed: document.xml is inflated in chunks under a hard cap and parsed
    without building a tree; title and date come from a bounded read of docProps/core.xml."""
    head = fh.read(4)
    fh.seek(0)
    if head != b"PK\x03\x04":
        raise ArticleFileError(f"{name} is not a Word document (.docx files are zip archives).")
    content = read_docx(fh, name, MAX_TEXT_CHARS)
    paras = content.paragraphs
    title = content.title
    if paras and title and paras[0] == title:
        paras = paras[1:]
    text = "\n\n".join(paras)
    if not text.strip():
        raise ArticleFileError(f"{name} holds no text.")
    warning = loss_warning(
        name,
        content.kept,
        content.visible,
        "the rest is in text boxes, which are not imported — copy it into the document body.",
    )
    return LoadedArticle(
        text=text,
        title=title or guess_title(text, stem),
        published=parse_date(content.created),
        language=detect_language(text),
        source=name,
        warnings=(warning,) if warning else (),
    )


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


__all__ = ["MAX_DOCX_XML", "DocxContent", "from_docx", "read_docx"]
