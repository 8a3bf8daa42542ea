"""Markdown: the report as a plain-text document that renders well on any forge or wiki.

Untrusted text is escaped so that it stays text: the punctuation that can start markup
anywhere gets a backslash, markers that only count at the start of a line are escaped
there, ``<`` and entity-like ``&`` become entities, so a claim holding ``<script>`` or
``[x](javascript:…)`` cannot become markup in whatever renders the file. Punctuation that
cannot (``sign-off``, ``(7)``, ``example.org``) is left as typed, so the file stays
readable as text. Web addresses are written as autolinks, unescaped (a backslash inside
``<…>`` would become part of the link), and only when they are http(s) addresses
(claimtrack.export.links); any other address is escaped text. Notes keep their Markdown
formatting, but links to anything but http(s), images and raw HTML in them are turned
into text (claimtrack.export.mdnotes).
"""

from __future__ import annotations

import re
from typing import BinaryIO

from claimtrack.export.links import safe_url
from claimtrack.export.mdnotes import notes_markdown
from claimtrack.export.report import Report, ReportClaim
from claimtrack.export.texts import Texts

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # markup wherever it stands
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # "&amp;" would show as "&"
_LEADING = re.compile(r"^(?:[-+>=#]|\d+(?=[.)]))")  # a list, quote, rule or heading
_TRAILING = re.compile(r"(?<=\s)(#+)\s*$")  # a heading's closing sequence


# Anything esc() would change: most text has none of it and is returned as it is.
_ANY = re.compile(
    "[\\\\`*_\\[\\]|~<&\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029"
    "\u202f\u205f\u3000]|  |^ | $|^(?:[-+>=#]|\\d+[.)])|#\\s*$"
)


def esc(text: str) -> str:
    """Inline text, escaped for Markdown and HTML, on one line."""
    return _escape(text) if _ANY.search(text) else text


def _escape(text: str) -> str:
    text = " ".join(text.split())
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LEADING.sub(
        lambda m: m.group() + "\\" if m.group()[0].isdigit() else "\\" + m.group(), text
    )
    return _TRAILING.sub(lambda m: "\\#" * len(m.group(1)), text)


def _link(url: str) -> str:
    """A web address as an autolink, anything else as escaped text."""
    link = safe_url(url)
    return f"<{link}>" if link else esc(url)


def _notes(text: str) -> str:
    """Notes keep Markdown structure; unsafe links, images and raw HTML become text."""
    return notes_markdown(text)


def _cell(text: str) -> str:
    return esc(text) or "—"  # esc escapes "|", which would end the cell


def render_markdown(report: Report) -> str:
    t = report.texts
    label, when = t.label, t.date
    out: list[str] = [f"# {esc(report.title)}", ""]
    out.append(f"- **{t('Scope')}:** {esc(report.scope)}")
    generated = t("{when} by {who}", when=when(report.generated_at), who=esc(report.generated_by))
    out.append(f"- **{t('Generated')}:** {generated}")
    if report.organisation:
        out.append(f"- **{t('Organisation')}:** {esc(report.organisation)}")
    if report.redacted:
        redaction = t("Protected sources are shown as “{phrase}”.", phrase=t.protected)
    else:
        redaction = t("Off: protected sources are named.")
    out.append(f"- **{t('Redaction')}:** {redaction}")
    out += ["", f"## {t('Overview')}", ""]
    for series in report.chart.series:
        out += [f"| {esc(series.title)} | {t('Claims')} | {t('Share')} |", "|---|---:|---:|"]
        for bar in series.bars:
            share = f"{round(100 * bar.count / series.total)}%" if series.total else "—"
            out.append(f"| {_cell(bar.label)} | {bar.count} | {share} |")
        out.append("")
    if report.methodology:
        out += [f"## {t('Methodology')}", "", _notes(report.methodology), ""]
    out += [f"## {t('Claims ({count})', count=len(report.claims))}", ""]
    for claim in report.claims:
        out += _claim(claim, t)
    out += [f"## {t('Sources')}", ""]
    if report.sources:
        out += [f"| {t('Party')} | {t('Kind')} | {t('Stands behind')} |", "|---|---|---|"]
        for source in report.sources:
            roles = ", ".join(f"#{cid} ({label(role).lower()})" for cid, role in source.roles)
            out.append(f"| {_cell(source.name)} | {label(source.kind)} | {esc(roles)} |")
    else:
        out.append(t("No parties are named in these claims."))
    out.append("")
    if report.history is not None:
        out += [f"## {t('Appendix: History')}", ""]
        if report.history:
            heads = " | ".join(t(h) for h in ("When", "Who", "Claim", "Field", "Old", "New"))
            out += [f"| {heads} |", "|---|---|---|---|---|---|"]
            for h in report.history:
                out.append(
                    f"| {when(h.at)} | {_cell(h.by)} | #{h.claim_id} | {_cell(h.field)} "
                    f"| {_cell(h.old)} | {_cell(h.new)} |"
                )
        else:
            out.append(t("No recorded changes."))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"  # a text file ends with one newline


