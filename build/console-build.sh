#!/usr/bin/env bash
# Builds or tests the web console (bundles/console/src/main/webapp) with the machine's Node.js and npm.
#   console-build.sh SRC OUT   npm ci when the lock changed, then type-check and build into OUT
#   console-build.sh SRC test  the front end's unit tests (vitest)
# Maven runs it (bundles/console/pom.xml); nothing is downloaded but the npm packages the lock file pins.
set -euo pipefail
src=$1
what=$2
need_major=20
need_minor=19

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "console-build: Node.js >= ${need_major}.${need_minor} and npm are needed to build the web console." >&2
  echo "  Debian bookworm's own nodejs is 18, too old for Vite 8; install Node.js 20.19+ (e.g. NodeSource's nodejs 20 package)." >&2
  exit 1
fi
version=$(node -p 'process.versions.node')
major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
if (( major < need_major || (major == need_major && minor < need_minor) )); then
  echo "console-build: Node.js $version is too old; the console's toolchain (Vite 8) needs >= ${need_major}.${need_minor}." >&2
  echo "  Debian bookworm's own nodejs is 18; install Node.js 20.19+ (e.g. NodeSource's nodejs 20 package)." >&2
  exit 1
fi

cd "$src"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "console-build: installing the packages pinned in package-lock.json (npm ci)"
  npm ci --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error
fi
if [[ "$what" == test ]]; then
  exec npx --no-install vitest run
fi
exec npm run --silent build -- --outDir "$what" --emptyOutDir --logLevel warn
