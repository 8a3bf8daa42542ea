"""The main window: layout and wiring only; the work happens in services and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from claimtrack import APP_NAME, __version__
from claimtrack import settings as keys
from claimtrack.domain import ChangeSet, ClaimFilter
from claimtrack.settings import Settings
from claimtrack.ui.models.claims import ClaimTableModel
from claimtrack.ui.tasks import TaskControl, TaskRunner

if TYPE_CHECKING:
    from claimtrack.services import Services

DB_FILTER = "ClaimTrack databases (*.sqlite *.db *.claimtrack);;All files (*)"


class SampleBanner(QFrame):
    """Offered on an empty database: one click loads the sample dossier."""

    accepted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sampleBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        text = QLabel(
            self.tr(
                "This database is empty. Load the sample dossier to see how ClaimTrack "
                "tracks a story that relays a Reuters report?"
            )
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.load_button = QPushButton(self.tr("Load sample dossier"))
        self.load_button.clicked.connect(self.accepted)
        dismiss = QPushButton(self.tr("No, thanks"))
        dismiss.clicked.connect(self.hide)
        layout.addWidget(text, 1)
        layout.addWidget(self.load_button)
        layout.addWidget(dismiss)


class MainWindow(QMainWindow):
    """Lists the claims of the open database; opening and querying run off the GUI thread."""

    databaseOpened = Signal(str)
    claimsShown = Signal(int)
    failed = Signal(str)

    def __init__(self, settings: Settings, runner: TaskRunner, editor: str = "") -> None:
        super().__init__()
        self.settings = settings
        self.runner = runner
        self.editor = editor
        self.read_only = False
        self.services: Services | None = None
        self.filter = ClaimFilter()
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)

        self.banner = SampleBanner()
        self.banner.hide()
        self.banner.accepted.connect(self.load_sample)

        self.model = ClaimTableModel(parent=self)
        self.model.sortRequested.connect(self._sort)
        self.table = QTableView()
        self.table.setObjectName("claimTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # No indicator before enabling sorting, or Qt sorts by the first column at once.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(0, 380)
        for column, width in enumerate((100, 170, 150, 110, 110, 110, 90, 130), start=1):
            header.resizeSection(column, width)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_menus()
        self._restore_state()

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New Database…"), QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self._choose_new)
        self.open_action = self._action(self.tr("&Open Database…"), QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._choose_open)
        self.sample_action = QAction(self.tr("Load &Sample Dossier"), self)
        self.sample_action.triggered.connect(self.load_sample)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        for action in (self.new_action, self.open_action, None, self.sample_action, None):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.refresh_action = self._action(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        view_menu.addAction(self.refresh_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About ClaimTrack"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _action(self, text: str, shortcut: QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        return action

    # ------------------------------------------------------------------ database
    def open_database(self, target: str | None, *, create: bool = True) -> None:
        """Open ``target`` (None: the default database) in a worker; the window stays live."""
        self.statusBar().showMessage(self.tr("Opening the database…"))
        editor, read_only = self.editor, self.read_only

        def work(_control: TaskControl) -> tuple[Services, bool]:
            from claimtrack.services import Services
            from claimtrack.store import open_store

            services = Services(open_store(target, create=create, readonly=read_only), editor)
            return services, services.is_empty()

        self.runner.run(work, self._opened, self._failed)

    def _opened(self, result: tuple[Services, bool]) -> None:
        services, empty = result
        if self.services is not None:
            self.services.store.close()
        self.services = services
        self.model.set_services(services)
        location = services.store.display_name
        self.settings.add_recent_database(location)
        self.setWindowTitle(
            f"{services.store.path.name if services.store.path else location} — {APP_NAME}"
        )
        self.banner.setVisible(empty)
        self.statusBar().showMessage(self.tr("Opened %1").replace("%1", location), 5000)
        self.databaseOpened.emit(location)
        self.refresh()

    def refresh(self) -> None:
        services = self.services
        if services is None:
            return
        flt = self.filter

        def work(_control: TaskControl) -> list[int]:
            return services.claims.query_ids(flt)

        self.runner.run(work, self._show_ids, self._failed)

    def _show_ids(self, ids: list[int]) -> None:
        self.model.set_ids(ids)
        self.count_label.setText(self.tr("%n claim(s)", "", len(ids)))
        self.claimsShown.emit(len(ids))

    def _sort(self, key: str, descending: bool) -> None:
        from dataclasses import replace

        self.filter = replace(self.filter, sort=key, descending=descending)
        self.refresh()

    def apply_changes(self, changes: ChangeSet) -> None:
        if self.model.apply_changes(changes):
            self.refresh()

    def load_sample(self) -> None:
        services = self.services
        if services is None:
            return
        self.banner.load_button.setEnabled(False)

        def work(_control: TaskControl) -> ChangeSet:
            from claimtrack.services.sample import load_sample

            return load_sample(services)

        def done(changes: ChangeSet) -> None:
            self.banner.hide()
            self.banner.load_button.setEnabled(True)
            self.settings.set(keys.SAMPLE_OFFERED, True)
            self.statusBar().showMessage(self.tr("Sample dossier loaded."), 5000)
            self.apply_changes(changes)

        self.runner.run(work, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.banner.load_button.setEnabled(True)
        message = str(exc) or exc.__class__.__name__
        self.statusBar().showMessage(message, 10000)
        self.failed.emit(message)
        show_error(self, self.tr("ClaimTrack"), message)

    def _choose_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Database"), "", DB_FILTER)
        if path:
            self.open_database(path, create=False)

    def _choose_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New Database"), "claims.sqlite", DB_FILTER
        )
        if path:
            self.open_database(path)

    def _about(self) -> None:
        import PySide6

        text = self.tr(
            "ClaimTrack %1\n\nTrack the attributed claims in news stories: who says what, "
            "through whom, and what is true.\n\nQt for Python %2"
        )
        text = text.replace("%1", __version__).replace("%2", PySide6.__version__)
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("About ClaimTrack"), text, parent=self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    @property
    def database_name(self) -> str:
        return self.services.store.display_name if self.services else ""

    # ------------------------------------------------------------------ state
    def _restore_state(self) -> None:
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        columns = self.settings.get(keys.CLAIM_COLUMNS)
        if not columns.isEmpty():
            self.table.horizontalHeader().restoreState(columns)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.CLAIM_COLUMNS, self.table.horizontalHeader().saveState())
        self.settings.sync()
        self.runner.wait()
        if self.services is not None:
            self.services.store.close()
        super().closeEvent(event)


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A non-blocking error dialog showing the message as plain text."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


__all__ = ["MainWindow", "SampleBanner", "show_error"]
