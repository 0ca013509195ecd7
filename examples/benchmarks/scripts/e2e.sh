#!/usr/bin/env bash
# End-to-end benchmark: events per second from POST to entity upserted in FakePort, and the time from accepted
# (answered 200) to upserted (p50/p99), with the GitHub pull-request fixture, a real processor, the real mapping,
# batched upserts. One run measures each store in turn, side by side: a saturating wrk run (CONNECTIONS connections)
# and a steady run at RATE events/s (paced wrk), each after a warm-up, one server process per store.
# Usage: examples/benchmarks/scripts/e2e.sh [seconds] [connections] [rate] [stores...]
#   stores: memory, sqlite, or a jdbc:postgresql:// URL (default: memory sqlite jdbc:postgresql://127.0.0.1:5432/test)
# Env: OCEAN__WEBHOOKS__* go to the servers (e.g. OCEAN__WEBHOOKS__QUEUE_CAPACITY=500); E2E_PORT (default 23090), E2E_STEADY_CONNECTIONS (16), E2E_JFR=dir (record each server with JFR, profile
#   settings, into dir/<store>.jfr), E2E_SKIP_BUILD=1, E2E_JAR (default examples/benchmarks/target/ocean-benchmarks.jar:
#   another build's jar, for an A/B in one run), E2E_TAG (a label before each line, e.g. before/after).
# Each line ends with the server process's CPU (user+sys, all its threads: Ocean, Jetty, FakePort) per event upserted.
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_RUN=${1:-20}
CONNECTIONS=${2:-32}
RATE=${3:-1000}
shift $(( $# < 3 ? $# : 3 ))
STORES=("$@")
[ ${#STORES[@]} -gt 0 ] || STORES=(memory sqlite "jdbc:postgresql://127.0.0.1:5432/test")
PORT=${E2E_PORT:-23090}
STEADY_CONNECTIONS=${E2E_STEADY_CONNECTIONS:-16}
SCRIPTS=examples/benchmarks/scripts
JAR=${E2E_JAR:-examples/benchmarks/target/ocean-benchmarks.jar}
TAG=${E2E_TAG:+$E2E_TAG }
BODY=ocean-testkit/src/main/resources/io/ocean/testkit/fixtures/github/pull_request.opened.json
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -n "${E2E_SKIP_BUILD:-}" ] || mvn -q -pl examples/benchmarks -am package -DskipTests -Dinvoker.skip
URL="http://127.0.0.1:$PORT/integration/webhook"
SERVER=
trap '[ -z "$SERVER" ] || kill $SERVER 2>/dev/null || true' EXIT

wrk_line() { # requests/s and non-2xx of a wrk output
  awk '/Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$NF} END {printf "wrk %s req/s, non-2xx %d", rps, bad}'
}
cpu_ticks() { # user+sys clock ticks of the server process so far (fields 14 and 15 of /proc/<pid>/stat)
  awk '{print $14 + $15}' "/proc/$SERVER/stat"
}
cpu_per_event() { # "<report>" <ticks before>: appends the server's CPU per event upserted in the report
  local events ticks
  events=$(sed -n 's/^\([0-9]*\) events accepted.*/\1/p' <<<"$1")
  ticks=$(( $(cpu_ticks) - $2 ))
  if [ -n "$events" ] && [ "$events" -gt 0 ]; then
    awk -v t="$ticks" -v n="$events" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "; server CPU %.1f s, %.0f us/event", t / hz, t / hz * 1e6 / n}'
  fi
}

echo "# e2e.sh $SECONDS_RUN s, $CONNECTIONS connections, steady $RATE/s on $STEADY_CONNECTIONS; $(date -u +%FT%TZ);" \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for STORE in "${STORES[@]}"; do
  NAME=${STORE%%:*}; [ "$NAME" = jdbc ] && NAME=postgresql
  JFR=()
  [ -z "${E2E_JFR:-}" ] || { mkdir -p "$E2E_JFR"; JFR=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$E2E_JFR/$NAME.jfr"); }
  java -Xmx1g "${JFR[@]}" -cp "$JAR" \
    io.ocean.examples.benchmarks.EndToEndBenchmark "$PORT" "$STORE" > "/tmp/ocean-e2e-$NAME.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
  BODY_FILE=$BODY wrk -t2 -c"$CONNECTIONS" -d10s -s $SCRIPTS/post-pull-request.lua "$URL" >/dev/null
  curl -s "http://127.0.0.1:$PORT/bench/report" >/dev/null
  curl -s "http://127.0.0.1:$PORT/bench/reset" >/dev/null
  LOAD=$(cut -d' ' -f1 /proc/loadavg)
  TICKS=$(cpu_ticks)
  FLOOD=$(BODY_FILE=$BODY wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -s $SCRIPTS/post-pull-request.lua "$URL" | wrk_line)
  REPORT=$(curl -s "http://127.0.0.1:$PORT/bench/report")
  echo "$TAG$NAME saturating (load $LOAD): $FLOOD; $REPORT$(cpu_per_event "$REPORT" "$TICKS")"
  curl -s "http://127.0.0.1:$PORT/bench/reset" >/dev/null
  LOAD=$(cut -d' ' -f1 /proc/loadavg)
  TICKS=$(cpu_ticks)
  STEADY=$(SCRIPT_DIR=$SCRIPTS BODY_FILE=$BODY RATE=$RATE CONNECTIONS=$STEADY_CONNECTIONS THREADS=2 \
    wrk -t2 -c"$STEADY_CONNECTIONS" -d"${SECONDS_RUN}s" -s $SCRIPTS/post-pull-request-paced.lua "$URL" | wrk_line)
  REPORT=$(curl -s "http://127.0.0.1:$PORT/bench/report")
  echo "$TAG$NAME steady $RATE/s (load $LOAD): $STEADY; $REPORT$(cpu_per_event "$REPORT" "$TICKS")"
  kill $SERVER; wait $SERVER 2>/dev/null || true
  if [ "$NAME" = postgresql ] && command -v psql >/dev/null; then   # Load.java's schema: bench_e2e_<pid>
    psql -q -h 127.0.0.1 -U postgres test -c "DROP SCHEMA IF EXISTS bench_e2e_$SERVER CASCADE" >/dev/null 2>&1 || true
  fi
  SERVER=
done
