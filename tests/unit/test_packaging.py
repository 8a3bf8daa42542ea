"""Desktop integration files: valid for the freedesktop tools, one application id everywhere.

A software centre, the file manager and the window manager match the app by this id; one
file spelling it differently means a missing icon or an "Open with" entry that never shows.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claimtrack import APP_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
SVG = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
SPEC = ROOT / "packaging" / "claimtrack.spec"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate missing (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli missing (apt-get install appstream)")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^[EW]:", result.stdout, re.MULTILINE), result.stdout


def test_one_application_id_everywhere() -> None:
    entry = _desktop()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "claimtrack %f"  # a file from the file manager opens in the app
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert SVG.is_file()
    spec = SPEC.read_text(encoding="utf-8")
    assert f'APP_ID = "{APP_ID}"' in spec


def test_desktop_file_claims_the_database_type_the_mime_file_defines() -> None:
    defined = {t.get("type") for t in ET.parse(MIME).getroot().iter(f"{MIME_NS}mime-type")}
    claimed = set(filter(None, _desktop()["MimeType"].split(";")))
    assert defined == {"application/x-claimtrack"}
    assert defined <= claimed
    provided = ET.parse(METAINFO).getroot().find("provides")
    assert provided is not None
    assert {m.text for m in provided.iter("mediatype")} <= defined


def test_metainfo_has_releases_and_content_rating() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.find("releases/release") is not None
    assert root.find("content_rating") is not None


def test_metainfo_points_at_no_address() -> None:
    """The project has no public site: any address here would be made up, so none is
    allowed (no <url>, no screenshot <image>, nothing that looks like a link)."""
    root = ET.parse(METAINFO).getroot()
    assert root.find("url") is None
    assert root.find("screenshots") is None
    for element in root.iter():
        for value in [element.text or "", *element.attrib.values()]:
            assert "://" not in value and "www." not in value, (element.tag, value)


def test_the_newest_release_is_this_version_in_metainfo_and_changelog() -> None:
    from claimtrack import __version__

    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "no <release> in the metainfo"
    newest = releases[0]  # AppStream lists the newest first
    assert newest.get("version") == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", changelog, re.M)
    released = [(v, d) for v, d in headings if v != "Unreleased"]
    assert released and released[0] == (__version__, newest.get("date"))
    assert {v for v, _ in released} == {r.get("version") for r in releases}


def test_the_mime_type_names_the_glob_and_the_sqlite_header() -> None:
    (mime,) = ET.parse(MIME).getroot().iter(f"{MIME_NS}mime-type")
    assert mime.get("type") == "application/x-claimtrack"
    assert [g.get("pattern") for g in mime.iter(f"{MIME_NS}glob")] == ["*.claimtrack"]
    assert mime.find(f"{MIME_NS}sub-class-of").get("type") == "application/vnd.sqlite3"
    magic = mime.find(f"{MIME_NS}magic")
    assert magic is not None and int(magic.get("priority", "50")) < 50  # below SQLite's own
    (match,) = magic.iter(f"{MIME_NS}match")
    assert (match.get("type"), match.get("offset")) == ("string", "0")
    assert match.get("value") == "SQLite format 3\\0"  # the file header, NUL included


_SNIFF = """
import json, sys
from PySide6.QtCore import QMimeDatabase
db = QMimeDatabase()
print(json.dumps({p: db.mimeTypeForFile(p).name() for p in sys.argv[1:]}))
"""


def test_the_desktop_recognises_a_claimtrack_file_and_leaves_other_sqlite(tmp_path: Path) -> None:
    """Installed as the .deb does, into a data folder the desktop (here Qt's QMimeDatabase,
    which reads the shared-mime-info cache) looks in."""
    tool = shutil.which("update-mime-database")
    system = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if tool is None or not system.is_file():
        pytest.skip("shared-mime-info missing (apt-get install shared-mime-info)")
    share = tmp_path / "share"
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(system, share / "mime" / "packages")
    shutil.copy(MIME, share / "mime" / "packages" / f"{APP_ID}.xml")
    subprocess.run([tool, str(share / "mime")], check=True, capture_output=True)
    import sqlite3

    files = {}
    for name in ("desk.claimtrack", "other.sqlite3", "no-suffix"):
        files[name] = tmp_path / name
        with sqlite3.connect(files[name]) as connection:
            connection.execute("CREATE TABLE t (x)")
        connection.close()
    env = {**os.environ, "XDG_DATA_HOME": str(share), "XDG_DATA_DIRS": str(share)}
    sniffed = subprocess.run(
        [sys.executable, "-c", _SNIFF, *map(str, files.values())],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = json.loads(sniffed.stdout)
    assert found[str(files["desk.claimtrack"])] == "application/x-claimtrack"
    assert found[str(files["other.sqlite3"])] == "application/vnd.sqlite3"
    assert found[str(files["no-suffix"])] == "application/vnd.sqlite3"


def test_icon_sizes_render_from_the_svg(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_icons.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    for size in (16, 32, 48, 128, 256, 512):
        png = tmp_path / f"{size}x{size}" / f"{APP_ID}.png"
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size)


# ------------------------------------------------------------------ opened from the file manager
def test_a_file_given_as_the_argument_opens_in_the_app(tmp_path: Path) -> None:
    db = tmp_path / "desk copy.sqlite"
    claimtrack = [sys.executable, "-m", "claimtrack"]
    subprocess.run([*claimtrack, "--db", str(db), "sample"], check=True, capture_output=True)
    shown = subprocess.run(
        [*claimtrack, str(db), "--self-test"], capture_output=True, text=True, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    assert "desk copy.sqlite" in shown.stdout
    assert " 0 claim(s)" not in shown.stdout


def test_a_file_and_db_together_is_a_clear_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from claimtrack.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["a.sqlite", "--db", "b.sqlite"])
    assert exit_.value.code == 2
    assert "either as FILE or as --db" in capsys.readouterr().err


def test_commands_still_win_over_the_file_argument(tmp_path: Path) -> None:
    from claimtrack.cli import _file_opens_gui

    assert _file_opens_gui(["list", "--status", "done"]) == ["list", "--status", "done"]
    assert _file_opens_gui(["--db", "x.sqlite", "sample"]) == ["--db", "x.sqlite", "sample"]
    assert _file_opens_gui(["--db", "x.sqlite"]) == ["--db", "x.sqlite"]
    assert _file_opens_gui(["f.sqlite", "--read-only"]) == ["--open", "f.sqlite", "--read-only"]
    assert _file_opens_gui(["frobnicate"]) == ["frobnicate"]  # a mistyped command stays one


def test_the_import_command_keeps_its_own_file_argument() -> None:
    from claimtrack.cli import build_parser

    args = build_parser(["import"]).parse_args(["--db", "x.sqlite", "import", "a.html"])
    assert (args.command, args.file, args.open_file, args.db) == (
        "import",
        "a.html",
        None,
        "x.sqlite",
    )


# ------------------------------------------------------------------ the .deb around a bundle
def test_the_deb_carries_the_licence_as_its_copyright_file(tmp_path: Path) -> None:
    """build_deb.sh around a stand-in bundle (the real one takes over a minute to build)."""
    if shutil.which("dpkg-deb") is None or shutil.which("dpkg") is None:
        pytest.skip("dpkg-deb missing (not a Debian system)")
    dist = tmp_path / "dist"
    bundle = dist / "claimtrack" / "claimtrack"
    bundle.parent.mkdir(parents=True)
    bundle.write_text("#!/bin/sh\necho stand-in\n")
    bundle.chmod(0o755)
    icons = str(tmp_path / "icons")
    env = {**os.environ, "DIST": str(dist), "PYTHON": sys.executable, "ICONS": icons}
    built = subprocess.run(
        ["bash", "packaging/build_deb.sh"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (deb,) = dist.glob("claimtrack_*.deb")
    unpacked = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    copyright_ = unpacked / "usr" / "share" / "doc" / "claimtrack" / "copyright"
    assert copyright_.read_bytes() == (ROOT / "LICENSE").read_bytes()
    assert copyright_.stat().st_mode & 0o777 == 0o644
    control = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "Homepage:" not in control  # no public site yet (see the metainfo test)
    assert (unpacked / "usr" / "share" / "mime" / "packages" / f"{APP_ID}.xml").is_file()


# ------------------------------------------------------------------ the bundle (opt-in: ~1.5 min)
@pytest.mark.bundle
@pytest.mark.skipif(
    os.environ.get("CLAIMTRACK_BUILD_BUNDLE") != "1",
    reason="builds the PyInstaller bundle and .deb: set CLAIMTRACK_BUILD_BUNDLE=1",
)
def test_the_bundle_starts_without_python_packages(tmp_path: Path) -> None:
    """Build from this tree, then run the bundle in an empty environment: no venv, no
    PYTHONPATH, a fresh HOME, so nothing but the bundle can supply a module or a file."""
    dist = tmp_path / "dist"
    env = {**os.environ, "DIST": str(dist)}
    subprocess.run(["bash", "packaging/build.sh"], cwd=ROOT, env=env, check=True)
    bundle = dist / "claimtrack" / "claimtrack"
    home = tmp_path / "home"
    home.mkdir()
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bundle), *args], env=clean, cwd=home, capture_output=True, text=True, timeout=120
        )

    shown = run("--self-test")
    assert shown.returncode == 0 and "self-test: window shown" in shown.stdout, shown.stderr
    db = str(home / "desk.sqlite")
    assert run("--db", db, "sample").returncode == 0  # the Alembic migrations are inside
    opened = run(db, "--self-test")  # as the file manager starts it
    assert "7 claim(s) listed" in opened.stdout, opened.stdout + opened.stderr
    for fmt in ("html", "pdf", "docx"):  # templates and the exporters' data are inside
        out = home / f"report.{fmt}"
        done = run("export", "--db", db, "--format", fmt, "-o", str(out))
        assert done.returncode == 0 and out.stat().st_size > 1000, done.stderr
    internal = dist / "claimtrack" / "_internal" / "claimtrack"
    assert (internal / "i18n" / "claimtrack_id.qm").is_file()
    assert (internal / "i18n" / "qtbase_id.qm").is_file()  # Qt's own strings in Indonesian
    assert (internal / "i18n" / "guide" / "guide_id.md").is_file()
    assert (internal / "store" / "migrations" / "versions" / "0001_initial_schema.py").is_file()

    subprocess.run(["bash", "packaging/build_deb.sh"], cwd=ROOT, env=env, check=True)
    (deb,) = dist.glob("claimtrack_*.deb")
    depends = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    # Without them Qt's X11 plugin aborts: a hard dependency, not a recommendation.
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= set(
        re.findall(r"[\w.+-]+", depends)
    ), depends
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        f"./usr/share/applications/{APP_ID}.desktop",
        f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"./usr/share/mime/packages/{APP_ID}.xml",
        f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"./usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
        "./usr/share/doc/claimtrack/copyright",
        "./opt/claimtrack/claimtrack",
        "./usr/bin/claimtrack -> /opt/claimtrack/claimtrack",
    ):
        assert path in contents, path


# ------------------------------------------------------------------ build requirements, licence
def test_the_build_can_compile_translations_and_declares_the_licence() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requires = project["build-system"]["requires"]
    runtime = [d for d in project["project"]["dependencies"] if d.startswith("PySide6")]
    # pyside6-lrelease runs at build time (setup.py), from the same PySide6 as at run time.
    assert runtime and set(runtime) <= set(requires)
    (setuptools,) = [r for r in requires if r.startswith("setuptools")]
    assert int(setuptools.split(">=")[1].split(".")[0]) >= 77  # PEP 639 license-files
    assert project["project"]["license"] == "GPL-3.0-or-later"
    assert project["project"]["license-files"] == ["LICENSE"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 3, 29 June 2007" in licence
    assert not any(c.startswith("License ::") for c in project["project"]["classifiers"])
