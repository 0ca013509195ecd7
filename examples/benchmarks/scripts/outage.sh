#!/usr/bin/env bash
# Outage soak (issue 21): the GitHub example's integration against a fake GitHub API that fails every call for
# FAIL_SECONDS and then recovers, FakePort as Port; KEYS issues, EVENTS events; PROCESSES processes on PostgreSQL,
# then one process on SQLite. Reports accepted = processed + dead-lettered (+ pending), Port writes per processed
# event, per-item order, max heap after GC and the takeover warnings per process. Loopback only.
# Usage: examples/benchmarks/scripts/outage.sh [fail_seconds=60] [keys=200] [events=10000] [processes=2] [settle_seconds=600]
# Env: OUTAGE_PORT (fake GitHub, default 23300; the processes listen on the next ones), OUTAGE_STORES (default
#   "postgres sqlite"), OUTAGE_PG (jdbc:postgresql://127.0.0.1:5432/test), OUTAGE_SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../../.."
FAIL_SECONDS=${1:-60}
KEYS=${2:-200}
EVENTS=${3:-10000}
PROCESSES=${4:-2}
SETTLE=${5:-600}
PORT=${OUTAGE_PORT:-23300}
PG=${OUTAGE_PG:-jdbc:postgresql://127.0.0.1:5432/test}
[ -n "${OUTAGE_SKIP_BUILD:-}" ] || mvn -q -pl examples/benchmarks,examples/github -am package -DskipTests -Dinvoker.skip
echo "# outage.sh $FAIL_SECONDS $KEYS $EVENTS $PROCESSES $SETTLE; $(date -u +%FT%TZ); commit $(git rev-parse --short HEAD);" \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for STORE in ${OUTAGE_STORES:-postgres sqlite}; do
  DIR=$(mktemp -d /tmp/ocean-outage-$STORE-XXXX)
  if [ "$STORE" = postgres ]; then URL=$PG; N=$PROCESSES; else URL=sqlite; N=1; fi
  java -Xmx1g -cp examples/benchmarks/target/ocean-benchmarks.jar io.ocean.examples.benchmarks.OutageSoak \
    "$URL" "$N" "$FAIL_SECONDS" "$KEYS" "$EVENTS" "$PORT" "$DIR" examples/github/target/ocean-example-github.jar \
    "$SETTLE" 2> "$DIR/driver.log"
  echo "  (logs in $DIR; load after: $(cut -d' ' -f1-3 /proc/loadavg))"
done
