"""The live status-and-verdict chart, painted with QPainter (QtCharts is not installed).

It lays the chart out as the reports do (``claimtrack.export.chart``) and paints it with
the reports' painter (``claimtrack.render.chart.paint_chart``), in the widget's font and
palette, so what an editor sees in the app is what the desk gets in the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from claimtrack.export.chart import Chart, layout
from claimtrack.render.chart import paint_chart

if TYPE_CHECKING:
    from claimtrack.services import Services
    from claimtrack.ui.tasks import TaskControl, TaskRunner


class ChartWidget(QWidget):
    """Bars of claims per status and per verdict (in the verdict's colour).

    Feed it with ``set_chart`` (a ``Chart``), or let it query the database off the GUI
    thread with ``refresh(services, runner)``; ``updated`` fires after each new chart.
    """

    updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusVerdictChart")
        self._chart = Chart(())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Claims by status and by verdict"))

    @property
    def chart(self) -> Chart:
        return self._chart

    def set_chart(self, chart: Chart) -> None:
        self._chart = chart
        description = "; ".join(
            f"{s.title}: " + ", ".join(f"{b.label} {b.count}" for b in s.bars) for s in chart.series
        )
        self.setToolTip(description)
        self.setAccessibleDescription(description)
        self.updateGeometry()
        self.update()
        self.updated.emit()

    def refresh(self, services: Services, runner: TaskRunner) -> None:
        """Count claims per status and verdict in a worker, then repaint."""

        from claimtrack.ui.i18n import installed_language

        language = installed_language()  # titles and names in the interface's language

        def work(_control: TaskControl) -> Chart:
            from claimtrack.export import chart_from_counts

            return chart_from_counts(services, language)

        runner.run(work, self.set_chart)

    def sizeHint(self) -> QSize:
        return QSize(420, max(60, int(layout(self._chart, 420.0).height)))

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 60)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(60, int(layout(self._chart, float(width)).height))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text_colour = palette.color(palette.ColorRole.WindowText)
        track = palette.color(palette.ColorRole.Mid)
        track.setAlpha(70)
        paint_chart(
            painter,
            layout(self._chart, float(self.width())),
            font=self.font(),
            ink=text_colour,
            track=track,
        )
        if not self._chart.series:
            painter.setPen(text_colour)
            painter.drawText(
                self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.tr("No claims to chart yet")
            )
        painter.end()


__all__ = ["ChartWidget"]
