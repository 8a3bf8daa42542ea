#!/usr/bin/env bash
# Build the one-folder bundle dist/claimtrack/ from a clean clone:
#   bash packaging/build.sh
# Makes .venv if missing, installs the locked set, ClaimTrack and PyInstaller into it, renders the icons,
# builds the translations, guide and icon resources, then runs the spec.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
DIST=${DIST:-dist}      # where the bundle goes (the bundle test builds into a temp folder)
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# Everything from the lock (requirements/bundle.txt: the runtime set, PyInstaller and, on
# Windows and macOS, Pillow for the .ico/.icns), checked against its hashes; then the project.
.venv/bin/python -m pip install --quiet --require-hashes -r requirements/bundle.txt
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
.venv/bin/python packaging/build_icons.py build/icons
.venv/bin/python scripts/build_translations.py
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath build/pyinstaller packaging/claimtrack.spec
echo "bundle: $DIST/claimtrack ($(du -sh "$DIST/claimtrack" | cut -f1), built in $(( $(date +%s) - start )) s)"
