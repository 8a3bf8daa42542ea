"""Notes and the methodology written into a Markdown export, safely.

A note is Markdown, and a Markdown file is rendered by whatever opens it: written as
typed, ``[x](javascript:…)``, a remote ``![](https://…)`` image or a reference
definition would come alive there. So a note that could hold a link or an image (one
with ``[`` or ``<``) is parsed by the parser every exporter uses (markup._parser, which
already applies the link rule of claimtrack.export.links) and written out again from
its tokens: every piece of text escaped so that it can only be text, and only the
structure we write ourselves (paragraphs, headings, lists, quotes, code, tables,
emphasis, and links to http(s) addresses) as markup. Other notes, the vast majority,
cannot form a link or an image in CommonMark and are written as typed; so are notes
without a code fence, which is always closed here (an open one would swallow the rest of
the report).
"""

from __future__ import annotations

import re
from typing import Any

from claimtrack.export.markup import _parser

# What a note needs to form a link, an image, an autolink or raw HTML; or a code fence.
_LINK_SIGNS = re.compile(r"[\[<]|```|~~~")
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # markup wherever it stands
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LEADING = re.compile(r"^(?:[-+>=#]|\d+(?=[.)]))")  # a list, quote, rule or heading
_TRAILING = re.compile(r"(?<=\s)(#+)\s*$")  # a heading's closing sequence
_BACKTICKS = re.compile(r"`+")
_EMPHASIS = {"strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"}

Block = list[str]  # the lines of one block, without container prefixes


def notes_markdown(source: str) -> str:
    """``source`` (a note in Markdown) as Markdown that links only to http(s) addresses,
    embeds no image and holds no raw HTML."""
    source = source.strip()
    if not _LINK_SIGNS.search(source):
        return source
    tokens = _parser().parse(source)
    return "\n".join(_join(_blocks(tokens, 0, len(tokens)), tight=False)).strip("\n")


def _join(blocks: list[Block], tight: bool) -> Block:
    lines: Block = []
    for block in blocks:
        if lines and not tight:
            lines.append("")
        lines += block
    return lines


def _closing(tokens: list[Any], i: int) -> int:
    """The index of the token that closes the container opened at ``tokens[i]``."""
    level = tokens[i].level
    end = i + 1
    while tokens[end].nesting != -1 or tokens[end].level != level:
        end += 1
    return end


def _blocks(tokens: list[Any], i: int, end: int) -> list[Block]:
    """The blocks of ``tokens[i:end]``, each as its lines."""
    blocks: list[Block] = []
    while i < end:
        token = tokens[i]
        kind = token.type
        if kind == "paragraph_open":
            blocks.append(_lines(_inline(tokens[i + 1].children or [])))
            i += 3
        elif kind == "heading_open":
            text = _inline(tokens[i + 1].children or []).replace("\\\n", " ").replace("\n", " ")
            text = _TRAILING.sub(lambda m: "\\#" * len(m.group(1)), text.strip())
            blocks.append([f"{'#' * int(token.tag[1])} {text}".rstrip()])
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            close = _closing(tokens, i)
            blocks.append(_list(tokens, i, close))
            i = close + 1
        elif kind == "blockquote_open":
            close = _closing(tokens, i)
            inner = _join(_blocks(tokens, i + 1, close), tight=False)
            blocks.append([f"> {line}" if line else ">" for line in inner])
            i = close + 1
        elif kind in ("fence", "code_block"):
            blocks.append(_fence(token.content, token.info if kind == "fence" else ""))
            i += 1
        elif kind == "hr":
            blocks.append(["***"])  # never "---": under a line of text that is a heading
            i += 1
        elif kind == "table_open":
            close = _closing(tokens, i)
            blocks.append(_table(tokens, i, close))
            i = close + 1
        else:  # nothing else is produced with raw HTML off
            i += 1
    return blocks


