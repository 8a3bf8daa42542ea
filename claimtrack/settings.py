"""One typed registry over QSettings: every key and default is declared once, here.

Preferences (what an editor chooses) and window state (what the app remembers) live in
the same INI file under the config directory, which tests redirect with
``CLAIMTRACK_CONFIG_DIR``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from claimtrack import paths

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T


# Preferences
EDITOR_NAME: Setting[str] = Setting("identity/editor_name", "")
# The fact-checking organisation named as author of exported ClaimReview verdicts.
ORGANISATION: Setting[str] = Setting("export/organisation", "")
# Interface language: "" follows the system locale, else "en" or "id".
LANGUAGE: Setting[str] = Setting("ui/language", "")
# Export dialog defaults: PDF paper ("a4" or "letter") and redaction of protected sources.
EXPORT_PAPER: Setting[str] = Setting("export/paper", "a4")
EXPORT_REDACT: Setting[bool] = Setting("export/redact", True)
# Daily backups kept per database (store.backup.KEEP_DAYS is the default policy).
BACKUP_KEEP_DAILY: Setting[int] = Setting("backup/keep_daily", 7)
# Files
LAST_DATABASE: Setting[str] = Setting("files/last_database", "")
RECENT_DATABASES: Setting[list[str]] = Setting("files/recent_databases", [])
# Team servers (postgresql+psycopg://user@host:port/db?sslmode=…), newest first; never a password.
RECENT_SERVERS: Setting[list[str]] = Setting("team/recent_servers", [])
SAMPLE_OFFERED: Setting[bool] = Setting("files/sample_offered", False)
# Databases whose risky place (network share, sync folder) the editor was already told about
LOCATION_WARNED: Setting[list[str]] = Setting("files/location_warned", [])
# Window state
WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray())
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray())
CLAIM_COLUMNS: Setting[QByteArray] = Setting("window/claim_columns", QByteArray())
MAIN_SPLITTER: Setting[QByteArray] = Setting("window/main_splitter", QByteArray())
CENTER_SPLITTER: Setting[QByteArray] = Setting("window/center_splitter", QByteArray())
SHOW_SIDEBAR: Setting[bool] = Setting("window/show_sidebar", True)
SHOW_ARTICLE: Setting[bool] = Setting("window/show_article", True)
SHOW_DETAIL: Setting[bool] = Setting("window/show_detail", True)

MAX_RECENT = 8


class Settings:
    """Typed access: ``settings.get(EDITOR_NAME)`` is a str, whatever the INI file holds."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            path = paths.config_dir() / "claimtrack.ini"
            qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self._q = qsettings

    def get(self, setting: Setting[T]) -> T:
        raw: Any = self._q.value(setting.key, setting.default)
        default = setting.default
        if isinstance(default, bool):
            if isinstance(raw, str):
                return raw.lower() in {"true", "1", "yes"}  # type: ignore[return-value]
            return bool(raw)  # type: ignore[return-value]
        if isinstance(default, list):
            if raw in (None, ""):
                return []  # type: ignore[return-value]
            return [str(x) for x in (raw if isinstance(raw, list) else [raw])]  # type: ignore[return-value]
        if isinstance(default, QByteArray):
            return raw if isinstance(raw, QByteArray) else QByteArray()  # type: ignore[return-value]
        if isinstance(default, int):
            try:
                return int(raw)  # type: ignore[return-value]
            except (TypeError, ValueError):
                return default
        return raw if isinstance(raw, type(default)) else default

    def set(self, setting: Setting[T], value: T) -> None:
        self._q.setValue(setting.key, value)

    def add_recent_database(self, location: str) -> None:
        recent = [x for x in self.get(RECENT_DATABASES) if x != location]
        self.set(RECENT_DATABASES, [location, *recent][:MAX_RECENT])
        self.set(LAST_DATABASE, location)

    def sync(self) -> None:
        self._q.sync()
