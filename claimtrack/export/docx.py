"""DOCX (python-docx): a Word document the desk can edit and forward.

Laid out like the PDF: A4 (or Letter) with "Page n of N" in the footer, the chart the PDF
uses, each claim under a heading with its verdict shaded in its colour, the quote set off
by a rule, the attribution chain on one line, links that can be clicked. Notes are
Markdown; here they become real Word paragraphs, bullets and bold/italic runs (through
markdown-it's token stream), never raw markup. Tables have fixed column widths and repeat
their header row on every page.

The chart picture is a PNG that Qt paints (``claimtrack.render.chart.chart_png``), and
this module, like the rest of the export layer, must not load Qt. So the caller passes
the painter in as ``chart_png`` (a function of the ``Chart`` giving PNG bytes), as
``export_report`` does, the way it reaches the Qt-side PDF writer: imported lazily, only
for that format. Without one, the document has the chart's text summary but no picture.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, BinaryIO

from claimtrack.export.chart import Chart
from claimtrack.export.links import inert, safe_url, with_address
from claimtrack.export.markup import _parser, ink, safe_colour, when
from claimtrack.export.report import Control, NullControl, Report, ReportClaim
from claimtrack.export.texts import Texts

# Paper sizes and margins, in twentieths of a point (dxa), as Word stores them.
PAPERS = {"a4": (11906, 16838), "letter": (12240, 15840)}
MARGIN_SIDE = 1247  # 22 mm
MARGIN_TOP = 1134  # 20 mm
KEY_COLOUR = "455A64"  # blue grey, as the PDF's labels
MUTED = "616161"
LINK = "0563C1"
RULE = "B0BEC5"
SMALL = "ClaimTrackSmall"  # the tables' 8 pt paragraph style
HISTORY_COLUMNS = (0.24, 0.09, 0.08, 0.12, 0.18, 0.29)  # When Who Claim Field Old New
SOURCE_COLUMNS = (0.36, 0.2, 0.44)  # Party Kind Stands behind


class _Spill:
    """Keeps the document body short while it grows, then puts everything back in order.

    python-docx inserts each paragraph before the body's section properties by scanning
    the body's children, so a long document costs O(n²). Moving finished elements aside
    every few hundred paragraphs keeps that scan short; ``finish`` re-attaches them.
    Hyperlink relationships are added here too, with ids of our own: python-docx looks
    for a free id by scanning every relationship, O(n²) again.
    """

    LIMIT = 300

    def __init__(self, doc: Any) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE

        self.body = doc.element.body
        self.parked: list[Any] = []
        self.count = 0
        self.rels = doc.part.rels
        self.hyperlink = RELATIONSHIP_TYPE.HYPERLINK
        self.links: dict[str, str] = {}
        self.text_width = 9000  # set by write_docx once the page is known
        self.numbering = doc.part.numbering_part.element
        number_style = doc.styles["List Number"].element.pPr.numPr.numId.val
        self.number_format = self.numbering.num_having_numId(number_style).abstractNumId.val
        # Style objects looked up once: by name, each paragraph would search every style.
        names = ("List Bullet", "List Number", "Heading 2", "Heading 4", SMALL)
        self.styles = {name: doc.styles[name].style_id for name in names}

    def link(self, url: str) -> str:
        """The relationship id of an external link to ``url``."""
        found = self.links.get(url)
        if found is None:
            found = self.links[url] = f"rIdClaimTrackLink{len(self.links) + 1}"
            self.rels.add_relationship(self.hyperlink, url, found, is_external=True)
        return found

    def new_numbering(self) -> int:
        """A numbering that starts again at 1 (the List Number style's would run on from
        one note's list into the next)."""
        num = self.numbering.add_num(self.number_format)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)

    def park(self, element: Any) -> None:
        """Add a finished element after everything written so far."""
        if len(self.body) > 1:
            self.flush()
        self.parked.append(element)

    def tick(self) -> None:
        self.count += 1
        if self.count >= self.LIMIT:
            self.flush()

    def flush(self) -> None:
        self.count = 0
        for element in list(self.body)[:-1]:  # the last child is w:sectPr
            self.body.remove(element)
            self.parked.append(element)

    def finish(self) -> None:
        self.flush()
        anchor = self.body[-1]
        for element in self.parked:
            anchor.addprevious(element)
        self.parked = []


