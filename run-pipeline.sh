#!/usr/bin/env bash
# Builds what is needed (tests skipped) and starts the embedded stack on this machine.
# Options are passed on: --data-dir=DIR (default .local-stack), --kafka-port=N, --registry-port=N, --intake-port=N,
# --dashboard-port=N, --simulator=on|off, --simulator-rate=ORDERS_PER_MINUTE, --simulator-orders=N (see README).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B install -DskipTests
exec java -jar local-stack/target/local-stack.jar "$@"
