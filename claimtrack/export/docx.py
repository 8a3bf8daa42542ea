"""DOCX (python-docx): a Word document the desk can edit and forward.

Notes are Markdown; here they become real Word paragraphs, bullets and bold/italic runs
(through markdown-it's token stream), never raw markup. The chart is the same PNG the PDF
uses. Verdicts are shaded in their colour.
"""

from __future__ import annotations

import io
from typing import Any, BinaryIO

from claimtrack.export.chart import to_png
from claimtrack.export.markup import _parser, ink, safe_colour
from claimtrack.export.report import Control, NullControl, Report, ReportClaim
from claimtrack.export.texts import Texts


class _Spill:
    """Keeps the document body short while it grows, then puts everything back in order.

    python-docx inserts each paragraph before the body's section properties by scanning
    the body's children, so a long document costs O(n²). Moving finished elements aside
    every few hundred paragraphs keeps that scan short; ``finish`` re-attaches them.
    """

    LIMIT = 300

    def __init__(self, doc: Any) -> None:
        self.body = doc.element.body
        self.parked: list[Any] = []
        self.count = 0
        # Style objects looked up once: by name, each paragraph would search every style.
        names = ("Intense Quote", "List Bullet", "List Number", "Heading 2", "Heading 4")
        self.styles = {name: doc.styles[name].style_id for name in names}

    def paragraph(self, doc: Any, text: str = "", style: str | None = None) -> Any:
        """A paragraph with a style set by id (python-docx's setter scans every style)."""
        para = doc.add_paragraph(text)
        if style:
            para._p.style = self.styles[style]
        self.tick()
        return para

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


def write_docx(report: Report, stream: BinaryIO, *, control: Control | None = None) -> None:
    from docx import Document
    from docx.shared import Inches, Pt

    control = control or NullControl()
    t = report.texts
    label, when = t.label, t.date
    doc = Document()
    spill = _Spill(doc)
    doc.core_properties.title = report.title[:255]
    doc.core_properties.author = report.generated_by[:255]
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)

    doc.add_heading(report.title, level=0)
    meta = doc.add_paragraph()
    meta.add_run(report.scope + "\n")
    meta.add_run(
        t("Generated {when} by {who}", when=when(report.generated_at), who=report.generated_by)
    )
    if report.organisation:
        meta.add_run(f" · {report.organisation}")
    if report.redacted:
        redaction = t("Protected sources are shown as “{phrase}”.", phrase=t.protected)
        meta.add_run("\n" + redaction).italic = True
    doc.core_properties.language = t.language

    doc.add_heading(t("Overview"), level=1)
    doc.add_picture(io.BytesIO(to_png(report.chart)), width=Inches(6.0))
    summary = "; ".join(
        f"{s.title}: " + ", ".join(f"{b.label} {b.count}" for b in s.bars if b.count)
        for s in report.chart.series
    )
    doc.add_paragraph(summary).runs[0].font.size = Pt(8)

    if report.methodology:
        doc.add_heading(t("Methodology"), level=1)
        _markdown(doc, report.methodology, spill)
        spill.flush()

    doc.add_heading(t("Claims ({count})", count=len(report.claims)), level=1)
    for n, claim in enumerate(report.claims):
        if n % 200 == 0:
            control.check()
            control.progress(n, len(report.claims), "Writing the document")
        _claim(doc, claim, t, spill)
        spill.tick()

    doc.add_heading(t("Sources"), level=1)
    if report.sources:
        table = doc.add_table(rows=1, cols=3)
        table.style = "Light Grid Accent 1"
        heads = (t("Party"), t("Kind"), t("Stands behind"))
        for cell, text in zip(table.rows[0].cells, heads, strict=True):
            cell.text = text
        for source in report.sources:
            cells = table.add_row().cells
            cells[0].text = source.name
            cells[1].text = label(source.kind)
            cells[2].text = ", ".join(f"#{cid} ({label(role)})" for cid, role in source.roles)
    else:
        doc.add_paragraph(t("No parties are named in these claims."))

    if report.history is not None:
        doc.add_heading(t("Appendix: History"), level=1)
        if report.history:
            table = doc.add_table(rows=1, cols=6)
            table.style = "Light Grid Accent 1"
            heads = tuple(t(h) for h in ("When", "Who", "Claim", "Field", "Old", "New"))
            for cell, text in zip(table.rows[0].cells, heads, strict=True):
                cell.text = text
            for n, h in enumerate(report.history):
                if n % 500 == 0:
                    control.check()
                cells = table.add_row().cells
                for cell, text in zip(
                    cells,
                    (when(h.at), h.by, f"#{h.claim_id}", h.field, h.old, h.new),
                    strict=True,
                ):
                    cell.text = text
        else:
            doc.add_paragraph(t("No recorded changes."))
    spill.finish()
    buffer = io.BytesIO()  # a failed write then leaves no half-closed zip behind
    doc.save(buffer)
    stream.write(buffer.getvalue())


