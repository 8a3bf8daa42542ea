"""The package is whole: sdist and wheel built from a clean copy of the sources, and the
wheel installed in a fresh venv speaks Indonesian and has its guide and icon.

The translations, guide and icon are build outputs git ignores (``claimtrack/i18n/``), so
a copy of the tracked files lacks them, as a clean clone does; setup.py's build step must
make them. Built with this interpreter's setuptools and PySide6 (no build isolation), and
the fresh venv borrows this interpreter's installed dependencies through a ``.pth`` line,
so nothing is downloaded; the package itself comes from the wheel alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from claimtrack import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.e2e]

# Build outputs and caches: what a clean clone does not have (see .gitignore).
_NOT_IN_A_CLONE = {
    ".venv",
    ".git",
    "build",
    "dist",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".bench",
    "screenshots",
}


def _clean_copy(target: Path) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {n for n in names if n in _NOT_IN_A_CLONE or n.endswith(".egg-info")}
        if Path(folder).resolve() == (ROOT / "claimtrack").resolve():
            skipped.add("i18n")
        return skipped

    shutil.copytree(ROOT, target, ignore=ignore)
    assert not (target / "claimtrack" / "i18n").exists()
    return target


def _backend(hook: str, source: Path, out: Path) -> Path:
    """Run setuptools' PEP 517 hook in ``source`` as a build frontend would."""
    out.mkdir(exist_ok=True)
    code = f"from setuptools import build_meta; print(build_meta.{hook}({str(out)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=source, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist from a clean copy, then the wheel from that sdist (as pip and build do)."""
    work = tmp_path_factory.mktemp("package")
    source = _clean_copy(work / "clone")
    sdist = _backend("build_sdist", source, work / "dist")
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "unpacked", filter="data")
    (unpacked,) = (work / "unpacked").iterdir()
    wheel = _backend("build_wheel", unpacked, work / "dist")
    return {"sdist": sdist, "wheel": wheel, "work": work}


def test_the_sdist_has_resources_tests_licence_and_no_built_files(built) -> None:
    with tarfile.open(built["sdist"]) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    for needed in (
        "LICENSE",
        "CHANGELOG.md",
        "setup.py",
        "scripts/build_translations.py",
        "resources/translations/claimtrack_id.ts",
        "resources/translations/qtbase_id.ts",
        "resources/guide/guide_id.md",
        f"resources/icons/{APP_ID}.svg",
        "tests/conftest.py",
        "tests/e2e/test_package.py",
        f"packaging/linux/{APP_ID}.mime.xml",
    ):
        assert needed in names, needed
    assert not any(n.startswith("claimtrack/i18n/") for n in names)


def test_the_wheel_has_translations_guide_icon_and_licence(built) -> None:
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"claimtrack-{__version__}.dist-info/METADATA").decode()
    for needed in (
        "claimtrack/i18n/claimtrack_id.qm",
        "claimtrack/i18n/qtbase_id.qm",
        "claimtrack/i18n/guide/guide_id.md",
        "claimtrack/i18n/guide/guide_en.md",
        "claimtrack/i18n/guide/desk.png",
        f"claimtrack/i18n/{APP_ID}.svg",
        f"claimtrack-{__version__}.dist-info/licenses/LICENSE",
    ):
        assert needed in names, needed
    assert "License-Expression: GPL-3.0-or-later" in metadata
    assert "License-File: LICENSE" in metadata


_PROBE = """
import json, os
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
import claimtrack
from claimtrack import APP_ID
from claimtrack.ui import i18n
from claimtrack.ui.dialogs.guide import guide_path
app = QApplication([])
language = i18n.install_language(app, "id")
guide = guide_path()
print(json.dumps({
    "package": claimtrack.__file__,
    "language": language,
    "installed": i18n.installed_language(),
    "quit": QCoreApplication.translate("MainWindow", "&Quit"),
    "about": QCoreApplication.translate("MainWindow", "&About ClaimTrack"),
    "guide": guide.toLocalFile() if guide is not None else None,
    "icon": (i18n.resource_dir() / f"{APP_ID}.svg").is_file(),
    "source": str(i18n.source_resources()),
}))
"""


def test_the_installed_wheel_speaks_indonesian_in_a_fresh_venv(built) -> None:
    env_dir = built["work"] / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environ["QT_QPA_PLATFORM"] = "offscreen"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(built["wheel"])],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    # The dependencies (PySide6 and the rest) from this interpreter, after the venv's own
    # site-packages, where the wheel's claimtrack is.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home = built["work"] / "home"
    home.mkdir()
    probe = subprocess.run(
        [str(python), "-c", _PROBE],
        capture_output=True,
        text=True,
        env={**environ, "HOME": str(home), "CLAIMTRACK_CONFIG_DIR": str(home / "config")},
        cwd=home,  # away from the sources: only the installed package can answer
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    found = json.loads(probe.stdout.strip().splitlines()[-1])
    assert Path(found["package"]).resolve().is_relative_to(env_dir.resolve()), found
    assert found["source"] == "None"  # no resources/ folder to fall back on
    assert (found["language"], found["installed"]) == ("id", "id")
    assert found["quit"] == "&Keluar"
    assert found["about"] == "&Tentang ClaimTrack"
    assert found["guide"] and Path(found["guide"]).name == "guide_id.md", found
    assert Path(found["guide"]).resolve().is_relative_to(env_dir.resolve())
    assert found["icon"] is True
