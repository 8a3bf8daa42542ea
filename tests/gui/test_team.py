"""Team mode in the window's parts: live signals from another process, the conflict
dialog and the connect dialog."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from sqlalchemy.engine import make_url

from claimtrack.services import Services
from claimtrack.services.merge import FieldConflict
from claimtrack.settings import RECENT_SERVERS, Settings
from claimtrack.store import open_store

ROOT = Path(__file__).resolve().parents[2]

# Process A: connects, says "ready", then saves one edit per line it reads.
EDITOR_A = """
import sys
from claimtrack.services import Services
from claimtrack.store import open_store
services = Services(open_store(sys.argv[1]), "Dimas")
print("ready", flush=True)
for n, line in enumerate(sys.stdin):
    services.claims.update(int(sys.argv[2]), notes=f"edit {n} from process A")
    print("saved", flush=True)
"""


@pytest.fixture
def claim(pg_url: str) -> int:
    services = Services(open_store(pg_url), "Ayu")
    article = services.articles.create("Dermaga", "Dermaga baru dibuka bulan Mei.").id
    made = services.claims.create(article, "Dermaga baru dibuka bulan Mei").id
    services.store.close()
    return made


def test_an_edit_in_another_process_arrives_as_a_signal_and_survives_a_lost_connection(
    qtbot, pg_url: str, claim: int
) -> None:
    from claimtrack.ui.live import LiveUpdates

    live = LiveUpdates(make_url(pg_url), backoff=(0.1, 1.0))
    states: list[str] = []
    live.connectionStateChanged.connect(states.append)
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR_A, pg_url, str(claim)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        with qtbot.waitSignal(live.connectionStateChanged, timeout=10_000) as connected:
            live.start()
        qtbot.waitUntil(lambda: live.state == "connected", timeout=10_000)
        assert connected.args in (["connecting"], ["connected"])
        assert editor.stdout is not None and editor.stdout.readline().strip() == "ready"

        with qtbot.waitSignal(
            live.changed, timeout=1000, check_params_cb=lambda c: c.touches("claim")
        ) as arrived:
            editor.stdin.write("go\n")  # type: ignore[union-attr]
            editor.stdin.flush()  # type: ignore[union-attr]
        assert arrived.args[0].updated["claim"] == frozenset({claim})

        pid = live.listener.backend_pid
        with (
            psycopg.connect(**_kwargs(pg_url), autocommit=True) as admin,
            qtbot.waitSignal(live.refreshRequested, timeout=10_000),
        ):
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        qtbot.waitUntil(lambda: states[-1] == "connected", timeout=5000)
        assert "reconnecting" in states

        with qtbot.waitSignal(live.changed, timeout=1000):
            editor.stdin.write("again\n")  # type: ignore[union-attr]
            editor.stdin.flush()  # type: ignore[union-attr]
    finally:
        live.stop()
        editor.stdin.close()  # type: ignore[union-attr]
        editor.wait(30)
        editor.stdout.close()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: states[-1] == "stopped", timeout=5000)


def _kwargs(url: str) -> dict:
    u = make_url(url)
    return {
        "host": u.host,
        "port": u.port,
        "user": u.username,
        "password": u.password,
        "dbname": u.database,
    }


# ------------------------------------------------------------------ conflict dialog


def _conflict(services: Services, other: Services, claim: int) -> FieldConflict:
    mine = services.claims.get(claim)
    other.claims.update_merging(
        claim, other.claims.get(claim), {"notes": "<b>theirs</b> note", "verdict": "false"}
    )
    with pytest.raises(FieldConflict) as caught:
        services.claims.update_merging(
            claim, mine, {"notes": "my note", "verdict": "accurate", "assignee": "Ayu"}
        )
    return caught.value


def test_conflict_dialog_shows_both_values_and_resolves_as_chosen(
    qtbot, services: Services, db_path: Path
) -> None:
    from claimtrack.ui.dialogs.conflict import MERGE, THEIRS, ConflictDialog

    article = services.articles.create("Dermaga", "Dermaga baru dibuka bulan Mei.").id
    claim = services.claims.create(article, "Dermaga baru dibuka bulan Mei").id
    other = Services(open_store(db_path), "Dimas")
    try:
        conflict = _conflict(services, other, claim)
    finally:
        other.store.close()
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs = dialog.findChild(QLabel, "notes-theirs")
    assert theirs.text() == "<b>theirs</b> note"  # shown literally, never as HTML
    assert dialog.findChild(QLabel, "notes-mine").text() == "my note"
    assert "Dimas" in dialog.windowTitle() + "".join(
        label.text() for label in dialog.findChildren(QLabel)
    )
    assert dialog.resolutions() == {"notes": "my note", "verdict": "accurate"}

    dialog.choose("verdict", THEIRS)
    dialog.choose("notes", MERGE)
    editor = dialog.merged_editor("notes")
    assert editor.isEnabled()
    assert editor.toPlainText() == "<b>theirs</b> note\nmy note"
    editor.setPlainText("merged by hand")
    choices = dialog.resolutions()
    assert choices == {"notes": "merged by hand", "verdict": "false"}

    services.claims.update_merging(claim, conflict.current, {"assignee": "Ayu", **choices})
    record = services.claims.get(claim)
    assert (record.notes, record.verdict, record.assignee) == ("merged by hand", "false", "Ayu")


# ------------------------------------------------------------------ connect dialog


def _settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "ct.ini"), QSettings.Format.IniFormat))


def test_connect_without_a_keyring_keeps_the_password_in_memory_only(qtbot, tmp_path: Path) -> None:
    from claimtrack.ui.dialogs.connect import ConnectDialog, Credentials

    settings = _settings(tmp_path)
    credentials = Credentials(use_keyring=False)
    dialog = ConnectDialog(settings, credentials)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    dialog.accept()  # nothing filled in: stays open and says what is missing
    assert dialog.result() == 0 and "host" in dialog.message.text()

    dialog.host.setText("db.desk.example")
    dialog.port.setValue(6543)
    dialog.database.setText("claims")
    dialog.user.setText("ayu")
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("require"))
    dialog.password.setText("s3cret pw/:@")
    dialog.accept()
    assert dialog.result() == 1
    url = dialog.url()
    assert url is not None and url.password == "s3cret pw/:@"
    assert make_url(dialog.store_target()).password == "s3cret pw/:@"
    assert dialog.safe_url() == (
        "postgresql+psycopg://ayu@db.desk.example:6543/claims?sslmode=require"
    )
    settings.sync()
    assert settings.get(RECENT_SERVERS) == [dialog.safe_url()]
    assert "s3cret" not in (tmp_path / "ct.ini").read_text()
    assert credentials.get("ayu@db.desk.example:6543/claims") == "s3cret pw/:@"

    # Next time (same session): the recent server fills the form, password included.
    again = ConnectDialog(settings, credentials)
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.value(), again.user.text()) == (
        "db.desk.example",
        6543,
        "ayu",
    )
    assert again.sslmode.currentData() == "require"
    assert again.password.text() == "s3cret pw/:@"
    # A new session (new Credentials, no keyring) must ask again.
    fresh = ConnectDialog(settings, Credentials(use_keyring=False))
    qtbot.addWidget(fresh)
    assert fresh.password.text() == ""


def test_connect_with_a_keyring_remembers_the_password_there(qtbot, tmp_path: Path) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    from claimtrack.ui.dialogs.connect import KEYRING_SERVICE, ConnectDialog, Credentials

    class MemoryKeyring(KeyringBackend):
        """A real keyring backend that lives in this process (no desktop keyring here)."""

        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.items.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        settings = _settings(tmp_path)
        dialog = ConnectDialog(settings, Credentials())
        qtbot.addWidget(dialog)
        assert dialog.remember.isEnabled()
        dialog.host.setText("10.1.2.3")
        dialog.user.setText("citra")
        dialog.password.setText("kunci")
        dialog.remember.setChecked(True)
        dialog.accept()
        assert backend.items == {(KEYRING_SERVICE, "citra@10.1.2.3:5432/claimtrack"): "kunci"}
        later = ConnectDialog(settings, Credentials())  # a later session
        qtbot.addWidget(later)
        assert later.password.text() == "kunci"
    finally:
        keyring.set_keyring(previous)
