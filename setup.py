"""The build step pyproject.toml cannot declare: the interface's built resources.

The compiled translations (``.qm``), the user guide and the icon are build outputs that git
ignores (``claimtrack/i18n/``). Without this step a wheel built from a clean clone or from
the sdist has none of them, and an installed ClaimTrack stays in English whatever language
is chosen. ``build_py`` therefore runs the same code as ``scripts/build_translations.py``
(pyside6-lrelease comes from PySide6-Essentials in ``[build-system] requires``) and writes
the result into the build tree, so it lands in the wheel as package data of ``claimtrack``.
An editable install builds it into the source tree instead, where the package looks.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _build_translations():  # the module scripts/build_translations.py
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "scripts" / "build_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithResources(build_py):
    """``build_py`` that also compiles the translations and copies the guide and icon."""

    def run(self) -> None:
        super().run()
        script = _build_translations()
        if self.editable_mode:
            script.build()  # claimtrack/i18n in the source tree, as the script does
            return
        target = Path(self.build_lib) / "claimtrack" / "i18n"
        script.build(target)
        for path in sorted(target.rglob("*")):
            if path.is_file():
                self._built.append(str(path))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = [*super().get_outputs(include_bytecode), *getattr(self, "_built", [])]
        return list(dict.fromkeys(outputs))

    def initialize_options(self) -> None:
        super().initialize_options()
        self._built: list[str] = []


setup(cmdclass={"build_py": BuildPyWithResources})
