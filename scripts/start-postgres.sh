#!/usr/bin/env bash
# Start the local PostgreSQL server (Debian's postgresql package) if it is down, create the test role and
# database if they are missing, and print the database URL on stdout (everything else goes to stderr):
#   export SMARAK_TEST_PG_URL="$(bash scripts/start-postgres.sh)"
# Idempotent. Runs as root (CI) or as the postgres user; role, password and database can be overridden.
set -euo pipefail

ROLE=${SMARAK_PG_ROLE:-smarak}
PASSWORD=${SMARAK_PG_PASSWORD:-smarak}
DATABASE=${SMARAK_PG_DATABASE:-smarak_test}
CLUSTER=main

say() { echo "start-postgres: $*" >&2; }

as_postgres() {
    if [ "$(id -un)" = postgres ]; then
        "$@"
    elif command -v runuser >/dev/null && [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres -- "$@"
    fi
}

psql_admin() {
    # cd /: psql run as postgres from a folder it cannot read warns on stderr.
    (cd / && as_postgres psql --no-psqlrc --quiet --tuples-only --no-align -v ON_ERROR_STOP=1 "$@")
}

command -v pg_lsclusters >/dev/null || { say "pg_lsclusters not found: apt-get install postgresql"; exit 1; }

# The newest installed server version; its cluster is created if the package did not create one.
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
[ -n "$VERSION" ] || { say "no PostgreSQL server in /usr/lib/postgresql: apt-get install postgresql"; exit 1; }
if ! pg_lsclusters --no-header | awk '{print $1, $2}' | grep -qx "$VERSION $CLUSTER"; then
    say "creating cluster $VERSION/$CLUSTER"
    pg_createcluster "$VERSION" "$CLUSTER" >&2
fi

PORT=$(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')
STATUS=$(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}')
if [ "$STATUS" != online ]; then
    say "starting cluster $VERSION/$CLUSTER on port $PORT"
    # Without systemd (containers) pg_ctlcluster must start the server itself rather than ask systemctl.
    redirect=()
    [ -d /run/systemd/system ] || redirect=(--skip-systemctl-redirect)
    # Its exit status is not trusted: in some containers it reports a failure for a server that came up.
    # Readiness, checked below, decides.
    pg_ctlcluster "${redirect[@]}" "$VERSION" "$CLUSTER" start >&2 || say "pg_ctlcluster reported a failure"
fi

for _ in $(seq 30); do
    pg_isready --quiet --host localhost --port "$PORT" && break
    sleep 1
done
pg_isready --quiet --host localhost --port "$PORT" || { say "server on port $PORT is not accepting connections"; exit 1; }

# Role names and the password are passed as psql variables, so :'x' and :"x" quote them.
if [ -z "$(psql_admin --port "$PORT" -v role="$ROLE" <<<"SELECT 1 FROM pg_roles WHERE rolname = :'role'")" ]; then
    say "creating role $ROLE"
    psql_admin --port "$PORT" -v role="$ROLE" <<<'CREATE ROLE :"role" LOGIN'
fi
# Set every time, so a changed SMARAK_PG_PASSWORD takes effect (a no-op otherwise).
psql_admin --port "$PORT" -v role="$ROLE" -v password="$PASSWORD" <<<"ALTER ROLE :\"role\" PASSWORD :'password'"

if [ -z "$(psql_admin --port "$PORT" -v db="$DATABASE" <<<"SELECT 1 FROM pg_database WHERE datname = :'db'")" ]; then
    say "creating database $DATABASE owned by $ROLE"
    (cd / && as_postgres createdb --port "$PORT" --owner "$ROLE" "$DATABASE")
fi

echo "postgresql://$ROLE:$PASSWORD@localhost:$PORT/$DATABASE"