def write_docx(
    report: Report,
    stream: BinaryIO,
    *,
    control: Control | None = None,
    paper: str = "a4",
    chart_png: Callable[[Chart], bytes] | None = None,
) -> None:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, Twips

    control = control or NullControl()
    t = report.texts
    doc = Document()
    width, height = PAPERS.get(paper, PAPERS["a4"])
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(width), Twips(height)
    section.left_margin = section.right_margin = Twips(MARGIN_SIDE)
    section.top_margin = section.bottom_margin = Twips(MARGIN_TOP)
    text_width = width - 2 * MARGIN_SIDE
    doc.core_properties.title = report.title[:255]
    doc.core_properties.author = report.generated_by[:255]
    doc.core_properties.language = t.language
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    small = doc.styles.add_style(SMALL, WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(8)
    small.paragraph_format.space_after = Pt(0)
    spill = _Spill(doc)
    spill.text_width = text_width
    _footer(section, report, text_width)

    doc.add_heading(report.title, level=0)
    meta = doc.add_paragraph()
    meta.add_run(report.scope + "\n")
    meta.add_run(
        t("Generated {when} by {who}", when=t.date(report.generated_at), who=report.generated_by)
    )
    if report.organisation:
        meta.add_run(f" · {report.organisation}")
    if report.redacted:
        redaction = t("Protected sources are shown as “{phrase}”.", phrase=t.protected)
        meta.add_run("\n" + redaction).italic = True

    doc.add_heading(t("Overview"), level=1)
    summary = "; ".join(
        f"{s.title}: " + ", ".join(f"{b.label} {b.count}" for b in s.bars if b.count)
        for s in report.chart.series
    )
    if chart_png is not None:
        picture = io.BytesIO(chart_png(report.chart))
        doc.add_picture(picture, width=Twips(min(text_width, 8640)))
        doc.inline_shapes[-1]._inline.docPr.set("descr", summary)  # read aloud in its place
    caption = doc.add_paragraph(summary)
    caption.runs[0].font.size = Pt(8)

    if report.methodology:
        doc.add_heading(t("Methodology"), level=1)
        _markdown(report.methodology, spill)
        spill.flush()

    doc.add_heading(t("Claims ({count})", count=len(report.claims)), level=1)
    if not report.claims:
        doc.add_paragraph(t("No claims in this selection."))
    for n, claim in enumerate(report.claims):
        if n % 200 == 0:
            control.check()
            control.progress(n, len(report.claims), "Writing the document")
        _claim(claim, t, spill)
        spill.tick()
    spill.flush()

    doc.add_heading(t("Sources"), level=1)
    if report.sources:
        rows = [
            (
                s.name,
                t.label(s.kind),
                ", ".join(f"#{cid} ({t.label(role).lower()})" for cid, role in s.roles),
            )
            for s in report.sources
        ]
        heads: tuple[str, ...] = (t("Party"), t("Kind"), t("Stands behind"))
        spill.park(_table(heads, rows, SOURCE_COLUMNS, text_width, spill, control))
    else:
        doc.add_paragraph(t("No parties are named in these claims."))

    if report.history is not None:
        doc.add_heading(t("Appendix: History"), level=1)
        if report.history:
            heads = tuple(t(h) for h in ("When", "Who", "Claim", "Field", "Old", "New"))
            history = (
                (when(h.at), h.by, f"#{h.claim_id}", h.field, h.old or "—", h.new or "—")
                for h in report.history
            )
            spill.park(_table(heads, history, HISTORY_COLUMNS, text_width, spill, control))
        else:
            doc.add_paragraph(t("No recorded changes."))
    spill.finish()
    buffer = io.BytesIO()  # a failed write then leaves no half-closed zip behind
    doc.save(buffer)
    stream.write(buffer.getvalue())


# ---------------------------------------------------------------- raw XML helpers
# python-docx spends milliseconds per styled paragraph (style lookups, per-character text
# handling); 10,000 claims are about 150,000 paragraphs, so their XML is built directly.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
Run = tuple[str, dict[str, Any]]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _runs(parent: Any, runs: list[Run], spill: _Spill) -> None:
    """Append formatted runs (and hyperlinks) to a w:p or w:hyperlink element."""
    from lxml import etree

    for text, fmt in runs:
        target = parent
        url = fmt.get("link")
        if url:
            target = etree.SubElement(parent, _w("hyperlink"), {f"{{{R}}}id": spill.link(url)})
            target.set(_w("history"), "1")
            fmt = {**fmt, "color": LINK, "u": True}
        run = etree.SubElement(target, _w("r"))
        if fmt:
            rpr = etree.SubElement(run, _w("rPr"))
            if fmt.get("mono"):
                fonts = {_w("ascii"): "DejaVu Sans Mono", _w("hAnsi"): "DejaVu Sans Mono"}
                etree.SubElement(rpr, _w("rFonts"), fonts)
            for key, tag in (("b", "b"), ("i", "i"), ("strike", "strike")):
                if fmt.get(key):
                    etree.SubElement(rpr, _w(tag))
            if fmt.get("color"):
                etree.SubElement(rpr, _w("color"), {_w("val"): fmt["color"]})
            if fmt.get("u"):
                etree.SubElement(rpr, _w("u"), {_w("val"): "single"})
            if fmt.get("fill"):
                attrs = {_w("val"): "clear", _w("color"): "auto", _w("fill"): fmt["fill"]}
                etree.SubElement(rpr, _w("shd"), attrs)
        for n, part in enumerate(text.split("\n")):
            if n:
                etree.SubElement(run, _w("br"))
            if part:
                t = etree.SubElement(run, _w("t"))
                t.text = part
                if part != part.strip():
                    t.set(_SPACE, "preserve")


def _para(
    spill: _Spill,
    runs: list[Run],
    style: str | None = None,
    *,
    keep: bool = False,
    quote: bool = False,
    numbering: int | None = None,
) -> None:
    """One paragraph; ``keep`` holds it on the page of the next, ``quote`` sets it off,
    ``numbering`` puts it in that numbered list."""
    from lxml import etree

    p = etree.Element(_w("p"))
    if style or keep or quote or numbering:
        ppr = etree.SubElement(p, _w("pPr"))
        if style:
            etree.SubElement(ppr, _w("pStyle"), {_w("val"): spill.styles[style]})
        if keep:
            etree.SubElement(ppr, _w("keepNext"))
        if numbering:
            numpr = etree.SubElement(ppr, _w("numPr"))
            etree.SubElement(numpr, _w("ilvl"), {_w("val"): "0"})
            etree.SubElement(numpr, _w("numId"), {_w("val"): str(numbering)})
        if quote:
            borders = etree.SubElement(ppr, _w("pBdr"))
            rule = {_w("val"): "single", _w("sz"): "18", _w("space"): "8", _w("color"): RULE}
            etree.SubElement(borders, _w("left"), rule)
            etree.SubElement(ppr, _w("spacing"), {_w("before"): "60", _w("after"): "120"})
            etree.SubElement(ppr, _w("ind"), {_w("left"): "227", _w("right"): "227"})
    _runs(p, runs, spill)
    spill.park(p)


def _table(
    heads: Any,
    rows: Any,
    fractions: tuple[float, ...],
    text_width: int,
    spill: _Spill,
    control: Control,
) -> Any:
    """A table in small type with fixed column widths and a header row on every page."""
    from lxml import etree

    widths = [int(text_width * f) for f in fractions]
    tbl = etree.Element(_w("tbl"))
    pr = etree.SubElement(tbl, _w("tblPr"))
    etree.SubElement(pr, _w("tblStyle"), {_w("val"): "LightGrid-Accent1"})
    etree.SubElement(pr, _w("tblW"), {_w("w"): str(sum(widths)), _w("type"): "dxa"})
    etree.SubElement(pr, _w("tblLayout"), {_w("type"): "fixed"})
    look = {_w("val"): "0420", _w("firstRow"): "1", _w("firstColumn"): "0"}
    look |= {_w("lastRow"): "0", _w("lastColumn"): "0", _w("noHBand"): "0", _w("noVBand"): "1"}
    etree.SubElement(pr, _w("tblLook"), look)
    grid = etree.SubElement(tbl, _w("tblGrid"))
    for w in widths:
        etree.SubElement(grid, _w("gridCol"), {_w("w"): str(w)})
    style = spill.styles[SMALL]

    def row(cells: Any, header: bool) -> None:
        tr = etree.SubElement(tbl, _w("tr"))
        if header:
            trpr = etree.SubElement(tr, _w("trPr"))
            etree.SubElement(trpr, _w("tblHeader"))
        for text, w in zip(cells, widths, strict=True):
            tc = etree.SubElement(tr, _w("tc"))
            tcpr = etree.SubElement(tc, _w("tcPr"))
            etree.SubElement(tcpr, _w("tcW"), {_w("w"): str(w), _w("type"): "dxa"})
            p = etree.SubElement(tc, _w("p"))
            ppr = etree.SubElement(p, _w("pPr"))
            etree.SubElement(ppr, _w("pStyle"), {_w("val"): style})
            if isinstance(text, list):  # formatted runs (a table in a note)
                _runs(p, text, spill)
            elif text:
                r = etree.SubElement(p, _w("r"))
                t = etree.SubElement(r, _w("t"))
                t.text = text.replace("\n", " ")
                if text != text.strip():
                    t.set(_SPACE, "preserve")

    row(heads, True)
    for n, cells in enumerate(rows):
        if n % 500 == 0:
            control.check()
        row(cells, False)
    return tbl


def _footer(section: Any, report: Report, text_width: int) -> None:
    """The title and date on the left, "Page n of N" (Word fields) on the right."""
    from lxml import etree

    t = report.texts
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]._p
    ppr = p.get_or_add_pPr()
    tabs = etree.SubElement(ppr, _w("tabs"))
    for inherited in ("4680", "9360"):  # the Footer style's stops, set for Letter paper
        etree.SubElement(tabs, _w("tab"), {_w("val"): "clear", _w("pos"): inherited})
    etree.SubElement(tabs, _w("tab"), {_w("val"): "right", _w("pos"): str(text_width)})
    title = report.title if len(report.title) <= 60 else report.title[:59] + "…"
    left = f"{title} · {t.date(report.generated_at.date())}\t"
    marked = t("Page {number} of {pages}", number="\x00PAGE\x00", pages="\x00NUMPAGES\x00")
    style = {_w("val"): "16"}

    def text_run(value: str) -> None:
        r = etree.SubElement(p, _w("r"))
        rpr = etree.SubElement(r, _w("rPr"))
        etree.SubElement(rpr, _w("color"), {_w("val"): MUTED})
        etree.SubElement(rpr, _w("sz"), style)
        for n, part in enumerate(value.split("\t")):
            if n:
                etree.SubElement(r, _w("tab"))
            if part:
                node = etree.SubElement(r, _w("t"))
                node.text = part
                node.set(_SPACE, "preserve")

    text_run(left)
    for n, part in enumerate(marked.split("\x00")):
        if n % 2 == 0:
            if part:
                text_run(part)
            continue
        field = etree.SubElement(p, _w("fldSimple"), {_w("instr"): f" {part} "})
        r = etree.SubElement(field, _w("r"))
        rpr = etree.SubElement(r, _w("rPr"))
        etree.SubElement(rpr, _w("color"), {_w("val"): MUTED})
        etree.SubElement(rpr, _w("sz"), style)
        etree.SubElement(r, _w("t")).text = "1"


