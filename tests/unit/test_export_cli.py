"""`claimtrack export` as a user runs it: the real program, every format, real readers."""

from __future__ import annotations

import csv
import io
import json
import resource
import signal
from pathlib import Path

import pytest

from tests.helpers import run_claimtrack, sample_desk

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e
claimtrack = run_claimtrack


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    return sample_desk(tmp_path_factory.mktemp("cli"))


@pytest.mark.parametrize("fmt", ["html", "pdf", "md", "docx", "csv", "xlsx", "claimreview"])
def test_every_format_from_the_command_line(desk, tmp_path: Path, fmt: str) -> None:
    db, env = desk
    out = tmp_path / f"report.{fmt}"
    args = ["export", "--db", str(db), "--format", fmt, "-o", str(out), "--organisation", "Cek"]
    result = claimtrack(*args, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    elif fmt == "docx" or fmt == "xlsx":
        assert data.startswith(b"PK")
    elif fmt == "claimreview":
        reviews = json.loads(data)
        assert {r["author"]["name"] for r in reviews} == {"Cek"}
        assert "has no verdict" in result.stderr  # the check, before export
    else:
        assert "Gedung Putih menolak berkomentar" in data.decode("utf-8-sig")
    assert "Sumber-sumber" not in data.decode("utf-8", "replace")


def test_filters_and_bad_options(desk, tmp_path: Path) -> None:
    db, env = desk
    out = tmp_path / "done.csv"
    result = claimtrack(
        "export", "--db", str(db), "--format", "csv", "--status", "done", "-o", str(out), env=env
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r[7] for r in rows] == ["Status", "Done", "Done"]
    bad = claimtrack(
        "export", "--db", str(db), "--format", "csv", "--status", "nope", "-o", str(out), env=env
    )
    assert bad.returncode == 2 and "unknown status 'nope'" in bad.stderr
    missing = claimtrack(
        "export", "--db", str(db), "--format", "md", "-o", str(tmp_path / "no" / "r.md"), env=env
    )
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
    unknown = claimtrack("export", "--db", str(db), "--format", "md", "--article", "99",
                         "-o", str(out), env=env)  # fmt: skip
    assert unknown.returncode == 2 and "article 99" in unknown.stderr.lower()


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))


@pytest.mark.slow
def test_a_write_cut_short_by_a_file_size_limit_keeps_the_old_export(desk, tmp_path) -> None:
    db, env = desk
    out = tmp_path / "report.docx"
    out.write_bytes(b"the previous export")
    result = claimtrack(
        "export", "--db", str(db), "--format", "docx", "-o", str(out), env=env,
        preexec_fn=_limit_file_size,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "File too large" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_claimreview_author_comes_from_the_preferences(desk, tmp_path: Path) -> None:
    db, env = desk
    config = Path(env["CLAIMTRACK_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    # What the app's Settings (QSettings, INI format) writes for ORGANISATION.
    (config / "claimtrack.ini").write_text('[export]\norganisation="Cek Fakta, Contoh"\n')
    out = tmp_path / "reviews.jsonld"
    result = claimtrack("export", "--db", str(db), "--format", "claimreview", "-o", str(out),
                        env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert {r["author"]["name"] for r in json.loads(out.read_text())} == {"Cek Fakta, Contoh"}
    assert "No organisation" not in result.stderr
