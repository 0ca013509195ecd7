#!/usr/bin/env bash
# Ingest benchmark: accepted events per second at POST /integration/webhook (Ocean, trivial processor, a group
# key) on the SQLite store (each 200 after a commit to disk), on the memory store, on PostgreSQL when it answers, and
# on SQLite with the console on (cfg.console.enabled: every event recorded for /ocean/), against a bare Javalin route
# that parses JSON into a queue, in the same run. Only 2xx answers count. Each round starts with every Ocean server
# idle (GET /bench/idle), so no round shares the CPU with the processing of the round before it. The ports are variables so that a run does
# not collide with another on the same machine.
# Usage: [JAVA_OPTS=...] examples/benchmarks/scripts/ingest.sh [seconds-per-round] [rounds] [connections]
# (JAVA_OPTS goes to the server JVM, e.g. -XX:StartFlightRecording=filename=/tmp/ingest.jfr to profile;
#  BENCH_JAR=/tmp/before.jar INGEST_SKIP_BUILD=1 measures another build's servers, for a before/after on one machine)
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_PER_ROUND=${1:-15}
ROUNDS=${2:-3}
CONNECTIONS=${3:-32}
OCEAN_PORT=${OCEAN_PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
MEMORY_PORT=${MEMORY_PORT:-18082}
POSTGRES_PORT=${POSTGRES_PORT:-18083}
CONSOLE_PORT=${CONSOLE_PORT:-18084}
# PostgreSQL joins the run when it answers (a fresh schema bench_ingest each run).
POSTGRES=""
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  POSTGRES=$POSTGRES_PORT
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS bench_ingest CASCADE" >/dev/null
fi
BODY=ocean-testkit/src/main/resources/io/ocean/testkit/fixtures/github/issues.opened.json
LUA=examples/benchmarks/scripts/post-fixture.lua
RESULTS=/tmp/ocean-ingest-${OCEAN_PORT}.txt

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -n "${INGEST_SKIP_BUILD:-}" ] || mvn -q -pl examples/benchmarks -am package -DskipTests
java -Xmx1g ${JAVA_OPTS:-} -jar "${BENCH_JAR:-examples/benchmarks/target/ocean-benchmarks.jar}" $OCEAN_PORT $BARE_PORT $MEMORY_PORT "${POSTGRES:--}" \
  $CONSOLE_PORT > /tmp/ocean-ingest-${OCEAN_PORT}-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$CONSOLE_PORT/health/ready" >/dev/null && break; sleep 1; done

# Before each measured round every Ocean server must have processed what earlier rounds left it: processing runs
# in the server that accepted, so a backlog would take CPU from whichever server is measured next. The drain time is
# printed to stderr (how long processing lagged behind intake).
drain() {
  local port head ms
  for port in $OCEAN_PORT $MEMORY_PORT $CONSOLE_PORT $POSTGRES; do
    head=$(curl -s -o /dev/null -D - --max-time 130 "http://127.0.0.1:$port/bench/idle" | tr -d '\r')
    if ! echo "$head" | grep -q '^HTTP/1.1 204'; then
      echo "  (port $port did not become idle within 120 s: the next round is not isolated)" >&2; continue
    fi
    ms=$(echo "$head" | awk -F': ' 'tolower($1)=="x-drained-millis" {print $2}')
    [ "${ms:-0}" -lt 1000 ] || echo "  (port $port drained its backlog in $ms ms)" >&2
  done
}

run() { # name url seconds -> "name 2xx_per_s p50 p99 non2xx"
  local out total non2xx secs
  drain
  out=$(BODY_FILE=$BODY wrk -t2 -c"$CONNECTIONS" -d"${3}s" --latency -s $LUA "$2")
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  secs=$(echo "$out" | awk '/requests in/ {gsub("s,","",$4); print $4}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}'); non2xx=${non2xx:-0}
  echo "$1 $(awk -v t="$total" -v n="$non2xx" -v s="$secs" 'BEGIN {printf "%.0f", (t-n)/s}') \
$(echo "$out" | awk '$1=="50%" {print $2}') $(echo "$out" | awk '$1=="99%" {print $2}') $non2xx"
}

echo "warm-up..." >&2
run bare "http://127.0.0.1:$BARE_PORT/bare" 10 >/dev/null
run sqlite "http://127.0.0.1:$OCEAN_PORT/integration/webhook" 10 >/dev/null
run memory "http://127.0.0.1:$MEMORY_PORT/integration/webhook" 10 >/dev/null
if [ -n "$POSTGRES" ]; then
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$POSTGRES_PORT/health/ready" >/dev/null && break; sleep 1; done
  run postgres "http://127.0.0.1:$POSTGRES_PORT/integration/webhook" 10 >/dev/null
fi
run console "http://127.0.0.1:$CONSOLE_PORT/integration/webhook" 10 >/dev/null

echo "name 2xx/s p50 p99 non-2xx"
for round in $(seq 1 "$ROUNDS"); do
  run bare "http://127.0.0.1:$BARE_PORT/bare" "$SECONDS_PER_ROUND"
  # console off and on (both SQLite) take turns going first, so that neither always follows the same neighbour
  if [ $((round % 2)) -eq 1 ]; then
    run sqlite "http://127.0.0.1:$OCEAN_PORT/integration/webhook" "$SECONDS_PER_ROUND"
    run console "http://127.0.0.1:$CONSOLE_PORT/integration/webhook" "$SECONDS_PER_ROUND"
  else
    run console "http://127.0.0.1:$CONSOLE_PORT/integration/webhook" "$SECONDS_PER_ROUND"
    run sqlite "http://127.0.0.1:$OCEAN_PORT/integration/webhook" "$SECONDS_PER_ROUND"
  fi
  run memory "http://127.0.0.1:$MEMORY_PORT/integration/webhook" "$SECONDS_PER_ROUND"
  [ -z "$POSTGRES" ] || run postgres "http://127.0.0.1:$POSTGRES_PORT/integration/webhook" "$SECONDS_PER_ROUND"
done | tee "$RESULTS"
median() { grep "^$1 " "$RESULTS" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
MB=$(median bare); MS=$(median sqlite); MM=$(median memory); MC=$(median console)
echo "median 2xx/s: bare $MB, sqlite $MS (ratio $(awk -v o="$MS" -v b="$MB" 'BEGIN {printf "%.2f", o/b}')), \
memory $MM (ratio $(awk -v o="$MM" -v b="$MB" 'BEGIN {printf "%.2f", o/b}'))"
if [ -n "$POSTGRES" ]; then
  MP=$(median postgres)
  echo "median 2xx/s: postgres $MP (ratio $(awk -v o="$MP" -v b="$MB" 'BEGIN {printf "%.2f", o/b}'))"
fi
echo "median 2xx/s: sqlite with the console on $MC, console off $MS, ratio on/off $(awk -v c="$MC" -v o="$MS" 'BEGIN {printf "%.2f", c/o}')"
