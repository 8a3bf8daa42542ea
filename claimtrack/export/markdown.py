"""Markdown: the report as a plain-text document that renders well on any forge or wiki.

Untrusted text is escaped so that it stays text: Markdown punctuation gets a backslash and
``<`` / ``&`` become entities, so a claim holding ``<script>`` or ``[x](javascript:…)``
cannot become markup in whatever renders the file. Notes keep their Markdown formatting,
but raw HTML inside them is neutralised the same way.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from claimtrack.export.markup import label, when
from claimtrack.export.report import Report, ReportClaim

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
    out: list[str] = [f"# {esc(report.title)}", ""]
    out.append(f"- **Scope:** {esc(report.scope)}")
    out.append(f"- **Generated:** {when(report.generated_at)} by {esc(report.generated_by)}")
    if report.organisation:
        out.append(f"- **Organisation:** {esc(report.organisation)}")
    out.append(
        "- **Redaction:** "
        + ("protected sources are shown as “a protected source”." if report.redacted else "off.")
    )
    out += ["", "## Overview", ""]
    for series in report.chart.series:
        out += [f"| {esc(series.title)} | Claims | Share |", "|---|---:|---:|"]
        for bar in series.bars:
            share = f"{round(100 * bar.count / series.total)}%" if series.total else "—"
            out.append(f"| {_cell(bar.label)} | {bar.count} | {share} |")
        out.append("")
    if report.methodology:
        out += ["## Methodology", "", _notes(report.methodology), ""]
    out += [f"## Claims ({len(report.claims)})", ""]
    for claim in report.claims:
        out += _claim(claim)
    out += ["## Sources", ""]
    if report.sources:
        out += ["| Party | Kind | Stands behind |", "|---|---|---|"]
        for source in report.sources:
            roles = ", ".join(f"#{cid} ({label(role)})" for cid, role in source.roles)
            out.append(f"| {_cell(source.name)} | {label(source.kind)} | {esc(roles)} |")
    else:
        out.append("No parties are named in these claims.")
    out.append("")
    if report.history is not None:
        out += ["## Appendix: History", ""]
        if report.history:
            out += ["| When | Who | Claim | Field | Old | New |", "|---|---|---|---|---|---|"]
            for h in report.history:
                out.append(
                    f"| {when(h.at)} | {_cell(h.by)} | #{h.claim_id} | {_cell(h.field)} "
                    f"| {_cell(h.old)} | {_cell(h.new)} |"
                )
        else:
            out.append("No recorded changes.")
        out.append("")
    return "\n".join(out)


def _claim(c: ReportClaim) -> list[str]:
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
    out.append(f"- **Claimant:** {esc(c.claimant.name) if c.claimant else '—'}")
    out.append(f"- **Attribution:** {chain}")
    if c.cue:
        out.append(f"- **Cue:** {esc(c.cue)}")
    article = esc(c.article.title)
    if c.article.url:
        article += f" <{esc(c.article.url)}>" if " " not in c.article.url else ""
    out.append(f"- **Article:** {article}")
    if c.tags:
        out.append(f"- **Tags:** {esc(', '.join(c.tags))}")
    if c.assignee:
        out.append(f"- **Assignee:** {esc(c.assignee)}")
    verdict = f"**{esc(v.label)}**" + (f": {esc(c.explanation)}" if c.explanation else "")
    out.append(f"- **Verdict:** {verdict}")
    out.append("")
    if c.notes:
        out += ["**Notes**", "", _notes(c.notes), ""]
    if c.evidence:
        out += ["**Evidence**", ""]
        for e in c.evidence:
            line = f"- {label(e.stance)} · {label(e.type)}: {esc(e.target)}"
            if e.accessed:
                line += f" (accessed {when(e.accessed)})"
            if e.excerpt:
                line += f" — *{esc(e.excerpt)}*"
            out.append(line)
        out.append("")
    if c.replies:
        out += ["**Requests for comment**", ""]
        for q in c.replies:
            answer = f"“{esc(q.response)}”" if q.response else "no reply yet"
            out.append(
                f"- {esc(q.party)}, asked {when(q.asked_at)} by {label(q.channel)}: {answer}"
            )
        out.append("")
    return out


def write_markdown(report: Report, stream: BinaryIO) -> None:
    stream.write(render_markdown(report).encode("utf-8"))
