"""Shared fixtures. Every test runs offscreen and with its own data and config folders."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offscreen, on a 1920×1200 screen (the plugin's default 800×600 clamps window sizes).
_SCREEN = Path(tempfile.gettempdir()) / "claimtrack-offscreen-screen.json"
_SCREEN.write_text(
    json.dumps(
        {
            "synchronousWindowSystemEvents": False,
            "windowFrameMargins": False,
            "screens": [
                {
                    "name": "screen",
                    "x": 0,
                    "y": 0,
                    "width": 1920,
                    "height": 1200,
                    "logicalDpi": 96,
                    "logicalBaseDpi": 96,
                    "dpr": 1,
                }
            ],
        }
    )
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

FIXTURES = Path(__file__).parent / "fixtures"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture(autouse=True)
def _isolated_profile(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep tests away from the real profile: data, settings and the log go to temporary
    folders."""
    profile = tmp_path_factory.mktemp("profile")
    monkeypatch.setenv("CLAIMTRACK_DATA_DIR", str(profile / "data"))
    monkeypatch.setenv("CLAIMTRACK_CONFIG_DIR", str(profile / "config"))
    monkeypatch.setenv("CLAIMTRACK_LOG_DIR", str(profile / "logs"))
    monkeypatch.setenv("CLAIMTRACK_EDITOR", "Test Editor")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claims.sqlite"


# ------------------------------------------------------------------ backends (team mode)
# Store, service and concurrency tests in tests/unit run against SQLite and a real
# PostgreSQL server: every test there that uses ``services`` (or ``store_target``) is
# parametrised over ``backend`` unless marked ``sqlite_only``.
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: reads the SQLite file directly; not run on PostgreSQL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    if any("backend" in m.args[0] for m in metafunc.definition.iter_markers("parametrize")):
        return
    in_unit = metafunc.definition.path.parent.name == "unit"
    if in_unit and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator:
    """One PostgreSQL server for the whole session (skips when it is not installed)."""
    from tests.pg import find_bin_dir, prepare_template, start_server

    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb missing); "
            "scripts/system-deps.sh installs Debian's postgresql package"
        )
    server = start_server(bin_dir)
    try:
        prepare_template(server)
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server, request: pytest.FixtureRequest) -> str:
    """A fresh, migrated PostgreSQL database for this test, dropped afterwards."""
    name = pg_server.new_database()
    request.addfinalizer(lambda: pg_server.drop_database(name))
    return pg_server.url(name)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def store_target(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """What ``open_store`` takes for this test's backend: a file path or a server URL."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_url")
    return db_path


@pytest.fixture
def services(store_target: Path | str) -> Iterator:
    from claimtrack.services import Services
    from claimtrack.store import open_store

    store = open_store(store_target)
    yield Services(store, "Ayu")
    store.close()


@pytest.fixture
def sample(services):
    """Services over a database holding the sample dossier."""
    from claimtrack.services.sample import load_sample

    load_sample(services)
    return services
