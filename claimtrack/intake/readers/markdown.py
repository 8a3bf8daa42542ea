"""Markdown articles: markdown-it's reading, checked against a nesting-free one of our own."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from claimtrack.intake.article import LoadedArticle
from claimtrack.intake.readers.text import from_plain
from claimtrack.intake.safe_read import ArticleFileError, visible_count


def from_markdown(source_text: str, name: str) -> LoadedArticle:
    """Markdown → plain paragraphs (the article view and the offsets are plain text).

    markdown-it stops reading at its nesting limit (20 levels): a file of ever-deeper list
    items lost everything after them. When it returns much less text than the file shows,
    the file is read again line by line with no nesting at all.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    tokens = md.parse(source_text)
    title = ""
    blocks: list[str] = []
    in_heading = False
    for tok in tokens:
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type in ("code_block", "fence"):  # an indented paragraph is text too
            if tok.content.strip():
                blocks.append("\n".join(line.strip() for line in tok.content.strip().split("\n")))
        elif tok.type == "inline":
            line = _inline(tok)
            if not line:
                continue
            if in_heading and not title:
                title = line
                continue
            blocks.append(line)
    kept = visible_count(title) + sum(visible_count(b) for b in blocks)
    if kept < 0.9 * visible_count(source_text):  # cheap first look: links and markup count
        plain_title, plain_blocks = markdown_plain_reading(source_text)
        plain = visible_count(plain_title) + sum(visible_count(b) for b in plain_blocks)
        if kept < 0.9 * plain:
            title, blocks = title or plain_title, plain_blocks
    text = "\n\n".join(blocks)
    if not text.strip():
        raise ArticleFileError(f"{name} holds no article text.")
    loaded = from_plain(text, name, Path(name).stem)
    return dataclasses.replace(loaded, title=title or loaded.title)


def _inline(tok: Any) -> str:
    parts = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


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


__all__ = ["from_markdown", "inline_text", "markdown_plain_reading"]
