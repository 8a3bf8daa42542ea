#!/usr/bin/env bash
# Build the one-folder bundle dist/claimtrack/ from a clean clone:
#   bash packaging/build.sh
# Makes .venv if missing, installs ClaimTrack and PyInstaller into it, renders the icons,
# builds the translations, guide and icon resources, then runs the spec.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
DIST=${DIST:-dist}      # where the bundle goes (the bundle test builds into a temp folder)
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet -e .
.venv/bin/python -m pip install --quiet "pyinstaller>=6.10"
# Windows and macOS want .ico/.icns: PyInstaller converts the PNG with Pillow.
[ "$(uname -s)" = Linux ] || .venv/bin/python -m pip install --quiet "pillow>=10"
.venv/bin/python packaging/build_icons.py build/icons
.venv/bin/python scripts/build_translations.py
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath build/pyinstaller packaging/claimtrack.spec
echo "bundle: $DIST/claimtrack ($(du -sh "$DIST/claimtrack" | cut -f1), built in $(( $(date +%s) - start )) s)"
