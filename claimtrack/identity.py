"""Who an edit is stamped with when no window asked: the command line's editor name.

A leaf module, so the CLI, the app's composition root and the commands share it without
importing each other.
"""

from __future__ import annotations

import os


def editor_name() -> str:
    """Who the command line edits as: $CLAIMTRACK_EDITOR, else the login name."""
    name = os.environ.get("CLAIMTRACK_EDITOR", "").strip()
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except (KeyError, OSError):
        return "command line"
