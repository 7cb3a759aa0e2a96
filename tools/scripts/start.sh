#!/usr/bin/env bash
# Installs what is needed, builds, and starts Maestro in one process (apps/standalone): the
# management API (:8080), the rooms API (:8070) and the worker (:8081, health and metrics only).
# With nothing configured it runs on embedded defaults: PGlite for Postgres (data in .maestro/),
# an in-process message bus for Kafka, and rooms as local processes. DATABASE_URL, KAFKA_BROKERS
# and RUNTIME=kubernetes (with KUBECONFIG) switch each part to the real service.
#   --testenv   use the running test environment (.testenv/testenv.env: Postgres, Kafka, Kubernetes)
# Ctrl-C stops everything, rooms included.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
cd "$REPO_ROOT"

for argument in "$@"; do
  case "$argument" in
    --testenv)
      [[ -f .testenv/testenv.env ]] || fail "no test environment: start it with pnpm testenv:up"
      set -a; source .testenv/testenv.env; set +a
      export RUNTIME=kubernetes
      ;;
    *) fail "unknown argument $argument (known: --testenv)" ;;
  esac
done

ensure_node
ensure_pnpm
ensure_workspace_packages

phase "build"
nx run-many -t build --projects=standalone --output-style=static >/dev/null \
  || { nx run-many -t build --projects=standalone --output-style=static; fail "build failed"; }

# The management API requires Basic auth; without configured users, one is made for this run.
if [[ -z "${MANAGEMENT_API_USERS:-}" && "${MANAGEMENT_API_AUTH:-basic}" != "disabled" ]]; then
  export MANAGEMENT_API_USERS="maestro:$(node -e "process.stdout.write(require('node:crypto').randomBytes(9).toString('base64url'))")"
fi

phase "starting Maestro (it prints its URLs and credentials once it listens)"
exec node apps/standalone/dist/main.js
