#!/usr/bin/env bash
# Start-up time, idle memory and REST ingestion of the assembled distribution, on loopback, bounded in time.
# Usage: benchmarks/run-distribution.sh [clients=8] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-8}; seconds=${2:-20}
[[ -f benchmarks/target/classes/org/gatehouse/benchmarks/RestLoad.class ]] || mvn -B -q -DskipTests install -pl benchmarks -am
source benchmarks/lib-distribution.sh
sleep 30
pid=$(pgrep -f "karaf.home=$home" | head -1)
echo "idle RSS after 30 s: $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$pid/status)"
echo "warm-up round (JIT), not counted:"
java -cp benchmarks/target/classes org.gatehouse.benchmarks.RestLoad "http://127.0.0.1:$http/gatehouse/api" admin bench-pw "$clients" 15
echo "measured:"
java -cp benchmarks/target/classes org.gatehouse.benchmarks.RestLoad "http://127.0.0.1:$http/gatehouse/api" admin bench-pw "$clients" "$seconds"
echo "RSS after load: $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$pid/status)"
