#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:$PORT with trust auth for the user
# postgres, so every database test runs on PostgreSQL as well as SQLite. Leaves
# a server that already answers alone. Otherwise (as root, on Debian) installs
# the `postgresql` package when missing, creates the cluster when there is none,
# lets local TCP connections of user postgres in without a password, and starts it.
#
# Environment: AGENT_RISK_PG_PORT (5432), AGENT_RISK_PG_CLUSTER (main).
set -euo pipefail

PORT="${AGENT_RISK_PG_PORT:-5432}"
CLUSTER="${AGENT_RISK_PG_CLUSTER:-main}"

answers() {
  node -e "require('net').connect($PORT, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"
}

if answers; then
  echo "PostgreSQL answers on 127.0.0.1:$PORT."
  exit 0
fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "PostgreSQL does not answer on 127.0.0.1:$PORT, and this is not root on Debian: start it yourself (user postgres, trust auth for 127.0.0.1)." >&2
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null; then
  echo "Installing PostgreSQL (Debian package postgresql)…"
  apt-get update -qq
  # The package creates and starts a cluster; we configure it below.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  echo "Creating PostgreSQL $VERSION cluster $CLUSTER on port $PORT…"
  pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" >/dev/null
fi

CONF_DIR="/etc/postgresql/$VERSION/$CLUSTER"
HBA="$CONF_DIR/pg_hba.conf"
MARK="# agent-risk CI: trust local TCP connections of user postgres"
if ! grep -qF "$MARK" "$HBA"; then
  # First match wins in pg_hba.conf: these lines go on top.
  {
    echo "$MARK"
    echo "host all postgres 127.0.0.1/32 trust"
    echo "host all postgres ::1/128 trust"
    cat "$HBA"
  } >"$HBA.new"
  mv "$HBA.new" "$HBA"
  chown postgres:postgres "$HBA"
fi
pg_conftool "$VERSION" "$CLUSTER" set port "$PORT"

echo "Starting PostgreSQL $VERSION cluster $CLUSTER on 127.0.0.1:$PORT…"
if pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 == "online" { found = 1 } END { exit !found }'; then
  # Running, but not where we need it (another port or address): restart with the settings above.
  pg_ctlcluster "$VERSION" "$CLUSTER" restart
else
  pg_ctlcluster "$VERSION" "$CLUSTER" start
fi

for _ in $(seq 1 30); do
  if answers; then
    echo "PostgreSQL answers on 127.0.0.1:$PORT."
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL did not come up on 127.0.0.1:$PORT; see /var/log/postgresql/postgresql-$VERSION-$CLUSTER.log" >&2
exit 1
