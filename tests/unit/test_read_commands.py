"""Commands that only read never create or change a database, and say plainly what is wrong
with what they were given: an empty or foreign file, a mistyped URL, a missing article.
Run as the real command line in a subprocess; files are compared byte for byte."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def odd_files(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    foreign = tmp_path / "notes.txt"
    foreign.write_text("a shopping list, not a database\n", encoding="utf-8")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    return {"empty": empty, "foreign": foreign, "other": other}


@pytest.mark.parametrize("kind", ["empty", "foreign", "other"])
@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--format", "jsonl"],
        ["export", "--format", "csv", "-o", "out.csv"],
        ["export", "--format", "claimreview", "-o", "out.json"],
        ["check"],
    ],
)
def test_read_commands_refuse_a_file_that_is_not_ours_and_leave_it_alone(
    tmp_path: Path, odd_files: dict[str, Path], kind: str, command: list[str]
) -> None:
    target = odd_files[kind]
    before = _digest(target)
    done = _cli(*command, "--db", str(target), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    last = done.stderr.splitlines()[-1]
    assert "not a ClaimTrack database" in last or "not one of ClaimTrack's" in last, last
    assert "Traceback" not in done.stderr
    assert _digest(target) == before
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.json").exists()


def test_list_on_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite"
    done = _cli("list", "--db", str(missing), cwd=tmp_path)
    assert done.returncode == 2
    assert "does not exist" in _one_line(done.stderr)
    assert not missing.exists()


@pytest.mark.parametrize(
    ("url", "suggestion"),
    [
        ("postgres://ed@db.newsroom.example/claims", "postgresql+psycopg://ed@db.newsroom.example"),
        ("mysql://ed@db.example/claims", None),
        ("foo://bar", None),
        ("sqlite:/tmp/x.sqlite", None),
    ],
)
@pytest.mark.parametrize(
    "command",
    [["list"], ["export", "--format", "csv", "-o", "o.csv"], ["sample"], ["check"]],
)
def test_a_mistyped_url_names_the_schemes_that_work(
    tmp_path: Path, url: str, suggestion: str | None, command: list[str]
) -> None:
    done = _cli(*command, "--db", url, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    line = done.stderr.strip().splitlines()[-1]
    assert "Traceback" not in done.stderr
    assert "postgresql+psycopg://" in line and "sqlite:///" in line, line
    if suggestion:
        assert suggestion in line


def test_a_mistyped_url_never_shows_the_password(tmp_path: Path) -> None:
    done = _cli("list", "--db", "postgres://ed:hunter2@db.example/claims", cwd=tmp_path)
    assert done.returncode == 2
    assert "hunter2" not in done.stderr and "ed:***@" in done.stderr


def test_list_of_a_missing_article_says_it_does_not_exist(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    assert _cli("sample", "--db", str(db), cwd=tmp_path).returncode == 0
    done = _cli("list", "--db", str(db), "--article", "999", cwd=tmp_path)
    assert done.returncode == 2
    assert _one_line(done.stderr) == "claimtrack: Article 999 does not exist."
    assert _cli("list", "--db", str(db), "--article", "1", cwd=tmp_path).returncode == 0


def test_claimreview_says_how_many_claims_it_holds_and_how_many_it_left_out(
    tmp_path: Path,
) -> None:
    db = tmp_path / "desk.sqlite"
    assert _cli("sample", "--db", str(db), cwd=tmp_path).returncode == 0
    rows = [
        json.loads(line)
        for line in _cli("list", "--db", str(db), "--format", "jsonl", cwd=tmp_path)
        .stdout.strip()
        .splitlines()
    ]
    unrated = sum(1 for r in rows if r["verdict"] == "unrated")
    assert 0 < unrated < len(rows)  # the sample has both
    out = tmp_path / "reviews.json"
    done = _cli("export", "--db", str(db), "--format", "claimreview", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = len(rows) - unrated
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Exported {written} claim(s) to "), last
    assert f"{unrated} without a verdict were left out" in last
    assert out.read_text(encoding="utf-8").count('"ClaimReview"') == written
