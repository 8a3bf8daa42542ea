"""The editor's desk: sidebar, claim table, article view and detail pane.

Layout and wiring only. Edits go through ``Desk`` (undoable service calls); the claim
list (filter, queries, selection, sidebar) is ``ClaimListController``'s, which runs its
queries off the GUI thread; every change comes back as one ChangeSet that refreshes just
what it touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from claimtrack import APP_NAME
from claimtrack import settings as keys
from claimtrack.domain import ClaimFilter
from claimtrack.settings import Settings
from claimtrack.ui.actions import Actions
from claimtrack.ui.columns import fit_claim_columns, hide_extra_columns, install_column_menu
from claimtrack.ui.errortext import translate_error
from claimtrack.ui.messages import show_error
from claimtrack.ui.models.claims import ClaimTableModel
from claimtrack.ui.models.sidebar import SidebarModel
from claimtrack.ui.tasks import TaskControl, TaskRunner
from claimtrack.ui.widgets.filterbar import FilterBar

if TYPE_CHECKING:
    # Imported where they are first needed: the window paints before these load.
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from claimtrack.domain import ChangeSet, ClaimRecord
    from claimtrack.services import Services
    from claimtrack.ui.delegates import ChoiceDelegate, VerdictDelegate
    from claimtrack.ui.desk import Desk
    from claimtrack.ui.widgets.article import ArticleView
    from claimtrack.ui.widgets.chart import ChartWidget
    from claimtrack.ui.widgets.detail import DetailPane

DB_PATTERNS = "*.claimtrack *.sqlite *.db"
ARTICLE_PATTERNS = "*.txt *.md *.markdown *.html *.htm *.docx"


class SampleBanner(QFrame):
    """The hint above the table: on an empty database, one click loads the sample dossier;
    with no database open (a failed open), how to go on."""

    accepted = Signal()
    openRequested = Signal()
    newRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sampleBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.mode = "empty"
        layout = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.load_button = QPushButton()
        self.load_button.clicked.connect(self.accepted)
        self.dismiss = QPushButton()
        self.dismiss.clicked.connect(self.hide)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.openRequested)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.newRequested)
        layout.addWidget(self.text, 1)
        for button in (self.open_button, self.new_button, self.load_button, self.dismiss):
            layout.addWidget(button)
        self.set_mode("empty")

    def set_mode(self, mode: str) -> None:
        """ "empty" (offer the sample) or "none" (no database is open: open or make one)."""
        self.mode = mode
        for button in (self.load_button, self.dismiss):
            button.setVisible(mode == "empty")
        for button in (self.open_button, self.new_button):
            button.setVisible(mode == "none")
        self.retranslate()

    def retranslate(self) -> None:
        if self.mode == "none":
            self.text.setText(
                self.tr(
                    "No database is open. Open a database file, make a new one, or connect "
                    "to your team's database from the File menu."
                )
            )
        else:
            self.text.setText(
                self.tr(
                    "This database is empty. Load the sample dossier to see how ClaimTrack "
                    "tracks a story that relays a Reuters report?"
                )
            )
        self.load_button.setText(self.tr("Load sample dossier"))
        self.dismiss.setText(self.tr("No, thanks"))
        self.open_button.setText(self.tr("Open Database…"))
        self.new_button.setText(self.tr("New Database…"))


class MainWindow(QMainWindow):
    databaseOpened = Signal(str)
    claimsShown = Signal(int)
    firstRowsShown = Signal(int)  # the rows on screen are right (the full list may follow)
    detailShown = Signal(int)
    sidebarShown = Signal()
    choicesShown = Signal()  # filter, detail and bulk menus filled for the open database
    failed = Signal(str)
    servicesChanged = Signal(object)  # the open database's Services, or None

    def __init__(self, settings: Settings, runner: TaskRunner, editor: str = "") -> None:
        super().__init__()
        self.settings = settings
        self.runner = runner
        self.editor = editor
        self.read_only = False
        self._services: Services | None = None
        self.desk: Desk | None = None
        self._records_by_article: dict[int, list[ClaimRecord]] = {}
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self.undo_stack = QUndoStack(self)
        self.actions_ = Actions(self)
        self._panes_built = False
        self._after_paint: list[Any] = []
        self._build_widgets()
        self._build_menus()
        self._build_controllers()
        self._connect()
        self._update_actions()
        self._restore_state()
        self._sidebar_timer = QTimer(self)
        self._sidebar_timer.setSingleShot(True)
        self._sidebar_timer.setInterval(250)
        self._sidebar_timer.timeout.connect(self.refresh_sidebar)
        self._paint_watch = _FirstPaint(self)

    # ------------------------------------------------------------------ building
    @property
    def services(self) -> Services | None:
        return self._services

    @services.setter
    def services(self, services: Services | None) -> None:
        """Every controller learns of the open database through ``servicesChanged``."""
        changed = services is not self._services
        self._services = services
        if changed:
            self.servicesChanged.emit(services)

    def _build_controllers(self) -> None:
        """The concerns carved out of the window; they talk back only through signals."""
        from claimtrack.ui.controllers.claimlist import ClaimListController
        from claimtrack.ui.controllers.database import DatabaseController
        from claimtrack.ui.controllers.imports import ImportController
        from claimtrack.ui.controllers.team import TeamController

        widgets = (self.table, self.model, self.filterbar, self.sidebar, self.sidebar_model)
        self.claimlist = ClaimListController(self.runner, *widgets, self)
        self.servicesChanged.connect(self.claimlist.set_services)
        self.claimlist.firstRowsShown.connect(self.firstRowsShown)
        self.claimlist.rowsReplaced.connect(lambda: self._records_by_article.clear())
        self.claimlist.selectionChanged.connect(self._selection_changed)
        self.claimlist.claimsShown.connect(self.claimsShown)
        self.claimlist.sidebarShown.connect(self.sidebarShown)
        self.claimlist.failed.connect(self._failed)
        self.imports = ImportController(self.runner, self)
        self.servicesChanged.connect(self.imports.set_services)
        self.imports.applied.connect(self.apply_changes)
        self.imports.applied.connect(self._refresh_choices_later)
        self.imports.failed.connect(self._failed)
        self.imports.message.connect(self._show_message)
        self.database = DatabaseController(self.settings, self.runner, self)
        self.servicesChanged.connect(self.database.set_services)
        self.database.peeked.connect(self._show_peek)
        self.database.opened.connect(self._opened)
        self.database.openFailed.connect(self._open_failed)
        self.database.damaged.connect(self._damaged)
        self.database.failed.connect(self._failed)
        self.database.message.connect(self._show_message)
        self.database.closeRequested.connect(self.close_database)
        self.database.reopenRequested.connect(lambda path: self._open_file(path, create=False))
        self.team = TeamController(self.settings, self)
        self.servicesChanged.connect(self.team.set_services)
        self.team.changed.connect(self.apply_changes)
        self.team.refreshRequested.connect(self.refresh_all)
        self.team.connectionText.connect(self.connection_label.setText)
        self.team.openRequested.connect(self.open_database)

    def _show_message(self, text: str, msecs: int) -> None:
        if text:
            self.statusBar().showMessage(text, msecs)
        else:
            self.statusBar().clearMessage()

    def after_first_paint(self, callback: Any) -> None:
        """Run ``callback`` once the window has painted (at once if it already has)."""
        if self._paint_watch is None:
            QTimer.singleShot(0, callback)
            return
        if not self._after_paint:
            # Should no paint come (a window shown minimised), start anyway.
            QTimer.singleShot(1000, self._painted)
        self._after_paint.append(callback)

    def _painted(self) -> None:
        """The first paint is on screen: start what waited for it, then finish the panes."""
        if self._paint_watch is not None:
            self.removeEventFilter(self._paint_watch)
            self._paint_watch = None
        waiting, self._after_paint = self._after_paint, []
        for callback in waiting:
            callback()
        self._build_panes()
        QTimer.singleShot(0, self._detail.prepare)  # after the panes have painted

    @property
    def locks(self) -> Any:
        return self.database.locks

    @property
    def drafts(self) -> Any:
        return self.database.drafts

    @property
    def restore_dialog(self) -> Any:
        return self.database.restore_dialog

    @property
    def detail(self) -> DetailPane:
        self._build_panes()
        return self._detail

    @property
    def article(self) -> ArticleView:
        self._build_panes()
        return self._article

    @property
    def chart(self) -> ChartWidget:
        self._build_panes()
        return self._chart

    @property
    def status_delegate(self) -> ChoiceDelegate:
        self._build_panes()
        return self._status_delegate

    @property
    def verdict_delegate(self) -> VerdictDelegate:
        self._build_panes()
        return self._verdict_delegate

    def _build_panes(self) -> None:
        """Detail pane, article view, chart and cell editors, built after the first paint
        (or on first use, whichever comes first) in place of same-sized placeholders."""
        if self._panes_built:
            return
        self._panes_built = True
        from claimtrack.ui.delegates import ChoiceDelegate, VerdictDelegate
        from claimtrack.ui.widgets.article import ArticleView
        from claimtrack.ui.widgets.chart import ChartWidget
        from claimtrack.ui.widgets.detail import DetailPane

        self._status_delegate = ChoiceDelegate([], self.table)
        self._verdict_delegate = VerdictDelegate([], self.table)
        self.table.setItemDelegateForColumn(self.model.column_of("status"), self._status_delegate)
        self.table.setItemDelegateForColumn(self.model.column_of("verdict"), self._verdict_delegate)
        self._chart = ChartWidget()
        self._chart.setObjectName("statusChart")
        self._article = ArticleView()
        self._article.text.new_claim_action = self.actions_.new_claim
        self._detail = DetailPane()
        self._detail.setObjectName("detailPane")
        # An explicit floor, below the form's own hint, so the table's columns fit at 1280.
        self._detail.setMinimumWidth(345)
        a = self.actions_
        for splitter, index, name, widget, action in (
            (self.side, 1, "chart", self._chart, None),
            (self.center, 1, "article", self._article, a.show_article),
            (self.splitter, 2, "detail", self._detail, a.show_detail),
        ):
            # Same geometry, visibility and collapsed state as the placeholder it replaces.
            old = splitter.replaceWidget(index, widget)
            self._panes[name] = widget
            if old is not None:
                old.hide()
                old.deleteLater()
            if action is not None:
                widget.setVisible(action.isChecked())
        if self.settings.get(keys.CENTER_SPLITTER).isEmpty():
            # No remembered layout: table above, article below, 3 : 2 (as before deferral).
            total = sum(self.center.sizes()) or 700
            self.center.setSizes([total * 3 // 5, total - total * 3 // 5])
        a.new_claim.triggered.connect(self._article.request_new_claim)
        self._article.claimClicked.connect(self.select_claim)
        self._article.newClaimRequested.connect(self._new_claim)

    def _show_pane(self, name: str, visible: bool) -> None:
        self._panes[name].setVisible(visible)

    def _build_widgets(self) -> None:
        self.banner = SampleBanner()
        self.banner.hide()

        self.sidebar_model = SidebarModel(self)
        self.sidebar = QTreeView()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setModel(self.sidebar_model)
        self.sidebar.setHeaderHidden(True)
        self.sidebar.setUniformRowHeights(True)
        self.sidebar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sidebar.setMinimumWidth(170)
        # Placeholders until _build_panes: the first paint shows the whole layout.
        self._panes: dict[str, QWidget] = {
            name: QWidget() for name in ("chart", "article", "detail")
        }
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.setObjectName("sideSplitter")
        self.side.addWidget(self.sidebar)
        self.side.addWidget(self._panes["chart"])
        self.side.setStretchFactor(0, 1)
        self.side.setSizes([520, 240])
        self.side.setMinimumWidth(170)

        self.filterbar = FilterBar()
        self.model = ClaimTableModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("claimTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        # No indicator before enabling sorting, or Qt sorts by the first column at once.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        fit_claim_columns(self.table)
        hide_extra_columns(self.table)
        install_column_menu(self.table)

        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.filterbar)
        table_layout.addWidget(self.table, 1)
        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.setObjectName("centerSplitter")
        self.center.addWidget(table_box)
        self.center.addWidget(self._panes["article"])
        self.center.setStretchFactor(0, 3)
        self.center.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(self._panes["detail"])
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        # Sidebar and detail narrow enough that the table's six main columns fit at 1280.
        self.splitter.setSizes([175, 760, 345])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.editor_label = QLabel()
        self.connection_label = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.hide()
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.connection_label)
        self.statusBar().addPermanentWidget(self.editor_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self._show_editor()

    def _build_menus(self) -> None:
        """Fill the menu bar (again, after a language switch)."""
        a = self.actions_
        self.menuBar().clear()
        for old in (getattr(self, "undo_action", None), getattr(self, "redo_action", None)):
            if old is not None:
                self.removeAction(old)
                old.deleteLater()
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(a.new_database)
        file_menu.addAction(a.open_database)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(a.connect_team)
        file_menu.addSeparator()
        file_menu.addAction(a.import_article)
        file_menu.addAction(a.paste_article)
        file_menu.addAction(a.export)
        file_menu.addAction(a.load_sample)
        file_menu.addSeparator()
        file_menu.addAction(a.backup_now)
        file_menu.addAction(a.restore)
        file_menu.addSeparator()
        file_menu.addAction(a.editor_name)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)

        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.status_menu = edit.addMenu(self.tr("Set &Status"))
        self.verdict_menu = edit.addMenu(self.tr("Set &Verdict"))
        for action in (
            a.add_tag,
            a.assign,
            None,
            a.new_claim,
            a.delete,
            None,
            a.select_all,
            a.find,
        ):
            edit.addSeparator() if action is None else edit.addAction(action)
        edit.addAction(a.save_filter)
        edit.addSeparator()
        edit.addAction(a.preferences)

        view = self.menuBar().addMenu(self.tr("&View"))
        for action in (a.show_sidebar, a.show_article, a.show_detail, None, a.next_claim):
            view.addSeparator() if action is None else view.addAction(action)
        view.addAction(a.previous_claim)
        view.addSeparator()
        view.addAction(a.refresh)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(a.guide)
        help_menu.addAction(a.open_log_folder)
        help_menu.addAction(a.about)
        help_menu.addAction(a.about_qt)

    def _connect(self) -> None:
        a = self.actions_
        a.new_database.triggered.connect(self._choose_new)
        a.open_database.triggered.connect(self._choose_open)
        a.connect_team.triggered.connect(self.connect_team)
        a.import_article.triggered.connect(self._choose_import)
        a.paste_article.triggered.connect(self.paste_article)
        a.export.triggered.connect(self.open_export)
        a.load_sample.triggered.connect(self.load_sample)
        a.backup_now.triggered.connect(self.backup_now)
        a.restore.triggered.connect(self.restore_backup)
        a.editor_name.triggered.connect(self.ask_editor_name)
        a.quit.triggered.connect(self.close)
        a.delete.triggered.connect(self.delete_selected)
        a.find.triggered.connect(self.filterbar.focus_search)
        a.select_all.triggered.connect(self.table.selectAll)
        a.add_tag.triggered.connect(self.add_tag_to_selected)
        a.preferences.triggered.connect(self.open_preferences)
        a.assign.triggered.connect(self.assign_selected)
        a.save_filter.triggered.connect(self.save_filter)
        a.show_sidebar.toggled.connect(self.side.setVisible)
        a.show_article.toggled.connect(lambda on: self._show_pane("article", on))
        a.show_detail.toggled.connect(lambda on: self._show_pane("detail", on))
        a.refresh.triggered.connect(self.refresh_all)
        a.next_claim.triggered.connect(lambda: self.claimlist.step(1))
        a.previous_claim.triggered.connect(lambda: self.claimlist.step(-1))
        a.guide.triggered.connect(self._guide)
        a.about.triggered.connect(self._about)
        a.about_qt.triggered.connect(self._about_qt)
        a.open_log_folder.triggered.connect(self._open_log_folder)

        self.banner.accepted.connect(self.load_sample)
        self.banner.openRequested.connect(a.open_database.trigger)
        self.banner.newRequested.connect(a.new_database.trigger)
        self.model.edit_handler = self._edit_cell
        self.filterbar.saveRequested.connect(self.save_filter)
        self.undo_stack.cleanChanged.connect(lambda _c: None)

    # ------------------------------------------------------------------ database
    def open_database(self, target: str | None, *, create: bool = True) -> None:
        """Open ``target`` (None: the default database) in a worker; the window stays live."""
        self.database.open(
            target,
            create=create,
            editor=self.editor,
            read_only=self.read_only,
            peek=self.services is None and not self.model.rowCount(),
        )

    def _show_peek(self, found: Any) -> None:
        """The peeked rows, read-only until ``_opened`` hands the table its services."""
        self.model.show_peek(found)
        self.firstRowsShown.emit(len(found.ids))
        self.table.viewport().repaint()  # the rows on screen before the open runs

    def _open_failed(self, exc: BaseException, latest: bool) -> None:
        if latest and self.model.peeking:
            self.model.set_services(None)  # the peeked rows are not to be trusted
        self._failed(exc)

    def _opened(self, services: Services, empty: bool) -> None:
        if self.services is not None:
            self.services.store.close()
        self.services = services
        from claimtrack.ui.desk import Desk

        self.desk = Desk(services, self.undo_stack, self)
        self.desk.resolve_conflict = self.team.resolve_conflict
        self.desk.confirm_partial = self.team.confirm_partial
        self.desk.changed.connect(self.apply_changes)
        self.desk.failed.connect(self._edit_failed)
        self.detail.desk = self.desk
        self.detail.drafts = (self.drafts, services.store.display_name, self.runner)
        self.undo_stack.clear()
        # The filter and detail menus (thousands of parties) fill once the claims show:
        # the rows come first.
        if not getattr(self, "_choices_pending", False):
            self._choices_pending = True
            self.claimsShown.connect(self._choices_after_rows)
        location = services.store.display_name
        if services.store.path is not None:  # servers are remembered by the connect dialog
            self.settings.add_recent_database(location)
        name = services.store.path.name if services.store.path else location
        self._show_title()
        self.banner.set_mode("empty")
        self.banner.setVisible(empty and not services.store.readonly)
        self.statusBar().showMessage(self.tr("Opened %1").replace("%1", name), 5000)
        self.databaseOpened.emit(location)
        self.claimlist.reset()
        self.chart.refresh(services, self.runner)
        self._update_actions()
        self._warn_about_location(services)
        self._offer_drafts(services)

    def backup_now(self) -> None:
        self.database.backup_now()

    def restore_backup(self) -> None:
        self.database.restore_backup()

    def close_database(self) -> None:
        """Let go of the open database (before its file is replaced)."""
        self.team.stop()
        self.runner.wait()
        services, self.services = self.services, None
        self.desk = None
        self.detail.desk = None
        self.detail.load(None)
        self.article.clear()
        self.undo_stack.clear()
        if services is not None:
            services.store.close()

    def _open_file(self, path: str, *, create: bool) -> None:
        """Open a file through its lock (a second ClaimTrack on it is told, not let in)."""
        from claimtrack.ui.lock import open_locked

        open_locked(self, path, self.locks, create=create)

    def _warn_about_location(self, services: Services) -> None:
        from PySide6.QtWidgets import QMessageBox

        from claimtrack.ui.lock import location_notice

        text = location_notice(self.settings, getattr(services.store, "location_warning", None))
        if text:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Risky place"), text, parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _offer_drafts(self, services: Services) -> None:
        """Notes left unsaved by a session that ended unexpectedly are offered back."""
        from PySide6.QtWidgets import QMessageBox

        orphans = getattr(services.store, "orphan_drafts", [])
        if not orphans:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved notes"),
            self.tr(
                "ClaimTrack found %n unsaved note(s) from a session that ended unexpectedly. "
                "Restore them? A note someone changed meanwhile is shown side by side first.",
                "",
                len(orphans),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: self._restore_drafts(orphans, result == QMessageBox.StandardButton.Yes)
        )
        self.drafts_box = box
        box.open()

    def _restore_drafts(self, orphans: list[Any], restore: bool) -> None:
        from dataclasses import replace as with_

        services, desk = self.services, self.desk
        for draft in orphans:
            if restore and services is not None and desk is not None:
                from claimtrack.domain import ClaimTrackError

                try:
                    current = services.claims.get(draft.claim_id)
                except ClaimTrackError:
                    current = None
                if current is not None:
                    # The claim as it was when the draft began: a later change clashes.
                    base = with_(current, **{draft.field: draft.original or ""})
                    desk.edit_claim(base, {draft.field: draft.text}, self.tr("Restore draft"))
            self.drafts.discard(draft.database, draft.claim_id, draft.field)

    def _damaged(self, services: Services, exc: BaseException) -> None:
        """The background check found ``services``' file broken: stop using it if open."""
        if self.services is services:
            self.services = None
            self.desk = None
            self.detail.desk = None
            services.store.close()
        self._failed(exc)

    # ------------------------------------------------------------------ team mode
    def connect_team(self) -> None:
        self.team.connect_team()

    @property
    def live(self) -> Any:
        """The open team database's LiveUpdates (None on a file database)."""
        return self.team.live

    def _confirm_partial(self, conflict: Any) -> bool:
        return self.team.confirm_partial(conflict)

    def refresh_all(self) -> None:
        """Reload everything shown (F5, or after the live connection missed changes),
        keeping the rows, scroll position and selection until the new query lands."""
        self.claimlist.relabel()
        self._refresh_choices()
        self.refresh_sidebar()
        self.refresh()

    def refresh(self) -> None:
        """Rerun the current filter (the claim list drops any older result)."""
        self.claimlist.refresh()

    def refresh_sidebar(self) -> None:
        """Recount the sidebar, and redraw the chart beside it."""
        services = self.services
        if services is None:
            return
        self.claimlist.refresh_sidebar()
        self.chart.refresh(services, self.runner)

    def _refresh_choices(self) -> None:
        """Fill the filter, detail and bulk menus: read off the GUI thread (thousands of
        parties take a while), shown when read; only the newest reading counts."""
        services = self.services
        if services is None:
            return
        self._choices_generation = generation = getattr(self, "_choices_generation", 0) + 1

        def work(_control: TaskControl) -> tuple[Any, ...]:
            return (
                services.catalog.statuses(),
                services.catalog.ratings(),
                services.parties.names(),
                [t.name for t in services.catalog.tags()],
                sorted({r for r in services.claims.assignees() if r}),
            )

        def done(result: tuple[Any, ...]) -> None:
            if generation == self._choices_generation and services is self.services:
                self._show_choices(*result)

        self.runner.run(work, done, self._failed)

    def _show_choices(
        self,
        status_rows: list[Any],
        ratings: list[Any],
        parties: list[tuple[int, str]],
        tags: list[str],
        assignees: list[str],
    ) -> None:
        from claimtrack.ui.labels import status_label, verdict_label

        statuses = [(s.key, status_label(s.key, s.label)) for s in status_rows]
        self._rating_colours = {r.key: r.colour for r in ratings}  # for the article's spans
        verdicts = [(r.key, verdict_label(r.key, r.label)) for r in ratings]
        self.filterbar.set_choices(statuses, verdicts, parties, tags, assignees)
        self.detail.set_choices(statuses, verdicts, [name for _, name in parties])
        self.status_delegate.choices = statuses
        self.verdict_delegate.choices = verdicts
        self._fill_bulk_menu(self.status_menu, "status", statuses, "Ctrl+%d")
        self._fill_bulk_menu(self.verdict_menu, "verdict", verdicts, "Alt+%d")
        self.choicesShown.emit()

    def _fill_bulk_menu(
        self, menu: QMenu, field: str, choices: list[tuple[str, str]], shortcut: str
    ) -> None:
        for action in menu.actions():
            self.removeAction(action)
        menu.clear()
        for i, (key, label) in enumerate(choices):
            action = QAction(label, self)
            if i < 9:
                action.setShortcut(QKeySequence(shortcut % (i + 1)))
            action.triggered.connect(
                lambda _c=False, k=key, lb=label: self.set_on_selected(field, k, lb)
            )
            action.setObjectName(f"set-{field}-{key}")
            menu.addAction(action)
            self.addAction(action)

    # ------------------------------------------------------------------ changes
    def apply_changes(self, changes: ChangeSet) -> None:
        """One path for every change, ours or (later) another editor's."""
        needs_query = self.model.apply_changes(changes)
        if changes.touches("claim"):
            self._records_by_article.clear()
        if needs_query or changes.touches("article"):
            self.refresh()
        else:
            self._load_detail()
        if changes.touches("party") or changes.touches("tag"):
            self._refresh_choices_later()
        self._sidebar_timer.start()

    def _choices_after_rows(self, _count: int) -> None:
        self.claimsShown.disconnect(self._choices_after_rows)
        self._choices_pending = False
        self._refresh_choices_later()

    def _refresh_choices_later(self, *_args: Any) -> None:
        QTimer.singleShot(0, self._refresh_choices)

    def _edit_failed(self, message: str) -> None:
        message = translate_error(message)
        self.statusBar().showMessage(message, 10000)
        self.failed.emit(message)
        show_error(self, self.tr("Could not save"), message)
        from claimtrack.domain import ChangeSet

        self.model.apply_changes(ChangeSet(updated={"claim": frozenset(self.selected_ids())}))

    def _failed(self, exc: BaseException) -> None:
        from claimtrack.domain import DamagedDatabaseError

        self.banner.load_button.setEnabled(True)
        if isinstance(exc, DamagedDatabaseError) and exc.path:
            from claimtrack.ui.dialogs.backups import DamagedDialog

            self.failed.emit(str(exc))
            dialog = DamagedDialog(exc, self.runner, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.restored.connect(lambda path: self._open_file(str(path), create=False))
            self.damaged_dialog = dialog
            dialog.open()
            return
        message = translate_error(str(exc) or exc.__class__.__name__)
        self.statusBar().showMessage(message, 10000)
        if self.services is None:  # the window is empty: say how to go on
            self.banner.set_mode("none")
            self.banner.show()
        self._update_actions()
        self.failed.emit(message)
        from claimtrack.ui.crash import report_unexpected

        if not report_unexpected(exc, self):  # a bug: the error dialog with its report
            show_error(self, APP_NAME, message)

    # ------------------------------------------------------------------ selection
    def selected_rows(self) -> list[int]:
        return self.claimlist.selected_rows()

    def selected_ids(self) -> list[int]:
        return self.claimlist.selected_ids()

    def current_claim_id(self) -> int | None:
        return self.claimlist.current_claim_id()

    def select_claim(self, claim_id: int) -> None:
        self.claimlist.select_claim(claim_id)

    def _selection_changed(self, *_args: Any) -> None:
        self._update_counts()
        self._load_detail()

    def _update_counts(self) -> None:
        shown = self.model.rowCount()
        selected = len(self.selected_rows())
        text = self.tr("%n claim(s)", "", shown)
        if selected > 1:
            text = self.tr("%1 selected of %2").replace("%1", str(selected)).replace("%2", text)
        self.count_label.setText(text)
        self.count_label.setMinimumWidth(self.count_label.sizeHint().width())

    def _load_detail(self) -> None:
        services = self.services
        claim_id = self.current_claim_id()
        if services is None or claim_id is None:
            self.detail.load(None)
            # No claim selected (a search left it out, or it was deleted): no stale highlight.
            self.article.clear()
            return
        row = self.model.row_of(claim_id)
        record = self.model.record(row) if row is not None else None
        if record is None:
            self.detail.load(None)
            self.article.clear()
            return
        self.detail.load(record, *services.claim_details(claim_id))
        self._show_article(record)
        self.detailShown.emit(claim_id)

    def _show_article(self, record: ClaimRecord) -> None:
        services = self.services
        assert services is not None
        if (
            record.article_id in self._records_by_article
            and self.article.article_id == record.article_id
        ):
            self.article.select_claim(record.id)  # already shown, and nothing changed since
            return
        article = services.articles.get(record.article_id)
        claims = self._records_by_article.get(article.id)
        if claims is None:
            ids = services.claims.query_ids(ClaimFilter(article_id=article.id))
            claims = services.claims.get_many(ids)
            self._records_by_article = {article.id: claims}
        colours = getattr(self, "_rating_colours", None)
        if colours is None:
            colours = {r.key: r.colour for r in services.catalog.ratings()}
        from claimtrack.ui.widgets.article import Span

        spans = [
            Span(c.id, c.start, c.end, colours.get(c.verdict, "#9e9e9e"))
            for c in claims
            if c.start is not None and c.end is not None
        ]
        source = " · ".join(x for x in (article.outlet, article.title) if x)
        self.article.show_article(article.id, source, article.text, spans)
        self.article.select_claim(record.id)

    # ------------------------------------------------------------------ filters
    @property
    def filter(self) -> ClaimFilter:
        return self.claimlist.filter

    def _filter_changed(self, flt: ClaimFilter) -> None:
        self.claimlist.filter_changed(flt)

    def save_filter(self) -> None:
        """Ask for a name, then let the claim list store the current filter under it."""
        from PySide6.QtWidgets import QInputDialog

        if self.services is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Save Filter"), self.tr("Name:"))
        if ok:
            self.claimlist.save_filter(name)

    # ------------------------------------------------------------------ editing
    def _edit_cell(self, claim_id: int, field: str, value: Any) -> bool:
        if self.desk is None:
            return False
        label = self.tr("Change status") if field == "status" else self.tr("Change verdict")
        return self.desk.edit_cell(claim_id, field, value, label)

    def set_on_selected(self, field: str, key: str, label: str) -> None:
        ids = self.selected_ids()
        if self.desk is None or not ids:
            return
        what = self.tr("Set status to %1") if field == "status" else self.tr("Set verdict to %1")
        text = what.replace("%1", label)
        if len(ids) > 1:
            text += self.tr(" (%n claims)", "", len(ids))
        self.desk.bulk_edit(ids, field, key, text, self.model.seen_versions(ids))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if self.desk is None or not ids:
            return
        if self.desk.delete_claims(ids, self.tr("Delete %n claim(s)", "", len(ids))):
            self.statusBar().showMessage(
                self.tr("Deleted %n claim(s). Undo brings them back.", "", len(ids)), 8000
            )

    def add_tag_to_selected(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        ids = self.selected_ids()
        if self.desk is None or self.services is None or not ids:
            return
        tag, ok = QInputDialog.getText(self, self.tr("Add Tag"), self.tr("Tag:"))
        tag = tag.strip()
        if not ok or not tag:
            return
        records = self.services.claims.get_many(ids)
        names = {r.id: tuple(dict.fromkeys([*r.tags, tag])) for r in records}
        self.desk.set_tags(records, names, self.tr("Add tag %1").replace("%1", tag))

    def assign_selected(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        ids = self.selected_ids()
        if self.desk is None or not ids:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Assign To"), self.tr("Editor:"), text=self.editor
        )
        if ok:
            label = self.tr("Assign to %1").replace("%1", name.strip() or "—")
            if self.desk.bulk_edit(ids, "assignee", name.strip(), label):
                self._refresh_choices_later()

    def _new_claim(self, article_id: int, start: int, end: int, text: str) -> None:
        if self.desk is None:
            return
        claim_id = self.desk.create_claim(article_id, start, end, text, self.tr("New claim"))
        if claim_id is not None:
            self._pending_select = claim_id
            self.claimsShown.connect(self._select_pending)

    def _select_pending(self, _count: int) -> None:
        self.claimsShown.disconnect(self._select_pending)
        claim_id = getattr(self, "_pending_select", None)
        if claim_id is not None:
            self.select_claim(claim_id)

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
            self._refresh_choices()

        self.runner.run(work, done, self._failed)

    # ------------------------------------------------------------------ import
    def _choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        types = self._filters(self.tr("Articles"), ARTICLE_PATTERNS)
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import Article"), "", types)
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        self.imports.import_files(paths)

    def paste_article(self) -> None:
        self.imports.import_text(QApplication.clipboard().text())

    @property
    def review_dialog(self) -> Any:
        """The last review opened (tests and the close-while-busy check look at it)."""
        return self.imports.review_dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from claimtrack.ui.controllers.imports import importable_paths

        if importable_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from claimtrack.ui.controllers.imports import importable_paths

        paths = importable_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.imports.import_files(paths)

    def open_export(self) -> None:
        """The export dialog over the current filter, selection or article."""
        services = self.services
        if services is None:
            return
        from claimtrack.ui.dialogs.export import ExportDialog

        dialog = ExportDialog(
            services,
            self.runner,
            claim_filter=self.filter,
            claim_ids=self.selected_ids(),
            article_id=self.article.article_id,
            organisation=self.settings.get(keys.ORGANISATION),
            parent=self,
            paper=self.settings.get(keys.EXPORT_PAPER),
            redact=self.settings.get(keys.EXPORT_REDACT),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.organisationChanged.connect(lambda name: self.settings.set(keys.ORGANISATION, name))
        dialog.exported.connect(
            lambda path: self.statusBar().showMessage(
                self.tr("Exported %1").replace("%1", path), 8000
            )
        )
        self.export_dialog = dialog
        dialog.open()

    # ------------------------------------------------------------------ identity
    def ask_editor_name(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            self,
            self.tr("Your Name"),
            self.tr("Your name, as History and “updated by” will show it:"),
            text=self.editor,
        )
        if ok and name.strip():
            self.set_editor(name.strip())

    def set_editor(self, name: str) -> None:
        self.editor = name
        self.settings.set(keys.EDITOR_NAME, name)
        if self.services is not None:
            self.services.editor = name
        self._show_editor()

    def _show_editor(self) -> None:
        self.editor_label.setText(self.tr("Editing as %1").replace("%1", self.editor or "—"))
        self.read_only_label.setText(self.tr("Read-only"))
        self.read_only_label.setToolTip(
            self.tr("This database is open read-only: you can read, search and export, not edit.")
        )
        self._show_title()

    def _show_title(self) -> None:
        """The database's name in the title, and "read-only" there when it is."""
        services = getattr(self, "services", None)
        if services is None:
            self.setWindowTitle(APP_NAME)
            return
        store = services.store
        name = store.path.name if store.path else store.display_name
        if store.readonly:
            name = self.tr("%1 (read-only)").replace("%1", name)
        self.setWindowTitle(f"{name} — {APP_NAME}")

    def _update_actions(self) -> None:
        """Enable only what the open database allows: nothing that needs a database while
        none is open, nothing that writes while it is read-only."""
        a = self.actions_
        services = self.services
        is_open = services is not None
        writable = is_open and not services.store.readonly
        is_file = is_open and services.store.path is not None
        for action in (a.export, a.find, a.select_all, a.save_filter, a.refresh):
            action.setEnabled(is_open)
        for action in (
            a.import_article,
            a.paste_article,
            a.load_sample,
            a.delete,
            a.new_claim,
            a.add_tag,
            a.assign,
        ):
            action.setEnabled(writable)
        a.backup_now.setEnabled(is_file)
        a.restore.setEnabled(is_file and writable)
        self.read_only_label.setVisible(is_open and services.store.readonly)

    # ------------------------------------------------------------------ files
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for location in self.settings.get(keys.RECENT_DATABASES):
            action = self.recent_menu.addAction(location)
            action.triggered.connect(
                lambda _c=False, loc=location: self._open_file(loc, create=False)
            )
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def _choose_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Database"), "", self._filters(self.tr("ClaimTrack databases"))
        )
        if path:
            self._open_file(path, create=False)

    def _choose_new(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New Database"),
            "claims.claimtrack",
            self._filters(self.tr("ClaimTrack databases")),
        )
        if path:
            self._open_file(path, create=True)

    def _filters(self, name: str, patterns: str = DB_PATTERNS) -> str:
        """A file dialog's type filter in the interface language, "All files" after it."""
        return f"{name} ({patterns});;{self.tr('All files')} (*)"

    @property
    def database_name(self) -> str:
        return self.services.store.display_name if self.services else ""

    # ------------------------------------------------------------------ help
    def _guide(self) -> None:
        from claimtrack.ui.dialogs.guide import GuideDialog

        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide_dialog = dialog
        dialog.open()

    def _open_log_folder(self) -> None:
        from claimtrack.ui.crash import open_log_folder

        open_log_folder(self)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from claimtrack.ui.dialogs.guide import about_text

        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("About ClaimTrack"), about_text(), parent=self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _about_qt(self) -> None:
        """Qt's own About box (its version and licence), as QApplication.aboutQt shows it,
        with the window as its parent."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self, self.tr("About Qt"))

    # ------------------------------------------------------------------ preferences, language
    def open_preferences(self) -> None:
        from claimtrack.ui.dialogs.preferences import PreferencesDialog
        from claimtrack.ui.i18n import install_language

        services = None if self.read_only else self.services
        dialog = PreferencesDialog(self.settings, services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.languageChosen.connect(lambda code: install_language(QApplication.instance(), code))
        dialog.catalogChanged.connect(self._catalog_changed)
        dialog.accepted.connect(
            lambda: self.set_editor(self.settings.get(keys.EDITOR_NAME) or self.editor)
        )
        self.preferences_dialog = dialog
        dialog.open()

    def _catalog_changed(self, changes: ChangeSet) -> None:
        self.claimlist.relabel()  # new labels and colours
        self._refresh_choices()
        self.apply_changes(changes)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "actions_"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Rename everything after Preferences switched the language."""
        self.actions_.retranslate()
        self._build_menus()
        self._refresh_choices()
        self._show_editor()
        self._update_counts()
        self.refresh_sidebar()
        self.filterbar.retranslate()
        fit_claim_columns(self.table)
        self.detail.retranslate()
        self.banner.retranslate()
        self.claimlist.relabel()
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )

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
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for splitter, setting in (
            (self.splitter, keys.MAIN_SPLITTER),
            (self.center, keys.CENTER_SPLITTER),
        ):
            saved = self.settings.get(setting)
            if not saved.isEmpty():
                splitter.restoreState(saved)
        for action, setting in (
            (self.actions_.show_sidebar, keys.SHOW_SIDEBAR),
            (self.actions_.show_article, keys.SHOW_ARTICLE),
            (self.actions_.show_detail, keys.SHOW_DETAIL),
        ):
            action.setChecked(self.settings.get(setting))

    def closeEvent(self, event: QCloseEvent) -> None:
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()  # saves the field being edited
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.CLAIM_COLUMNS, self.table.horizontalHeader().saveState())
        self.settings.set(keys.MAIN_SPLITTER, self.splitter.saveState())
        self.settings.set(keys.CENTER_SPLITTER, self.center.saveState())
        self.settings.set(keys.SHOW_SIDEBAR, self.actions_.show_sidebar.isChecked())
        self.settings.set(keys.SHOW_ARTICLE, self.actions_.show_article.isChecked())
        self.settings.set(keys.SHOW_DETAIL, self.actions_.show_detail.isChecked())
        self.settings.sync()
        self.team.stop()
        self.runner.shutdown()
        if self.services is not None:
            self.services.store.close()
        self.database.release()
        super().closeEvent(event)


class _FirstPaint(QObject):
    """Tells the window once it has first painted, then removes itself."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            # After this paint completes, not inside it.
            QTimer.singleShot(0, self.window._painted)
        return False
