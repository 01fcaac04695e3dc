#!/usr/bin/env bash
# Fetches the benchmark's pinned binary, buf 1.75.0 for linux/amd64 (npm @bufbuild/buf-linux-x64 1.75.0: 46.8 MB,
# Go 1.27.3, stripped, 58 519 functions), into ${GOBOOTCHECK_CACHE:-~/.cache/gobootcheck}/bench/buf-1.75.0/buf, and
# prints its path. The tarball and the binary are checked against pinned sha256 sums; npm pack never runs install
# scripts. The cache entry is made in a temporary folder and renamed into place (safe with concurrent callers).
set -euo pipefail
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
PACKAGE="@bufbuild/buf-linux-x64"
VERSION="1.75.0"
TGZ_SHA256="98b19d4b2b46130e083157490c54dfdcb8ea771e53204d3c6a06a2b12edd0503"
BIN_SHA256="fad1e38d6909bbb583a4da81d8c02a01046e2cd663bde7e337dd24277393764b"
DEST="$CACHE/bench/buf-$VERSION"
if [[ -x "$DEST/buf" ]] && [[ "$(cat "$DEST/.sha256" 2>/dev/null)" == "$BIN_SHA256" ]]; then
  echo "$DEST/buf"
  exit 0
fi
command -v npm >/dev/null || { echo "npm not found (apt-get install npm)" >&2; exit 2; }
mkdir -p "$CACHE/bench"
TMP="$(mktemp -d "$CACHE/bench/.buf-$VERSION.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack "$PACKAGE@$VERSION" --ignore-scripts --silent >/dev/null 2>"$TMP/npm.log") || { cat "$TMP/npm.log" >&2; exit 1; }
tgz="$TMP/bufbuild-buf-linux-x64-$VERSION.tgz"
echo "$TGZ_SHA256  $tgz" | sha256sum -c --quiet - >&2 || { echo "FATAL: $PACKAGE@$VERSION tarball does not match its pinned sha256" >&2; exit 1; }
tar -xzf "$tgz" -C "$TMP" package/bin/buf
echo "$BIN_SHA256  $TMP/package/bin/buf" | sha256sum -c --quiet - >&2 || { echo "FATAL: buf $VERSION binary does not match its pinned sha256" >&2; exit 1; }
mkdir -p "$TMP/entry"
mv "$TMP/package/bin/buf" "$TMP/entry/buf"
chmod +x "$TMP/entry/buf"
echo "$BIN_SHA256" >"$TMP/entry/.sha256"
rm -rf "$DEST.old"
[[ -e "$DEST" ]] && mv "$DEST" "$DEST.old"
mv "$TMP/entry" "$DEST"
rm -rf "$DEST.old"
echo "$DEST/buf"
