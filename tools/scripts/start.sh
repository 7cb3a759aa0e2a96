#!/usr/bin/env bash
# Installs what is needed, builds, and starts the three services as separate processes:
# management-api (:8080), room-ping-ingest (:8070) and worker (:8081, health and metrics only).
# They connect to the services named by DATABASE_URL, KAFKA_BROKERS and KUBECONFIG; when those are
# unset and the test environment runs (tools/testenv/up), its settings are used.
# Ctrl-C stops all three.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
cd "$REPO_ROOT"

ensure_node
ensure_pnpm
ensure_workspace_packages

phase "build"
nx run-many -t build --projects=management-api,room-ping-ingest,worker --output-style=static >/dev/null \
  || { nx run-many -t build --projects=management-api,room-ping-ingest,worker --output-style=static; fail "build failed"; }

if [[ -f .testenv/testenv.env && -z "${DATABASE_URL:-}${KAFKA_BROKERS:-}${KUBECONFIG:-}" ]]; then
  phase "using the running test environment (.testenv/testenv.env)"
  set -a; source .testenv/testenv.env; set +a
fi

# The management API requires Basic auth; without configured users, one is made for this run.
if [[ -z "${MANAGEMENT_API_USERS:-}" && "${MANAGEMENT_API_AUTH:-basic}" != "disabled" ]]; then
  export MANAGEMENT_API_USERS="maestro:$(node -e "process.stdout.write(require('node:crypto').randomBytes(9).toString('base64url'))")"
fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all INT TERM EXIT

declare -A ports=([management-api]="${MANAGEMENT_API_PORT:-8080}" [room-ping-ingest]="${ROOMS_API_PORT:-8070}" [worker]="${WORKER_PORT:-8081}")
for app in management-api room-ping-ingest worker; do
  PORT="${ports[$app]}" node "apps/$app/dist/main.js" &
  pids+=($!)
done

cat >&2 <<INFO

==> Maestro is starting (JSON logs below; Ctrl-C stops it)
    management API  http://127.0.0.1:${MANAGEMENT_API_PORT:-8080}   (Basic auth: ${MANAGEMENT_API_USERS%%,*})
    rooms API       http://127.0.0.1:${ROOMS_API_PORT:-8070}
    worker          http://127.0.0.1:${WORKER_PORT:-8081}/readyz
    /readyz answers 200 once Postgres, Kafka and Kubernetes answer (pnpm testenv:up starts them locally).

INFO
wait -n || true
stop_all
