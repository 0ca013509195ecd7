#!/usr/bin/env bash
# Event store: inserts per second with group commit (senders wait for each answer, as request threads do), then
# claim + complete per second, for SQLite and memory, in one run.
# Usage: examples/benchmarks/scripts/store.sh [events] [senders...]
set -euo pipefail
cd "$(dirname "$0")/../../.."
events="${1:-20000}"
shift || true
senders=("${@:-1 8 32}")
mvn -q -pl examples/benchmarks -am package -DskipTests
for n in ${senders[*]}; do
  for engine in sqlite memory; do
    java -Xmx1g -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.EventStoreBenchmark \
      "$engine" "$events" "$n" 4 2>&1 | grep -E "insert:|claim\+complete:|store closed"
  done
done
