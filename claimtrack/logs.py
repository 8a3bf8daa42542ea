"""The log file: where the full report of an unexpected error goes, so the user sees one
line (CLI) or one dialog (GUI) instead of a traceback, and can still send us the details.

A rotating file (``claimtrack.log``, kept to a few MB) in ``paths.log_dir()``. Set up for
every window and for command-line runs that fail; ``logging`` is imported only then, so
neither the window's first paint nor a successful command pays for it. No Qt here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtrack import __version__, paths

if TYPE_CHECKING:
    import logging
    from logging.handlers import RotatingFileHandler
    from types import TracebackType

LOG_NAME = "claimtrack.log"
# Where faulthandler writes when the interpreter itself dies (a fault in Qt or another
# native library): logging cannot run then, so it gets a file of its own beside the log.
CRASH_NAME = "crash.log"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 3
_state: dict[str, Any] = {}  # "handler": the installed one, "class": its class, made lazily


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


def _handler_class() -> type[RotatingFileHandler]:
    """A RotatingFileHandler that never disturbs the user: a log that cannot be written
    (full disk, read-only profile, two processes rotating at once on Windows) is noted,
    not printed to stderr as logging's own traceback."""
    if "class" not in _state:
        from logging.handlers import RotatingFileHandler

        class QuietRotatingFileHandler(RotatingFileHandler):
            last_error: BaseException | None = None

            def handleError(self, record: logging.LogRecord) -> None:
                self.last_error = sys.exc_info()[1]

        _state["class"] = QuietRotatingFileHandler
    return _state["class"]  # type: ignore[no-any-return]


def setup(program: str = "claimtrack") -> Path | None:
    """Attach the rotating log file to the root logger (once per file); the file's path,
    or None when its folder cannot be made. Safe to call again: a changed
    ``CLAIMTRACK_LOG_DIR`` (tests) moves the log."""
    import logging

    target = log_file()
    root = logging.getLogger()
    old = _state.get("handler")
    if old is not None:
        if Path(old.baseFilename) == target.absolute():
            return target
        root.removeHandler(old)
        old.close()
        _state.pop("handler")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    handler = _handler_class()(
        str(target), maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(
        logging.Formatter(f"%(asctime)s {program}[%(process)d] %(levelname)s %(name)s: %(message)s")
    )
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    # Third-party chatter stays out unless it is a warning.
    for noisy in (
        "sqlalchemy",
        "alembic",
        "trafilatura",
        "htmldate",
        "courlan",
        "charset_normalizer",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _state["handler"] = handler
    return target


def started(program: str) -> None:
    """One line at the start of a run: which version, on what, so a report can be read."""
    import logging
    import platform

    logging.getLogger("claimtrack").info(
        "%s %s started (Python %s, %s, pid %d)",
        program,
        __version__,
        platform.python_version(),
        platform.platform(),
        os.getpid(),
    )
    flush()


def crash_file() -> Path:
    return paths.log_dir() / CRASH_NAME


def enable_crash_dump() -> Path | None:
    """Send faulthandler's report of a fatal error (segmentation fault, abort, a native
    library killing the process: every thread's Python traceback) to ``crash.log`` in the
    log folder, where Help ▸ Open Log Folder shows it; None when it cannot be opened.

    The file stays open for the rest of the run (faulthandler writes to its descriptor
    from the signal handler); one over ``MAX_BYTES`` is moved aside to ``crash.log.1``.
    """
    import faulthandler

    target = crash_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_file() and target.stat().st_size > MAX_BYTES:
            os.replace(target, target.with_name(CRASH_NAME + ".1"))
        stream = open(target, "a", encoding="utf-8")  # noqa: SIM115  # kept open on purpose
    except OSError:
        return None
    faulthandler.enable(stream, all_threads=True)
    old = _state.get("crash")
    _state["crash"] = stream
    if old is not None:
        old.close()
    return target


def flush() -> None:
    handler = _state.get("handler")
    if handler is not None:
        handler.flush()


def write_report(
    what: str,
    exc: BaseException,
    tb: TracebackType | None = None,
    *,
    program: str = "claimtrack",
) -> Path | None:
    """Log ``what`` with the full traceback of ``exc``; the log's path once it is written,
    None when it could not be (the caller then says so instead of naming a file)."""
    import logging

    target = setup(program)
    handler = _state.get("handler")
    if target is None or handler is None:
        return None
    handler.last_error = None
    logging.getLogger("claimtrack").error(
        what, exc_info=(type(exc), exc, tb if tb is not None else exc.__traceback__)
    )
    handler.flush()
    return None if handler.last_error is not None else target


def note(message: str, *, program: str = "claimtrack") -> None:
    """A known failure: one line in the log (the user already read it)."""
    import logging

    if setup(program) is not None:
        logging.getLogger("claimtrack").warning("%s", message)
        flush()


def where(exc: BaseException, tb: TracebackType | None = None) -> str:
    """``claimtrack/x.py:123 in function``: the innermost frame outside the standard library
    and installed packages (where our code went wrong), else the innermost one."""
    import sysconfig
    import traceback

    frames = traceback.extract_tb(tb if tb is not None else exc.__traceback__)
    if not frames:
        return ""
    libraries = tuple(
        str(Path(sysconfig.get_path(key)).resolve())
        for key in ("stdlib", "platstdlib", "purelib", "platlib")
    )

    def ours(filename: str) -> bool:
        path = str(Path(filename).resolve())
        return not path.startswith(libraries) and "site-packages" not in path

    frame = ([f for f in frames if ours(f.filename)] or frames)[-1]
    marker = f"{os.sep}claimtrack{os.sep}"
    _head, found, tail = frame.filename.rpartition(marker)
    name = f"claimtrack{os.sep}{tail}" if found else Path(frame.filename).name
    return f"{name}:{frame.lineno} in {frame.name}"


def summary(exc: BaseException) -> str:
    """``KeyError: 'x'``: the exception in one line, however long its message.

    A database error's statement and its parameters (SQLAlchemy's "[SQL: …]" part, which
    can hold an editor's text) stay in the log file, never in a terminal or a dialog.
    """
    text = " ".join(str(exc).split())
    text = text.split(" [SQL: ", 1)[0].split(" (Background on this error", 1)[0]
    if len(text) > 300:
        text = text[:299] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
