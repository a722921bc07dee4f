#!/usr/bin/env bash
# Starts an apache/kafka broker of the secure compose profile (docker-compose.secure.yml).
# The super user's password comes from the Docker secret kafka-admin; it never sits in the image or in
# the compose file. Before the image's own start script runs, this:
#  1. writes the broker's JAAS file: SCRAM-SHA-512 for clients and between brokers, PLAIN (one user,
#     admin) on the controller listener, where SCRAM cannot work (its credentials live in the metadata
#     the controllers serve);
#  2. writes the admin's client settings for the container's health check;
#  3. formats the log directory on first start with the admin's SCRAM credential (KIP-900), so the
#     contract deployer can log in and create every other user and the ACLs.
set -euo pipefail
password="$(tr -d '\r\n' < /run/secrets/kafka-admin)"
if [[ -z "$password" ]]; then
  echo "the kafka-admin secret is empty" >&2
  exit 1
fi
jaas=/tmp/kafka-server-jaas.conf
umask 077
cat > "$jaas" <<JAAS
sasl_plaintext.KafkaServer {
  org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$password";
};
controller.KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$password" user_admin="$password";
};
JAAS
# for the health check (kafka-broker-api-versions.sh --command-config)
cat > /tmp/admin-client.properties <<CLIENT
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$password";
CLIENT
export KAFKA_OPTS="${KAFKA_OPTS:-} -Djava.security.auth.login.config=$jaas"

format=/tmp/format.properties
cat > "$format" <<PROPS
process.roles=$KAFKA_PROCESS_ROLES
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS
controller.listener.names=$KAFKA_CONTROLLER_LISTENER_NAMES
listeners=$KAFKA_LISTENERS
listener.security.protocol.map=$KAFKA_LISTENER_SECURITY_PROTOCOL_MAP
inter.broker.listener.name=$KAFKA_INTER_BROKER_LISTENER_NAME
log.dirs=$KAFKA_LOG_DIRS
PROPS
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$format" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=$password]"
exec /etc/kafka/docker/run
