"""HTML: one self-contained file (inline CSS and SVG chart, no scripts, no remote fetches).

Jinja2 escapes every value (``autoescape=True``); notes and the methodology note are the
only HTML we insert, and they pass through markdown-it (raw HTML off) and nh3 first. A
Content-Security-Policy meta tag forbids scripts even if something slipped through.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import BinaryIO

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from claimtrack.export import markup
from claimtrack.export.chart import to_svg
from claimtrack.export.report import Report

CHART_RESOURCE = "claimtrack-chart.png"
CHART_WIDTH = 480  # CSS pixels of the chart image in the Qt (PDF, preview) variant


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


def render_html(report: Report, *, qt: bool = False) -> str:
    """The report as HTML; ``qt=True`` gives the variant QTextDocument lays out well
    (tables instead of flexbox, the chart as an image resource named CHART_RESOURCE)."""
    if qt:
        chart = Markup(f'<img src="{CHART_RESOURCE}" width="{CHART_WIDTH}">')
    else:
        chart = Markup(to_svg(report.chart, title=report.texts("Claims by status and by verdict")))
    # Lookups the template makes per claim, prepared once (a dict lookup costs far less
    # than a template function call, which adds up over 10,000 claims).
    verdicts = {c.verdict.key: c.verdict.colour for c in report.claims}
    css = {key: markup.safe_colour(colour) for key, colour in verdicts.items()}
    inks = {key: markup.ink(colour) for key, colour in css.items()}
    tx = report.texts
    labels = _Labels(tx.label)
    template = _environment().get_template("report.html")
    return template.render(
        r=report,
        chart=chart,
        qt=qt,
        css=css,
        inks=inks,
        labels=labels,
        t=tx,
        w=_Labels(tx),
        label=labels.__getitem__,
        when=tx.date,
        lang=tx.language,
    )


class _Labels(dict[str, str]):
    """``labels[key]``: the reader's label for a stored identifier, computed once per key.

    Also ``w["Notes"]`` for the fixed words: a template item lookup costs far less than a
    template function call, which adds up over 10,000 claims.
    """

    def __init__(self, label: Callable[[str], str]) -> None:
        super().__init__()
        self._label = label

    def __missing__(self, key: str) -> str:
        value = self[key] = self._label(key)
        return value


def write_html(report: Report, stream: BinaryIO) -> None:
    stream.write(render_html(report).encode("utf-8"))
