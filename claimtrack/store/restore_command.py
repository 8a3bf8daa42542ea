"""``claimtrack restore BACKUP``: File ▸ Restore from Backup… on the command line.

The code lives with ``claimtrack backup`` in store/backup_command.py; this module is the
command's entry in cli.PLUGIN_COMMANDS.
"""

from __future__ import annotations

from claimtrack.store.backup_command import RESTORE_HELP as HELP
from claimtrack.store.backup_command import add_restore_arguments as add_arguments
from claimtrack.store.backup_command import run_restore as run

__all__ = ["HELP", "add_arguments", "run"]
