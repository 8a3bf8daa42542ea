"""Every QAction of the main window, defined in one place with its standard shortcut."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Std = QKeySequence.StandardKey


class Actions:
    """Owns the actions; the window connects them. Texts go through the window's tr()."""

    def __init__(self, window: QWidget) -> None:
        tr = window.tr

        def make(text: str, shortcut: QKeySequence | Std | str | None = None) -> QAction:
            action = QAction(text, window)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            window.addAction(action)  # shortcuts work even when a menu is hidden
            return action

        # File
        self.new_database = make(tr("&New Database…"), Std.New)
        self.open_database = make(tr("&Open Database…"), Std.Open)
        self.connect_team = make(tr("Connect to &Team Database…"))
        self.import_article = make(tr("&Import Article…"), "Ctrl+I")
        self.paste_article = make(tr("&Paste Article"), "Ctrl+Shift+V")
        self.export = make(tr("&Export…"), "Ctrl+E")
        self.load_sample = make(tr("Load &Sample Dossier"))
        self.backup_now = make(tr("&Back Up Now"))
        self.restore = make(tr("&Restore from Backup…"))
        self.editor_name = make(tr("Your &Name…"))
        self.quit = make(tr("&Quit"), Std.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # Edit
        self.delete = make(tr("&Delete Claim"), Std.Delete)
        self.find = make(tr("&Find…"), Std.Find)
        self.select_all = make(tr("Select &All Claims"), Std.SelectAll)
        self.new_claim = make(tr("New Claim from &Selection"), "Ctrl+Shift+N")
        self.add_tag = make(tr("Add &Tag…"), "Ctrl+T")
        self.assign = make(tr("Assi&gn To…"), "Ctrl+Shift+G")
        self.save_filter = make(tr("Save &Filter…"))
        # View
        self.show_sidebar = make(tr("&Sidebar"), "Ctrl+Alt+1")
        self.show_article = make(tr("&Article"), "Ctrl+Alt+2")
        self.show_detail = make(tr("&Details"), "Ctrl+Alt+3")
        for action in (self.show_sidebar, self.show_article, self.show_detail):
            action.setCheckable(True)
            action.setChecked(True)
        self.refresh = make(tr("&Refresh"), Std.Refresh)
        self.next_claim = make(tr("&Next Claim"), "Alt+Down")
        self.previous_claim = make(tr("&Previous Claim"), "Alt+Up")
        # Help
        self.guide = make(tr("&User Guide"), Std.HelpContents)
        self.about = make(tr("&About ClaimTrack"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
