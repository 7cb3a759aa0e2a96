#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, idempotently: system packages (as root, from
# Debian), pnpm, and the workspace's npm packages. Sourced by start.sh and test.sh.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
PNPM_VERSION="$(node -p "require('$REPO_ROOT/package.json').packageManager.split('@')[1]")"
MIN_NODE="20.19.0"
MIN_GO="1.25"

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE="${NX_SKIP_NX_CACHE:-false}"
export PATH="$REPO_ROOT/node_modules/.bin:$PATH"

phase() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

version_at_least() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]; }

ensure_node() {
  command -v node >/dev/null || fail "Node.js $MIN_NODE or newer is required (https://nodejs.org)."
  local version; version="$(node -p 'process.versions.node')"
  version_at_least "$version" "$MIN_NODE" || fail "Node.js $MIN_NODE or newer is required; found $version."
}

ensure_pnpm() {
  if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
    phase "installing pnpm $PNPM_VERSION"
    npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

ensure_workspace_packages() {
  phase "installing npm packages (pnpm install --frozen-lockfile)"
  (cd "$REPO_ROOT" && pnpm install --frozen-lockfile --reporter=append-only | grep -vE '^(Progress|\s*$)' || true)
  [[ -d "$REPO_ROOT/node_modules/.pnpm" ]] || fail "pnpm install failed"
}

# Debian packages the test environment needs: Postgres 15, Java 17 and Maven (Kafka), openssl and curl
# (Kubernetes certificates and probes). Installed only when missing, and only as root.
ensure_test_system_packages() {
  local missing=()
  [[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || missing+=(maven)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  if (( ${#missing[@]} > 0 )); then
    [[ $EUID -eq 0 ]] || fail "missing system packages: ${missing[*]} (install them with apt-get as root)"
    phase "installing system packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v go >/dev/null || fail "Go $MIN_GO or newer is required to build the Kubernetes control plane (https://go.dev/dl)."
  local go_version; go_version="$(go env GOVERSION | sed 's/^go//')"
  version_at_least "$go_version" "$MIN_GO" || fail "Go $MIN_GO or newer is required; found $go_version."
}
