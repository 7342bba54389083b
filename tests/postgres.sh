#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL cluster with a login role `app`/`app` that may create databases.
# Sourced by tests/run.sh, the benchmark scripts (tests/benchmark/common.sh) and the reliability scripts
# (tests/reliability/common.sh); afterwards PGPORT, PGROOT, PGDATA and PGBIN are set and as_pg (run as the postgres
# user), psql_pg (psql as the superuser), pg_start and pg_stop [fast|immediate] are defined.
# Environment: PGPORT (default 5433), PGROOT (default /tmp/pilotreadiness-pg), PG_DURABLE (default 0: fsync and
# synchronous commit off for speed; 1 keeps PostgreSQL's durable defaults, for tests of what survives a crash).
# Debian, as root.

# apt-get install, running `apt-get update` once per script run, only when needed (the sourcing script may
# already define it).
if ! declare -F apt_install >/dev/null; then
  apt_updated=0
  apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    if [ "$apt_updated" = 0 ]; then apt-get update -q; apt_updated=1; fi
    apt-get install -y -q "$@"
  }
fi

echo "== PostgreSQL"
PGPORT="${PGPORT:-5433}"
PGROOT="${PGROOT:-/tmp/pilotreadiness-pg}"   # the postgres user must be able to reach it
PGDATA="$PGROOT/data"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt_install --no-install-recommends postgresql
fi
PGBIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)"
mkdir -p "$PGROOT" && chown postgres:postgres "$PGROOT"
# Run as the postgres user, from a directory it can enter.
as_pg() { (cd "$PGROOT" && runuser -u postgres -- "$@"); }
[ -s "$PGDATA/PG_VERSION" ] || as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
PG_OPTIONS="-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGROOT"
# fsync & co. off unless asked: this cluster is thrown away, speed matters more than durability.
[ "${PG_DURABLE:-0}" = 1 ] || PG_OPTIONS="$PG_OPTIONS -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
pg_start() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1 \
    || as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/log" -w -t 60 -o "$PG_OPTIONS" start >/dev/null
}
# pg_stop [fast|immediate]: immediate is a crash (no checkpoint; recovery replays the WAL at the next start).
pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m "${1:-fast}" -w -t 60 stop >/dev/null; }
pg_start
psql_pg() { as_pg psql -h "$PGROOT" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
psql_pg -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='app') THEN CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB; END IF; END\$\$;"
[ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname='app'")" = 1 ] || psql_pg -c "CREATE DATABASE app OWNER app"
echo "PostgreSQL is up on 127.0.0.1:$PGPORT (data in $PGDATA)"
# To stop it: pg_stop (or runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop)