# ---------------------------------------------------------------- one claim

BOLD: dict[str, Any] = {"b": True}
ITALIC: dict[str, Any] = {"i": True}
PLAIN: dict[str, Any] = {}
KEY: dict[str, Any] = {"b": True, "color": KEY_COLOUR}
GREY: dict[str, Any] = {"color": MUTED}
GREY_ITALIC: dict[str, Any] = {"color": MUTED, "i": True}


def _linked(text: str, url: str, fmt: dict[str, Any] | None = None) -> Run:
    """``text`` as a link to ``url`` when that is a web address (claimtrack.export.links),
    else the text with the address after it as plain text."""
    fmt = fmt or PLAIN
    link = safe_url(url)
    return (text, {**fmt, "link": link}) if link else (with_address(text, url), fmt)


def _claim(c: ReportClaim, t: Texts, spill: _Spill) -> None:
    label, date = t.label, t.date
    v = c.verdict
    colour = safe_colour(v.colour)
    badge = {"b": True, "fill": colour.lstrip("#").upper(), "color": ink(colour).lstrip("#")}
    heading = f"#{c.id} · {label(c.kind)} · {c.status_label} · "
    _para(spill, [(heading, PLAIN), (f" {v.label} ", badge)], "Heading 2")
    _para(spill, [(f"“{c.text}”", PLAIN)], keep=True, quote=True)
    if c.paraphrase:
        _para(spill, [(c.paraphrase, ITALIC)], keep=True)

    facts: list[list[Run]] = []
    if c.claimant is not None:
        who: list[Run] = [(c.claimant.name, PLAIN)]
        if c.claimant.kind and not c.claimant.protected:
            who.append((f" ({label(c.claimant.kind).lower()})", GREY))
        facts.append([(f"{t('Claimant')}: ", KEY), *who])
    else:
        facts.append([(f"{t('Claimant')}: ", KEY), ("—", PLAIN)])
    if c.chain:
        chain: list[Run] = [(f"{t('Attribution')}: ", KEY)]
        if c.claimant is not None:
            chain.append((c.claimant.name, PLAIN))
            chain.append((f" ({label('claimant').lower()})", GREY))
        else:
            chain.append(("—", PLAIN))
        for link in c.chain:
            chain += [(f" › {link.name}", PLAIN), (f" ({label(link.role).lower()})", GREY)]
        facts.append(chain)
    if c.cue:
        facts.append([(f"{t('Cue')}: ", KEY), (c.cue, PLAIN)])
    article: list[Run] = [(f"{t('Article')}: ", KEY)]
    if safe_url(c.article.url):
        article.append(_linked(c.article.title, c.article.url))
    else:
        article.append((c.article.title, PLAIN))
    if c.article.outlet:
        article.append((f" — {c.article.outlet}", PLAIN))
    if c.article.published:
        article.append((f", {date(c.article.published)}", PLAIN))
    if c.article.url and not safe_url(c.article.url):
        article.append((f" ({inert(c.article.url)})", GREY))
    facts.append(article)
    if c.tags:
        facts.append([(f"{t('Tags')}: ", KEY), (", ".join(c.tags), PLAIN)])
    if c.assignee:
        facts.append([(f"{t('Assignee')}: ", KEY), (c.assignee, PLAIN)])
    if c.explanation:
        facts.append([(f"{t('Verdict')}: ", KEY), (v.label, BOLD), (f": {c.explanation}", PLAIN)])
    runs: list[Run] = []
    for line in facts:
        if runs:
            runs.append(("\n", PLAIN))
        runs += line
    _para(spill, runs)

    if c.notes:
        _para(spill, [(t("Notes"), KEY)], keep=True)
        _markdown(c.notes, spill)
    if c.evidence:
        _para(spill, [(t("Evidence"), KEY)], keep=True)
        for e in c.evidence:
            item: list[Run] = [(label(e.stance), BOLD), (f" · {label(e.type)}: ", PLAIN)]
            item.append(_linked(e.target, e.target) if e.is_url else (e.target, PLAIN))
            if e.accessed:
                item.append((f" ({t('accessed {when}', when=date(e.accessed))})", GREY))
            if e.excerpt:
                item.append((f"\n{e.excerpt}", ITALIC))
            _para(spill, item, "List Bullet")
    if c.replies:
        _para(spill, [(t("Requests for comment"), KEY)], keep=True)
        for q in c.replies:
            asked = t("asked {when} by {channel}", when=date(q.asked_at), channel=label(q.channel))
            item = [(f"{q.party} — {asked}: ", PLAIN)]
            if q.response:
                item.append((f"“{q.response}”", PLAIN))
                if q.responded_at:
                    item.append((f" ({date(q.responded_at)})", GREY))
            else:
                item.append((t("no reply yet"), GREY_ITALIC))
            _para(spill, item, "List Bullet")


