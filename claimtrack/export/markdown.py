"""Markdown: the report as a plain-text document that renders well on any forge or wiki.

Untrusted text is escaped so that it stays text: Markdown punctuation gets a backslash and
``<`` / ``&`` become entities, so a claim holding ``<script>`` or ``[x](javascript:…)``
cannot become markup in whatever renders the file. Notes keep their Markdown formatting,
but raw HTML inside them is neutralised the same way.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from claimtrack.export.report import Report, ReportClaim
from claimtrack.export.texts import Texts

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def esc(text: str) -> str:
    """Inline text, escaped for Markdown and HTML, on one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", text)


def _notes(text: str) -> str:
    """Notes keep Markdown structure; raw HTML is turned into text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").strip()


def _cell(text: str) -> str:
    return esc(text).replace("|", "\\|") or "—"


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
            roles = ", ".join(f"#{cid} ({label(role)})" for cid, role in source.roles)
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
    return "\n".join(out)


def _claim(c: ReportClaim, t: Texts) -> list[str]:
    label, when = t.label, t.date
    v = c.verdict
    out = [
        f"### #{c.id} · {label(c.kind)} · {esc(c.status_label)} · **{esc(v.label)}**",
        "",
        f"> {esc(c.text)}",
        "",
    ]
    if c.paraphrase:
        out += [f"*{esc(c.paraphrase)}*", ""]
    chain = esc(c.claimant.name) if c.claimant else "—"
    for link in c.chain:
        chain += f" › {esc(link.name)} ({label(link.role)})"
    out.append(f"- **{t('Claimant')}:** {esc(c.claimant.name) if c.claimant else '—'}")
    out.append(f"- **{t('Attribution')}:** {chain}")
    if c.cue:
        out.append(f"- **{t('Cue')}:** {esc(c.cue)}")
    article = esc(c.article.title)
    if c.article.url:
        article += f" <{esc(c.article.url)}>" if " " not in c.article.url else ""
    out.append(f"- **{t('Article')}:** {article}")
    if c.tags:
        out.append(f"- **{t('Tags')}:** {esc(', '.join(c.tags))}")
    if c.assignee:
        out.append(f"- **{t('Assignee')}:** {esc(c.assignee)}")
    verdict = f"**{esc(v.label)}**" + (f": {esc(c.explanation)}" if c.explanation else "")
    out.append(f"- **{t('Verdict')}:** {verdict}")
    out.append("")
    if c.notes:
        out += [f"**{t('Notes')}**", "", _notes(c.notes), ""]
    if c.evidence:
        out += [f"**{t('Evidence')}**", ""]
        for e in c.evidence:
            line = f"- {label(e.stance)} · {label(e.type)}: {esc(e.target)}"
            if e.accessed:
                line += f" ({t('accessed {when}', when=when(e.accessed))})"
            if e.excerpt:
                line += f" — *{esc(e.excerpt)}*"
            out.append(line)
        out.append("")
    if c.replies:
        out += [f"**{t('Requests for comment')}**", ""]
        for q in c.replies:
            answer = f"“{esc(q.response)}”" if q.response else t("no reply yet")
            asked = t("asked {when} by {channel}", when=when(q.asked_at), channel=label(q.channel))
            out.append(f"- {esc(q.party)}, {asked}: {answer}")
        out.append("")
    return out


def write_markdown(report: Report, stream: BinaryIO) -> None:
    stream.write(render_markdown(report).encode("utf-8"))
