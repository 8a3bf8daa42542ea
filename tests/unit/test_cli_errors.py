"""The command line's one guard: a bug is one line naming the log that holds its traceback
(exit 70); the world's failures (permission, read-only, locked, full) are one clear line
(exit 2); Ctrl+C is a short line (exit 130). Failures are injected into the real commands.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack import cli
from claimtrack.services import generate as generate_module

ROOT = Path(__file__).resolve().parents[2]


GENERATE = ["generate", "--claims", "3", "--articles", "1"]


def _log() -> Path:
    return Path(os.environ["CLAIMTRACK_LOG_DIR"]) / "claimtrack.log"


def _one_line(err: str) -> str:
    lines = [line for line in err.replace("\r", "\n").splitlines() if line.strip()]
    assert "Traceback" not in err
    assert lines and lines[-1].startswith("claimtrack: "), err
    # Only generate's progress counter may come before the message.
    assert all(line.endswith(" claims") for line in lines[:-1]), err
    return lines[-1]


def _boom(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("the generator broke")


def test_a_bug_is_one_line_naming_the_log_with_the_traceback(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate_module, "generate", _boom)
    code = cli.main(["--db", str(db_path), "generate", "--claims", "5", "--articles", "1"])
    line = _one_line(capsys.readouterr().err)
    assert code == cli.EXIT_SOFTWARE == 70
    assert "generate failed unexpectedly: RuntimeError: the generator broke" in line
    assert str(_log()) in line
    report = _log().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in report
    assert "RuntimeError: the generator broke" in report
    assert "cli/generate.py" in report  # where it came from, for whoever reads it


def test_a_bug_in_the_real_program_exits_70_and_leaves_its_report(
    db_path: Path, tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    inject = (
        "import sys\n"
        "import claimtrack.services.generate as g\n"
        "def boom(*a, **k):\n"
        "    raise ZeroDivisionError('injected')\n"
        "g.generate = boom\n"
        "from claimtrack.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", inject, "--db", str(db_path), *GENERATE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env={**os.environ, "CLAIMTRACK_LOG_DIR": str(logs)},
    )
    assert result.returncode == 70, result.stderr
    line = _one_line(result.stderr)
    assert "ZeroDivisionError: injected" in line and str(logs / "claimtrack.log") in line
    report = (logs / "claimtrack.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in report and "ZeroDivisionError" in report


def test_an_unwritable_log_still_gives_one_line(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    monkeypatch.setenv("CLAIMTRACK_LOG_DIR", str(blocker / "logs"))
    monkeypatch.setattr(generate_module, "generate", _boom)
    code = cli.main(["--db", str(db_path), "generate", "--claims", "5", "--articles", "1"])
    line = _one_line(capsys.readouterr().err)
    assert code == 70
    assert "could not be written" in line


def test_ctrl_c_is_a_short_line(db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def interrupted(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(generate_module, "generate", interrupted)
    code = cli.main(["--db", str(db_path), "generate", "--claims", "5", "--articles", "1"])
    assert code == 130
    assert _one_line(capsys.readouterr().err) == "claimtrack: interrupted"


def _sqlalchemy_wrapped(message: str) -> Exception:
    from sqlalchemy.exc import OperationalError

    return OperationalError("INSERT INTO claim …", {}, sqlite3.OperationalError(message))


@pytest.mark.parametrize(
    ("failure", "needle"),
    [
        (lambda p: PermissionError(errno.EACCES, "Permission denied", str(p)), "permission denied"),
        (lambda p: OSError(errno.EROFS, "Read-only file system", str(p)), "read-only"),
        (lambda p: OSError(errno.ENOSPC, "No space left on device", str(p)), "disk is full"),
        (lambda p: sqlite3.OperationalError("database is locked"), "in use by another program"),
        (lambda p: _sqlalchemy_wrapped("database or disk is full"), "is full"),
        (lambda p: _sqlalchemy_wrapped("attempt to write a readonly database"), "read-only"),
        (lambda p: _sqlalchemy_wrapped("database is locked"), "in use by another program"),
    ],
    ids=["permission", "read-only fs", "enospc", "locked", "sa-full", "sa-readonly", "sa-locked"],
)
def test_the_worlds_failures_are_one_clear_line_wherever_they_surface(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, failure, needle: str
) -> None:
    def fail(*_a: object, **_k: object) -> None:
        raise failure(db_path)

    monkeypatch.setattr(generate_module, "generate", fail)
    code = cli.main(["--db", str(db_path), "generate", "--claims", "5", "--articles", "1"])
    line = _one_line(capsys.readouterr().err)
    assert code == 2, line
    assert needle in line, line
    assert "log" not in line  # a known failure needs no report
    assert "unexpectedly" not in line


def test_a_real_bug_class_error_from_sqlite_is_not_taken_for_the_world(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A missing table is the program's fault, not the disk's: it gets the report."""

    def fail(*_a: object, **_k: object) -> None:
        raise _sqlalchemy_wrapped("no such table: claim_archive")

    monkeypatch.setattr(generate_module, "generate", fail)
    code = cli.main(["--db", str(db_path), "generate", "--claims", "5", "--articles", "1"])
    line = _one_line(capsys.readouterr().err)
    assert code == 70 and str(_log()) in line
    assert "no such table: claim_archive" in _log().read_text(encoding="utf-8")


def test_a_database_bug_keeps_its_statement_and_rows_in_the_log(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """SQLAlchemy puts the statement and its parameters (an editor's text) in the message:
    the terminal gets the error alone, the log the whole of it."""
    import sqlalchemy.exc

    def fail(*_a: object, **_k: object) -> None:
        raise sqlalchemy.exc.IntegrityError(
            "INSERT INTO claim (id, text) VALUES (?, ?)",
            (7, "a confidential source's words"),
            sqlite3.IntegrityError("UNIQUE constraint failed: claim.id"),
        )

    monkeypatch.setattr(generate_module, "generate", fail)
    code = cli.main(["--db", str(db_path), "generate", "--claims", "5", "--articles", "1"])
    line = _one_line(capsys.readouterr().err)
    assert code == 70 and "UNIQUE constraint failed: claim.id" in line
    assert "INSERT" not in line and "confidential" not in line
    assert "confidential source's words" in _log().read_text(encoding="utf-8")
