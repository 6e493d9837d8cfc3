#!/usr/bin/env bash
# Installs the independent OPC UA client of the tests, npm node-opcua (pinned version), with the ordinary npm client
# into a cache directory (default ~/.cache/gatehouse/node-opcua-<version>), once; prints the node_modules path.
#   build/node-opcua.sh [VERSION [DIR]]
# OpcUaIT runs itests/src/test/resources/opcua/client.js with NODE_PATH set to that node_modules.
set -euo pipefail
version="${1:-2.186.4}"
dir="${2:-${GATEHOUSE_NODE_OPCUA:-$HOME/.cache/gatehouse/node-opcua-$version}}"
have() { [[ -f "$dir/node_modules/node-opcua/package.json" ]] && \
  [[ "$(node -e "console.log(require('$dir/node_modules/node-opcua/package.json').version)")" == "$version" ]]; }
if ! have; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "node-opcua: the npm client is required to install node-opcua@$version (Debian: apt-get install -y npm)" >&2
    exit 2
  fi
  mkdir -p "$dir"
  [[ -f "$dir/package.json" ]] || echo '{"name":"gatehouse-opcua-test-client","private":true}' > "$dir/package.json"
  echo "node-opcua: npm install node-opcua@$version into $dir" >&2
  (cd "$dir" && npm install --silent --no-audit --no-fund --save-exact "node-opcua@$version" >&2)
  have || { echo "node-opcua: node-opcua@$version did not install into $dir" >&2; exit 3; }
fi
echo "$dir/node_modules"
