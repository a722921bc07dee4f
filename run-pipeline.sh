#!/usr/bin/env bash
# Builds what is needed (tests skipped) and starts the embedded stack on this machine.
# Options are passed on: --data-dir=DIR (default .local-stack), --kafka-port=N, --registry-port=N.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B install -DskipTests
exec java -jar local-stack/target/local-stack.jar "$@"
