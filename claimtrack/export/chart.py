"""The status-and-verdict chart: its data and one layout, without Qt.

The layout (label column, bars, counts) is computed once as plain primitives. The SVG
here (for HTML) draws them; everything else draws them with one QPainter routine,
``claimtrack.render.chart.paint_chart`` (the live widget, the PDF, the DOCX picture),
and the XLSX gets a native Excel chart of the same bars (``claimtrack.export.tabular``).
So the chart looks alike wherever an editor meets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

STATUS_PALETTE = ("#90a4ae", "#1e88e5", "#fb8c00", "#43a047", "#8e24aa", "#00897b")


def status_colour(position: int) -> str:
    return STATUS_PALETTE[position % len(STATUS_PALETTE)]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    colour: str


@dataclass(frozen=True)
class Series:
    title: str
    bars: tuple[Bar, ...]

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


@dataclass(frozen=True)
class Chart:
    series: tuple[Series, ...]

    @property
    def total(self) -> int:
        return self.series[0].total if self.series else 0


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    anchor: str  # "start" | "end"
    bold: bool = False
    colour: str = "#212121"


@dataclass(frozen=True)
class ChartLayout:
    """The chart laid out at ``width`` CSS pixels: ``height`` and the primitives to draw.

    ``label_room`` is how wide a bar's label may be before it is cut with an ellipsis.
    """

    width: float
    height: float
    items: tuple[Box | Label, ...]
    label_room: float


# Geometry at scale 1 (CSS pixels); images for print are painted at scale 2.
TRACK = "#eeeeee"  # the grey track behind each bar
ROW = 22.0
BAR = 15.0
TITLE = 26.0
GAP = 12.0
PAD = 8.0
NARROW = 320.0  # below this width the chart is laid out for a sidebar


def layout(chart: Chart, width: float = 600.0) -> ChartLayout:
    """The chart as boxes and labels, ``width`` CSS pixels wide."""
    items: list[Box | Label] = []
    # Narrow (the window's sidebar): the labels get half the width and the count drops
    # its percentage, so "Needs sign-off" stays readable; reports (600 px) are unchanged.
    narrow = width < NARROW
    label_w = min(190.0, width * (0.5 if narrow else 0.34))
    count_w = 30.0 if narrow else 70.0
    bar_x = PAD + label_w + 8
    bar_max = max(10.0, width - bar_x - count_w - PAD)
    most = max((bar.count for s in chart.series for bar in s.bars), default=0) or 1
    y = PAD
    for series in chart.series:
        items.append(Label(PAD, y + 17, f"{series.title} ({series.total})", "start", bold=True))
        y += TITLE
        for bar in series.bars:
            mid = y + ROW / 2
            items.append(Label(PAD + label_w, mid + 5, bar.label, "end"))
            items.append(Box(bar_x, mid - BAR / 2, bar_max, BAR, TRACK))
            if bar.count:
                w = max(2.0, bar_max * bar.count / most)
                items.append(Box(bar_x, mid - BAR / 2, w, BAR, bar.colour))
            share = f"{bar.count}"
            if series.total and not narrow:
                share += f" · {round(100 * bar.count / series.total)}%"
            items.append(Label(bar_x + bar_max + 6, mid + 5, share, "start", colour="#424242"))
            y += ROW
        y += GAP
    return ChartLayout(width, y + PAD - GAP, tuple(items), label_w - 4)


def to_svg(
    chart: Chart, width: float = 600.0, title: str = "Claims by status and by verdict"
) -> str:
    """An inline SVG with a title and a text description for screen readers."""
    laid = layout(chart, width)
    height, items = laid.height, laid.items
    desc = "; ".join(
        f"{s.title}: " + ", ".join(f"{b.label} {b.count}" for b in s.bars) for s in chart.series
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" font-family="DejaVu Sans, Helvetica, Arial, '
        f'sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
    ]
    for item in items:
        if isinstance(item, Box):
            out.append(
                f'<rect x="{item.x:.1f}" y="{item.y:.1f}" width="{item.w:.1f}" '
                f'height="{item.h:.1f}" rx="2" fill="{escape(item.colour)}"/>'
            )
        else:
            weight = ' font-weight="bold"' if item.bold else ""
            out.append(
                f'<text x="{item.x:.1f}" y="{item.y:.1f}" text-anchor="{item.anchor}" '
                f'fill="{item.colour}"{weight}>{escape(item.text)}</text>'
            )
    out.append("</svg>")
    return "".join(out)
