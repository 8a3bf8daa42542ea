#!/usr/bin/env bash
# Build a .deb from the one-folder bundle (run packaging/build.sh first):
#   bash packaging/build_deb.sh            # -> dist/claimtrack_<version>_<arch>.deb
# The bundle goes to /opt/claimtrack with /usr/bin/claimtrack linking to it; the desktop
# file, AppStream metainfo, MIME type and the icons go where the desktop looks for them,
# the licence to /usr/share/doc/claimtrack/copyright.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${DIST:-dist}
PYTHON=${PYTHON:-.venv/bin/python}  # the project's environment (a test passes its own)
ICONS=${ICONS:-build/icons}
APP_ID=id.claimtrack.ClaimTrack
BUNDLE="$DIST/claimtrack"
[ -x "$BUNDLE/claimtrack" ] || { echo "build_deb: no bundle in $BUNDLE; run packaging/build.sh" >&2; exit 2; }
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' claimtrack/__init__.py)
ARCH=$(dpkg --print-architecture)
ROOTFS=$(mktemp -d)
chmod 755 "$ROOTFS"
trap 'rm -rf "$ROOTFS"' EXIT

mkdir -p "$ROOTFS/opt" "$ROOTFS/usr/bin" "$ROOTFS/DEBIAN"
cp -a "$BUNDLE" "$ROOTFS/opt/claimtrack"
ln -s /opt/claimtrack/claimtrack "$ROOTFS/usr/bin/claimtrack"
share="$ROOTFS/usr/share"
install -Dm644 "packaging/linux/$APP_ID.desktop" "$share/applications/$APP_ID.desktop"
install -Dm644 "packaging/linux/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
install -Dm644 "packaging/linux/$APP_ID.mime.xml" "$share/mime/packages/$APP_ID.xml"
install -Dm644 "resources/icons/$APP_ID.svg" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
install -Dm644 LICENSE "$share/doc/claimtrack/copyright"
[ -d "$ICONS" ] || "$PYTHON" packaging/build_icons.py "$ICONS"
for png in "$ICONS"/*x*/"$APP_ID.png"; do
  size=$(basename "$(dirname "$png")")
  install -Dm644 "$png" "$share/icons/hicolor/$size/apps/$APP_ID.png"
done
SIZE_KB=$(du -sk "$ROOTFS" | cut -f1)
# Qt's X11 plugin aborts without these; the list is the one the app checks at start.
X11_DEPENDS=$("$PYTHON" -c \
  'from claimtrack.ui.platform_check import debian_packages; print(", ".join(debian_packages()))')
cat > "$ROOTFS/DEBIAN/control" <<CONTROL
Package: claimtrack
Version: $VERSION
Section: editors
Priority: optional
Architecture: $ARCH
Installed-Size: $SIZE_KB
Depends: libc6, libfontconfig1, libegl1, libdbus-1-3, $X11_DEPENDS
Maintainer: ClaimTrack developers <claimtrack@claimtrack.id>
Description: track the attributed claims in news stories
 ClaimTrack helps desk editors and fact-checkers pick out every attributed
 claim in a news story (who says what, through whom) and follow each one to
 a verdict, with notes, evidence, right of reply and reports.
CONTROL
# The desktop caches are refreshed by dpkg triggers of desktop-file-utils,
# shared-mime-info and the icon theme; nothing to run by hand.
OUT="$DIST/claimtrack_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zzstd --build "$ROOTFS" "$OUT" >/dev/null
echo "deb: $OUT ($(du -h "$OUT" | cut -f1))"
