#!/usr/bin/env bash
# A/B of the PostgreSQL store on the ingest benchmark server: req/s at 32 connections (bare route in the same run),
# then, until the backlog is processed: commits, PostgreSQL backend CPU and JVM CPU per event.
# Usage: examples/benchmarks/scripts/postgres-ab.sh seconds rounds jar[:jvm-option]...  (e.g. /tmp/before.jar
# /tmp/after.jar:-Docean.store.postgres.writers=4); ports 22000-22003 (PG_AB_PORT_BASE); its own database pgab,
# dropped and created at start. The commits and CPU are load-independent where wall-clock req/s are not.
set -uo pipefail
cd "$(dirname "$0")/../../.."
SECS=${1:-10}; ROUNDS=${2:-2}; shift 2
B=${PG_AB_PORT_BASE:-22000}
BODY=ocean-testkit/src/main/resources/io/ocean/testkit/fixtures/github/issues.opened.json
LUA=examples/benchmarks/scripts/post-fixture.lua
P="psql -qAt -h 127.0.0.1 -U postgres"
$P -d test -c "DROP DATABASE IF EXISTS pgab" ; $P -d test -c "CREATE DATABASE pgab"
export OCEAN_BENCH_POSTGRES="jdbc:postgresql://127.0.0.1:5432/pgab?user=postgres"
clk=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
pgcpu() { local t=0; for p in $($P -d pgab -c "select pid from pg_stat_activity where datname='pgab'"); do t=$((t+$(cpu $p))); done; echo $t; }
commits() { $P -d pgab -c "select xact_commit from pg_stat_database where datname='pgab'"; }
for round in $(seq 1 $ROUNDS); do
for spec in "$@"; do jar=${spec%%:*}; opts=""; [ "$spec" != "$jar" ] && opts=${spec#*:}
  $P -d pgab -c "DROP SCHEMA IF EXISTS bench_ingest CASCADE" 2>/dev/null
  java -Xmx1g $opts -jar $jar $B $((B+1)) $((B+2)) $((B+3)) > /tmp/pg-ab-server.log 2>&1 &
  S=$!
  for _ in $(seq 1 60); do curl -sf http://127.0.0.1:$((B+3))/health/ready >/dev/null && break; sleep 1; done
  BODY_FILE=$BODY wrk -t2 -c32 -d5s -s $LUA http://127.0.0.1:$((B+3))/integration/webhook >/dev/null
  BODY_FILE=$BODY wrk -t2 -c32 -d5s -s $LUA http://127.0.0.1:$((B+1))/bare >/dev/null
  for _ in $(seq 1 120); do [ "$($P -d pgab -c 'select count(*) from bench_ingest.events')" = 0 ] && break; sleep 0.5; done
  bare=$(BODY_FILE=$BODY wrk -t2 -c32 -d${SECS}s -s $LUA http://127.0.0.1:$((B+1))/bare | awk '/Requests\/sec/ {print $2}')
  c0=$(commits); j0=$(cpu $S); g0=$(pgcpu); t0=$(date +%s.%N)
  out=$(BODY_FILE=$BODY wrk -t2 -c32 -d${SECS}s -s $LUA http://127.0.0.1:$((B+3))/integration/webhook)
  c1=$(commits); j1=$(cpu $S); g1=$(pgcpu)
  total=$(echo "$out" | awk '/requests in/ {print $1}'); non=$(echo "$out" | awk '/Non-2xx/ {print $5}'); non=${non:-0}
  ok=$((total-non))
  for _ in $(seq 1 240); do [ "$($P -d pgab -c 'select count(*) from bench_ingest.events')" = 0 ] && break; sleep 0.25; done
  t2=$(date +%s.%N); c2=$(commits); j2=$(cpu $S); g2=$(pgcpu)
  awk -v name=$(basename $jar)${opts:+[w${opts##*=}]} -v ok=$ok -v s=$SECS -v bare=$bare -v c0=$c0 -v c1=$c1 -v c2=$c2 -v j0=$j0 -v j2=$j2 -v g0=$g0 -v g2=$g2 -v clk=$clk -v t0=$t0 -v t2=$t2 -v non=$non 'BEGIN {
    printf "%-16s pg %6.0f req/s bare %6.0f ratio %.3f non2xx %d | events %d drained in %.1fs | commits/event ingest %.3f all %.3f | ms CPU/event jvm %.2f pg %.2f\n",
      name, ok/s, bare, ok/s/bare, non, ok, t2-t0, (c1-c0)/ok, (c2-c0)/ok, (j2-j0)*1000/clk/ok, (g2-g0)*1000/clk/ok }'
  kill $S; wait $S 2>/dev/null
done
done
