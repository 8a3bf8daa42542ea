"""Word files that expand in memory, and text a parser drops (issue 15, section 7), through
the real ``claimtrack import`` in a child process whose peak memory is read from the kernel.

The bound is on memory (the child's RSS high-water mark, ru_maxrss of a wrapper's only
child); the time limit is a hang guard only, far above what these take.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fault.hostile_intake_files import (
    EMPTY_PARAGRAPH,
    STORY,
    TINY_RUN,
    deep_markdown,
    docx_of_repeats,
    docx_understating,
    html_after_big_attribute,
)

ROOT = Path(__file__).resolve().parents[2]
MEMORY_BOUND_MB = 300
HANG_GUARD_S = 120
_WRAPPER = (
    "import json, resource, subprocess, sys;"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors='replace');"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
    "print(json.dumps([p.returncode, peak, p.stdout, p.stderr]))"
)


def _import(db: Path, path: Path) -> tuple[int, float, str, str]:
    """Exit status, peak RSS in MB, stdout and stderr of ``claimtrack import path``."""
    cmd = [sys.executable, "-m", "claimtrack", "--db", str(db), "import", str(path)]
    wrapper = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *cmd],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=HANG_GUARD_S,
        check=True,
    )
    code, peak_kb, out, err = json.loads(wrapper.stdout)
    return code, peak_kb / 1024, out, err


def _articles(db: Path) -> list[str]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as con:
        return [r[0] for r in con.execute("SELECT text FROM article")]


REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "150 MB of empty paragraphs": (
        lambda p: docx_of_repeats(p, EMPTY_PARAGRAPH, 150 * 2**20),
        "would unpack to 149 MB of text markup, too much for an article",
    ),
    "150 MB of tiny runs": (
        lambda p: docx_of_repeats(p, TINY_RUN, 150 * 2**20),
        "would unpack to 149 MB of text markup, too much for an article",
    ),
    "a zip directory that says 1,000 bytes for 3 GB": (
        docx_understating,
        "is a damaged Word document (its text does not match the size or checksum",
    ),
    "a zip directory that says 15 MB for 3 GB": (
        lambda p: docx_understating(p, declared=15 * 2**20),
        "is a damaged Word document (its text does not match the size or checksum",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("label", REFUSED)
def test_word_files_that_expand_are_refused_early_in_bounded_memory(
    tmp_path: Path, label: str
) -> None:
    build, message = REFUSED[label]
    path = build(tmp_path / "story.docx")
    assert path.stat().st_size < 5 * 2**20  # small on disk: the danger is in inflating it
    db = tmp_path / "c.sqlite"
    code, peak, _out, err = _import(db, path)
    assert code == 2, (label, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimtrack: story.docx ") and message in err
    assert peak < MEMORY_BOUND_MB, f"{label}: {peak:.0f} MB"
    assert _articles(db) == []


ACCEPTED: dict[str, Callable[[Path], Path]] = {
    # the most a .docx may carry (just under the 16 MB cap on its document.xml) still imports
    "15 MB of empty paragraphs (.docx)": lambda p: docx_of_repeats(
        p.with_suffix(".docx"), EMPTY_PARAGRAPH, 15 * 2**20
    ),
    "15 MB of tiny runs in one paragraph (.docx)": lambda p: docx_of_repeats(
        p.with_suffix(".docx"), TINY_RUN, 15 * 2**20
    ),
    "3000 ever-deeper list items (.md)": lambda p: deep_markdown(p.with_suffix(".md")),
    "a 10 MB attribute before the story (.html)": lambda p: html_after_big_attribute(
        p.with_suffix(".html")
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("label", ACCEPTED)
def test_large_odd_files_import_whole_in_bounded_memory(tmp_path: Path, label: str) -> None:
    path = ACCEPTED[label](tmp_path / "story")
    db = tmp_path / "c.sqlite"
    code, peak, out, err = _import(db, path)
    assert code == 0, (label, err)
    assert out.startswith("Imported article 1: ")
    assert "warning" not in err  # nothing was dropped, so nothing to warn about
    [text] = _articles(db)
    assert all(sentence in text for sentence in STORY), label
    assert peak < MEMORY_BOUND_MB, f"{label}: {peak:.0f} MB"
