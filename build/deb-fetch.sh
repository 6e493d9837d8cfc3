#!/usr/bin/env bash
# Fetches one Debian package with the ordinary apt client (`apt-get download NAME`), caches the .deb under
# ~/.cache/gatehouse/deb/ and extracts files from it into DEST_DIR (flat), each checked against its pinned sha256 (the
# files are pinned, not the .deb, so a rebuilt package with the same files still verifies).
#   build/deb-fetch.sh NAME DEST_DIR PATH_IN_DEB=SHA256...
set -euo pipefail
name="$1"; dest="$2"; shift 2
cache="${GATEHOUSE_DEB_CACHE:-$HOME/.cache/gatehouse/deb}"
mkdir -p "$cache" "$dest"
ok=1
for spec in "$@"; do
  f="$dest/$(basename "${spec%%=*}")"
  [[ -f "$f" ]] && echo "${spec##*=}  $f" | sha256sum -c --status - || ok=0
done
(( ok )) && exit 0
deb=$(ls "$cache"/"${name}"_*.deb 2>/dev/null | head -1 || true)
if [[ -z "$deb" ]]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "deb-fetch: apt-get is required to fetch the Debian package $name" >&2
    exit 2
  fi
  echo "deb-fetch: apt-get download $name" >&2
  (cd "$cache" && apt-get download -q "$name" >/dev/null 2>&1) || {
    apt-get update -q >/dev/null 2>&1 || true
    (cd "$cache" && apt-get download -q "$name" >/dev/null)
  }
  deb=$(ls "$cache"/"${name}"_*.deb | head -1)
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
paths=()
for spec in "$@"; do paths+=("./${spec%%=*}"); done
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" "${paths[@]}"
for spec in "$@"; do
  p="${spec%%=*}"; sha="${spec##*=}"
  if ! echo "$sha  $work/$p" | sha256sum -c --status -; then
    echo "deb-fetch: SHA-256 MISMATCH for $p of $deb: expected $sha, got $(sha256sum "$work/$p" | cut -d' ' -f1). Refusing to use it." >&2
    exit 3
  fi
  cp "$work/$p" "$dest/"
done
