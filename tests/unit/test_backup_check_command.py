"""``claimtrack check``: a verdict and an exit status an editor or a script can trust."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimtrack.cli import main
from claimtrack.services import Services
from claimtrack.store import open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def filled(db_path: Path) -> Iterator[Path]:
    from claimtrack.services.sample import load_sample

    store = open_store(db_path)
    load_sample(Services(store, "Ayu"))
    store.close()
    yield db_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_healthy_database_passes_with_exit_zero(filled: Path, capsys) -> None:
    before = _digest(filled)
    assert main(["--db", str(filled), "check"]) == 0
    out = capsys.readouterr().out
    assert "Integrity: ok" in out and "Foreign keys: ok" in out
    assert "7 claim(s) in 1 article(s)" in out
    assert out.rstrip().endswith("Verdict: healthy.")
    assert _digest(filled) == before  # checking never writes


def test_a_damaged_page_fails_with_exit_two_and_says_what_to_do(filled: Path, capsys) -> None:
    data = bytearray(filled.read_bytes())
    data[4096 * 3 : 4096 * 3 + 12] = b"\x05" + b"\xff" * 11  # an interior page header
    filled.write_bytes(bytes(data))
    assert main(["--db", str(filled), "check"]) == 2
    out = capsys.readouterr().out
    assert "Verdict: DAMAGED" in out and "restore the newest good backup" in out
    assert "problem:" in out


def test_rows_pointing_at_missing_rows_fail_the_check(filled: Path, capsys) -> None:
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE claim SET article_id = 999 WHERE id = (SELECT min(id) FROM claim)")
    conn.commit()
    conn.close()
    assert main(["--db", str(filled), "check"]) == 2
    out = capsys.readouterr().out
    assert "Foreign keys: FAILED (1 row(s)" in out
    assert "claim row" in out and "missing article" in out


def test_missing_and_foreign_files_are_unreadable_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert main(["--db", str(tmp_path / "nowhere.sqlite"), "check"]) == 2
    assert "UNREADABLE" in capsys.readouterr().out
    letter = tmp_path / "letter.sqlite"
    letter.write_text("To the desk: the harbour story runs tomorrow.\n" * 100)
    assert main(["--db", str(letter), "check"]) == 2
    captured = capsys.readouterr()
    assert "not a ClaimTrack database" in captured.out
    assert "Traceback" not in captured.err


def test_a_file_that_starts_like_sqlite_but_is_garbage_is_damaged(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    assert main(["--db", str(broken), "check"]) == 2
    assert "Verdict: DAMAGED" in capsys.readouterr().out


def test_a_newer_schema_is_healthy_but_explained(filled: Path, capsys) -> None:
    conn = sqlite3.connect(filled)
    conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.commit()
    conn.close()
    assert main(["--db", str(filled), "check"]) == 0
    out = capsys.readouterr().out
    assert "written by a newer ClaimTrack" in out


def test_a_database_locked_by_another_program_is_reported_not_hung(
    filled: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrack.cli import check as check_command

    connect = check_command._connect_read_only

    def impatient(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        conn.execute("PRAGMA busy_timeout = 200")
        return conn

    monkeypatch.setattr(check_command, "_connect_read_only", impatient)
    other = sqlite3.connect(filled, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")  # rollback mode: EXCLUSIVE blocks readers
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["--db", str(filled), "check"]) == 2
        assert "in use by another program" in capsys.readouterr().out
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert main(["--db", str(filled), "check"]) == 0  # the retry, once the lock is gone


def test_the_real_command_line_prints_a_verdict_and_exit_status(filled: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(filled), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Verdict: healthy." in result.stdout


def test_a_server_database_is_checked_for_connection_and_orphans(
    request: pytest.FixtureRequest, capsys
) -> None:
    try:
        url = request.getfixturevalue("pg_url")
    except pytest.FixtureLookupError:
        pytest.skip("no PostgreSQL fixture in this tree")
    assert main(["--db", url, "check"]) == 0
    out = capsys.readouterr().out
    assert "Connection: ok" in out and "Foreign keys: ok" in out and "healthy" in out


def test_an_unreachable_server_is_unreadable_with_exit_two(capsys) -> None:
    url = "postgresql+psycopg://ayu@127.0.0.1:9/claims?connect_timeout=2"
    assert main(["--db", url, "check"]) == 2
    captured = capsys.readouterr()
    assert "UNREADABLE" in captured.out and "Traceback" not in captured.err
