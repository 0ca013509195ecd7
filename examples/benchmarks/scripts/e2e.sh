#!/usr/bin/env bash
# End-to-end benchmark: events per second from POST to entity upserted in FakePort, and the time from accepted to
# upserted (p50/p99), with the GitHub pull-request fixture, a real processor, the real mapping, batched upserts.
# Usage: examples/benchmarks/scripts/e2e.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_RUN=${1:-20}
CONNECTIONS=${2:-32}
PORT=18090
BODY=ocean-testkit/src/main/resources/io/ocean/testkit/fixtures/github/pull_request.opened.json
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
mvn -q -pl examples/benchmarks -am package -DskipTests
java -Xmx1g -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.EndToEndBenchmark $PORT \
  > /tmp/ocean-e2e-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
URL="http://127.0.0.1:$PORT/integration/webhook"
echo "warm-up (10 s)..." >&2
BODY_FILE=$BODY wrk -t2 -c"$CONNECTIONS" -d10s -s examples/benchmarks/scripts/post-pull-request.lua "$URL" >/dev/null
curl -s "http://127.0.0.1:$PORT/bench/report" >/dev/null
curl -s "http://127.0.0.1:$PORT/bench/reset" >/dev/null
BODY_FILE=$BODY wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s examples/benchmarks/scripts/post-pull-request.lua "$URL" \
  | grep -E "requests in|Requests/sec|Non-2xx|50%|99%"
curl -s "http://127.0.0.1:$PORT/bench/report"; echo
