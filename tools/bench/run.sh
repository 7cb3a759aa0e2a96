#!/usr/bin/env bash
# Runs benchmarks: tools/bench/run.sh [name…] [--duration S] [--connections N] [--rounds N] [--warmup S]
# (also `pnpm bench …`; --help lists the benchmarks). Builds the harness and the libraries it uses,
# then runs the named benchmarks (default: all), each comparing against a baseline measured in the same
# run. Writes bench/results/<name>-<YYYY-MM-DD>.json (UTC date) and prints a Markdown table for the
# README on stdout; progress goes to stderr. Exits non-zero when a benchmark fails (a non-2xx answer,
# a connection error, a timeout, a server that dies).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/bootstrap.sh"
cd "$REPO_ROOT"

ensure_node
if [[ ! -d tools/bench/node_modules/autocannon ]]; then
  ensure_pnpm
  ensure_workspace_packages
fi

# The whole workspace: some benchmarks start the apps from their build output.
echo "[bench] building (tsc -b tsconfig.build.json: the benchmarks start the apps) …" >&2
tsc -b tsconfig.build.json tools/bench/tsconfig.build.json || fail "build failed"

exec node tools/bench/dist/main.js "$@"
