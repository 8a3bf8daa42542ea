"""Is this database file somewhere SQLite cannot keep it safe? Network shares, sync folders.

SQLite's "How To Corrupt An SQLite Database File" names both: network file systems whose
locks do not work, and sync clients that copy a file (and its -wal) while it is written.
This module only says why and what to do instead; opening still works. No Qt.

Linux reads ``/proc/self/mountinfo``; macOS asks ``statfs`` through ``mount``'s table;
Windows asks ``GetDriveTypeW`` and treats UNC paths as network. Sync folders are found by
the markers their clients leave (``.stfolder``, ``.dropbox``, ``.sync_*.db``…) or by the
folder names they use (Dropbox, OneDrive, Google Drive, iCloud Drive, Nextcloud…).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

# File system types whose locking SQLite cannot rely on, with a readable name.
NETWORK_FILESYSTEMS: dict[str, str] = {
    "nfs": "NFS",
    "nfs4": "NFS",
    "cifs": "Windows/SMB share",
    "smb": "Windows/SMB share",
    "smb2": "Windows/SMB share",
    "smb3": "Windows/SMB share",
    "smbfs": "Windows/SMB share",
    "fuse.smbnetfs": "Windows/SMB share",
    "afpfs": "AppleShare",
    "afs": "AFS",
    "openafs": "AFS",
    "coda": "Coda",
    "ncpfs": "NetWare share",
    "9p": "9P share (a virtual machine or WSL host folder)",
    "drvfs": "Windows drive seen from WSL",
    "virtiofs": "virtual machine host folder",
    "vboxsf": "VirtualBox shared folder",
    "vmhgfs": "VMware shared folder",
    "fuse.vmhgfs-fuse": "VMware shared folder",
    "prl_fs": "Parallels shared folder",
    "ceph": "CephFS",
    "fuse.ceph": "CephFS",
    "glusterfs": "GlusterFS",
    "fuse.glusterfs": "GlusterFS",
    "lustre": "Lustre",
    "gpfs": "IBM Spectrum Scale",
    "beegfs": "BeeGFS",
    "davfs": "WebDAV",
    "fuse.davfs2": "WebDAV",
    "sshfs": "SSHFS",
    "fuse.sshfs": "SSHFS",
    "fuse.rclone": "rclone mount",
    "fuse.s3fs": "S3 bucket",
    "fuse.gcsfuse": "Cloud Storage bucket",
    "fuse.curlftpfs": "FTP mount",
    "webdav": "WebDAV",
}

# Files or folders a sync client leaves at the top of the folder it syncs.
SYNC_MARKERS: tuple[tuple[str, str], ...] = (
    (".stfolder", "Syncthing"),
    (".stignore", "Syncthing"),
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".owncloudsync.log", "Nextcloud/ownCloud"),
    (".tmp.drivedownload", "Google Drive"),
    (".tmp.driveupload", "Google Drive"),
    (".megaignore", "MEGA"),
    (".sync/ID", "Resilio Sync"),
)
_SYNC_DB = re.compile(r"^\.?_?sync_[0-9a-f]+\.db$")  # Nextcloud/ownCloud journal

# Folder names sync clients create (compared case-insensitively).
SYNC_FOLDER_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^dropbox( \(.+\))?$", re.I), "Dropbox"),
    (re.compile(r"^onedrive( - .+)?$", re.I), "OneDrive"),
    (re.compile(r"^(google ?drive|my drive|googledrive-\d+)$", re.I), "Google Drive"),
    (re.compile(r"^(icloud ?drive|com~apple~clouddocs)$", re.I), "iCloud Drive"),
    (re.compile(r"^(nextcloud|owncloud)$", re.I), "Nextcloud/ownCloud"),
    (re.compile(r"^pcloud ?drive$", re.I), "pCloud"),
    (re.compile(r"^box sync$", re.I), "Box"),
    (re.compile(r"^mega(sync)?$", re.I), "MEGA"),
)


@dataclass(frozen=True)
class LocationWarning:
    """Why a database's place is risky: ``kind`` "network" or "cloud", ``detail`` names it."""

    kind: str
    detail: str
    path: Path

    @property
    def message(self) -> str:
        if self.kind == "network":
            return (
                f"{self.path.name} is on a network drive ({self.detail}). SQLite cannot lock "
                "files reliably over a network, so two computers writing to it can damage it. "
                "Keep the database on this computer's own disk, or share the work through "
                "team mode (a PostgreSQL server)."
            )
        return (
            f"{self.path.name} is inside a {self.detail} folder. Sync services copy the file "
            "while ClaimTrack is writing it and can damage it or split it into conflicting "
            "copies. Move it out of the synced folder (keep exports or backups there "
            "instead), or share the work through team mode (a PostgreSQL server)."
        )


