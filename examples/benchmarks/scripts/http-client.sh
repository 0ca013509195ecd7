#!/usr/bin/env bash
# java.net.http vs OkHttp 5 against a local WireMock (its own JVM, port 26001): req/s and allocation per request.
# Needs okhttp-jvm 5.5.1 in ~/.m2 (mvn dependency:get -Dartifact=com.squareup.okhttp3:okhttp-jvm:5.5.1).
set -euo pipefail
M2=~/.m2/repository
WIREMOCK=$M2/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar
CP=$M2/com/squareup/okhttp3/okhttp-jvm/5.5.1/okhttp-jvm-5.5.1.jar:$M2/com/squareup/okio/okio-jvm/${OKIO:-3.16.4}/okio-jvm-${OKIO:-3.16.4}.jar:$M2/org/jetbrains/kotlin/kotlin-stdlib/${KOTLIN:-2.2.21}/kotlin-stdlib-${KOTLIN:-2.2.21}.jar
PORT=${PORT:-26001}
java -jar "$WIREMOCK" --port "$PORT" --disable-banner --no-request-journal >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
until curl -sf "http://127.0.0.1:$PORT/__admin/mappings" >/dev/null; do sleep 0.2; done
curl -sf -X POST "http://127.0.0.1:$PORT/__admin/mappings" -d '{"request":{"method":"GET","url":"/projects/7/merge_requests/1"},"response":{"status":200,"headers":{"Content-Type":"application/json"},"body":"{\"id\":1,\"iid\":1,\"project_id\":7,\"title\":\"A merge request\",\"state\":\"opened\"}"}}' >/dev/null
java -cp "$CP" "$(dirname "$0")/HttpClientBench.java" "http://127.0.0.1:$PORT/projects/7/merge_requests/1" "${REQUESTS:-5000}"
