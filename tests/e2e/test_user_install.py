"""`pip install .` as a user does it, with the pip a fresh venv brings, then an HTML import.

Old pips (before 24, the one Python 3.11 and Debian 12 ship) dropped jusText's
`lxml[html_clean]`, and every HTML import failed; the lock does not cover this path, since a
user's install resolves from pyproject.toml. Needs the package index (downloads are cached
in pip's cache, so later runs mostly reinstall); skips when it cannot be reached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.e2e, pytest.mark.slow]

_NOT_SOURCE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "screenshots",
    ".bench",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
    "tests",
    "benchmarks",
    "docs",
)

ARTICLE = """<!doctype html>
<html><head><title>Harbour fees rise again</title></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Harbour fees rise again</h1>
<p>The harbour authority said on Monday that mooring fees will rise by twelve percent next
year, the third increase in as many years.</p>
<p>"We have no other way to pay for the new breakwater," the authority's director, Maria
Santos, told reporters at the quay.</p>
<p>Fishermen's union leader Tomas Reyes said the increase would push small boats out of the
harbour, according to a statement sent to the city council.</p>
</article><footer>Copyright the Harbour Gazette</footer></body></html>
"""


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(args, capture_output=True, text=True, env=env, check=False, **kwargs)


def test_pip_install_with_the_bundled_pip_imports_html(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)  # the bundled pip, not upgraded
    python = env_dir / "bin" / "python"
    if not python.exists():
        python = env_dir / "Scripts" / "python.exe"
    pip_version = _run([str(python), "-m", "pip", "--version"]).stdout.split()[1]
    reach = _run(
        [
            str(python),
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--dest",
            str(tmp_path / "probe"),
            "lxml_html_clean",
        ],
        timeout=120,
    )
    if reach.returncode != 0:
        pytest.skip(f"package index unreachable (pip download failed): {reach.stderr[-300:]}")

    source = tmp_path / "claimtrack-src"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    installed = _run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-compile", str(source)],
        timeout=900,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]

    article = tmp_path / "harbour.html"
    article.write_text(ARTICLE, encoding="utf-8")
    scripts = python.parent
    result = _run(
        [str(scripts / "claimtrack"), "import", str(article), "--db", str(tmp_path / "d.sqlite")],
        timeout=300,
        cwd=tmp_path,  # away from the source tree: the installed package is what runs
    )
    assert result.returncode == 0, f"pip {pip_version}: {result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr
    assert "Imported article" in result.stdout, result.stdout
    listed = _run(
        [
            str(scripts / "claimtrack"),
            "list",
            "--db",
            str(tmp_path / "d.sqlite"),
            "--format",
            "jsonl",
        ],
        timeout=300,
        cwd=tmp_path,
    )
    assert "Maria Santos" in listed.stdout or "Tomas Reyes" in listed.stdout, listed.stdout
    # The build step (setup.py) put the compiled translations into the installed package.
    found = _run(
        [str(python), "-c", "from claimtrack.ui.i18n import resource_dir; print(resource_dir())"],
        cwd=tmp_path,
    )
    assert (Path(found.stdout.strip()) / "claimtrack_id.qm").is_file(), found.stdout + found.stderr
