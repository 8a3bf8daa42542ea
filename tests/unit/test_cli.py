"""The command line, run as a real program: output for scripts, clear errors for people."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import one_clear_line, run_claimtrack

ROOT = Path(__file__).resolve().parents[2]


run = run_claimtrack
assert_clear_failure = one_clear_line


def test_version() -> None:
    from claimtrack import __version__

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ClaimTrack {__version__}"


def test_sample_then_list_jsonl_shows_the_worked_example(db_path: Path) -> None:
    made = run("sample", "--db", str(db_path))
    assert made.returncode == 0, made.stderr
    assert "7 claims" in made.stderr
    listed = run("list", "--db", str(db_path), "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    claims = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(claims) == 7
    for claim in claims:
        assert {"id", "text", "kind", "claimant", "via", "status", "verdict", "article"} <= set(
            claim
        )
    offer = next(c for c in claims if "keselamatannya" in c["text"])
    assert offer["kind"] == "statement"
    assert offer["via"][0] == "Reuters"
    assert offer["claimant"] == "Nicolas Maduro"
    [no_comment] = [c for c in claims if c["kind"] == "no_comment"]
    assert no_comment["claimant"] == "Gedung Putih"
    assert "menolak berkomentar" in no_comment["text"]
    again = run("sample", "--db", str(db_path))
    assert again.returncode == 0 and "already" in again.stderr
    assert len(run("list", "--db", str(db_path), "--format", "jsonl").stdout.splitlines()) == 7


def test_list_filters_and_table(db_path: Path) -> None:
    run("sample", "--db", str(db_path))

    def ids(*extra: str) -> list[int]:
        out = run("--db", str(db_path), "list", "--format", "jsonl", *extra)
        assert out.returncode == 0, out.stderr
        return [json.loads(line)["id"] for line in out.stdout.splitlines()]

    assert len(ids("--kind", "denial")) == 1
    assert len(ids("--status", "done")) == 2
    assert len(ids("--status", "done", "--status", "unreviewed")) == 4
    assert len(ids("--verdict", "misleading")) == 1
    assert len(ids("--search", "White House")) == 1  # found through the party's alias
    assert ids("--search", "no such words anywhere") == []
    table = run("list", "--db", str(db_path))
    assert table.returncode == 0
    assert table.stdout.splitlines()[0].split()[:4] == ["ID", "KIND", "STATUS", "VERDICT"]
    assert "Gedung Putih" in table.stdout
    assert table.stdout.strip().endswith("7 claim(s)")


def test_the_default_database_is_used_without_db(tmp_path: Path) -> None:
    env = {"CLAIMTRACK_DATA_DIR": str(tmp_path / "data")}
    assert run("sample", env=env).returncode == 0
    assert (tmp_path / "data" / "claims.claimtrack").is_file()
    assert len(run("list", "--format", "jsonl", env=env).stdout.splitlines()) == 7


def test_wrong_path(tmp_path: Path) -> None:
    assert_clear_failure(run("list", "--db", str(tmp_path / "nope.sqlite")), "does not exist")
    assert not (tmp_path / "nope.sqlite").exists()
    assert_clear_failure(run("list", "--db", str(tmp_path / "a" / "b.sqlite")), "does not exist")


@pytest.mark.parametrize(
    "content",
    [b"just some notes\n" * 100, b"\x00\xff" * 4096, b"SQLite format 3\x00" + b"\x00" * 84],
    ids=["text", "binary", "header-only"],
)
def test_a_file_that_is_not_a_database(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    result = run("list", "--db", str(bad))
    assert_clear_failure(result, str(bad))
    assert bad.read_bytes() == content


def test_a_database_in_use(db_path: Path) -> None:
    from claimtrack.store import open_store

    open_store(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("sample", "--db", str(db_path))  # waits out the busy timeout, then says so
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_clear_failure(result, "in use by another program")
    assert run("sample", "--db", str(db_path)).returncode == 0  # and a retry works


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("list", "--bogus"), "unrecognized arguments"),
        (("list", "--format", "xml"), "invalid choice"),
        (("list", "--kind", "rumour"), "invalid choice"),
        (("frobnicate",), "invalid choice"),
        (("list", "--article", "abc"), "invalid int value"),
    ],
)
def test_bad_options(args: tuple[str, ...], needle: str) -> None:
    assert_clear_failure(run(*args), needle)


def test_unknown_status_names_the_choices(db_path: Path) -> None:
    run("sample", "--db", str(db_path))
    result = run("list", "--db", str(db_path), "--status", "finished")
    assert_clear_failure(result, "unknown status 'finished'; choose from unreviewed")


def test_the_claimtrack_command_is_installed() -> None:
    script = Path(sys.executable).parent / "claimtrack"
    if not script.exists():
        pytest.skip("package not installed as a command in this environment")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("ClaimTrack ")


@pytest.mark.parametrize(
    ("argv", "db", "open_file"),
    [
        ([], None, None),
        (["--db", "team.sqlite"], "team.sqlite", None),
        (["--db", "list"], "list", None),  # a file named like a command, after --db
        (["--open", "a/b.sqlite", "--read-only"], None, "a/b.sqlite"),
    ],
)
def test_the_app_starts_without_a_command(argv, db, open_file) -> None:
    """Starting the app parses only the top-level options (the commands' parsers are
    built when a command or --help is asked for), and still means "gui"."""
    from claimtrack.cli import build_parser

    args = build_parser(argv).parse_args(argv)
    assert (args.command, args.db, args.open_file) == (None, db, open_file)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        (["--db", "team.sqlite"], ("team.sqlite", False)),
        (["--db=postgresql://h/d", "--read-only"], ("postgresql://h/d", True)),
        (["--open", "a/b.sqlite", "--read-only"], ("a/b.sqlite", True)),
        (["--db", "list"], ("list", False)),
        # Everything else goes through argparse: commands, help, errors.
        (["list"], None),
        (["--help"], None),
        (["--version"], None),
        (["--self-test"], None),
        (["--db"], None),
        (["--db", "--read-only"], None),
        (["--db", "a", "--db", "b"], None),
        (["--db", "a", "--open", "b"], None),
        (["--read-only=yes"], None),
    ],
)
def test_a_plain_start_of_the_window_skips_argparse(argv, expected) -> None:
    from claimtrack.cli import _plain_start, build_parser

    assert _plain_start(argv) == expected
    if expected is not None:  # the same reading as argparse's
        args = build_parser(argv).parse_args(argv)
        assert (args.open_file or args.db, args.read_only) == expected


def test_both_a_file_and_db_is_still_refused(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite"))
    assert_clear_failure(result, "either as FILE or as --db")


def test_the_window_start_does_not_import_argparse() -> None:
    code = "import sys, claimtrack.cli; print('argparse' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"
