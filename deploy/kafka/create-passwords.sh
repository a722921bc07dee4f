#!/usr/bin/env bash
# Creates a random password for every Kafka principal of the secure profile that has none yet, in
# deploy/secrets/kafka/<user>.password (git-ignored). Kafka-native shops: pass their ids.
#   deploy/kafka/create-passwords.sh book-nook
set -euo pipefail
cd "$(dirname "$0")/../secrets"
mkdir -p kafka
chmod 700 kafka
users=(admin order-intake fraud-check stock-reservation shipping-scheduler carrier-sink shop-sync ops-dashboard ops warehouse
       schema-registry kafka-ui)
for shop in "$@"; do users+=("shop-$shop"); done
for user in "${users[@]}"; do
  file="kafka/$user.password"
  if [[ ! -s "$file" ]]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$file")
    echo "created $file"
  fi
done
