#!/usr/bin/env bash
# For images configured through environment variables only (Confluent Schema Registry): puts the SCRAM
# login of USER, with the password of the Docker secret kafka-password, into the variable VAR, then runs
# the image's own start command.   Usage: with-kafka-login.sh VAR USER COMMAND...
set -euo pipefail
var="$1"; user="$2"; shift 2
password="$(tr -d '\r\n' < /run/secrets/kafka-password)"
export "$var=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$user\" password=\"$password\";"
exec "$@"