def check_location(
    path: Path | str,
    *,
    mountinfo: str | None = None,
    platform: str | None = None,
) -> LocationWarning | None:
    """A warning when ``path`` sits on a network file system or in a sync folder, else None.

    ``mountinfo`` and ``platform`` let tests describe another machine. Never raises: an
    unknown answer is no warning.
    """
    try:
        resolved = _resolve(Path(path))
    except (OSError, RuntimeError):
        return None
    network = network_filesystem(resolved, mountinfo=mountinfo, platform=platform)
    if network is not None:
        return LocationWarning("network", network, resolved)
    service = sync_service(resolved)
    if service is not None:
        return LocationWarning("cloud", service, resolved)
    return None


def _resolve(path: Path) -> Path:
    path = path.expanduser()
    if not path.exists():
        return path.parent.resolve() / path.name
    return path.resolve()


# ---------------------------------------------------------------- network file systems


def network_filesystem(
    path: Path, *, mountinfo: str | None = None, platform: str | None = None
) -> str | None:
    """The readable name of the network file system holding ``path``, or None."""
    platform = platform or sys.platform
    if mountinfo is not None or platform.startswith("linux"):
        if mountinfo is None:
            try:
                mountinfo = Path("/proc/self/mountinfo").read_text(
                    encoding="utf-8", errors="replace"
                )
            except OSError:
                return None
        fstype = filesystem_type(path, mountinfo)
        return _network_name(fstype) if fstype else None
    if platform == "win32":
        return _windows_network(path)
    if platform == "darwin":
        return _mac_network(path)
    return None


def _network_name(fstype: str) -> str | None:
    fstype = fstype.lower()
    if fstype in NETWORK_FILESYSTEMS:
        return NETWORK_FILESYSTEMS[fstype]
    base = fstype.split(".", 1)[-1]  # "fuse.sshfs" and plain "sshfs" alike
    return NETWORK_FILESYSTEMS.get(base)


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash as octal escapes."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) for each line of a ``/proc/<pid>/mountinfo``."""
    mounts = []
    for line in text.splitlines():
        head, sep, tail = line.partition(" - ")
        if not sep:
            continue
        fields = head.split()
        rest = tail.split()
        if len(fields) < 5 or not rest:
            continue
        mounts.append((_unescape(fields[4]), rest[0]))
    return mounts


def filesystem_type(path: PurePath, mountinfo: str) -> str | None:
    """The type of the file system whose mount point is the longest prefix of ``path``.

    Later lines win over earlier ones at the same mount point (a mount over a mount).
    """
    best: tuple[int, str] | None = None
    text = str(path)
    for point, fstype in parse_mountinfo(mountinfo):
        inside = text == point or text.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), fstype)
    return best[1] if best else None


def _windows_network(path: Path) -> str | None:  # pragma: no cover - Windows only
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith("\\\\?\\"):
        return "Windows/SMB share"
    try:
        import ctypes

        root = os.path.splitdrive(text)[0] + "\\"
        windll = ctypes.windll  # type: ignore[attr-defined]  # Windows only
        if windll.kernel32.GetDriveTypeW(root) == 4:  # DRIVE_REMOTE
            return "network drive"
    except (AttributeError, OSError):
        return None
    return None


def _mac_network(path: Path) -> str | None:  # pragma: no cover - macOS only
    """``mount`` prints "<source> on <point> (<type>, …)"; pick the longest point."""
    try:
        output = subprocess.run(
            ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    best: tuple[int, str] | None = None
    for line in output.splitlines():
        match = re.match(r"^.+ on (.+) \(([^,)]+)", line)
        if not match:
            continue
        point, fstype = match.group(1), match.group(2)
        text = str(path)
        if (text == point or text.startswith(point.rstrip("/") + "/")) and (
            best is None or len(point) > best[0]
        ):
            best = (len(point), fstype)
    if best is None:
        return None
    return _network_name(best[1]) or (
        "network drive" if best[1] in {"smbfs", "nfs", "afpfs", "webdav"} else None
    )


# ---------------------------------------------------------------- sync folders


def sync_service(path: Path) -> str | None:
    """The sync service whose folder holds ``path`` (found by marker or name), or None."""
    parts = path.parts
    if "CloudStorage" in parts:  # macOS File Provider: ~/Library/CloudStorage/<Provider>
        index = parts.index("CloudStorage")
        if index > 0 and parts[index - 1] == "Library" and index + 1 < len(parts):
            provider = parts[index + 1].split("-", 1)[0]
            return _known_name(provider) or provider
    if "Mobile Documents" in parts:
        return "iCloud Drive"
    for folder in [path.parent, *path.parent.parents]:
        found = _markers_in(folder)
        if found:
            return found
        name = _known_name(folder.name)
        if name:
            return name
    return None


def _known_name(name: str) -> str | None:
    for pattern, service in SYNC_FOLDER_NAMES:
        if pattern.match(name):
            return service
    return None


def _markers_in(folder: Path) -> str | None:
    for marker, service in SYNC_MARKERS:
        try:
            if (folder / marker).exists():
                return service
        except OSError:
            continue
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith((".sync_", "._sync_")) and _SYNC_DB.match(entry.name):
                    return "Nextcloud/ownCloud"
    except OSError:
        return None
    return None


__all__ = [
    "LocationWarning",
    "check_location",
    "filesystem_type",
    "network_filesystem",
    "parse_mountinfo",
    "sync_service",
]
