#!/usr/bin/env bash
# Web console: first load (bytes, time to interactive) and event -> browser delay, against the assembled
# distribution on loopback, with Debian's chromium driven by playwright-core (from the console's node_modules).
# Usage: benchmarks/run-console.sh [loads=10] [events=100]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d bundles/console/src/main/webapp/node_modules/playwright-core ]] || bash build/console-build.sh bundles/console/src/main/webapp bundles/console/target/webapp
source benchmarks/lib-distribution.sh
until curl -sf -m 2 -u admin:bench-pw "http://127.0.0.1:$http/gatehouse/api/duty" | grep -q demo-leader-night; do sleep 0.5; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
node benchmarks/console/console-bench.mjs "http://127.0.0.1:$http" admin bench-pw "${1:-10}" "${2:-100}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
