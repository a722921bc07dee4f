#!/usr/bin/env bash
# Builds what is needed (tests skipped) and starts the embedded stack on this machine.
# Options are passed on: --data-dir=DIR (default .local-stack), --kafka-port=N, --registry-port=N, --intake-port=N,
# --dashboard-port=N, --shop-api-port=N, --shop-webhook-url=URL, --shop-webhook-port=N, --simulator=on|off,
# --simulator-rate=ORDERS_PER_MINUTE, --simulator-orders=N, --simulator-minutes=N (see README).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B install -DskipTests
# Run a copy: a rebuild rewrites local-stack.jar in place, which would break a stack running from it.
# rm first, so a copy another stack still runs from keeps its own (unlinked) file.
rm -f local-stack/target/local-stack-run.jar
cp local-stack/target/local-stack.jar local-stack/target/local-stack-run.jar
exec java -jar local-stack/target/local-stack-run.jar "$@"