def _markdown(source: str, spill: _Spill) -> None:
    """Markdown blocks as Word paragraphs: headings, bullets, numbered lists that start at
    1, quotes set off by a rule, tables, bold, italic, code, links."""
    tokens = _parser().parse(source)
    lists: list[tuple[str, int | None]] = []  # (style, numbering) of each open list
    style: str | None = None
    quoted = 0
    table: list[list[list[Run]]] | None = None
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            lists.append(("List Bullet", None))
        elif kind == "ordered_list_open":
            lists.append(("List Number", spill.new_numbering()))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "blockquote_open":
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
        elif kind == "heading_open":
            style = "Heading 4"
        elif kind == "table_open":
            table = []
        elif kind == "tr_open" and table is not None:
            table.append([])
        elif kind == "table_close" and table:
            columns = max(len(r) for r in table)
            rows = [r + [[]] * (columns - len(r)) for r in table]
            fractions = tuple(1 / columns for _ in range(columns))
            spill.park(_table(rows[0], rows[1:], fractions, spill.text_width, spill, _NULL))
            table = None
        elif kind in ("fence", "code_block"):
            _para(spill, [(token.content.rstrip("\n"), {"mono": True})], quote=bool(quoted))
        elif kind == "inline":
            runs = _inline(token.children or [])
            if table is not None and table:
                table[-1].append(runs)
                continue
            list_style, numbering = lists[-1] if lists else (None, None)
            _para(
                spill,
                runs,
                style or list_style,
                quote=bool(quoted),
                numbering=numbering if style is None else None,
            )
            style = None
        elif kind == "hr":
            _para(spill, [("—", PLAIN)])


