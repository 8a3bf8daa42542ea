"""Builders of the hostile article files of issue 15 (section 7), written by the tests.

Shared by tests/fault/test_hostile_intake.py and benchmarks-free measurements: each writes one
file into a folder and returns its path. The content is our own; sizes are what the issue
reports (150 MB of markup in a ~200 KB .docx, a zip directory that claims 1,000 bytes for an
entry that inflates to gigabytes).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/>'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
STORY = (
    "The harbour master said the new quay would open in May.",
    "Fishermen told the council that catches had doubled since the spring.",
    "The ministry declined to comment on the report.",
)
EMPTY_PARAGRAPH = b"<w:p/>"
TINY_RUN = b"<w:r><w:t>a</w:t></w:r>"


def _head(open_paragraph: bool) -> bytes:
    paras = b"".join(b"<w:p><w:r><w:t>" + s.encode() + b"</w:t></w:r></w:p>" for s in STORY)
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        + W_NS
        + b"><w:body>"
        + paras
        + (b"<w:p>" if open_paragraph else b"")
    )


def _tail(open_paragraph: bool) -> bytes:
    return (b"</w:p>" if open_paragraph else b"") + b"</w:body></w:document>"


def docx_of_repeats(path: Path, unit: bytes, total: int) -> Path:
    """A .docx whose document.xml is the story then ``total`` bytes of ``unit`` repeated.

    Runs go inside one paragraph; anything else sits in the body. The zip directory is honest.
    """
    inside = unit.startswith(b"<w:r")
    chunk = unit * (2**20 // len(unit))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_head(inside))
            for _ in range(total // len(chunk)):
                part.write(chunk)
            part.write(_tail(inside))
    return path


def docx_understating(path: Path, real: int = 3 * 2**30, declared: int = 1000) -> Path:
    """A .docx whose zip directory says document.xml holds ``declared`` bytes; it inflates to
    ``real`` bytes of empty paragraphs. Written by hand: deflate blocks flushed fully are
    independent, so one compressed megabyte repeated is a valid stream of the megabyte repeated.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = comp.compress(_head(False)) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(EMPTY_PARAGRAPH * (2**20 // len(EMPTY_PARAGRAPH)))
    block += comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.compress(_tail(False)) + comp.flush(zlib.Z_FINISH)
    repeats = real // 2**20
    size = len(head) + len(block) * repeats + len(tail)
    entries: list[tuple[bytes, int, int, int, int]] = []  # name, offset, crc, csize, usize
    with path.open("wb") as out:

        def member(name: bytes, crc: int, csize: int, usize: int, method: int) -> None:
            entries.append((name, out.tell(), crc, csize, usize))
            out.write(
                struct.pack(
                    "<4s5H3L2H",
                    b"PK\x03\x04",
                    20,
                    0,
                    method,
                    0,
                    0x21,
                    crc,
                    csize,
                    usize,
                    len(name),
                    0,
                )
                + name
            )

        for name, data in ((b"[Content_Types].xml", CONTENT_TYPES), (b"_rels/.rels", RELS)):
            member(name, zlib.crc32(data), len(data), len(data), 0)
            out.write(data)
        member(b"word/document.xml", 0, size, declared, 8)
        out.write(head)
        for _ in range(repeats):
            out.write(block)
        out.write(tail)
        directory = out.tell()
        for name, offset, crc, csize, usize in entries:
            method = 8 if name == b"word/document.xml" else 0
            out.write(
                struct.pack(
                    "<4s6H3L5H2L",
                    b"PK\x01\x02",
                    20,
                    20,
                    0,
                    method,
                    0,
                    0x21,
                    crc,
                    csize,
                    usize,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + name
            )
        end = out.tell()
        out.write(
            struct.pack(
                "<4s4H2LH",
                b"PK\x05\x06",
                0,
                0,
                len(entries),
                len(entries),
                end - directory,
                directory,
                0,
            )
        )
    return path


def docx_with(path: Path, paragraphs: list[str], title: str = "", extra_body: str = "") -> Path:
    """A small honest .docx with these paragraphs (and optionally a core-properties title)."""
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "word/document.xml": (
            '<?xml version="1.0"?><w:document '
            + W_NS.decode()
            + "><w:body>"
            + body
            + extra_body
            + "</w:body></w:document>"
        ).encode(),
    }
    if title:
        parts["docProps/core.xml"] = (
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>'
            + escape(title)
            + "</dc:title><dcterms:created>2025-03-04T05:06:07Z</dcterms:created>"
            "</cp:coreProperties>"
        ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def deep_markdown(path: Path, depth: int = 3000) -> Path:
    """Ever-deeper list items, then the story: markdown-it stops at 20 levels."""
    items = "".join("  " * i + f"- point {i}\n" for i in range(depth))
    path.write_text(items + "\n" + "\n\n".join(STORY) + "\n", encoding="utf-8")
    return path


def html_after_big_attribute(path: Path, size: int = 10 * 2**20) -> Path:
    """A page whose story follows an attribute of ``size`` bytes (over libxml2's 10 MB cap)."""
    story = "".join(f"<p>{s}</p>" for s in STORY * 4)
    path.write_text(
        f'<html><head><title>Quay to open</title></head><body><div data-blob="{"x" * size}">'
        f"</div><article><h1>Quay to open</h1>{story}</article></body></html>",
        encoding="utf-8",
    )
    return path
