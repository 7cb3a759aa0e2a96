#!/usr/bin/env bash
# Shared helpers and settings for the test environment scripts.
# Every value that a test, an app or docker-compose.yml needs lives in versions.env / ports.env so
# the scripts, the env file and the compose file cannot drift apart.
set -euo pipefail

TESTENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$TESTENV_DIR/../.." && pwd)"
# shellcheck source=../versions.env
source "$TESTENV_DIR/versions.env"
# shellcheck source=../ports.env
source "$TESTENV_DIR/ports.env"

# Built binaries and downloaded jars are cached by version outside the repository.
CACHE_DIR="${MAESTRO_TESTENV_CACHE:-$HOME/.cache/maestro-testenv}"
# Runtime state (data dirs, logs, pids, certificates) of the running environment.
STATE_DIR="${MAESTRO_TESTENV_STATE:-$REPO_ROOT/.testenv}"
ENV_FILE="$STATE_DIR/testenv.env"

log() { printf '[testenv %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[testenv] ERROR: %s\n' "$*" >&2; exit 1; }

require_command() {
  local cmd="$1" hint="$2"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is not installed. $hint"
}

# Runs a long command, printing a progress line every 15 s so a cold build never looks hung.
# Output goes to a log file; on failure its tail is shown.
run_with_progress() {
  local label="$1" logfile="$2"; shift 2
  local started=$SECONDS next_report=$((SECONDS + 15))
  log "$label (log: $logfile)"
  "$@" >"$logfile" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (( SECONDS >= next_report )); then
      next_report=$((SECONDS + 15))
      log "  … $label: $((SECONDS - started))s, $(wc -l <"$logfile") lines of output, last: $(tail -n 1 "$logfile" | cut -c1-80)"
    fi
  done
  if ! wait "$pid"; then
    tail -n 40 "$logfile" >&2
    die "$label failed after $((SECONDS - started))s (full log: $logfile)"
  fi
  log "  done: $label in $((SECONDS - started))s"
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until <timeout-seconds> <description> <command...>
wait_until() {
  local timeout="$1" what="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || die "timed out after ${timeout}s waiting for $what"
    sleep 0.5
  done
}

# Starts a daemon in the background with its own log and pid file, detached from this shell.
start_daemon() {
  local name="$1" logfile="$2"; shift 2
  setsid "$@" >"$logfile" 2>&1 < /dev/null &
  echo $! >"$STATE_DIR/pids/$name.pid"
}

# Stops a daemon started by start_daemon: TERM, then KILL after a grace period.
stop_daemon() {
  local name="$1" pidfile="$STATE_DIR/pids/$1.pid"
  [[ -f "$pidfile" ]] || return 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  log "stopped $name"
}
