"""Every QAction of the main window, defined in one place with its standard shortcut.

Texts are set in ``retranslate`` so a language switch in Preferences renames them all.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Std = QKeySequence.StandardKey


class Actions:
    """Owns the actions; the window connects them. Texts go through the window's tr()."""

    def __init__(self, window: QWidget) -> None:
        self._window = window

        def make(shortcut: QKeySequence | Std | str | None = None) -> QAction:
            action = QAction(window)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            window.addAction(action)  # shortcuts work even when a menu is hidden
            return action

        # File
        self.new_database = make(Std.New)
        self.open_database = make(Std.Open)
        self.connect_team = make()
        self.import_article = make("Ctrl+I")
        self.paste_article = make("Ctrl+Shift+V")
        self.export = make("Ctrl+E")
        self.load_sample = make()
        self.backup_now = make()
        self.restore = make()
        self.editor_name = make()
        self.quit = make(Std.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # Edit
        self.delete = make(Std.Delete)
        self.find = make(Std.Find)
        self.select_all = make(Std.SelectAll)
        self.new_claim = make("Ctrl+Shift+N")
        self.add_tag = make("Ctrl+T")
        self.assign = make("Ctrl+Shift+G")
        self.save_filter = make()
        preferences = QKeySequence(Std.Preferences)
        self.preferences = make(preferences if not preferences.isEmpty() else "Ctrl+,")
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        # View
        self.show_sidebar = make("Ctrl+Alt+1")
        self.show_article = make("Ctrl+Alt+2")
        self.show_detail = make("Ctrl+Alt+3")
        for action in (self.show_sidebar, self.show_article, self.show_detail):
            action.setCheckable(True)
            action.setChecked(True)
        self.refresh = make(Std.Refresh)
        self.next_claim = make("Alt+Down")
        self.previous_claim = make("Alt+Up")
        # Help
        self.guide = make(Std.HelpContents)
        self.open_log_folder = make()
        self.about = make()
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt = make()
        self.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.retranslate()

    def retranslate(self) -> None:
        window = self._window
        tr = window.tr  # the MainWindow context (scripts/build_translations.py reads this)
        self.new_database.setText(tr("&New Database…"))
        self.open_database.setText(tr("&Open Database…"))
        self.connect_team.setText(tr("Connect to &Team Database…"))
        self.import_article.setText(tr("&Import Article…"))
        self.paste_article.setText(tr("&Paste Article"))
        self.export.setText(tr("&Export…"))
        self.load_sample.setText(tr("Load &Sample Dossier"))
        self.backup_now.setText(tr("&Back Up Now"))
        self.restore.setText(tr("&Restore from Backup…"))
        self.editor_name.setText(tr("Your &Name…"))
        self.quit.setText(tr("&Quit"))
        self.delete.setText(tr("&Delete Claim"))
        self.find.setText(tr("&Find…"))
        self.select_all.setText(tr("Select &All Claims"))
        self.new_claim.setText(tr("New Claim from &Selection"))
        self.add_tag.setText(tr("Add &Tag…"))
        self.assign.setText(tr("Assi&gn To…"))
        self.save_filter.setText(tr("Save &Filter…"))
        self.preferences.setText(tr("&Preferences…"))
        self.show_sidebar.setText(tr("&Sidebar"))
        self.show_article.setText(tr("&Article"))
        self.show_detail.setText(tr("&Details"))
        self.refresh.setText(tr("&Refresh"))
        self.next_claim.setText(tr("&Next Claim"))
        self.previous_claim.setText(tr("&Previous Claim"))
        self.guide.setText(tr("&User Guide"))
        self.open_log_folder.setText(tr("Open &Log Folder"))
        self.about.setText(tr("&About ClaimTrack"))
        self.about_qt.setText(tr("About &Qt"))
