"""Very long texts: refused at once beyond the cap, read whole up to it; extraction reports
progress and can be stopped."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimtrack.extract import extract_claims
from claimtrack.services.intake import (
    MAX_EXTRACT_CHARS,
    ArticleFileError,
    article_from_text,
    propose,
)

PARAGRAPH = "The harbour master said the new quay would open in May.\n\n"


def test_a_text_beyond_the_cap_is_refused_before_any_extraction() -> None:
    text = PARAGRAPH * (MAX_EXTRACT_CHARS // len(PARAGRAPH) + 2_000)
    loaded = article_from_text(text)
    calls: list[int] = []
    with pytest.raises(ArticleFileError, match="too long to be one news article") as err:
        propose(loaded, progress=lambda done, total: calls.append(done))
    assert "1,000,000" in str(err.value) and "\n" not in str(err.value)
    assert calls == [], "refused before extraction started"


def test_a_text_at_the_cap_is_read_whole_with_progress() -> None:
    text = (PARAGRAPH * (MAX_EXTRACT_CHARS // len(PARAGRAPH))).strip()
    loaded = article_from_text(text)
    assert len(loaded.text) <= MAX_EXTRACT_CHARS
    seen: list[tuple[int, int]] = []
    proposals = propose(loaded, progress=lambda done, total: seen.append((done, total)))
    assert len(proposals) == text.count("harbour master")
    assert proposals[-1].end > len(loaded.text) - len(PARAGRAPH)
    dones = [d for d, _ in seen]
    assert len(seen) > 10 and dones == sorted(dones) and seen[-1] == (len(text), len(text))


def test_raising_from_progress_stops_extraction() -> None:
    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        extract_claims(PARAGRAPH * 5_000, progress=stop)


def test_progress_does_not_change_the_proposals() -> None:
    text = PARAGRAPH * 3_000
    assert extract_claims(text, progress=lambda d, t: None) == extract_claims(text)


def test_a_normal_article_is_read_whole() -> None:
    loaded = article_from_text(PARAGRAPH * 30)
    assert len(propose(loaded)) == 30


@pytest.mark.parametrize("command", ["import", "extract"])
def test_cli_refuses_a_huge_file_quickly_in_one_line(tmp_path, command: str) -> None:
    big = tmp_path / "dump.txt"
    big.write_text(PARAGRAPH * (3 * MAX_EXTRACT_CHARS // len(PARAGRAPH)), encoding="utf-8")
    args = [sys.executable, "-m", "claimtrack", command, str(big)]
    if command == "import":
        args += ["--db", str(tmp_path / "ct.db")]
    run = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "dump.txt is too long to be one news article" in lines[0]
    assert "Traceback" not in run.stderr and run.stdout == ""
