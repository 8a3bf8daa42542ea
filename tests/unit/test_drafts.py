"""Drafts: a note being typed survives a crash and is offered back on the next start."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.services.drafts import DraftStore, database_key

ROOT = Path(__file__).resolve().parents[2]

# A child "app" that saves a draft of a note, says so, and then hangs until it is killed.
CHILD = """
import sys, time
from claimtrack.services.drafts import DraftStore
store = DraftStore()
store.save(sys.argv[1], 12, "notes", "Called the harbour office; they promised figures by Friday.",
           original="", base_version=3)
print("saved", flush=True)
time.sleep(120)
"""


def test_save_load_and_discard(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    db = tmp_path / "claims.sqlite"
    saved = store.save(db, 7, "notes", "first words", original="old note", base_version=2)
    draft = store.load(db, 7, "notes")
    assert draft is not None
    assert (draft.text, draft.original, draft.base_version) == ("first words", "old note", 2)
    assert draft.saved_at == saved.saved_at and draft.saved_at.tzinfo is not None
    store.save(db, 7, "notes", "first words, then more")
    assert store.load(db, 7, "notes").text == "first words, then more"  # type: ignore[union-attr]
    assert store.load(db, 7, "verdict_explanation") is None
    assert store.load(db, 8, "notes") is None
    store.discard(db, 7, "notes")
    assert store.load(db, 7, "notes") is None
    store.discard(db, 7, "notes")  # discarding twice is harmless
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == []  # no temp files left


def test_the_default_folder_is_in_the_data_directory(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMTRACK_DATA_DIR", str(tmp_path / "profile"))
    store = DraftStore()
    store.save("postgresql+psycopg://desk@server/claims", 1, "notes", "team note")
    [path] = (tmp_path / "profile" / "drafts").glob("*.json")
    assert json.loads(path.read_text())["database"] == "postgresql+psycopg://desk@server/claims"


def test_any_text_round_trips_exactly(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    odd = "Kata \u202eRTL\u202c, NUL \x00, emoji 🧾, lone \ud800 surrogate, \r\n line ends"
    store.save("db", 1, "notes", odd)
    assert store.load("db", 1, "notes").text == odd  # type: ignore[union-attr]


def test_drafts_are_kept_apart_per_database_claim_and_field(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save(tmp_path / "a.sqlite", 1, "notes", "a1")
    store.save(tmp_path / "b.sqlite", 1, "notes", "b1")
    store.save(tmp_path / "a.sqlite", 1, "verdict_explanation", "a1 verdict")
    store.save(tmp_path / "a.sqlite", 2, "notes", "a2")
    assert {d.text for d in store.all(tmp_path / "a.sqlite")} == {"a1", "a1 verdict", "a2"}
    # The same file named two ways is one database.
    relative = os.path.relpath(tmp_path / "b.sqlite")
    assert [d.text for d in store.all(relative)] == ["b1"]
    assert database_key(relative) == str((tmp_path / "b.sqlite").resolve())


def test_a_field_name_cannot_escape_the_drafts_folder(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    for bad in ("../../etc/passwd", "notes/../x", "", "Notes"):
        with pytest.raises(ValueError):
            store.save("db", 1, bad, "x")


def test_broken_or_foreign_files_in_the_folder_are_skipped(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("db", 1, "notes", "kept")
    (tmp_path / "junk.json").write_text("{not json")
    (tmp_path / "other.json").write_text(json.dumps({"format": 99}))
    (tmp_path / "half.json").write_text(json.dumps({"format": 1, "text": "x"}))
    assert [d.text for d in store.all()] == ["kept"]


def test_my_own_drafts_are_not_orphans(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("db", 1, "notes", "still typing")
    assert store.list_orphans() == []


def test_a_draft_of_a_killed_process_is_found_on_the_next_start(tmp_path: Path) -> None:
    """The crash path for real: the writer is SIGKILLed; a fresh store offers its draft."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    db = str(tmp_path / "claims.sqlite")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "saved"
        # While the writer lives, its draft is in progress, not an orphan.
        assert DraftStore().list_orphans(db) == []
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if child.stdout:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    [orphan] = DraftStore().list_orphans(db)
    assert orphan.text == "Called the harbour office; they promised figures by Friday."
    assert (orphan.claim_id, orphan.field, orphan.base_version) == (12, "notes", 3)
    assert orphan.pid == child.pid
    DraftStore().discard(db, 12, "notes")
    assert DraftStore().list_orphans(db) == []
