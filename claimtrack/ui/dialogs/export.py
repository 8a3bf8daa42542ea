"""The export dialog: format, scope, sections, redaction, a live preview, and the export.

Reading the claims, rendering the preview and writing the file all run through the
TaskRunner, so the window stays live on 100,000 claims; the preview is debounced and an
older preview that arrives late is dropped. Files are written atomically (a temporary file
renamed over the target, QSaveFile for PDF), so Cancel or a failure leaves the old file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from claimtrack.domain import ClaimFilter
from claimtrack.export import (
    FORMATS,
    TABULAR,
    ReportOptions,
    Scope,
    build_report,
    export_report,
    export_table,
)
from claimtrack.export.texts import LANGUAGES

if TYPE_CHECKING:
    from claimtrack.export.report import Report
    from claimtrack.services import Services
    from claimtrack.ui.tasks import Task, TaskControl, TaskRunner

PREVIEW_LIMIT = 30  # claims shown in the preview; the export has them all
PREVIEW_DELAY_MS = 250
# The names of claimtrack.export.FORMATS, marked for lupdate: the dialog shows them through
# self.tr() (the format list and the save dialog's file type), the export layer stays Qt-free.
FORMAT_NAMES = (
    QT_TRANSLATE_NOOP("ExportDialog", "HTML page"),
    QT_TRANSLATE_NOOP("ExportDialog", "PDF document"),
    QT_TRANSLATE_NOOP("ExportDialog", "Markdown"),
    QT_TRANSLATE_NOOP("ExportDialog", "Word document (DOCX)"),
    QT_TRANSLATE_NOOP("ExportDialog", "CSV table"),
    QT_TRANSLATE_NOOP("ExportDialog", "Excel workbook (XLSX)"),
    QT_TRANSLATE_NOOP("ExportDialog", "ClaimReview JSON-LD"),
)


@dataclass(frozen=True)
class _Preview:
    generation: int
    html: str
    chart: QImage
    problems: tuple[str, ...]
    total: int


class ExportDialog(QDialog):
    """Export a report of the claims the caller chose.

    ``claim_filter`` is the main window's current filter, ``claim_ids`` the selected
    claims and ``article_id`` the article on screen; the scope box offers those given.
    ``paper`` and ``redact`` are the starting choices (the export defaults in Preferences);
    ``language`` is the report's language, by default the interface's.
    Signals: ``exported(path)`` after a file was written, ``failed(message)``,
    ``previewUpdated()`` when the preview shows a new rendering, ``organisationChanged``
    so the caller can keep the organisation in the preferences.
    """

    exported = Signal(str)
    failed = Signal(str)
    cancelled = Signal()
    previewUpdated = Signal()
    organisationChanged = Signal(str)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        claim_filter: ClaimFilter | None = None,
        claim_ids: list[int] | tuple[int, ...] | None = None,
        article_id: int | None = None,
        organisation: str = "",
        parent: QWidget | None = None,
        *,
        paper: str = "a4",
        redact: bool = True,
        language: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self._filter = claim_filter or ClaimFilter()
        self._claim_ids = tuple(claim_ids) if claim_ids else None
        self._article_id = article_id
        self._generation = 0
        self._task: Task | None = None
        self._preview_task: Task | None = None
        self.last_path: str = ""
        self.setWindowTitle(self.tr("Export Report"))
        self.resize(1100, 720)

        self.format_box = QComboBox()
        for key, (_suffix, name) in FORMATS.items():
            self.format_box.addItem(self.tr(name), key)
        self.scope_box = QComboBox()
        if self._claim_ids:
            self.scope_box.addItem(
                self.tr("Selected claims (%n)", "", len(self._claim_ids)), "selection"
            )
        if article_id is not None:
            self.scope_box.addItem(self.tr("The current article"), "article")
        self.scope_box.addItem(self.tr("The current filter"), "filter")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Claim report"))
        self.redact_box = QCheckBox(self.tr("Redact protected sources"))
        self.redact_box.setChecked(redact)
        self.history_box = QCheckBox(self.tr("History appendix"))
        self.methodology_edit = QPlainTextEdit()
        self.methodology_edit.setPlaceholderText(
            self.tr("Methodology note (Markdown), printed before the claims; leave empty to omit")
        )
        self.methodology_edit.setMaximumHeight(90)
        self.paper_box = QComboBox()
        self.paper_box.addItem(self.tr("A4"), "a4")
        self.paper_box.addItem(self.tr("Letter"), "letter")
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(paper)))
        self.language_box = QComboBox()
        self.language_box.setObjectName("reportLanguage")
        for code, name in LANGUAGES.items():
            # Each language by its own name, as in Preferences: found whatever the UI's.
            self.language_box.addItem(name, code)
        if language is None:
            from claimtrack.ui.i18n import installed_language

            language = installed_language()
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.setToolTip(self.tr("The language of the report's headings and labels"))
        self.raw_box = QCheckBox(self.tr("Raw CSV cells (not spreadsheet-safe)"))
        self.organisation_edit = QLineEdit(organisation)
        self.organisation_edit.setPlaceholderText(self.tr("Your fact-checking organisation"))
        self.review_url_edit = QLineEdit()
        self.review_url_edit.setPlaceholderText(self.tr("https://…/fact-check/{id}"))
        self.check_label = QLabel()
        self.check_label.setTextFormat(Qt.TextFormat.PlainText)
        self.check_label.setWordWrap(True)
        self.check_label.setObjectName("claimReviewCheck")

        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format_box)
        form.addRow(self.tr("&Scope:"), self.scope_box)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Language:"), self.language_box)
        form.addRow(self.tr("Paper:"), self.paper_box)
        form.addRow(self.tr("Organisation:"), self.organisation_edit)
        form.addRow(self.tr("Review URL:"), self.review_url_edit)
        sections = QGroupBox(self.tr("Sections"))
        section_layout = QVBoxLayout(sections)
        section_layout.addWidget(self.methodology_edit)
        section_layout.addWidget(self.history_box)
        section_layout.addWidget(self.redact_box)
        section_layout.addWidget(self.raw_box)

        self.preview = QTextBrowser()
        self.preview.setObjectName("exportPreview")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview_label = QLabel(self.tr("Preparing the preview…"))
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("&Cancel Export"))
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.export_button.clicked.connect(self.choose_path)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(sections)
        left_layout.addWidget(self.check_label)
        left_layout.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_label)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 720])
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.status_label, 2)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(PREVIEW_DELAY_MS)
        self._debounce.timeout.connect(self.update_preview)
        for signal in (
            self.format_box.currentIndexChanged,
            self.scope_box.currentIndexChanged,
            self.language_box.currentIndexChanged,
            self.title_edit.textChanged,
            self.redact_box.toggled,
            self.history_box.toggled,
            self.methodology_edit.textChanged,
            self.organisation_edit.textChanged,
            self.review_url_edit.textChanged,
        ):
            signal.connect(self._schedule_preview)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.organisation_edit.editingFinished.connect(
            lambda: self.organisationChanged.emit(self.organisation_edit.text().strip())
        )
        self._format_changed()
        self._schedule_preview()

    # ------------------------------------------------------------ options
    @property
    def format(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, key: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(key))

    @property
    def language(self) -> str:
        return str(self.language_box.currentData())

    def set_language(self, code: str) -> None:
        self.language_box.setCurrentIndex(self.language_box.findData(code))

    def scope(self) -> Scope:
        kind = self.scope_box.currentData()
        if kind == "selection" and self._claim_ids:
            return Scope(claim_ids=self._claim_ids)
        if kind == "article" and self._article_id is not None:
            return Scope(article_id=self._article_id)
        return Scope(claim_filter=self._filter)

    def options(self, *, limit: int | None = None) -> ReportOptions:
        return ReportOptions(
            title=self.title_edit.text(),
            methodology=self.methodology_edit.toPlainText(),
            include_history=self.history_box.isChecked(),
            redact=self.redact_box.isChecked(),
            organisation=self.organisation_edit.text(),
            review_url=self.review_url_edit.text(),
            generated_by=self.services.editor,
            limit=limit,
            language=self.language,
        )

    def _format_changed(self) -> None:
        fmt = self.format
        self.paper_box.setEnabled(fmt == "pdf")
        self.raw_box.setEnabled(fmt == "csv")
        self.review_url_edit.setEnabled(fmt == "claimreview")
        self.check_label.setVisible(fmt == "claimreview")

    # ------------------------------------------------------------ preview
    def _schedule_preview(self) -> None:
        self._generation += 1
        self._debounce.start()

    def update_preview(self) -> None:
        """Render the preview in a worker; a result for older options is dropped."""
        self._debounce.stop()
        generation = self._generation
        services, scope = self.services, self.scope()
        options, check = self.options(limit=PREVIEW_LIMIT), self.format == "claimreview"
        full_options = self.options()
        ratio = self.devicePixelRatioF()

        def work(control: TaskControl) -> _Preview:
            from claimtrack.export.html import CHART_WIDTH, render_html
            from claimtrack.render.chart import chart_image

            report = build_report(services, scope, options, control)
            problems: tuple[str, ...] = ()
            if check:
                from claimtrack.export.claimreview import check_claimreview

                whole = build_report(services, scope, full_options, control)
                problems = tuple(p.message for p in check_claimreview(whole))
            return _Preview(
                generation,
                render_html(report, qt=True),
                # Painted at the size it is shown (the text browser would not smooth a
                # bigger one), on a worker thread: QImage painting is thread-safe.
                chart_image(report.chart, scale=CHART_WIDTH / 600 * ratio),
                problems,
                report.total,
            )

        if self._preview_task is not None:
            self._preview_task.control.cancel()  # its result would be dropped anyway
        self._preview_task = self.runner.run(work, self._show_preview, self._preview_failed)

    def _show_preview(self, preview: _Preview) -> None:
        if not shiboken6.isValid(self) or preview.generation != self._generation:
            return  # the options changed meanwhile; a newer preview is on its way
        from claimtrack.export.html import CHART_RESOURCE

        document = QTextDocument(self.preview)
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(CHART_RESOURCE), preview.chart
        )
        document.setHtml(preview.html)
        self.preview.setDocument(document)
        shown = min(preview.total, PREVIEW_LIMIT)
        self.preview_label.setText(
            self.tr("Preview: %1 of %2 claim(s)")
            .replace("%1", str(shown))
            .replace("%2", str(preview.total))
        )
        if preview.problems:
            self.check_label.setText(
                self.tr("Before publishing:") + "\n" + "\n".join(f"• {p}" for p in preview.problems)
            )
        else:
            self.check_label.setText(self.tr("ClaimReview check: nothing is missing."))
        self.previewUpdated.emit()

    def _preview_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.preview_label.setText(self.tr("No preview: %1").replace("%1", str(exc)))

    # ------------------------------------------------------------ export
    def choose_path(self) -> None:
        suffix = FORMATS[self.format][0]
        name = (self.title_edit.text().strip() or "claim-report").replace(os.sep, "-") + suffix
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Report"), name, f"{self.tr(FORMATS[self.format][1])} (*{suffix})"
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the whole scope to ``path`` in a worker (CSV/XLSX without a Report)."""
        if self._task is not None:
            return
        services, scope, options = self.services, self.scope(), self.options()
        fmt, paper, raw = self.format, str(self.paper_box.currentData()), self.raw_box.isChecked()

        def work(control: TaskControl) -> tuple[str, int, int]:
            if fmt in TABULAR:  # the same file, read straight into rows (no Report)
                table, count = export_table(
                    services, scope, options, fmt, path, csv_raw=raw, control=control
                )
                return str(table), count, 0
            report: Report = build_report(services, scope, options, control)
            control.check()
            written = export_report(report, fmt, path, paper=paper, csv_raw=raw, control=control)
            if fmt == "claimreview":
                from claimtrack.export.claimreview import written_and_left_out

                return str(written), *written_and_left_out(report)
            return str(written), len(report.claims), 0

        self._set_busy(True)
        self.status_label.setText(self.tr("Exporting…"))
        self._task = self.runner.run(
            work, self._done, self._failed, self._progress, self._cancelled
        )

    def cancel(self) -> None:
        if self._task is not None:
            self._task.control.cancel()
            self.status_label.setText(self.tr("Cancelling…"))

    @property
    def busy(self) -> bool:
        return self._task is not None

    def _progress(self, done: int, total: int, text: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(min(done, max(1, total)))
        if text:
            self.progress.setFormat(f"{self.tr(text)} %p%")

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.export_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.close_button.setEnabled(not busy)

    def _done(self, result: tuple[str, int, int]) -> None:
        if not shiboken6.isValid(self):
            return
        path, count, left_out = result
        self._task = None
        self._set_busy(False)
        self.last_path = path
        message = self.tr("Exported %n claim(s) to %1.", "", count).replace("%1", path)
        if left_out:
            message += " " + self.tr("%n claim(s) without a verdict were left out.", "", left_out)
        self.status_label.setText(message)
        self.exported.emit(path)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._task = None
        self._set_busy(False)
        message = str(exc) or exc.__class__.__name__
        self.status_label.setText(self.tr("Export failed: %1").replace("%1", message))
        self.failed.emit(message)

    def _cancelled(self) -> None:
        if not shiboken6.isValid(self):
            return
        self._task = None
        self._set_busy(False)
        self.status_label.setText(self.tr("Export cancelled; no file was changed."))
        self.cancelled.emit()

    def reject(self) -> None:
        if self._task is not None:
            return  # finish or cancel the export first
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self._task is not None:
            event.ignore()
            return
        super().closeEvent(event)


__all__ = ["ExportDialog"]
