"""The lock in requirements/ agrees with pyproject.toml (offline; CI fails when they drift).

`make run`, `make test` and the bundle install only what the lock pins, so a requirement
added to pyproject.toml without `make lock` would be missing there, and a pin outside
pyproject's range would test a set no user can get.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# The platforms and Pythons the README and packaging promise.
_PLATFORMS = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
    "macos": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
}
ENVIRONMENTS = [
    {**default_environment(), **platform, "python_version": py, "python_full_version": f"{py}.0"}
    for platform in _PLATFORMS.values()
    for py in ("3.11", "3.12", "3.13")
]


def _pins(name: str) -> list[tuple[Requirement, list[str]]]:
    """Each requirement of a lock file with its hashes (continuation lines joined)."""
    text = (LOCKS / name).read_text(encoding="utf-8")
    logical = re.sub(r"\\\n", " ", text)
    pins = []
    for line in logical.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        hashes = re.findall(r"--hash=(\S+)", line)
        requirement = Requirement(re.sub(r"--hash=\S+", "", line).strip())
        pins.append((requirement, hashes))
    return pins


def _pinned(pins: list[tuple[Requirement, list[str]]], name: str, env: dict) -> list[str]:
    wanted = canonicalize_name(name)
    return [
        str(spec.version)
        for req, _ in pins
        if canonicalize_name(req.name) == wanted
        and (req.marker is None or req.marker.evaluate(env))
        for spec in req.specifier
    ]


RUNTIME = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
TEST = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]]
BUILD = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
SETS = {
    "run.txt": RUNTIME + BUILD,
    "test.txt": RUNTIME + TEST + BUILD,
    "bundle.txt": RUNTIME + BUILD,
}


@pytest.mark.parametrize("lock", sorted(SETS))
def test_every_pyproject_requirement_is_pinned_inside_its_range(lock: str) -> None:
    pins = _pins(lock)
    problems = []
    for env in ENVIRONMENTS:
        where = f"{env['sys_platform']}/py{env['python_version']}"
        for wanted in SETS[lock]:
            if wanted.marker is not None and not wanted.marker.evaluate(env):
                continue
            versions = _pinned(pins, wanted.name, env)
            if len(versions) != 1:
                problems.append(f"{wanted.name}: pinned {len(versions)} times on {where}")
            elif not wanted.specifier.contains(versions[0], prereleases=True):
                problems.append(f"{wanted.name}=={versions[0]} is outside {wanted} ({where})")
    heading = f"requirements/{lock} disagrees with pyproject.toml; run `make lock`:"
    assert not problems, "\n".join([heading, *sorted(set(problems))])


@pytest.mark.parametrize("lock", [*sorted(SETS), "uv.txt"])
def test_every_pin_is_exact_and_hashed(lock: str) -> None:
    """pip --require-hashes refuses anything less, so a hand edit fails here first."""
    for requirement, hashes in _pins(lock):
        specs = list(requirement.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", requirement
        assert hashes and all(h.startswith("sha256:") for h in hashes), requirement


def test_the_sets_share_their_versions() -> None:
    """The app is tested with the versions it runs and is bundled with."""
    test = {canonicalize_name(r.name): str(r.specifier) for r, _ in _pins("test.txt")}
    for lock in ("run.txt", "bundle.txt"):
        for requirement, _ in _pins(lock):
            name = canonicalize_name(requirement.name)
            if name in test:
                assert str(requirement.specifier) == test[name], (lock, requirement)


def test_the_html_cleaner_is_a_direct_dependency() -> None:
    """Old pips drop jusText's lxml[html_clean]; every HTML import needs the cleaner."""
    names = {canonicalize_name(r.name) for r in RUNTIME}
    assert {"lxml", "lxml-html-clean"} <= names
