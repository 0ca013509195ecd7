#!/usr/bin/env bash
# Memory: heap and RSS while 110 000 events of 2 KiB arrive behind a stalled processor, capacity 100 000, in a
# 256 MiB heap, on the default SQLite store. 503s start at the capacity; no OutOfMemoryError.
# Usage: examples/benchmarks/scripts/memory.sh [events] [queueCapacity] [bodyBytes]
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -q -pl examples/benchmarks -am package -DskipTests
java -Xmx256m -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.MemoryBenchmark \
  "${1:-110000}" "${2:-100000}" "${3:-2048}" 2>&1 | grep -vE " (INFO|WARN|ERROR) " | tail -3
