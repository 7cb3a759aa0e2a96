#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what is needed, checks formatting, builds, lints,
# type-checks, runs unit tests, brings the real test environment up (Postgres, Kafka, Kubernetes),
# runs integration and end-to-end tests against it, and brings it down again.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
cd "$REPO_ROOT"
started=$SECONDS

ensure_node
ensure_test_system_packages
ensure_pnpm
ensure_workspace_packages

results="$REPO_ROOT/test-results"
rm -rf "$results" && mkdir -p "$results"
failures=()

phase "formatting (prettier --check)"
prettier --check . --log-level warn || failures+=(format)

phase "build (nx run-many -t build)"
nx run-many -t build --output-style=static || fail "build failed"

phase "lint and typecheck (nx run-many -t lint typecheck)"
nx run-many -t lint typecheck --output-style=static || failures+=(lint/typecheck)

run_tier() {
  local tier="$1"; shift
  phase "$tier tests"
  MAESTRO_TEST_TIER="$tier" jest --config jest.config.js --ci --json --outputFile="$results/$tier.json" "$@" \
    || failures+=("$tier tests")
}

run_tier unit

phase "test environment up (tools/testenv/up)"
trap 'phase "test environment down"; bash tools/testenv/down || true' EXIT
bash tools/testenv/up

# --forceExit: a suite whose clean-up failed can leave a Kafka client reconnecting; the tier's results
# are written by then, and CI must end rather than wait for its time limit.
run_tier int --runInBand --forceExit
run_tier e2e --runInBand --forceExit

phase "test environment down (tools/testenv/down)"
trap - EXIT
bash tools/testenv/down || failures+=("testenv down")

phase "summary"
node tools/scripts/summarise-test-results.cjs "$results"/*.json
echo "total time: $((SECONDS - started))s" >&2
if (( ${#failures[@]} > 0 )); then
  echo "FAILED: ${failures[*]}" >&2
  exit 1
fi
