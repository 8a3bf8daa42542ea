"""The import flow: a file, a drop or pasted text becomes proposals, then claims.

Reading and extraction run on the TaskRunner; the review dialog opens over the parent
widget. What the window must learn comes out as signals, so it only has to connect them:
``applied`` (the ChangeSet of the stored claims), ``failed`` (an exception, for the
window's one error path), ``message`` (status text and how long to show it, 0 = until
replaced).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from claimtrack.domain import ChangeSet
    from claimtrack.services import Services
    from claimtrack.ui.review import ImportTask, ReviewDialog
    from claimtrack.ui.tasks import TaskRunner

IMPORTABLE = {".txt", ".md", ".markdown", ".html", ".htm", ".docx"}


def importable_paths(mime: QMimeData) -> list[Path]:
    """The local files a drag carries, or none unless every one is a readable article
    (a mixed drop is refused whole rather than half imported)."""
    urls = mime.urls()
    if not urls or not all(u.isLocalFile() for u in urls):
        return []
    paths = [Path(u.toLocalFile()) for u in urls]
    return paths if all(p.suffix.lower() in IMPORTABLE for p in paths) else []


class ImportController(QObject):
    """Owns reading, extracting and reviewing imported articles."""

    applied = Signal(object)  # ChangeSet: the review stored these claims
    failed = Signal(object)  # BaseException from reading or extracting
    message = Signal(str, int)  # status text, milliseconds (0: until replaced)
    reviewOpened = Signal(object)  # the ReviewDialog, once shown

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.runner = runner
        self._widget = parent  # dialogs open over it
        self.services: Services | None = None
        self.review_dialog: ReviewDialog | None = None

    def set_services(self, services: Services | None) -> None:
        """The database imports go into; None (nothing open) makes every import a no-op."""
        self.services = services

    def import_files(self, paths: list[Path]) -> None:
        """Read each file and propose its claims off the GUI thread, then review them."""
        from claimtrack.ui.review import ImportTask

        for path in paths:
            self._start(ImportTask(str(path)), path.name)

    def import_text(self, text: str) -> None:
        """Pasted text is an article too; blank text is refused with a message."""
        if not text.strip():
            self.message.emit(self.tr("The clipboard holds no text."), 5000)
            return
        from claimtrack.ui.review import ImportTask

        self._start(ImportTask(text=text), self.tr("pasted text"))

    def _start(self, task: ImportTask, name: str) -> None:
        if self.services is None:
            return
        self.message.emit(self.tr("Reading %1…").replace("%1", name), 0)

        def progress(_done: int, _total: int, step: str) -> None:
            self.message.emit(self.tr("Reading %1: %2").replace("%1", name).replace("%2", step), 0)

        def cancelled() -> None:
            text = self.tr("Import of %1 cancelled; nothing was stored.").replace("%1", name)
            self.message.emit(text, 8000)

        # a large file gets a progress dialog with Cancel (see ImportTask.start)
        task.start(
            self.runner,
            self._review,
            self.failed.emit,
            progress,
            on_cancel=cancelled,
            parent=self._widget,
            name=name,
        )

    def _review(self, result: tuple[Any, Any]) -> None:
        """Show the proposals of an imported article; accepted ones become claims."""
        services = self.services
        if services is None:  # the database closed while the file was read
            return
        self.message.emit("", 0)
        from claimtrack.ui.messages import show_error
        from claimtrack.ui.review import ReviewDialog

        dialog = ReviewDialog(services, self.runner, self._widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.panel.set_article(*result)

        def stored(changes: ChangeSet) -> None:
            self.applied.emit(changes)
            count = len(changes.created.get("claim", ()))
            self.message.emit(self.tr("Added %n claim(s).", "", count), 8000)
            dialog.accept()

        dialog.panel.applied.connect(stored)
        dialog.panel.failed.connect(lambda text: show_error(dialog, self.tr("Import"), text))
        self.review_dialog = dialog
        dialog.open()
        self.reviewOpened.emit(dialog)
