#!/bin/sh
# Builds the API reference (aggregated Javadoc of the published modules, internal packages and examples left out),
# offline: no links to online Javadoc. Output: target/reports/apidocs/index.html.
set -e
cd "$(dirname "$0")/.."
mvn -q -P api-docs -Dinvoker.skip -DskipTests javadoc:aggregate "$@"
echo "API reference: $(pwd)/target/reports/apidocs/index.html"
