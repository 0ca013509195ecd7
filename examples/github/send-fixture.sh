#!/usr/bin/env bash
# Signs a GitHub fixture with the development secret and posts it to the running example:
#   examples/github/send-fixture.sh issues.opened [url] [secret]
# The secret defaults to $WEBHOOK_SECRET, else "dev-secret" (the README's run command sets the same).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec java -cp examples/github/target/ocean-example-github.jar io.ocean.examples.github.SendFixture "$@"