def _claim(c: ReportClaim, t: Texts) -> list[str]:
    label, when = t.label, t.date
    v = c.verdict
    out = [
        f"### #{c.id} · {esc(label(c.kind))} · {esc(c.status_label)} · **{esc(v.label)}**",
        "",
        f"> {esc(c.text)}",
        "",
    ]
    if c.paraphrase:
        out += [f"*{esc(c.paraphrase)}*", ""]
    if c.claimant is not None:
        who = esc(c.claimant.name)
        if c.claimant.kind and not c.claimant.protected:
            who += f" ({label(c.claimant.kind).lower()})"
    else:
        who = "—"
    out.append(f"- **{t('Claimant')}:** {who}")
    if c.chain:
        chain = "—"
        if c.claimant is not None:
            chain = f"{esc(c.claimant.name)} ({label('claimant').lower()})"
        for link in c.chain:
            chain += f" › {esc(link.name)} ({label(link.role).lower()})"
        out.append(f"- **{t('Attribution')}:** {chain}")
    if c.cue:
        out.append(f"- **{t('Cue')}:** {esc(c.cue)}")
    article = esc(c.article.title)
    if c.article.outlet:
        article += f" — {esc(c.article.outlet)}"
    if c.article.published:
        article += f", {when(c.article.published)}"
    if c.article.url:
        article += f" {_link(c.article.url)}"
    out.append(f"- **{t('Article')}:** {article}")
    if c.tags:
        out.append(f"- **{t('Tags')}:** {esc(', '.join(c.tags))}")
    if c.assignee:
        out.append(f"- **{t('Assignee')}:** {esc(c.assignee)}")
    if c.explanation:
        out.append(f"- **{t('Verdict')}:** **{esc(v.label)}**: {esc(c.explanation)}")
    out.append("")
    if c.notes:
        out += [f"**{t('Notes')}**", "", _notes(c.notes), ""]
    if c.evidence:
        out += [f"**{t('Evidence')}**", ""]
        for e in c.evidence:
            target = _link(e.target) if e.is_url else esc(e.target)
            line = f"- **{esc(label(e.stance))}** · {esc(label(e.type))}: {target}"
            if e.accessed:
                line += f" ({t('accessed {when}', when=when(e.accessed))})"
            if e.excerpt:
                line += f" — *{esc(e.excerpt)}*"
            out.append(line)
        out.append("")
    if c.replies:
        out += [f"**{t('Requests for comment')}**", ""]
        for q in c.replies:
            answer = f"“{esc(q.response)}”" if q.response else f"*{t('no reply yet')}*"
            if q.response and q.responded_at:
                answer += f" ({when(q.responded_at)})"
            channel = esc(label(q.channel))
            asked = t("asked {when} by {channel}", when=when(q.asked_at), channel=channel)
            out.append(f"- {esc(q.party)} — {asked}: {answer}")
        out.append("")
    return out


def write_markdown(report: Report, stream: BinaryIO) -> None:
    stream.write(render_markdown(report).encode("utf-8"))
