#!/usr/bin/env bash
# Resync: a full resync of generated items into a FakePort in another process (items/s, heap after GC at every
# tenth of the run), then one in which 1 % of the items disappeared (stale entities deleted).
# Usage: examples/benchmarks/scripts/resync.sh [items] [pageSize] [heap]
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -q -pl examples/benchmarks -am package -DskipTests
java -Xmx"${3:-256m}" -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.ResyncBenchmark \
  "${1:-100000}" "${2:-100}" 2>&1 | grep -vE " (INFO|DEBUG) "
