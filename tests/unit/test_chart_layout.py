"""The chart's layout at the two widths it is drawn at: a report's 600 px and the window's
narrow sidebar, where the labels (not the percentages) must get the room."""

from __future__ import annotations

from claimtrack.export.chart import Bar, Chart, Label, Series, layout

CHART = Chart(
    (
        Series(
            "Status",
            (Bar("Needs sign-off", 1, "#fb8c00"), Bar("Done", 2, "#43a047")),
        ),
    )
)


def _labels(width: float) -> list[Label]:
    return [i for i in layout(CHART, width).items if isinstance(i, Label)]


def test_a_sidebar_chart_gives_half_its_width_to_the_labels_and_drops_percentages() -> None:
    laid = layout(CHART, 170.0)
    assert laid.label_room >= 170.0 * 0.5 - 4
    counts = [label.text for label in _labels(170.0) if label.anchor == "start" and not label.bold]
    assert counts == ["1", "2"]


def test_a_report_chart_keeps_its_percentages_and_label_column() -> None:
    laid = layout(CHART, 600.0)
    assert laid.label_room == 190.0 - 4
    counts = [label.text for label in _labels(600.0) if label.anchor == "start" and not label.bold]
    assert counts == ["1 · 33%", "2 · 67%"]
