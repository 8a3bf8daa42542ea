"""Build the interface's run-time resources into ``claimtrack/i18n/`` (not committed).

* every ``resources/translations/*.ts`` → ``claimtrack_<lang>.qm`` with pyside6-lrelease;
* the user guide (``resources/guide``: Markdown and screenshots) and the application icon,
  copied beside them, so that an installed package and a PyInstaller bundle find them as
  package data of ``claimtrack`` (the ``resources/`` folder is not part of the package).

    python scripts/build_translations.py            # quiet unless something fails
    python scripts/build_translations.py --update   # first refresh the .ts from the sources

``--update`` runs pyside6-lupdate over ``claimtrack/ui`` and ``claimtrack/app.py``; new
strings then show as unfinished until translated (a test fails on any unfinished entry).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
OUT = ROOT / "claimtrack" / "i18n"
LANGUAGES = ("id",)


def _tool(name: str) -> str:
    """The PySide6 tool beside this interpreter (the venv's), else one on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"build_translations: {name} not found (pip install PySide6-Essentials)")
    return found


def sources() -> list[Path]:
    """The files whose tr() strings are translated: the UI package and the app's root."""
    files = sorted((ROOT / "claimtrack" / "ui").rglob("*.py"))
    return [*files, ROOT / "claimtrack" / "app.py"]


def update() -> None:
    for lang in LANGUAGES:
        ts = TS_DIR / f"claimtrack_{lang}.ts"
        command = [_tool("pyside6-lupdate"), *map(str, sources()), "-locations", "none"]
        subprocess.run([*command, "-ts", str(ts)], check=True, cwd=ROOT)


def build(out: Path = OUT) -> list[Path]:
    """Compile the .ts files and copy the guide and icon; returns the .qm files written."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "__init__.py").write_text('"""Built resources: translations, guide, icon."""\n')
    written = []
    for ts in sorted(TS_DIR.glob("claimtrack_*.ts")):
        qm = out / (ts.stem + ".qm")
        result = subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, text=True
        )
        if result.returncode != 0 or not qm.exists():
            raise SystemExit(f"build_translations: lrelease failed on {ts}:\n{result.stderr}")
        written.append(qm)
    guide = out / "guide"
    shutil.rmtree(guide, ignore_errors=True)
    shutil.copytree(ROOT / "resources" / "guide", guide)
    shutil.copy2(ROOT / "resources" / "icons" / "id.claimtrack.ClaimTrack.svg", out)
    return written


def main(argv: list[str]) -> int:
    if "--update" in argv:
        update()
    build()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
