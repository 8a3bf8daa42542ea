"""Dangerous places for a SQLite file: network shares and sync folders are named, with why."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from claimtrack.store.location import (
    check_location,
    filesystem_type,
    network_filesystem,
    parse_mountinfo,
    sync_service,
)

# A made-up machine: root on ext4, a home on btrfs, an NFS desk share, an SMB archive with a
# space in its mount point, an sshfs mount and a tmpfs mounted over part of the share.
MOUNTINFO = """\
21 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
30 21 8:3 / /home rw,relatime shared:2 - btrfs /dev/sda3 rw,space_cache
41 30 0:50 / /home/ayu/desk rw,relatime shared:7 - nfs4 fileserver:/desk rw,vers=4.2
42 21 0:51 / /mnt/news\\040archive rw,relatime - cifs //nas/archive rw,vers=3.1.1
43 30 0:52 / /home/ayu/remote rw,nosuid,nodev - fuse.sshfs ayu@bastion:/srv rw,user_id=1000
44 41 0:53 / /home/ayu/desk/scratch rw - tmpfs tmpfs rw,size=1024k
45 21 0:54 / /mnt/wsl-c rw,noatime - 9p drvfs rw,aname=drvfs
"""


def test_mountinfo_lines_give_mount_points_with_spaces_unescaped() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    assert ("/mnt/news archive", "cifs") in mounts
    assert ("/home/ayu/remote", "fuse.sshfs") in mounts
    assert parse_mountinfo("garbage without separator\n\n") == []


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/home/ayu/claims.sqlite", "btrfs"),
        ("/home/ayu/desk/claims.sqlite", "nfs4"),
        ("/home/ayu/desk/deeper/a/claims.sqlite", "nfs4"),
        ("/home/ayu/desktop/claims.sqlite", "btrfs"),  # a prefix of the name is not a mount
        ("/home/ayu/desk/scratch/claims.sqlite", "tmpfs"),  # the deeper mount wins
        ("/mnt/news archive/2025/claims.sqlite", "cifs"),
        ("/srv/claims.sqlite", "ext4"),
    ],
)
def test_the_longest_mount_point_decides_the_file_system(path: str, fstype: str) -> None:
    assert filesystem_type(PurePosixPath(path), MOUNTINFO) == fstype


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/ayu/desk/claims.sqlite", "NFS"),
        ("/mnt/news archive/claims.sqlite", "Windows/SMB share"),
        ("/home/ayu/remote/claims.sqlite", "SSHFS"),
        ("/mnt/wsl-c/Users/ayu/claims.sqlite", "9P share (a virtual machine or WSL host folder)"),
        ("/home/ayu/desk/scratch/claims.sqlite", None),
        ("/home/ayu/claims.sqlite", None),
    ],
)
def test_network_file_systems_are_named(path: str, expected: str | None) -> None:
    assert network_filesystem(Path(path), mountinfo=MOUNTINFO) == expected


def test_a_database_on_an_nfs_share_gets_a_warning_that_says_why_and_points_to_team_mode(
    tmp_path: Path,
) -> None:
    db = tmp_path / "claims.sqlite"
    fake = f"1 0 8:1 / / rw - ext4 /dev/sda1 rw\n2 1 0:9 / {tmp_path} rw - nfs srv:/x rw\n"
    warning = check_location(db, mountinfo=fake)
    assert warning is not None and warning.kind == "network" and warning.detail == "NFS"
    assert "network drive" in warning.message and "lock" in warning.message
    assert "team mode" in warning.message and "PostgreSQL" in warning.message


def test_this_machines_temporary_folder_is_not_flagged(tmp_path: Path) -> None:
    assert check_location(tmp_path / "claims.sqlite") is None


@pytest.mark.parametrize(
    ("marker", "service"),
    [
        (".stfolder", "Syncthing"),
        (".dropbox", "Dropbox"),
        (".owncloudsync.log", "Nextcloud/ownCloud"),
        ("._sync_3fa2b1c0d9e8.db", "Nextcloud/ownCloud"),
        (".tmp.drivedownload", "Google Drive"),
    ],
)
def test_sync_clients_are_recognised_by_the_markers_they_leave(
    tmp_path: Path, marker: str, service: str
) -> None:
    root = tmp_path / "shared"
    deep = root / "2026" / "elections"
    deep.mkdir(parents=True)
    (root / marker).mkdir() if marker.startswith(".st") else (root / marker).write_bytes(b"")
    warning = check_location(deep / "claims.sqlite", mountinfo="")
    assert warning is not None and warning.kind == "cloud" and warning.detail == service
    assert "Sync services copy the file" in warning.message and "team mode" in warning.message


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("Dropbox", "Dropbox"),
        ("Dropbox (Newsroom)", "Dropbox"),
        ("OneDrive - Kabar Pesisir", "OneDrive"),
        ("Google Drive", "Google Drive"),
        ("iCloud Drive", "iCloud Drive"),
        ("Nextcloud", "Nextcloud/ownCloud"),
    ],
)
def test_sync_folders_are_recognised_by_name(tmp_path: Path, folder: str, service: str) -> None:
    deep = tmp_path / folder / "desk"
    deep.mkdir(parents=True)
    assert sync_service(deep / "claims.sqlite") == service


def test_macos_cloud_storage_and_icloud_paths() -> None:
    home = Path("/Users/ayu")
    cloud = home / "Library" / "CloudStorage" / "GoogleDrive-ayu@example.org" / "My Drive"
    assert sync_service(cloud / "claims.sqlite") == "Google Drive"
    onedrive = home / "Library" / "CloudStorage" / "OneDrive-Personal" / "claims.sqlite"
    assert sync_service(onedrive) == "OneDrive"
    icloud = home / "Library" / "Mobile Documents" / "com~apple~CloudDocs" / "claims.sqlite"
    assert sync_service(icloud) == "iCloud Drive"


def test_ordinary_folders_with_similar_names_are_not_flagged(tmp_path: Path) -> None:
    for name in ("dropbox-notes", "my-onedrive-export", "sync-scripts", "Boxes"):
        folder = tmp_path / name
        folder.mkdir()
        assert sync_service(folder / "claims.sqlite") is None, name
