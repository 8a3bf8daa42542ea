"""HTML: one self-contained file (inline CSS and SVG chart, no scripts, no remote fetches).

The page shell is a Jinja2 template with ``autoescape=True``. The blocks repeated per claim,
per source and per history row are written by plain Python below (`_Blocks`): a template
spends most of 10,000 claims on per-value call overhead, and these functions write the
same bytes several times faster. They escape every value with `_esc`, which gives exactly
what autoescape gives (tests compare both on hostile text). Notes and the methodology note
are the only HTML we insert, and they pass through markdown-it (raw HTML off) and nh3
first. A Content-Security-Policy meta tag forbids scripts even if something slipped through.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, datetime, timedelta
from functools import cache
from typing import BinaryIO, Generic, TypeVar

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from claimtrack.export import markup
from claimtrack.export.chart import to_svg
from claimtrack.export.links import inert, safe_url
from claimtrack.export.report import ArticleInfo, Link, Report, ReportClaim

CHART_RESOURCE = "claimtrack-chart.png"
CHART_WIDTH = 480  # CSS pixels of the chart image in the Qt (PDF, preview) variant
_REL = 'rel="noopener noreferrer nofollow"'
NBSP = "\xa0"  # inside the PDF's verdict badge: one badge, never split over two lines

K = TypeVar("K", bound=Hashable)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("claimtrack.export", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        label=markup.label,
        when=markup.when,
        ink=markup.ink,
        safe_colour=markup.safe_colour,
        is_web_url=markup.is_web_url,
        md=lambda source: Markup(markup.markdown_html(source)),
    )
    return env


def _esc(text: str) -> str:
    """``text`` as autoescape writes it (markupsafe's five entities), at a third of the cost:
    no Markup object per value, and str.replace scans in C."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return (
            text.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    return text


class _Memo(dict[K, str], Generic[K]):
    """``memo[key]``: ``make(key)`` computed once per distinct key (labels, names, dates,
    notes repeat across thousands of claims; a dict lookup is the cheapest way to reuse)."""

    def __init__(self, make: Callable[[K], str]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: K) -> str:
        value = self[key] = self._make(key)
        return value


def render_html(report: Report, *, qt: bool = False, claims: str | None = None) -> str:
    """The report as HTML; ``qt=True`` gives the variant QTextDocument lays out well
    (tables instead of flexbox, the chart as an image resource named CHART_RESOURCE).

    ``claims``, trusted markup, stands in for the claims' blocks: the PDF writer puts a
    marker there and lays the claims out a chunk at a time (claimtrack.pdf)."""
    if qt:
        chart = Markup(f'<img src="{CHART_RESOURCE}" width="{CHART_WIDTH}">')
    else:
        chart = Markup(to_svg(report.chart, title=report.texts("Claims by status and by verdict")))
    tx = report.texts
    blocks = _Blocks(report, qt)
    template = _environment().get_template("report.html")
    return template.render(
        r=report,
        chart=chart,
        qt=qt,
        t=tx,
        w=blocks.words,
        when=tx.date,
        lang=tx.language,
        claims=Markup(blocks.claims() if claims is None else claims),
        source_rows=Markup(blocks.source_rows()),
        history_rows=Markup(blocks.history_rows()),
    )


def qt_claims(report: Report) -> list[str]:
    """Each claim's markup in the Qt variant, as ``render_html(report, qt=True)`` joins them."""
    blocks = _Blocks(report, True)
    return [blocks._qt_claim(c) for c in report.claims]


class _Blocks:
    """The repeated parts of the page, written as the template wrote them, byte for byte.

    Everything repeated is looked up through `_Memo` caches built for this one report:
    escaped names and labels, dates, the article line, each chain link, rendered notes.
    Report objects are kept alive by the report meanwhile, so ``id()`` keys are stable.
    """

    def __init__(self, report: Report, qt: bool) -> None:
        self.report = report
        self.qt = qt
        self.tx = tx = report.texts
        self.words: _Memo[str] = _Memo(tx)  # w["Notes"]: the fixed words, as stored
        self.esc: _Memo[str] = _Memo(_esc)  # repeated untrusted strings, escaped
        self.label: _Memo[str] = _Memo(lambda key: _esc(tx.label(key)))
        # Roles and kinds inside a sentence, in lower case: "Reuters (via)", "(government)".
        self.lower: _Memo[str] = _Memo(lambda key: _esc(tx.label(key).lower()))
        self.notes: _Memo[str] = _Memo(markup.markdown_html)  # sanitised by markup (nh3)
        self._dates: _Memo[tuple[date, timedelta | None]] = _Memo(lambda k: _esc(tx.date(k[0])))
        self._fixed: _Memo[str] = _Memo(lambda message: _esc(tx(message)))
        # The verdict colours as the template had them: one per verdict key (the last seen).
        colours = {c.verdict.key: c.verdict.colour for c in report.claims}
        self._links: dict[int, str] = {}
        self._articles: dict[int, str] = {}
        self.colour = {key: _esc(markup.safe_colour(value)) for key, value in colours.items()}
        self.ink = {
            key: _esc(markup.ink(markup.safe_colour(value))) for key, value in colours.items()
        }

    def when(self, value: date | datetime) -> str:
        """The escaped long date; keyed with the UTC offset, since datetimes of one instant
        in two zones compare equal but read differently."""
        offset = value.utcoffset() if isinstance(value, datetime) else None
        return self._dates[(value, offset)]

    def w(self, message: str) -> str:
        """A fixed word, escaped as the template's ``{{ w[...] }}`` escaped it."""
        return self._fixed[message]

    # ------------------------------------------------------------------ claims

    def claims(self) -> str:
        write = self._qt_claim if self.qt else self._claim
        return "".join([write(c) for c in self.report.claims])

    def _claim(self, c: ReportClaim) -> str:
        esc, w, label, when = self.esc, self.w, self.label, self.when
        v = c.verdict
        colour = self.colour[v.key]
        cid = _esc(str(c.id))
        verdict = esc[v.label]
        claimant = c.claimant
        name = esc[claimant.name] if claimant is not None else "—"
        badge = (
            f'<span class="badge" style="background: {colour}; color: {self.ink[v.key]}">'
            f"{verdict}</span>"
        )
        parts = [
            f'<article class="claim" id="claim-{cid}" style="--verdict: {colour}">\n<header>\n'
            f'<h3>#{cid}</h3>\n<span class="muted">{label[c.kind]}</span>\n'
            f'<span class="muted">· {esc[c.status_label]}</span>\n'
            f"{badge}\n</header>\n"
            f'<blockquote class="quote">{_esc(c.text)}</blockquote>\n'
        ]
        if c.paraphrase:
            parts.append(f"<p><em>{_esc(c.paraphrase)}</em></p>")
        kind = ""
        if claimant is not None and claimant.kind and not claimant.protected:
            kind = f' <span class="muted">({self.lower[claimant.kind]})</span>'
        parts.append(
            f'<table class="facts">\n<tr><td class="k">{w("Claimant")}</td><td>{name}{kind}'
            "</td></tr>\n"
        )
        if c.chain:  # only when someone relays: a direct claimant is named once
            role = f' <span class="role">({self.lower["claimant"]})</span>' if claimant else ""
            parts.append(
                f'<tr><td class="k">{w("Attribution")}</td><td class="chain">{name}{role}'
                f"{self._chain(c.chain)}</td></tr>\n"
            )
        if c.cue:
            parts.append(f'<tr><td class="k">{w("Cue")}</td><td>{esc[c.cue]}</td></tr>')
        parts.append(
            f'<tr><td class="k">{w("Article")}</td><td>{self._article(c.article)}</td></tr>\n'
        )
        if c.tags:
            parts.append(f'<tr><td class="k">{w("Tags")}</td><td>{self._tags(c.tags)}</td></tr>')
        if c.assignee:
            parts.append(f'<tr><td class="k">{w("Assignee")}</td><td>{esc[c.assignee]}</td></tr>')
        explanation = f": {_esc(c.explanation)}" if c.explanation else ""
        by = f"{w(' by ')}{esc[c.updated_by]}" if c.updated_by else ""
        parts.append(
            f'<tr><td class="k">{w("Verdict")}</td><td>{badge}{explanation}</td></tr>\n'
            f'<tr><td class="k">{w("Updated")}</td><td>{when(c.updated_at)}{by}</td></tr>\n'
            "</table>\n"
        )
        if c.notes:
            parts.append(f'<h4>{w("Notes")}</h4><div class="notes">{self.notes[c.notes]}</div>')
        if c.evidence:
            parts.append(f"<h4>{w('Evidence')}</h4><ul>")
            for e in c.evidence:
                target = _esc(e.target)
                url = safe_url(e.target) if e.is_url else None
                if url is not None:
                    target = f'<a href="{_esc(url)}" {_REL}>{target}</a>'
                parts.append(f"<li><strong>{label[e.stance]}</strong> · {label[e.type]}: {target}")
                if e.accessed:
                    parts.append(f' <span class="muted">({self._accessed(e.accessed)})</span>')
                if e.excerpt:
                    parts.append(f"<br><em>{_esc(e.excerpt)}</em>")
                parts.append("</li>")
            parts.append("</ul>")
        if c.replies:
            parts.append(f"<h4>{w('Requests for comment')}</h4><ul>")
            for q in c.replies:
                parts.append(f"<li>{esc[q.party]} — {self._asked(q.asked_at, q.channel)}: ")
                if q.response:
                    parts.append(f"“{_esc(q.response)}”")
                    if q.responded_at:
                        parts.append(f' <span class="muted">({when(q.responded_at)})</span>')
                else:
                    parts.append(f'<span class="muted">{w("no reply yet")}</span>')
                parts.append("</li>")
            parts.append("</ul>")
        parts.append("</article>\n")
        return "".join(parts)

    def _qt_claim(self, c: ReportClaim) -> str:
        esc, w, label, when = self.esc, self.w, self.label, self.when
        v = c.verdict
        colour = self.colour[v.key]
        verdict = esc[v.label]
        parts = [
            f'<h3 style="margin-top: 14px; margin-bottom: 2px;"><span style="color: {colour};">'
            f"&#9632;</span> #{_esc(str(c.id))} · {label[c.kind]} · {esc[c.status_label]} · "
            f'<span style="background-color: {colour}; color: {self.ink[v.key]};">'
            f"&nbsp;{verdict.replace(' ', NBSP)}&nbsp;</span></h3>\n"
            f'<p class="quote">“{_esc(c.text)}”</p>\n'
        ]
        if c.paraphrase:
            parts.append(f"<p><i>{_esc(c.paraphrase)}</i></p>")
        claimant = c.claimant
        parts.append(f'<p><span class="k">{w("Claimant")}:</span> ')
        if claimant is None:
            parts.append("—")
        elif claimant.kind and not claimant.protected:
            kind = self.lower[claimant.kind]
            parts.append(f'{esc[claimant.name]} <span class="muted">({kind})</span>')
        else:
            parts.append(esc[claimant.name])
        if c.chain:  # only when someone relays: a direct claimant is named once
            parts.append(f'<br><span class="k">{w("Attribution")}:</span> ')
            if claimant is not None:
                role = self.lower["claimant"]
                parts.append(f'{esc[claimant.name]} <span class="muted">({role})</span>')
            else:
                parts.append("—")
            parts.append(self._chain(c.chain))
        if c.cue:
            parts.append(f'<br><span class="k">{w("Cue")}:</span> {esc[c.cue]}')
        parts.append(f'<br><span class="k">{w("Article")}:</span> {self._article(c.article)}')
        if c.tags:
            parts.append(f'<br><span class="k">{w("Tags")}:</span> {self._tags(c.tags)}')
        if c.assignee:
            parts.append(f' · <span class="k">{w("Assignee")}:</span> {esc[c.assignee]}')
        if c.explanation:
            parts.append(
                f'<br><span class="k">{w("Verdict")}:</span> <b>{verdict}</b>: '
                f"{_esc(c.explanation)}"
            )
        parts.append("</p>\n")
        if c.notes:
            parts.append(f'<p class="k"><b>{w("Notes")}</b></p>{self.notes[c.notes]}')
        if c.evidence:
            parts.append(f'<p class="k"><b>{w("Evidence")}</b></p><ul>')
            for e in c.evidence:
                parts.append(f"<li>{label[e.stance]} · {label[e.type]}: {_esc(e.target)}")
                if e.accessed:
                    parts.append(f" ({self._accessed(e.accessed)})")
                if e.excerpt:
                    parts.append(f"<br><i>{_esc(e.excerpt)}</i>")
                parts.append("</li>")
            parts.append("</ul>")
        if c.replies:
            parts.append(f'<p class="k"><b>{w("Requests for comment")}</b></p><ul>')
            for q in c.replies:
                parts.append(f"<li>{esc[q.party]} — {self._asked(q.asked_at, q.channel)}: ")
                if q.response:
                    parts.append(f"“{_esc(q.response)}”")
                    if q.responded_at:
                        parts.append(f" ({when(q.responded_at)})")
                else:
                    parts.append(w("no reply yet"))
                parts.append("</li>")
            parts.append("</ul>")
        parts.append("<hr>\n")
        return "".join(parts)

    def _chain(self, chain: tuple[Link, ...]) -> str:
        """`` › Reuters (via)`` per link, each written once per report."""
        if not chain:
            return ""
        links = self._links
        out = []
        for link in chain:
            found = links.get(id(link))
            if found is None:
                role = self.lower[link.role]
                if self.qt:
                    found = f' › {self.esc[link.name]} <span class="muted">({role})</span>'
                else:
                    found = f' › {self.esc[link.name]} <span class="role">({role})</span>'
                links[id(link)] = found
            out.append(found)
        return "".join(out)

    def _article(self, article: ArticleInfo) -> str:
        """The article's title (linked in the web variant), outlet and date, once per article."""
        found = self._articles.get(id(article))
        if found is None:
            title = _esc(article.title)
            url = None if self.qt else safe_url(article.url)
            if url is not None:
                title = f'<a href="{_esc(url)}" {_REL}>{title}</a>'
            outlet = f" — {_esc(article.outlet)}" if article.outlet else ""
            published = f", {self.when(article.published)}" if article.published else ""
            shown = ""  # an address that is not a web one: shown as text, never a link
            if article.url and url is None and not self.qt:
                shown = f' <span class="muted">({_esc(inert(article.url))})</span>'
            found = self._articles[id(article)] = title + outlet + published + shown
        return found

    def _tags(self, tags: tuple[str, ...]) -> str:
        return self.esc[", ".join(tags)]

    def _accessed(self, day: date) -> str:
        return _esc(self.tx("accessed {when}", when=self.tx.date(day)))

    def _asked(self, at: datetime, channel: str) -> str:
        return _esc(
            self.tx(
                "asked {when} by {channel}", when=self.tx.date(at), channel=self.tx.label(channel)
            )
        )

    # ------------------------------------------------------------------ tables

    def source_rows(self) -> str:
        """The sources table's rows (each party and the claims it stands behind)."""
        esc, label, lower = self.esc, self.label, self.lower
        rows = []
        for s in self.report.sources:
            roles = ", ".join([f"#{_esc(str(cid))} ({lower[role]})" for cid, role in s.roles])
            rows.append(
                f"<tr><td>{esc[s.name]}</td><td>{label[s.kind]}</td><td>{roles}</td></tr>\n"
            )
        return "".join(rows)

    def history_rows(self) -> str:
        """The history appendix's rows ("" when it was not asked for); the moment in the
        compact form DOCX uses (2025-12-02 09:30 UTC), so the column stays narrow."""
        esc, when = self.esc, markup.when
        return "".join(
            [
                f'<tr><td class="nowrap">{when(h.at)}</td><td>{esc[h.by]}</td>'
                f"<td>#{_esc(str(h.claim_id))}</td><td>{esc[h.field]}</td>"
                f"<td>{_esc(h.old)}</td><td>{_esc(h.new)}</td></tr>\n"
                for h in self.report.history or ()
            ]
        )


def write_html(report: Report, stream: BinaryIO) -> None:
    stream.write(render_html(report).encode("utf-8"))
