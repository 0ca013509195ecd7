#!/usr/bin/env bash
# Mapping benchmark, whole process: map a JSON array of 10 000 GitHub pull requests with the 8-field mapping —
# Ocean's JqEntityMapper (a JVM started per run) against jq and gojq running the equivalent program on the same
# file, timed in the same run by hyperfine. Then the in-JVM figure with JMH (entities/s).
# Usage: examples/benchmarks/scripts/mapping.sh [items]
set -euo pipefail
cd "$(dirname "$0")/../../.."
ITEMS=${1:-10000}
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need jq jq; need gojq gojq; need hyperfine hyperfine
mvn -q -pl examples/benchmarks -am package -DskipTests
JAR=examples/benchmarks/target/ocean-benchmarks.jar
FILE=/tmp/ocean-pull-requests-$ITEMS.json
java -cp $JAR io.ocean.examples.benchmarks.MapFile --write "$ITEMS" "$FILE"
PROGRAM=$(java -cp $JAR io.ocean.examples.benchmarks.MapFile --program)
# the three must agree on what they produce, line by line and field by field: keys sorted (jq -S), Ocean's empty
# "relations" (an entity always has them; the jq program has no such key) dropped
java -cp $JAR io.ocean.examples.benchmarks.MapFile "$FILE" | jq -cS 'if .relations == {} then del(.relations) else . end' > /tmp/ocean-mapping-ocean.jsonl
jq -cS "$PROGRAM" "$FILE" > /tmp/ocean-mapping-jq.jsonl
gojq -c "$PROGRAM" "$FILE" | jq -cS . > /tmp/ocean-mapping-gojq.jsonl   # gojq 0.12 has no -S
wc -l < /tmp/ocean-mapping-ocean.jsonl
if ! cmp /tmp/ocean-mapping-ocean.jsonl /tmp/ocean-mapping-jq.jsonl || ! cmp /tmp/ocean-mapping-jq.jsonl /tmp/ocean-mapping-gojq.jsonl; then
  echo "outputs differ: see /tmp/ocean-mapping-{ocean,jq,gojq}.jsonl" >&2; exit 1
fi
echo "outputs identical: Ocean, jq and gojq ($ITEMS entities, sorted keys)"
# the second java line is the same program with the JIT settings of a short-lived command (C1 only)
hyperfine --warmup 1 --runs 5 --export-markdown /tmp/ocean-mapping.md \
  "java -cp $JAR io.ocean.examples.benchmarks.MapFile $FILE > /dev/null" \
  "java -XX:TieredStopAtLevel=1 -cp $JAR io.ocean.examples.benchmarks.MapFile $FILE > /dev/null" \
  "jq -c '$PROGRAM' $FILE > /dev/null" \
  "gojq -c '$PROGRAM' $FILE > /dev/null"
cat /tmp/ocean-mapping.md
mvn -q -Pjmh -pl examples/benchmarks verify -DskipTests
