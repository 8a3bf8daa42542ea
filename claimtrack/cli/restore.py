"""``claimtrack restore BACKUP``: File ▸ Restore from Backup… on the command line.

The code lives with ``claimtrack backup`` in cli/backup.py; this module is the
command's entry in cli.PLUGIN_COMMANDS.
"""

from __future__ import annotations

from claimtrack.cli.backup import RESTORE_HELP as HELP
from claimtrack.cli.backup import add_restore_arguments as add_arguments
from claimtrack.cli.backup import run_restore as run

__all__ = ["HELP", "add_arguments", "run"]
