#!/usr/bin/env bash
# Faults: events while FakePort fails 20 % of calls with 429/503 and the processor throws RetryableException on
# 10 % of first attempts. Every accepted event must end as an entity in FakePort or a dead letter; exits 1 if not.
# Usage: examples/benchmarks/scripts/faults.sh [events] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -q -pl examples/benchmarks -am package -DskipTests
java -Xmx1g -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.FaultsBenchmark \
  "${1:-50000}" "${2:-32}" 2>&1 | grep -vE " (INFO|WARN|ERROR) " | tail -5