_NULL = NullControl()


def _inline(children: list[Any]) -> list[Run]:
    runs: list[Run] = []
    fmt: dict[str, Any] = {}
    href = ""
    for child in children:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            fmt = {**fmt, "b": kind == "strong_open"}
        elif kind in ("em_open", "em_close"):
            fmt = {**fmt, "i": kind == "em_open"}
        elif kind in ("s_open", "s_close"):
            fmt = {**fmt, "strike": kind == "s_open"}
        elif kind in ("softbreak", "hardbreak"):
            runs.append(("\n", PLAIN))
        elif kind in ("text", "html_inline"):
            if child.content:  # markdown-it leaves empty text tokens around emphasis
                runs.append((child.content, {k: v for k, v in fmt.items() if v}))
        elif kind == "code_inline":
            runs.append((child.content, {**{k: v for k, v in fmt.items() if v}, "mono": True}))
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            link = safe_url(href)  # the parser's rule has already refused the others
            if link:
                fmt = {**fmt, "link": link}
                href = ""  # the text itself is the link
        elif kind == "link_close":
            fmt = {k: v for k, v in fmt.items() if k != "link"}
            if href:
                runs.append((f" ({href})", PLAIN))
            href = ""
        elif kind == "image":
            runs.append((child.content or "", PLAIN))
    return runs
