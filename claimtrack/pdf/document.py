"""The PDF's QTextDocument: the report's Qt HTML, with the claims typed in by QTextCursor.

Parsing the markup of 10,000 claims with ``setHtml`` took a quarter of the PDF's time. So
only the page shell (title, overview, methodology, sources, history) is parsed from the
HTML that ``claimtrack.export.html`` writes, with a placeholder paragraph where the claims
go, and the claims are typed in with QTextCursor calls, several times faster.

Their formats are not written down here: they are read from a probe report of a few
claims that is parsed the ordinary way, so the template and its CSS stay the one source
of the look. Text passes through the white-space rules of Qt's HTML importer (runs of
white space become one space, none at the start of a paragraph or after a line break;
U+2029 starts a paragraph). A note is typed in the same way when its HTML holds only the
tags of everyday notes (paragraphs, line breaks, bold, italic, flat lists); any other
note is parsed on its own and copied block by block, and a report with a note that even
that cannot copy (a table) is parsed whole, as before. A test compares the documents
block by block and fragment by fragment, every format property, with what ``setHtml``
builds from the full HTML.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from claimtrack.export import markup
from claimtrack.export.html import CHART_RESOURCE, render_html
from claimtrack.export.report import (
    ArticleInfo,
    EvidenceItem,
    Link,
    ReplyItem,
    Report,
    ReportClaim,
    Verdict,
)
from claimtrack.export.texts import Texts
from claimtrack.render.chart import chart_image

# What QChar::isSpace() calls white space, less the two the importer keeps: U+00A0 and
# U+2029 (which starts a new paragraph instead). _IRREGULAR finds what the importer would
# change: runs of it, or any of it but a lone space (most text has none).
_WHITE = "\t\n\x0b\x0c\r \x85\u1680\u2000-\u200a\u2028\u202f\u205f\u3000"
_SPACE = re.compile(f"[{_WHITE}]+")
_IRREGULAR = re.compile(f"[{_WHITE}]{{2,}}|[{_WHITE.replace(' ', '')}]")
_PARAGRAPH = "\u2029"
_LINE = "\u2028"  # what <br> becomes
_BOM = "\ufeff"
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
_ENTITIES |= {"&#x27;": "'", "&nbsp;": "\xa0"}
_ENTITY = re.compile("&(?:amp|lt|gt|quot|#39|#x27|nbsp);")
# A parsed note sits between these, as it sits between paragraphs in the report.
_BEFORE = '<p class="k"><b>before</b></p>'
_AFTER = '<p class="k"><b>after</b></p>\n'
_NOTE_TOKEN = re.compile(r"<(/?)(p|br|strong|em|ul|ol|li)>|([^<]+)|(<)")


def new_document() -> QTextDocument:
    """An empty document with the report's default font, as the PDF lays it out."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    return document


def build_document(report: Report, html: str | None = None) -> QTextDocument:
    """The report laid out for print; ``html`` (the full Qt HTML) forces the parsed path."""
    document = new_document()
    image = chart_image(report.chart)  # painted by Qt straight into the image, no PNG
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_RESOURCE), image)
    if html is not None or not report.claims:
        document.setHtml(html if html is not None else render_html(report, qt=True))
        return document
    notes = _Notes(report)
    if not notes.all_copyable():
        document.setHtml(render_html(report, qt=True))
        return document
    token = f"claimtrack-claims-{secrets.token_hex(8)}"
    document.setHtml(render_html(report, qt=True, claims=f"<p>{token}</p>\n"))
    cursor = document.find(token)
    if cursor.isNull() or cursor.block().text().strip() != token:
        raise RuntimeError("the claims' placeholder is missing from the report's HTML")
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    typist = _Typist(cursor, _formats())
    cursor.beginEditBlock()  # one change signal at the end, not one per insertion
    try:
        typist.claims(report, notes)
    finally:
        cursor.endEditBlock()
    return document


# ---------------------------------------------------------------- typing with the importer's rules


