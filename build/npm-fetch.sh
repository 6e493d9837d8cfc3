#!/usr/bin/env bash
# Fetches one npm package tarball with the ordinary npm client (`npm pack NAME@VERSION`), caches it under
# ~/.cache/gatehouse/npm/ and verifies its pinned sha256 on every use. Optionally extracts files from it.
#   build/npm-fetch.sh NAME VERSION SHA256 [DEST_DIR [PATH_IN_TARBALL...]]
# Without paths, the whole tarball is extracted into DEST_DIR. Prints the cached tarball path.
set -euo pipefail
name="$1"; version="$2"; sha="$3"; dest="${4:-}"; shift $(( $# < 4 ? $# : 4 ))
cache="${GATEHOUSE_NPM_CACHE:-$HOME/.cache/gatehouse/npm}"
mkdir -p "$cache"
file="$cache/$(printf '%s' "$name" | sed 's:^@::; s:/:-:g')-$version.tgz"

check() { echo "$sha  $1" | sha256sum -c --status -; }

if [[ -f "$file" ]] && ! check "$file"; then
  echo "npm-fetch: cached $file does not match the pinned sha256 $sha; removing it and fetching again" >&2
  rm -f "$file"
fi
if [[ ! -f "$file" ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm-fetch: the npm client is required to fetch $name@$version (Debian: apt-get install -y npm)" >&2
    exit 2
  fi
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  echo "npm-fetch: npm pack $name@$version" >&2
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
  got=$(ls "$tmp"/*.tgz | head -1)
  if ! check "$got"; then
    echo "npm-fetch: SHA-256 MISMATCH for $name@$version: expected $sha, got $(sha256sum "$got" | cut -d' ' -f1). Refusing to use it." >&2
    exit 3
  fi
  mv "$got" "$file"
fi
# Re-verify on every use (the cache may have been altered since it was written).
if ! check "$file"; then
  echo "npm-fetch: SHA-256 MISMATCH for $file: expected $sha. Refusing to use it." >&2
  exit 3
fi
if [[ -n "$dest" ]]; then
  mkdir -p "$dest"
  tar xzf "$file" -C "$dest" --no-same-owner "$@"
fi
echo "$file"
