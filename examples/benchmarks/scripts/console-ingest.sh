#!/usr/bin/env bash
# Console under load: ingest at POST /integration/webhook (SQLite, a trivial processor) while the store holds
# 10 000 dead letters of 20 KB, with and without the console's dead-letters tab open in headless Chromium (it polls
# /ocean/api/dead-letters every 2 s), in the same run, rounds alternating which goes first. Counts 2xx per second
# and every non-2xx (a 503 is a refused sender). Ports 25000 (webhooks) and 25001 (console).
# Usage: examples/benchmarks/scripts/console-ingest.sh [seconds-per-round] [rounds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_PER_ROUND=${1:-15}
ROUNDS=${2:-3}
CONNECTIONS=${3:-32}
PORT=${PORT:-25000}
CONSOLE=${CONSOLE:-25001}
BODY=ocean-testkit/src/main/resources/io/ocean/testkit/fixtures/github/issues.opened.json
LUA=examples/benchmarks/scripts/post-fixture.lua
RESULTS=/tmp/ocean-console-ingest-${PORT}.txt
CHROMIUM=$(command -v chromium || command -v chromium-browser)

mvn -q -pl examples/benchmarks -am package -DskipTests -Dinvoker.skip
java -Xmx1g -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.ConsoleIngestServer \
  "$PORT" "$CONSOLE" > /tmp/ocean-console-ingest-${PORT}-server.log 2>&1 &
SERVER=$!
PAGE=""
trap 'kill $SERVER 2>/dev/null || true; [ -z "$PAGE" ] || kill $PAGE 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done

run() { # name -> "name 2xx_per_s p50 p99 non2xx"
  local out total non2xx secs
  out=$(BODY_FILE=$BODY wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency -s $LUA \
    "http://127.0.0.1:$PORT/integration/webhook")
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  secs=$(echo "$out" | awk '/requests in/ {gsub("s,","",$4); print $4}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}'); non2xx=${non2xx:-0}
  echo "$1 $(awk -v t="$total" -v n="$non2xx" -v s="$secs" 'BEGIN {printf "%.0f", (t-n)/s}') \
$(echo "$out" | awk '$1=="50%" {print $2}') $(echo "$out" | awk '$1=="99%" {print $2}') $non2xx"
}
page_open() {
  "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --user-data-dir="$(mktemp -d)" \
    "http://127.0.0.1:$CONSOLE/ocean/#dead-letters" >/dev/null 2>&1 &
  PAGE=$!
  sleep 5 # the page loads and starts polling
}
page_close() { kill $PAGE 2>/dev/null || true; wait $PAGE 2>/dev/null || true; PAGE=""; }

echo "warm-up..." >&2
run warm >/dev/null
echo "name 2xx/s p50 p99 non-2xx"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    run closed; page_open; run open; page_close
  else
    page_open; run open; page_close; run closed
  fi
done | tee "$RESULTS"
median() { grep "^$1 " "$RESULTS" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
MO=$(median open); MC=$(median closed)
echo "median 2xx/s: tab open $MO, closed $MC, ratio open/closed $(awk -v o="$MO" -v c="$MC" 'BEGIN {printf "%.2f", o/c}'); \
non-2xx with the tab open: $(grep '^open ' "$RESULTS" | awk '{s+=$5} END {print s+0}')"
curl -s "http://127.0.0.1:$CONSOLE/ocean/api/dead-letters?limit=1" | head -c 300; echo
