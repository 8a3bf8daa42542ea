"""RELIABILITY 4: flipped bytes in a copy of a database: no crash, a clear error, the file
moved aside and the newest good backup offered and restorable.

The flips hit the places whose damage SQLite can see: the 100-byte file header (magic,
page size, versions, payload fractions, page-1 b-tree header) and the b-tree page header
(page type, cell count) of every table's and index's root page and of pages across the
file. Flips in free space or inside a text value are not damage SQLite can detect (nor
can anyone without a checksum), so they are not counted here.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from claimtrack.cli import main
from claimtrack.domain import DamagedDatabaseError
from claimtrack.services import Services
from claimtrack.store import backup as bk
from claimtrack.store import open_store
from tests.fault.conftest import FIGURES

HEADER = (0, 3, 5, 9, 14, 16, 17, 19, 20, 21, 22, 23, 52, 100, 103, 105)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from claimtrack.services.sample import load_sample

    path = tmp_path_factory.mktemp("flips") / "desk.sqlite"
    store = open_store(path)
    services = Services(store, "Ayu")
    load_sample(services)
    article = services.articles.create("Gudang", "Petugas berkata stok aman. " * 4000).id
    for i in range(60):
        services.claims.create(article, "stok aman", start=16, end=25, notes=f"cek {i} " * 40)
    store.close()
    return path


def _places(path: Path) -> list[tuple[str, int]]:
    data = path.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    roots = conn.execute(
        "SELECT name, rootpage FROM sqlite_master WHERE rootpage > 1 ORDER BY rootpage"
    ).fetchall()
    conn.close()
    places = [(f"header byte {i}", i) for i in HEADER]
    for name, root in roots[::3]:
        places.append((f"{name} root page type", (root - 1) * page))
        places.append((f"{name} root cell count", (root - 1) * page + 3))
    for number in range(2, pages + 1, max(1, pages // 10)):
        places.append((f"page {number} type", (number - 1) * page))
    return places


def test_flipped_bytes_are_caught_moved_aside_and_restorable(
    original: Path, tmp_path: Path, capsys
) -> None:
    places = _places(original)
    assert len(places) >= 40
    for n, (label, offset) in enumerate(places):
        folder = tmp_path / f"flip{n}"
        folder.mkdir()
        db = folder / "desk.sqlite"
        shutil.copy(original, db)
        good = bk.back_up(db, "daily", rotate_after=False)
        data = bytearray(db.read_bytes())
        data[offset] ^= 0xFF
        db.write_bytes(bytes(data))

        assert main(["--db", str(db), "check"]) == 2, label
        assert "Verdict: DAMAGED" in capsys.readouterr().out, label
        with pytest.raises(DamagedDatabaseError) as caught:
            store = open_store(db)
            Services(store).claims.list()  # some damage only shows on the first read
            store.close()
        assert caught.value.path == db, label

        recovery = bk.recover_damaged(caught.value)
        assert not db.exists(), label
        assert recovery.moved_to.read_bytes() == bytes(data), label  # kept, untouched
        assert recovery.backup is not None and recovery.backup.path == good.path, label
        assert recovery.backup.claims == 67

        bk.restore_backup(recovery.backup.path, db)
        store = open_store(db)
        assert Services(store).claims.count() == 67, label
        store.close()
        shutil.rmtree(folder)
    FIGURES["faults injected (byte flips in a database copy, caught and restored)"] += len(places)