class _Typist:
    """Inserts paragraphs and text as QTextHtmlImporter would for the same markup."""

    def __init__(self, cursor: QTextCursor, formats: _Formats) -> None:
        self.cursor = cursor
        self.f = formats
        self.remove = True  # the importer's "RemoveWhiteSpace" state
        self.first = True  # the placeholder's paragraph becomes the first claim's heading
        self._insert = cursor.insertText
        self._block = cursor.insertBlock

    # -- paragraphs

    def block(self, style: tuple[QTextBlockFormat, QTextCharFormat]) -> None:
        if self.first:
            self.cursor.setBlockFormat(style[0])
            self.cursor.setBlockCharFormat(style[1])
            self.first = False
        else:
            self._block(*style)
        self.remove = True

    def item(self, items: _ListStyle, at: int, count: int, group: list[Any]) -> None:
        """One list item; ``group`` holds the list's block format once the list exists."""
        block_format, char_format = items.at(at, count)
        if not group:
            self._block(block_format, char_format)
            made: QTextList = self.cursor.createList(items.list_format)
            group.append(made.objectIndex())
        else:
            block_format = QTextBlockFormat(block_format)
            block_format.setObjectIndex(group[0])
            self._block(block_format, char_format)
        self.remove = True

    # -- text

    def text(self, value: str, char_format: QTextCharFormat) -> None:
        if not value:
            return
        if not value.isascii() or (
            "  " in value or "\n" in value or "\t" in value or "\r" in value
            or "\x0b" in value or "\x0c" in value
        ):  # fmt: skip
            value = _IRREGULAR.sub(" ", value)  # (a few plain checks cost less than a regex call)
        if _PARAGRAPH in value:
            self._paragraphs(value, char_format)
            return
        if self.remove and value[0] == " ":
            value = value[1:]
            if not value:
                return
        self.remove = value[-1] == " "
        if value[0] == _BOM:
            value = _BOM + value  # the binding reads one leading U+FEFF as a byte-order mark
        self._insert(value, char_format)

    def br(self, char_format: QTextCharFormat) -> None:
        self._insert(_LINE, char_format)
        self.remove = True

    def _paragraphs(self, value: str, char_format: QTextCharFormat) -> None:
        """U+2029 in text: a new paragraph, as appendNodeText makes one."""
        for n, part in enumerate(value.split(_PARAGRAPH)):
            if n:
                cursor = self.cursor
                current = cursor.blockFormat()
                if current.hasProperty(QTextFormat.Property.BlockBottomMargin):
                    trimmed = QTextBlockFormat(current)
                    trimmed.clearProperty(QTextFormat.Property.BlockBottomMargin)
                    cursor.setBlockFormat(trimmed)
                current.clearProperty(QTextFormat.Property.BlockTopMargin)
                self._block(current, cursor.charFormat())
                self.remove = True
            self.text(part, char_format)

    # -- the claims, as html._Blocks._qt_claim writes them

    def claims(self, report: Report, notes: _Notes) -> None:
        f = self.f
        tx = report.texts
        label = _memo(tx.label)
        lower = _memo(lambda key: tx.label(key).lower())  # roles and kinds mid-sentence
        square = _memo(lambda colour: _coloured(f.square, colour))
        badge = _memo(lambda colour: _badge(f.badge, colour, markup.ink(colour)))
        accessed = _memo(lambda day: tx("accessed {when}", when=tx.date(day)))
        claimant_role = f"({tx.label('claimant').lower()})"
        words = {w: tx(w) for w in ("Claimant", "Attribution", "Cue", "Article", "Tags")}
        words |= {w: tx(w) for w in ("Assignee",)}
        words |= {w: tx(w) for w in ("Verdict", "Notes", "Evidence", "Requests for comment")}
        no_reply = tx("no reply yet")
        articles: dict[int, str] = {}
        text = self.text
        for c in report.claims:
            v = c.verdict
            colour = markup.safe_colour(v.colour)
            self.block(f.h3)
            text("\u25a0", square[colour])
            text(f" #{c.id} · {label[c.kind]} · {c.status_label} · ", f.head)
            text("\xa0" + v.label.replace(" ", "\xa0") + "\xa0", badge[colour])
            self.block(f.quote_block)
            text(f"“{c.text}”", f.quote)
            facts = f.facts_block
            if c.paraphrase:
                if _SPACE.fullmatch(c.paraphrase):
                    # Nothing to show: the importer reuses that empty paragraph for the next.
                    facts = f.facts_after_blank
                else:
                    self.block(f.paraphrase_block)
                    text(c.paraphrase, f.italic)
            self.block(facts)
            text(f"{words['Claimant']}:", f.key)
            claimant = c.claimant
            if claimant is None:
                text(" —", f.plain)
            elif claimant.kind and not claimant.protected:
                text(f" {claimant.name} ", f.plain)
                text(f"({lower[claimant.kind]})", f.muted)
            else:
                text(f" {claimant.name}", f.plain)
            if c.chain:  # only when someone relays
                self.br(f.plain)
                text(f"{words['Attribution']}:", f.key)
                if claimant is not None:
                    text(f" {claimant.name} ", f.plain)
                    text(claimant_role, f.muted)
                else:
                    text(" —", f.plain)
                for link in c.chain:
                    text(f" › {link.name} ", f.plain)
                    text(f"({lower[link.role]})", f.muted)
            if c.cue:
                self.br(f.plain)
                text(f"{words['Cue']}:", f.key)
                text(f" {c.cue}", f.plain)
            self.br(f.plain)
            text(f"{words['Article']}:", f.key)
            line = articles.get(id(c.article))
            if line is None:
                line = articles[id(c.article)] = _article_line(c.article, tx)
            text(line, f.plain)
            if c.tags:
                self.br(f.plain)
                text(f"{words['Tags']}:", f.key)
                text(" " + ", ".join(c.tags), f.plain)
            if c.assignee:
                text(" · ", f.plain)
                text(f"{words['Assignee']}:", f.key)
                text(f" {c.assignee}", f.plain)
            if c.explanation:
                self.br(f.plain)
                text(f"{words['Verdict']}:", f.key)
                text(" ", f.plain)
                text(v.label, f.bold)
                text(f": {c.explanation}", f.plain)
            if c.notes:
                self.block(f.label_block)
                text(words["Notes"], f.label)
                notes.type(self, c.notes)
            if c.evidence:
                self.block(f.label_block)
                text(words["Evidence"], f.label)
                group: list[Any] = []
                count = len(c.evidence)
                for n, e in enumerate(c.evidence):
                    self.item(f.evidence, n, count, group)
                    text(f"{label[e.stance]} · {label[e.type]}: {e.target}", f.evidence_text)
                    if e.accessed:
                        text(f" ({accessed[e.accessed]})", f.evidence_text)
                    if e.excerpt:
                        self.br(f.evidence_text)
                        text(e.excerpt, f.excerpt)
            if c.replies:
                self.block(f.label_block)
                text(words["Requests for comment"], f.label)
                group = []
                count = len(c.replies)
                for n, q in enumerate(c.replies):
                    self.item(f.replies, n, count, group)
                    asked = tx(
                        "asked {when} by {channel}",
                        when=tx.date(q.asked_at),
                        channel=tx.label(q.channel),
                    )
                    text(f"{q.party} — {asked}: ", f.reply_text)
                    if q.response:
                        text(f"“{q.response}”", f.reply_text)
                        if q.responded_at:
                            text(f" ({tx.date(q.responded_at)})", f.reply_text)
                    else:
                        text(no_reply, f.reply_text)
            self.block(f.hr)