def _list(tokens: list[Any], i: int, close: int) -> Block:
    opening = tokens[i]
    ordered = opening.type == "ordered_list_open"
    number = int(opening.attrs.get("start", 1)) if ordered else 0
    mark = opening.markup or ("." if ordered else "-")
    items: list[list[Block]] = []
    tight = True
    i += 1
    while i < close:
        end = _closing(tokens, i)  # tokens[i] is a list_item_open
        for token in tokens[i + 1 : end]:
            if token.type == "paragraph_open" and token.level == opening.level + 2:
                tight = tight and token.hidden
        items.append(_blocks(tokens, i + 1, end))
        i = end + 1
    lines: Block = []
    for n, inner in enumerate(items):
        marker = f"{number + n}{mark} " if ordered else f"{mark} "
        body = _join(inner, tight) or [""]
        pad = " " * len(marker)
        if n and not tight:
            lines.append("")
        lines.append((marker + body[0]).rstrip())
        lines += [pad + line if line else "" for line in body[1:]]
    return lines


def _fence(content: str, info: str) -> Block:
    runs = [len(run) for run in _BACKTICKS.findall(content)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    language = re.sub(r"[^\w+#.\-]", "", info.split()[0]) if info.split() else ""
    return [fence + language, *content.rstrip("\n").split("\n"), fence]


def _table(tokens: list[Any], i: int, close: int) -> Block:
    rows: list[list[str]] = []
    aligns: list[str] = []
    while i < close:
        token = tokens[i]
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            if token.type == "th_open":
                aligns.append(str(token.attrs.get("style", "")))
            rows[-1].append(_inline(tokens[i + 1].children or [], table=True).replace("\n", " "))
        i += 1
    rule = {"text-align:left": ":---", "text-align:right": "---:", "text-align:center": ":---:"}
    lines = [
        "| " + " | ".join(rows[0]) + " |",
        "| " + " | ".join(rule.get(a, "---") for a in aligns) + " |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return lines


def _lines(text: str) -> Block:
    """A paragraph's lines, each made unable to start a block of its own."""
    out = []
    for line in text.split("\n"):
        line = line.lstrip(" \t")  # indentation would make code of it
        out.append(_LEADING.sub(_escape_lead, line))
    return out


def _escape_lead(match: re.Match[str]) -> str:
    lead = match.group()
    return lead + "\\" if lead[0].isdigit() else "\\" + lead


def _text(text: str) -> str:
    text = text.replace("\n", " ")
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", text)


def _code(content: str, table: bool) -> str:
    runs = [len(run) for run in _BACKTICKS.findall(content)]
    fence = "`" * (max(runs, default=0) + 1)
    if content.strip(" ") and (content[0] in " `" or content[-1] in " `"):
        content = f" {content} "  # one space each side is taken off again
    if table:
        content = content.replace("|", "\\|")  # GFM: a bare pipe would end the cell
    return fence + content + fence


def _inline(children: list[Any], *, table: bool = False) -> str:
    """Inline tokens as Markdown: text escaped, our own markup for the rest."""
    parts: list[str] = []
    links: list[Any] = []
    closed = ""  # the emphasis markup just closed, if the last part closed one
    for child in children:
        kind = child.type
        if links and links[-1].markup == "autolink" and kind != "link_close":
            continue  # an autolink's text is its address, written with it
        if kind in _EMPHASIS and kind.endswith("_open") and closed == child.markup:
            parts.pop()  # "**a****b**" is "**ab**", and never a run of four
            closed = ""
            continue
        closed = child.markup if kind in _EMPHASIS and kind.endswith("_close") else ""
        if kind in _EMPHASIS:
            parts.append(child.markup)
        elif kind == "softbreak":
            parts.append("\n")
        elif kind == "hardbreak":
            parts.append("\\\n")
        elif kind == "code_inline":
            parts.append(_code(child.content, table))
        elif kind == "link_open":
            if parts and parts[-1].endswith("!"):
                parts[-1] = parts[-1][:-1] + "\\!"  # "![" would make the link an image
            links.append(child)  # an autolink's address is taken as written: no entities
            parts.append(f"<{child.attrs.get('href', '')}>" if child.markup == "autolink" else "[")
        elif kind == "link_close" and links:
            opening = links.pop()
            if opening.markup != "autolink":
                href = _ENTITY_LIKE.sub("&amp;", str(opening.attrs.get("href", "")))
                title = str(opening.attrs.get("title") or "")
                if title:
                    title = " ".join(title.split()).replace("\\", "\\\\").replace('"', '\\"')
                    title = ' "' + _ENTITY_LIKE.sub("&amp;", title) + '"'
                parts.append(f"](<{href}>{title})")
        else:  # text, and anything else that carries text
            parts.append(_text(child.content))
    return "".join(parts)
