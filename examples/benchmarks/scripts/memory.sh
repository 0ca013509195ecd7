#!/usr/bin/env bash
# Memory: heap and RSS while 100 000 events arrive behind a stalled processor with the default limits, in a
# 512 MiB heap. 503s start at the configured capacity; no OutOfMemoryError.
# Usage: examples/benchmarks/scripts/memory.sh [events]
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -q -pl examples/benchmarks -am package -DskipTests
java -Xmx512m -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.MemoryBenchmark \
  "${1:-100000}" 2>&1 | grep -vE " (INFO|WARN|ERROR) " | tail -3
