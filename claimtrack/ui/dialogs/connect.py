"""File ▸ Connect to team database…: where the shared PostgreSQL server is, and who I am.

The password goes to the system keyring when there is a usable one and the editor asks
for that; otherwise it is asked each session and held in memory only (``Credentials``,
made once by the composition root). Settings and logs only ever see the URL without it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url

from claimtrack.settings import MAX_RECENT, RECENT_SERVERS, Settings

KEYRING_SERVICE = "ClaimTrack team database"
SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")
DEFAULT_PORT = 5432


def keyring_usable() -> bool:
    """True when the keyring package has a real backend here (not the 'fail' one)."""
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring setup is the same as none
        return False
    if isinstance(backend, fail.Keyring):
        return False
    return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)


class Credentials:
    """Passwords for team servers: the keyring where usable, else this session's memory."""

    def __init__(self, use_keyring: bool | None = None) -> None:
        self._memory: dict[str, str] = {}
        self.keyring = keyring_usable() if use_keyring is None else use_keyring

    def get(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        if self.keyring:
            import keyring

            try:
                return keyring.get_password(KEYRING_SERVICE, key)
            except Exception:
                return None
        return None

    def put(self, key: str, password: str, *, remember: bool) -> bool:
        """Keep ``password`` for this session; also in the keyring when asked and usable.

        Returns whether it went to the keyring.
        """
        self._memory[key] = password
        if remember and self.keyring:
            import keyring

            try:
                keyring.set_password(KEYRING_SERVICE, key, password)
                return True
            except Exception:
                return False
        return False


def server_url(
    host: str, port: int, database: str, user: str, sslmode: str, password: str | None = None
) -> URL:
    query = {"sslmode": sslmode} if sslmode and sslmode != "prefer" else {}
    return URL.create(
        "postgresql+psycopg",
        username=user,
        password=password or None,
        host=host,
        port=port,
        database=database,
        query=query,
    )


def safe_text(url: URL) -> str:
    """The URL as settings and logs may hold it: without any password."""
    bare = URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return bare.render_as_string(hide_password=False)


def credential_key(url: URL) -> str:
    return f"{url.username}@{url.host}:{url.port or DEFAULT_PORT}/{url.database}"


class ConnectDialog(QDialog):
    def __init__(
        self, settings: Settings, credentials: Credentials, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to team database"))
        self._settings = settings
        self._credentials = credentials
        self.recent = QComboBox()
        self.recent.setObjectName("recent")
        self.recent.addItem(self.tr("(new server)"), "")
        for text in settings.get(RECENT_SERVERS):
            self.recent.addItem(text, text)
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit("claimtrack")
        self.user = QLineEdit()
        self.sslmode = QComboBox()
        for mode in SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"))
        if not credentials.keyring:
            self.remember.setEnabled(False)
            self.remember.setToolTip(
                self.tr("No system keyring here: the password is asked once per session.")
            )
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Recent"), self.recent)
        form.addRow(self.tr("Host"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("TLS"), self.sslmode)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.recent.currentIndexChanged.connect(self._fill_from_recent)
        self._url: URL | None = None
        if self.recent.count() > 1:
            self.recent.setCurrentIndex(1)

    def _fill_from_recent(self, index: int) -> None:
        text = self.recent.itemData(index)
        if not text:
            return
        try:
            url = make_url(text)
        except Exception:
            return
        self.host.setText(url.host or "")
        self.port.setValue(url.port or DEFAULT_PORT)
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")
        mode = url.query.get("sslmode", "prefer")
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(mode)))
        known = self._credentials.get(credential_key(self._typed_url()))
        self.password.setText(known or "")

    def _typed_url(self, password: str | None = None) -> URL:
        return server_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            str(self.sslmode.currentData()),
            password,
        )

    def accept(self) -> None:
        missing = [
            label
            for label, edit in (
                (self.tr("host"), self.host),
                (self.tr("database"), self.database),
                (self.tr("user"), self.user),
            )
            if not edit.text().strip()
        ]
        if missing:
            self.message.setText(self.tr("Please fill in: %1.").replace("%1", ", ".join(missing)))
            return
        password = self.password.text()
        url = self._typed_url(password)
        if password:
            self._credentials.put(credential_key(url), password, remember=self.remember.isChecked())
        text = safe_text(url)
        recent = [x for x in self._settings.get(RECENT_SERVERS) if x != text]
        self._settings.set(RECENT_SERVERS, [text, *recent][:MAX_RECENT])
        self._url = url
        super().accept()

    def url(self) -> URL | None:
        """The server to open (password included; pass it to ``open_store`` only)."""
        return self._url

    def store_target(self) -> Any:
        """``url()`` as the string ``open_store`` takes (contains the password)."""
        return self._url.render_as_string(hide_password=False) if self._url else None

    def safe_url(self) -> str | None:
        """What may be shown, logged or kept in settings."""
        return safe_text(self._url) if self._url else None