# ---------------------------------------------------------------- the claims, as raw XML
# python-docx spends milliseconds per styled paragraph (style lookups, per-character text
# handling); 10,000 claims are about 150,000 paragraphs, so their XML is built directly.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
Run = tuple[str, dict[str, Any]]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _para(spill: _Spill, runs: list[Run], style: str | None = None) -> None:
    from lxml import etree

    p = etree.Element(_w("p"))
    if style:
        ppr = etree.SubElement(p, _w("pPr"))
        etree.SubElement(ppr, _w("pStyle"), {_w("val"): spill.styles[style]})
    for text, fmt in runs:
        run = etree.SubElement(p, _w("r"))
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
    spill.park(p)


BOLD: dict[str, Any] = {"b": True}
ITALIC: dict[str, Any] = {"i": True}
PLAIN: dict[str, Any] = {}


def _claim(doc: Any, c: ReportClaim, t: Texts, spill: _Spill) -> None:
    label, when = t.label, t.date
    v = c.verdict
    colour = safe_colour(v.colour)
    badge = {"b": True, "fill": colour.lstrip("#").upper(), "color": ink(colour).lstrip("#")}
    heading = f"#{c.id} · {label(c.kind)} · {c.status_label} · "
    _para(spill, [(heading, PLAIN), (f" {v.label} ", badge)], "Heading 2")
    _para(spill, [(c.text, PLAIN)], "Intense Quote")
    if c.paraphrase:
        _para(spill, [(c.paraphrase, ITALIC)])
    chain = c.claimant.name if c.claimant else "—"
    for link in c.chain:
        chain += f" › {link.name} ({label(link.role)})"
    facts = [
        (t("Claimant"), c.claimant.name if c.claimant else "—"),
        (t("Attribution"), chain),
        (t("Cue"), c.cue),
        (t("Article"), c.article.title + (f" — {c.article.url}" if c.article.url else "")),
        (t("Tags"), ", ".join(c.tags)),
        (t("Assignee"), c.assignee),
        (t("Verdict"), v.label + (f": {c.explanation}" if c.explanation else "")),
    ]
    runs: list[Run] = []
    for key, value in facts:
        if value:
            if runs:
                runs.append(("\n", PLAIN))
            runs += [(f"{key}: ", BOLD), (value, PLAIN)]
    _para(spill, runs)
    if c.notes:
        _para(spill, [(t("Notes"), BOLD)])
        _markdown(doc, c.notes, spill)
    if c.evidence:
        _para(spill, [(t("Evidence"), BOLD)])
        for e in c.evidence:
            text = f"{label(e.stance)} · {label(e.type)}: {e.target}"
            if e.accessed:
                text += f" ({t('accessed {when}', when=when(e.accessed))})"
            if e.excerpt:
                text += f" — {e.excerpt}"
            _para(spill, [(text, PLAIN)], "List Bullet")
    if c.replies:
        _para(spill, [(t("Requests for comment"), BOLD)])
        for q in c.replies:
            answer = f"“{q.response}”" if q.response else t("no reply yet")
            asked = t("asked {when} by {channel}", when=when(q.asked_at), channel=label(q.channel))
            text = f"{q.party}, {asked}: {answer}"
            _para(spill, [(text, PLAIN)], "List Bullet")


def _markdown(doc: Any, source: str, spill: _Spill) -> None:
    """Markdown blocks as Word paragraphs: headings, bullets, numbers, bold, italic, code."""
    tokens = _parser().parse(source)
    lists: list[str] = []
    style: str | None = None
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            lists.append("List Bullet")
        elif kind == "ordered_list_open":
            lists.append("List Number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "heading_open":
            style = "Heading 4"
        elif kind in ("fence", "code_block"):
            _para(spill, [(token.content.rstrip("\n"), {"mono": True})])
        elif kind == "inline":
            _para(spill, _inline(token.children or []), style or (lists[-1] if lists else None))
            style = None
        elif kind == "hr":
            _para(spill, [("—", PLAIN)])


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
            runs.append((child.content, {k: v for k, v in fmt.items() if v}))
        elif kind == "code_inline":
            runs.append((child.content, {**{k: v for k, v in fmt.items() if v}, "mono": True}))
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            if href:
                runs.append((f" ({href})", PLAIN))
            href = ""
        elif kind == "image":
            runs.append((child.content or "", PLAIN))
    return runs
