"""RELIABILITY 5: another program holds the database: a clear message after the busy
timeout (not a hang), and the same edit succeeds once the lock is gone.

The holder is a separate process (as another program would be), not a second connection
in the test process. The second ClaimTrack instance (QLockFile) is tested in
tests/gui/test_backups.py; the in-process variant in tests/unit/test_store.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimtrack.domain import DatabaseInUseError
from claimtrack.services import Services
from claimtrack.store import open_store
from tests.fault.conftest import FIGURES, ROOT

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE claim SET notes = notes || ' (being edited elsewhere)'")
print("locked", flush=True)
sys.stdin.readline()
conn.execute(sys.argv[2])
conn.close()
print("released", flush=True)
"""


@pytest.mark.parametrize("ending", ["ROLLBACK", "COMMIT"])
def test_a_write_waits_then_says_in_use_and_a_retry_succeeds(db_path: Path, ending: str) -> None:
    from claimtrack.services.sample import load_sample

    store = open_store(db_path)
    load_sample(Services(store, "Ayu"))
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), ending],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "locked"
        store = open_store(db_path, busy_timeout=0.5)  # reading still works meanwhile
        services = Services(store, "Ayu")
        claim = services.claims.list()[0]
        start = time.monotonic()
        with pytest.raises(DatabaseInUseError, match="in use by another program"):
            services.claims.update(claim.id, notes="my note")
        waited = time.monotonic() - start
        assert 0.4 <= waited < 10, waited  # the busy timeout was honoured; no hang
        assert services.claims.get(claim.id).notes == claim.notes  # nothing half-saved
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        # The retry: the same edit, from a fresh read of the claim.
        fresh = services.claims.get(claim.id)
        services.claims.update(fresh.id, expected_version=fresh.version, notes="my note")
        assert services.claims.get(claim.id).notes == "my note"
        if ending == "COMMIT":  # the other program's committed work is kept as well
            assert services.claims.list()[1].notes.endswith("(being edited elsewhere)")
        store.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    FIGURES["faults injected (database locked by another process, then retried)"] += 1
