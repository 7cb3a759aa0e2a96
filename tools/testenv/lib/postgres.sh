#!/usr/bin/env bash
# A throw-away Postgres cluster on 127.0.0.1: trust auth, fsync off, data in a temp dir.
# Usage: postgres.sh start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_BIN="/usr/lib/postgresql/$POSTGRES_MAJOR/bin"
# The data dir lives under /tmp so the postgres user can reach it whatever the checkout's permissions.
PG_ROOT="${MAESTRO_TESTENV_PG_DIR:-/tmp/maestro-testenv-postgres-$(printf '%s' "$STATE_DIR" | md5sum | cut -c1-12)}"
PG_DATA="$PG_ROOT/data"
PG_LOG="$STATE_DIR/logs/postgres.log"

# initdb refuses to run as root, so as root every server command runs as the postgres user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT"; }

start() {
  [[ -x "$PG_BIN/initdb" ]] || die "Postgres $POSTGRES_MAJOR server not found in $PG_BIN. Install it: apt-get install -y postgresql-$POSTGRES_MAJOR"
  mkdir -p "$STATE_DIR/logs"
  if pg_ready; then
    log "Postgres already running on 127.0.0.1:$POSTGRES_PORT (reused)"
  else
    port_open "$POSTGRES_PORT" && die "port $POSTGRES_PORT is taken by another process; stop it or change POSTGRES_PORT in tools/testenv/ports.env"
    rm -rf "$PG_ROOT"
    mkdir -p "$PG_ROOT"
    [[ $EUID -eq 0 ]] && chown postgres:postgres "$PG_ROOT"
    touch "$PG_LOG" && [[ $EUID -eq 0 ]] && chown postgres:postgres "$PG_LOG"
    log "initialising a throw-away Postgres $POSTGRES_MAJOR cluster in $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U "$POSTGRES_USER" --no-sync -E UTF8 >"$PG_ROOT/initdb.log" 2>&1 \
      || { cat "$PG_ROOT/initdb.log" >&2; die "initdb failed"; }
    log "starting Postgres on 127.0.0.1:$POSTGRES_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $POSTGRES_PORT -k $PG_ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=128MB" \
      start >/dev/null || { tail -n 20 "$PG_LOG" >&2; die "Postgres did not start"; }
  fi
  wait_until 30 "Postgres to accept connections" pg_ready
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -tAc "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'" | grep -q 1; then
    "$PG_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -qc "CREATE DATABASE $POSTGRES_DB" >/dev/null
  fi
  cat >"$STATE_DIR/postgres.env" <<ENV
DATABASE_URL=postgres://$POSTGRES_USER@127.0.0.1:$POSTGRES_PORT/$POSTGRES_DB
ENV
  log "Postgres ready: postgres://$POSTGRES_USER@127.0.0.1:$POSTGRES_PORT/$POSTGRES_DB"
}

stop() {
  if [[ -f "$PG_DATA/postmaster.pid" ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    log "stopped postgres"
  fi
  wait_until 30 "port $POSTGRES_PORT to be free" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$POSTGRES_PORT) 2>/dev/null"
  rm -rf "$PG_ROOT" "$STATE_DIR/postgres.env"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) pg_ready ;;
  *) die "usage: postgres.sh start|stop|status" ;;
esac
