"""The HTML report's fast per-claim writer gives exactly what the Jinja template gave.

``REFERENCE`` is the per-claim, per-source and per-history-row markup as it stood in
``report.html`` before those blocks moved to Python (`claimtrack.export.html._Blocks`),
rendered here with the same autoescaping environment. A change of the report's look is
made in both, on purpose (since then: roles and kinds in lower case, the claimant with its
kind, the attribution line only when someone relays, the verdict as a badge with readable
ink, compact History moments; links only to http(s) addresses, any other article address
shown as text). Byte-for-byte equality, on the
sample dossier in both languages and on hostile text in every field, shows the fast path
escapes everything autoescape escaped and changes nothing a reader sees.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Environment
from lxml import html as lxml_html
from markupsafe import Markup, escape

from claimtrack.export import ReportOptions, Scope, build_report, links, markup
from claimtrack.export.html import _Blocks, _esc, render_html
from claimtrack.export.report import (
    ArticleInfo,
    EvidenceItem,
    HistoryEntry,
    Link,
    ReplyItem,
    Report,
)

REFERENCE = """\
{% for c in r.claims %}
{% set v = c.verdict %}
{% set colour = css[v.key] %}
{% if qt %}
<h3 style="margin-top: 14px; margin-bottom: 2px;"><span style="color: {{ colour }};">&#9632;</span> #{{ c.id }} · {{ labels[c.kind] }} · {{ c.status_label }} · <span style="background-color: {{ colour }}; color: {{ inks[v.key] }};">&nbsp;{{ v.label|replace(" ", "\xa0") }}&nbsp;</span></h3>
<p class="quote">“{{ c.text }}”</p>
{% if c.paraphrase %}<p><i>{{ c.paraphrase }}</i></p>{% endif %}
<p><span class="k">{{ w["Claimant"] }}:</span> {% if not c.claimant %}—{% elif c.claimant.kind and not c.claimant.protected %}{{ c.claimant.name }} <span class="muted">({{ labels[c.claimant.kind]|lower }})</span>{% else %}{{ c.claimant.name }}{% endif %}{% if c.chain %}<br><span class="k">{{ w["Attribution"] }}:</span> {% if c.claimant %}{{ c.claimant.name }} <span class="muted">({{ labels["claimant"]|lower }})</span>{% else %}—{% endif %}{% for l in c.chain %} › {{ l.name }} <span class="muted">({{ labels[l.role]|lower }})</span>{% endfor %}{% endif %}{% if c.cue %}<br><span class="k">{{ w["Cue"] }}:</span> {{ c.cue }}{% endif %}<br><span class="k">{{ w["Article"] }}:</span> {{ c.article.title }}{% if c.article.outlet %} — {{ c.article.outlet }}{% endif %}{% if c.article.published %}, {{ when(c.article.published) }}{% endif %}{% if c.tags %}<br><span class="k">{{ w["Tags"] }}:</span> {{ c.tags|join(", ") }}{% endif %}{% if c.assignee %} · <span class="k">{{ w["Assignee"] }}:</span> {{ c.assignee }}{% endif %}{% if c.explanation %}<br><span class="k">{{ w["Verdict"] }}:</span> <b>{{ v.label }}</b>: {{ c.explanation }}{% endif %}</p>
{% if c.notes %}<p class="k"><b>{{ w["Notes"] }}</b></p>{{ md(c.notes) }}{% endif %}
{% if c.evidence %}<p class="k"><b>{{ w["Evidence"] }}</b></p><ul>{% for e in c.evidence %}<li>{{ label(e.stance) }} · {{ label(e.type) }}: {{ e.target }}{% if e.accessed %} ({{ t("accessed {when}", when=when(e.accessed)) }}){% endif %}{% if e.excerpt %}<br><i>{{ e.excerpt }}</i>{% endif %}</li>{% endfor %}</ul>{% endif %}
{% if c.replies %}<p class="k"><b>{{ w["Requests for comment"] }}</b></p><ul>{% for q in c.replies %}<li>{{ q.party }} — {{ t("asked {when} by {channel}", when=when(q.asked_at), channel=label(q.channel)) }}: {% if q.response %}“{{ q.response }}”{% if q.responded_at %} ({{ when(q.responded_at) }}){% endif %}{% else %}{{ w["no reply yet"] }}{% endif %}</li>{% endfor %}</ul>{% endif %}
<hr>
{% else %}
<article class="claim" id="claim-{{ c.id }}" style="--verdict: {{ colour }}">
<header>
<h3>#{{ c.id }}</h3>
<span class="muted">{{ labels[c.kind] }}</span>
<span class="muted">· {{ c.status_label }}</span>
<span class="badge" style="background: {{ colour }}; color: {{ inks[v.key] }}">{{ v.label }}</span>
</header>
<blockquote class="quote">{{ c.text }}</blockquote>
{% if c.paraphrase %}<p><em>{{ c.paraphrase }}</em></p>{% endif %}
<table class="facts">
<tr><td class="k">{{ w["Claimant"] }}</td><td>{{ c.claimant.name if c.claimant else "—" }}{% if c.claimant and c.claimant.kind and not c.claimant.protected %} <span class="muted">({{ label(c.claimant.kind)|lower }})</span>{% endif %}</td></tr>
{% if c.chain %}
<tr><td class="k">{{ w["Attribution"] }}</td><td class="chain">{% if c.claimant %}{{ c.claimant.name }} <span class="role">({{ labels["claimant"]|lower }})</span>{% else %}—{% endif %}{% for l in c.chain %} › {{ l.name }} <span class="role">({{ labels[l.role]|lower }})</span>{% endfor %}</td></tr>
{% endif %}
{% if c.cue %}<tr><td class="k">{{ w["Cue"] }}</td><td>{{ c.cue }}</td></tr>{% endif %}
<tr><td class="k">{{ w["Article"] }}</td><td>{% if safe_url(c.article.url) %}<a href="{{ safe_url(c.article.url) }}" rel="noopener noreferrer nofollow">{{ c.article.title }}</a>{% else %}{{ c.article.title }}{% endif %}{% if c.article.outlet %} — {{ c.article.outlet }}{% endif %}{% if c.article.published %}, {{ when(c.article.published) }}{% endif %}{% if c.article.url and not safe_url(c.article.url) %} <span class="muted">({{ inert(c.article.url) }})</span>{% endif %}</td></tr>
{% if c.tags %}<tr><td class="k">{{ w["Tags"] }}</td><td>{{ c.tags|join(", ") }}</td></tr>{% endif %}
{% if c.assignee %}<tr><td class="k">{{ w["Assignee"] }}</td><td>{{ c.assignee }}</td></tr>{% endif %}
<tr><td class="k">{{ w["Verdict"] }}</td><td><span class="badge" style="background: {{ colour }}; color: {{ inks[v.key] }}">{{ v.label }}</span>{% if c.explanation %}: {{ c.explanation }}{% endif %}</td></tr>
<tr><td class="k">{{ w["Updated"] }}</td><td>{{ when(c.updated_at) }}{% if c.updated_by %}{{ w[" by "] }}{{ c.updated_by }}{% endif %}</td></tr>
</table>
{% if c.notes %}<h4>{{ w["Notes"] }}</h4><div class="notes">{{ md(c.notes) }}</div>{% endif %}
{% if c.evidence %}<h4>{{ w["Evidence"] }}</h4><ul>{% for e in c.evidence %}<li><strong>{{ label(e.stance) }}</strong> · {{ label(e.type) }}: {% if e.is_url and safe_url(e.target) %}<a href="{{ safe_url(e.target) }}" rel="noopener noreferrer nofollow">{{ e.target }}</a>{% else %}{{ e.target }}{% endif %}{% if e.accessed %} <span class="muted">({{ t("accessed {when}", when=when(e.accessed)) }})</span>{% endif %}{% if e.excerpt %}<br><em>{{ e.excerpt }}</em>{% endif %}</li>{% endfor %}</ul>{% endif %}
{% if c.replies %}<h4>{{ w["Requests for comment"] }}</h4><ul>{% for q in c.replies %}<li>{{ q.party }} — {{ t("asked {when} by {channel}", when=when(q.asked_at), channel=label(q.channel)) }}: {% if q.response %}“{{ q.response }}”{% if q.responded_at %} <span class="muted">({{ when(q.responded_at) }})</span>{% endif %}{% else %}<span class="muted">{{ w["no reply yet"] }}</span>{% endif %}</li>{% endfor %}</ul>{% endif %}
</article>
{% endif %}
{% endfor %}
"""  # noqa: E501
REFERENCE_SOURCES = """\
{% for s in r.sources %}<tr><td>{{ s.name }}</td><td>{{ label(s.kind) }}</td><td>{% for claim_id, role in s.roles %}#{{ claim_id }} ({{ label(role)|lower }}){% if not loop.last %}, {% endif %}{% endfor %}</td></tr>
{% endfor %}"""  # noqa: E501
REFERENCE_HISTORY = """\
{% for h in r.history %}<tr><td class="nowrap">{{ moment(h.at) }}</td><td>{{ h.by }}</td><td>#{{ h.claim_id }}</td><td>{{ h.field }}</td><td>{{ h.old }}</td><td>{{ h.new }}</td></tr>
{% endfor %}"""  # noqa: E501

ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
ENV.globals.update(
    safe_url=links.safe_url,
    inert=links.inert,
    md=lambda s: Markup(markup.markdown_html(s)),
)


class _Labels(dict[str, str]):
    def __init__(self, make: Any) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> str:
        value = self[key] = self._make(key)
        return value


def reference(report: Report, qt: bool) -> dict[str, str]:
    """The three repeated blocks as the template rendered them (same context it was given)."""
    colours = {c.verdict.key: c.verdict.colour for c in report.claims}
    css = {key: markup.safe_colour(colour) for key, colour in colours.items()}
    tx = report.texts
    labels = _Labels(tx.label)
    context = dict(
        r=report,
        qt=qt,
        css=css,
        inks={key: markup.ink(colour) for key, colour in css.items()},
        labels=labels,
        label=labels.__getitem__,
        t=tx,
        w=_Labels(tx),
        when=tx.date,
        moment=markup.when,
    )
    return {
        "claims": ENV.from_string(REFERENCE).render(context),
        "sources": ENV.from_string(REFERENCE_SOURCES).render(context),
        "history": ENV.from_string(REFERENCE_HISTORY).render(context),
    }


def fast(report: Report, qt: bool) -> dict[str, str]:
    blocks = _Blocks(report, qt)
    return {
        "claims": blocks.claims(),
        "sources": blocks.source_rows(),
        "history": blocks.history_rows(),
    }


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    """The sample dossier in English and Indonesian, history included, plus odd cases:
    a reply answered, a note with markup to strip, one moment written in two time zones."""
    from claimtrack.services import Services
    from claimtrack.services.sample import load_sample
    from claimtrack.store import open_store

    store = open_store(tmp_path_factory.mktemp("html") / "claims.sqlite")
    services = Services(store, "Ayu")
    load_sample(services)
    out = {}
    for language in ("en", "id"):
        report = build_report(
            services, Scope(), ReportOptions(include_history=True, language=language)
        )
        first, second, *rest = report.claims
        answered = ReplyItem(
            party="Press office",
            asked_at=datetime(2025, 12, 3, 8, 0, tzinfo=UTC),
            channel="phone",
            response="We do not comment on calls between presidents.",
            responded_at=datetime(2025, 12, 3, 15, 5, tzinfo=UTC),
        )
        jakarta = timezone(timedelta(hours=7))
        odd = (
            replace(first, replies=(*first.replies, answered), notes="A <b>bold</b> *claim*"),
            replace(second, updated_at=first.updated_at.astimezone(jakarta)),
            *rest,
        )
        out[language] = replace(report, claims=odd)
    store.close()
    return out


@pytest.mark.parametrize("qt", [False, True], ids=["web", "qt"])
@pytest.mark.parametrize("language", ["en", "id"])
def test_fast_blocks_equal_the_template(reports, language: str, qt: bool) -> None:
    report = reports[language]
    assert fast(report, qt) == reference(report, qt)
    # The blocks really are in the page, and the page still names every claim.
    page = render_html(report, qt=qt)
    assert fast(report, qt)["claims"] in page
    assert all(f'id="claim-{c.id}"' in page or f"#{c.id} · " in page for c in report.claims)


def test_same_instant_in_two_zones_reads_as_written(reports) -> None:
    """Equal datetimes in different zones must not share a cached date text."""
    first, second = reports["en"].claims[:2]
    assert first.updated_at == second.updated_at
    claims = fast(reports["en"], False)["claims"]
    assert reports["en"].texts.date(first.updated_at) in claims
    assert reports["en"].texts.date(second.updated_at) in claims
    assert reports["en"].texts.date(first.updated_at) != reports["en"].texts.date(second.updated_at)


ODD = st.sampled_from(
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' onmouseover='x", "&amp;",
     "&#34;", "{{ 1 }}", "</td></tr>", "\u202e", "javascript:alert(1)", "https://e.example/\"x",
     "**bold** _it_", "- item", "é"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=12), ODD), max_size=5).map("".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=TEXT, b=TEXT, c=TEXT, flag=st.booleans())
def test_hostile_text_in_every_field_is_escaped_as_the_template_did(
    reports, a: str, b: str, c: str, flag: bool
) -> None:
    base = reports["en"]
    claim = base.claims[0]
    url = "https://e.example/" + b if flag else b
    hostile = replace(
        claim,
        text=a,
        paraphrase=b,
        cue=c,
        explanation=a,
        notes=b,
        assignee=c,
        tags=(a, b),
        updated_by=c,
        kind=a or "statement",
        status_label=b,
        claimant=Link(name=a, kind=b, role="claimant", protected=False) if flag else None,
        chain=(Link(name=b, kind=c, role=a, protected=False),),
        article=ArticleInfo(id=1, title=a, outlet=b, url=url, published=date(2025, 1, 2)),
        verdict=replace(claim.verdict, label=c, colour=a),
        evidence=(
            EvidenceItem(
                target=url,
                is_url=flag,
                type=a,
                stance=b,
                excerpt=c,
                accessed=date(2025, 1, 3) if flag else None,
            ),
        ),
        replies=(
            ReplyItem(
                party=a,
                asked_at=datetime(2025, 1, 1, tzinfo=UTC),
                channel=b,
                response=c,
                responded_at=datetime(2025, 1, 2, tzinfo=UTC) if flag else None,
            ),
        ),
    )
    history = (HistoryEntry(datetime(2025, 1, 1, tzinfo=UTC), a, 3, b, c, a),)
    report = replace(base, claims=(hostile,), history=history, title=a)
    for qt in (False, True):
        assert fast(report, qt) == reference(report, qt)
    tree = lxml_html.fromstring(render_html(report))
    assert not tree.xpath("//script")
    assert not [k for el in tree.iter() for k in el.attrib if k.lower().startswith("on")]
    schemes = {urlsplit(href.strip()).scheme.lower() for href in tree.xpath("//a/@href")}
    assert schemes <= {"http", "https"}  # never javascript:, data:, mailto: or relative


@given(st.text())
def test_escape_matches_autoescape(text: str) -> None:
    assert _esc(text) == str(escape(text))