def _article_line(article: ArticleInfo, tx: Texts) -> str:
    line = f" {article.title}"
    if article.outlet:
        line += f" — {article.outlet}"
    if article.published:
        line += f", {tx.date(article.published)}"
    return line


def _coloured(base: QTextCharFormat, colour: str) -> QTextCharFormat:
    made = QTextCharFormat(base)
    made.setForeground(QBrush(QColor(colour)))
    return made


def _badge(base: QTextCharFormat, colour: str, ink: str) -> QTextCharFormat:
    made = QTextCharFormat(base)
    made.setBackground(QBrush(QColor(colour)))
    made.setForeground(QBrush(QColor(ink)))
    return made


class _memo(dict[Any, Any]):  # noqa: N801 - used like a function
    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._make(key)
        return value


# ---------------------------------------------------------------- notes


class _Notes:
    """Each claim's note as typing steps (everyday notes) or as a parsed document to copy."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._steps: dict[str, list[tuple[str, Any, Any]] | None] = {}
        self._parsed: dict[str, QTextDocument | None] = {}
        self._head: str | None = None

    def all_copyable(self) -> bool:
        """Whether every note can be typed or copied (False: a note holds a table)."""
        for claim in self.report.claims:
            if claim.notes and claim.notes not in self._steps:
                steps = self._steps[claim.notes] = _note_steps(markup.markdown_html(claim.notes))
                if steps is None and self._document(claim.notes) is None:
                    return False
        return True

    def type(self, typist: _Typist, source: str) -> None:
        steps = self._steps.get(source)
        if steps is None:
            document = self._document(source)
            assert document is not None  # all_copyable() said so
            _copy(typist, document)
            return
        f = typist.f
        group: list[Any] = []
        for step, a, b in steps:
            if step == "t":
                typist.text(a, getattr(f, b))
            elif step == "p":
                typist.block(f.note_block)
            elif step == "br":
                typist.br(f.note_br)
            else:  # "li": kind ("ul"/"ol"), (index, count)
                if b[0] == 0:
                    group = []
                typist.item(f.note_lists[a], b[0], b[1], group)

    def _document(self, source: str) -> QTextDocument | None:
        """The note parsed on its own, between two paragraphs like those around it in the
        report (so that its first and last blocks are made as they are there)."""
        if source not in self._parsed:
            if self._head is None:
                shell = render_html(
                    replace(self.report, claims=(), history=None, methodology=""), qt=True
                )
                self._head = shell.split("<body>", 1)[0]
            document = new_document()
            document.setHtml(
                f"{self._head}<body>\n{_BEFORE}{markup.markdown_html(source)}{_AFTER}</body></html>"
            )
            fits = _copyable(document, _formats().label_block)
            self._parsed[source] = document if fits else None
        return self._parsed[source]


def _note_steps(html: str) -> list[tuple[str, Any, Any]] | None:
    """Typing steps for a note's HTML made only of p, br, strong, em and flat lists.

    Returns None for anything else (other tags or entities, nesting, loose lists, text
    between blocks that the importer would keep): such a note is parsed on its own.
    """
    steps: list[tuple[str, Any, Any]] = []
    where = ""  # "", "p", "ul"/"ol" (between items), "li"
    lists: list[tuple[str, int]] = []  # (kind, index of its first step)
    inline = ""
    after_block = False
    filled = False  # the open paragraph or item has text (an empty one merges onwards)
    for match in _NOTE_TOKEN.finditer(html):
        slash, tag, text, stray = match.groups()
        close = bool(slash)
        if stray:
            return None
        if text is not None:
            if "&" in text:
                if "&" in _ENTITY.sub("", text):
                    return None  # an entity we do not decode the way Qt does
                text = _ENTITY.sub(lambda m: _ENTITIES[m.group()], text)
            if where in ("p", "li"):
                if _PARAGRAPH in text:
                    return None
                if _SPACE.fullmatch(text) is None:
                    filled = True
                base = "note_text" if where == "p" else "note_item_text"
                style = {"": base, "strong": base + "_strong", "em": base + "_em"}[inline]
                steps.append(("t", text, style))
            elif where in ("ul", "ol") and not after_block:
                if _SPACE.fullmatch(text) is None:
                    return None  # text before the first item: the importer keeps it
            elif _SPACE.fullmatch(text) is None or len(text) != 1 or not after_block:
                return None  # only a single white-space character between blocks is dropped
            continue
        after_block = False
        if tag in ("strong", "em"):
            if where not in ("p", "li") or (inline if not close else inline != tag):
                return None
            inline = "" if close else tag
        elif tag == "br":
            if close or where != "p" or inline:
                return None
            steps.append(("br", None, None))
        elif tag == "p":
            if close != (where == "p") or (not close and where):
                return None  # unbalanced, or a paragraph inside a list item
            if close and not filled:
                return None
            where = "" if close else "p"
            after_block = close
            filled = False
            if not close:
                steps.append(("p", None, None))
        elif tag in ("ul", "ol"):
            if not close:
                if where:
                    return None
                where = tag
                lists.append((tag, len(steps)))
            else:
                if where != tag:
                    return None
                kind, first = lists[-1]
                items = [i for i in range(first, len(steps)) if steps[i][0] == "li"]
                if not items:
                    return None
                for n, i in enumerate(items):
                    steps[i] = ("li", kind, (n, len(items)))
                where = ""
                after_block = True
        else:  # li
            if not close:
                if where not in ("ul", "ol"):
                    return None
                where = "li"
                steps.append(("li", None, None))
            else:
                if where != "li" or inline or not filled:
                    return None
                where = lists[-1][0]
                after_block = True
                filled = False
        if inline and tag not in ("strong", "em"):
            return None
    if where or inline:
        return None
    return steps


def _copyable(document: QTextDocument, neighbour: tuple[QTextBlockFormat, QTextCharFormat]) -> bool:
    """Paragraphs and lists only: no tables or other frames, no images, no empty paragraph
    (the importer merges one with whatever follows it, here the paragraph after the note:
    ``neighbour`` is how that paragraph looks when nothing was merged into it)."""
    if document.rootFrame().childFrames():
        return False
    blocks = list(_blocks(document))
    if len(blocks) < 2 or blocks[0].text() != "before" or blocks[-1].text() != "after":
        return False
    last = blocks[-1]
    if last.blockFormat() != neighbour[0] or last.charFormat() != neighbour[1]:
        return False
    ruler = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
    for block in blocks[1:-1]:
        if not block.text() and not block.blockFormat().hasProperty(ruler):
            return False
    return all(not fragment.charFormat().isImageFormat() for _b, fragment in _fragments(document))


def _copy(typist: _Typist, document: QTextDocument) -> None:
    """Copy a parsed note's paragraphs, lists and formatted text (between the two
    paragraphs that stand for its neighbours)."""
    cursor = typist.cursor
    lists: dict[int, int] = {}  # the note's list object index -> ours
    for block in list(_blocks(document))[1:-1]:
        block_format = block.blockFormat()
        owner = block.textList()
        if owner is not None:
            block_format.clearProperty(QTextFormat.Property.ObjectIndex)
        typist.block((block_format, block.charFormat()))
        if owner is not None:
            index = owner.objectIndex()
            if index in lists:
                with_list = cursor.blockFormat()
                with_list.setObjectIndex(lists[index])
                cursor.setBlockFormat(with_list)
            else:
                lists[index] = cursor.createList(owner.format()).objectIndex()
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            value = fragment.text()
            cursor.insertText(_BOM + value if value[:1] == _BOM else value, fragment.charFormat())
            fragments += 1


def _blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def _fragments(document: QTextDocument) -> Iterator[tuple[QTextBlock, Any]]:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield block, it.fragment()
            it += 1
        block = block.next()


# ---------------------------------------------------------------- formats, read from a probe


@dataclass
class _ListStyle:
    """A list's format and its items' formats by place (Qt adds margins to first and last)."""

    list_format: QTextListFormat
    first: tuple[QTextBlockFormat, QTextCharFormat]
    middle: tuple[QTextBlockFormat, QTextCharFormat]
    last: tuple[QTextBlockFormat, QTextCharFormat]
    only: tuple[QTextBlockFormat, QTextCharFormat]

    def at(self, index: int, count: int) -> tuple[QTextBlockFormat, QTextCharFormat]:
        if count == 1:
            return self.only
        if index == 0:
            return self.first
        return self.last if index == count - 1 else self.middle


@dataclass
class _Formats:
    h3: tuple[QTextBlockFormat, QTextCharFormat]
    square: QTextCharFormat
    head: QTextCharFormat
    badge: QTextCharFormat
    quote_block: tuple[QTextBlockFormat, QTextCharFormat]
    quote: QTextCharFormat
    paraphrase_block: tuple[QTextBlockFormat, QTextCharFormat]
    italic: QTextCharFormat
    facts_block: tuple[QTextBlockFormat, QTextCharFormat]
    facts_after_blank: tuple[QTextBlockFormat, QTextCharFormat]
    key: QTextCharFormat
    plain: QTextCharFormat
    muted: QTextCharFormat
    bold: QTextCharFormat
    label_block: tuple[QTextBlockFormat, QTextCharFormat]
    label: QTextCharFormat
    evidence: _ListStyle
    evidence_text: QTextCharFormat
    excerpt: QTextCharFormat
    replies: _ListStyle
    reply_text: QTextCharFormat
    hr: tuple[QTextBlockFormat, QTextCharFormat]
    note_block: tuple[QTextBlockFormat, QTextCharFormat]
    note_text: QTextCharFormat
    note_br: QTextCharFormat
    note_text_strong: QTextCharFormat
    note_text_em: QTextCharFormat
    note_item_text: QTextCharFormat
    note_item_text_strong: QTextCharFormat
    note_item_text_em: QTextCharFormat
    note_lists: dict[str, _ListStyle]


_PROBE_NOTE = "Nt **Ns** *Ne*\n\n- Ua **Us** *Ue*\n- Ub\n- Uc\n\n1. Oa\n2. Ob\n3. Oc"
_PROBE_SHORT_NOTE = "- Uo\n\n1. Oo"
_PROBE_PLAIN_NOTE = "Bt\nBl"  # no Markdown at all: paragraphs with <br>


def _probe_report() -> Report:
    """Two claims with every part the claim markup can have, in both list lengths."""
    at = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
    verdict = Verdict("probe", "Vl", "#123456", "", None, None, None)
    article = ArticleInfo(1, "At", "Ao", "https://example.org/a", date(2025, 1, 2))
    claimant = Link("Cn", "person", "claimant", False)

    def claim(
        number: int, evidence: int, replies: int, notes: str, paraphrase: str = "Pp"
    ) -> ReportClaim:
        return ReportClaim(
            id=number,
            article=article,
            text="Qt",
            paraphrase=paraphrase,
            kind="statement",
            cue="Cu",
            claimant=claimant,
            chain=(Link("Vn", "outlet", "via", False),),
            status="s",
            status_label="Sl",
            verdict=verdict,
            explanation="Ex",
            notes=notes,
            assignee="As",
            tags=("Tg",),
            created_at=at,
            updated_at=at,
            updated_by="Ub",
            evidence=tuple(
                EvidenceItem(f"E{n}", False, "other", "supports", f"X{n}", date(2025, 1, 2))
                for n in range(evidence)
            ),
            replies=tuple(ReplyItem(f"R{n}", at, "email", f"A{n}", at) for n in range(replies)),
        )

    claims = (
        claim(1, 3, 3, _PROBE_NOTE),
        claim(2, 1, 1, _PROBE_SHORT_NOTE),
        claim(3, 0, 0, _PROBE_PLAIN_NOTE),
        claim(4, 0, 0, "", paraphrase=" "),  # a blank paraphrase: its paragraph is reused
    )
    from claimtrack.export.chart import Chart

    return Report(
        title="Probe",
        scope="",
        generated_at=at,
        generated_by="",
        organisation="",
        review_url="",
        redacted=False,
        methodology="",
        claims=claims,
        history=None,
        chart=Chart(()),
        total=len(claims),
    )


_cached: list[_Formats] = []


def _formats() -> _Formats:
    """The claim markup's formats, as Qt's HTML importer gives them (read once)."""
    if not _cached:
        _cached.append(_read_formats())
    return _cached[0]


def _read_formats() -> _Formats:
    document = new_document()
    document.setHtml(render_html(_probe_report(), qt=True))
    blocks: list[QTextBlock] = []
    block = document.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    start = next(i for i, b in enumerate(blocks) if b.text().startswith("\u25a0 #1 "))
    texts = [b.text() for b in blocks[start:]]

    def find(prefix: str, after: int = 0) -> QTextBlock:
        for i in range(after, len(texts)):
            if texts[i].startswith(prefix):
                return blocks[start + i]
        raise RuntimeError(f"the probe report has no paragraph {prefix!r}")

    def style(b: QTextBlock) -> tuple[QTextBlockFormat, QTextCharFormat]:
        block_format = b.blockFormat()
        block_format.clearProperty(QTextFormat.Property.ObjectIndex)
        return block_format, b.charFormat()

    def fmt(b: QTextBlock, text: str) -> QTextCharFormat:
        it = b.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if text in fragment.text():
                return fragment.charFormat()
            it += 1
        raise RuntimeError(f"the probe paragraph {b.text()!r} has no {text!r}")

    def note_items(first: str, middle: str, last: str, only: str) -> _ListStyle:
        a, b, c, d = find(first), find(middle), find(last), find(only)
        owner = a.textList()
        if owner is None:
            raise RuntimeError(f"the probe paragraph {first!r} is not a list item")
        return _ListStyle(owner.format(), style(a), style(b), style(c), style(d))

    h3 = find("\u25a0 #1 ")
    facts = find("Claimant:")
    notes_label = find("Notes")
    note = find("Nt ")
    evidence_item = find("Supports · Other: E0")
    reply_item = find("R0 ")
    evidence = _ListStyle(
        evidence_item.textList().format(),
        style(evidence_item),
        style(find("Supports · Other: E1")),
        style(find("Supports · Other: E2")),
        style(find("Supports · Other: E0", blocks.index(find("\u25a0 #2 ")) - start)),
    )
    replies = _ListStyle(
        reply_item.textList().format(),
        style(reply_item),
        style(find("R1 ")),
        style(find("R2 ")),
        style(find("R0 ", blocks.index(find("\u25a0 #2 ")) - start)),
    )
    hr = blocks[blocks.index(find("\u25a0 #2 ")) - 1]
    return _Formats(
        h3=style(h3),
        square=fmt(h3, "\u25a0"),
        head=fmt(h3, " #1 "),
        badge=fmt(h3, "Vl"),
        quote_block=style(find("“Qt”")),
        quote=fmt(find("“Qt”"), "Qt"),
        paraphrase_block=style(find("Pp")),
        italic=fmt(find("Pp"), "Pp"),
        facts_block=style(facts),
        facts_after_blank=style(find("Claimant:", blocks.index(find("\u25a0 #4 ")) - start)),
        key=fmt(facts, "Attribution:"),
        plain=fmt(facts, " Cn "),
        muted=fmt(facts, "(claimant)"),
        bold=fmt(facts, "Vl"),
        label_block=style(notes_label),
        label=fmt(notes_label, "Notes"),
        evidence=evidence,
        evidence_text=fmt(evidence_item, "E0"),
        excerpt=fmt(evidence_item, "X0"),
        replies=replies,
        reply_text=fmt(reply_item, "R0"),
        hr=style(hr),
        note_block=style(note),
        note_text=fmt(note, "Nt"),
        note_br=fmt(find("Bt"), _LINE),
        note_text_strong=fmt(note, "Ns"),
        note_text_em=fmt(note, "Ne"),
        note_item_text=fmt(find("Ua "), "Ua"),
        note_item_text_strong=fmt(find("Ua "), "Us"),
        note_item_text_em=fmt(find("Ua "), "Ue"),
        note_lists={
            "ul": note_items("Ua ", "Ub", "Uc", "Uo"),
            "ol": note_items("Oa", "Ob", "Oc", "Oo"),
        },
    )
