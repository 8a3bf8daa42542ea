"""Shared fixtures. Every test runs offscreen and with its own data and config folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

FIXTURES = Path(__file__).parent / "fixtures"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture(autouse=True)
def _isolated_profile(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep tests away from the real profile: data and settings go to temporary folders."""
    profile = tmp_path_factory.mktemp("profile")
    monkeypatch.setenv("CLAIMTRACK_DATA_DIR", str(profile / "data"))
    monkeypatch.setenv("CLAIMTRACK_CONFIG_DIR", str(profile / "config"))
    monkeypatch.setenv("CLAIMTRACK_EDITOR", "Test Editor")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claims.sqlite"


@pytest.fixture
def services(db_path: Path) -> Iterator:
    from claimtrack.services import Services
    from claimtrack.store import open_store

    store = open_store(db_path)
    yield Services(store, "Ayu")
    store.close()


@pytest.fixture
def sample(services):
    """Services over a database holding the sample dossier."""
    from claimtrack.services.sample import load_sample

    load_sample(services)
    return services
