#!/usr/bin/env bash
# System tools some tests use for real: pdftotext (poppler-utils) to read exported PDFs back,
# a PostgreSQL server for team mode, and the freedesktop validators for the desktop file
# and AppStream metainfo. Installed from Debian's packages when missing and
# when we can (root with apt-get); otherwise the tests that need them say why they skip.
set -u
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null 2>&1 || need+=(appstream)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: ${need[*]} missing and cannot be installed here; tests that need them will skip" >&2
  exit 0
fi
echo "installing ${need[*]} (Debian packages) for the tests" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "note: could not install ${need[*]}; tests that need them will skip" >&2
# The Debian package starts a cluster of its own; the tests run their own server instead.
exit 0
