#!/usr/bin/env bash
# Slow bodies: signed GitHub deliveries while N slow-loris senders hold requests open (Content-Length: 1000000, then
# one byte every 10 s, reconnecting when cut off), with the default http limits. Prints the deliveries' latency.
# Usage: examples/benchmarks/scripts/slow-loris.sh [connections] [deliveries]
set -euo pipefail
cd "$(dirname "$0")/../../.."
ulimit -n 20000 2>/dev/null || true
mvn -q -pl examples/benchmarks -am package -DskipTests
java -Xmx1g -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.SlowLorisBenchmark \
  "${1:-2000}" "${2:-50}" 2>&1 | grep -vE " (INFO|WARN|ERROR) " | tail -2
