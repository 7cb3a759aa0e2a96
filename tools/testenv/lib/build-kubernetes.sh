#!/usr/bin/env bash
# Builds kube-apiserver, kube-scheduler, kube-controller-manager, etcd and kwok from the Go module
# proxy into a cache dir keyed by version (no prebuilt binary can be downloaded on these machines).
# k8s.io/kubernetes is not consumable as a module: its go.mod requires every staging module at
# v0.0.0 with local replaces, so a scratch module replaces each of them with its real v0.Y.Z tag.
# The list of staging modules is computed from that version's own go.mod, never hard-coded.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_command go "Install Go 1.25 or newer."

build_kubernetes() {
  local out="$CACHE_DIR/kubernetes-v$KUBERNETES_VERSION/bin"
  if [[ -x "$out/kube-apiserver" && -x "$out/kube-scheduler" && -x "$out/kube-controller-manager" ]]; then
    return 0
  fi
  local src="$CACHE_DIR/src/kubernetes-v$KUBERNETES_VERSION"
  local minor="${KUBERNETES_VERSION#*.}"; minor="${minor%%.*}"
  local staging_tag="v0.${KUBERNETES_VERSION#*.}"
  mkdir -p "$src" "$out"
  log "building Kubernetes v$KUBERNETES_VERSION control plane (first time only; many minutes on 2 cores)"
  (
    cd "$src"
    rm -f go.mod go.sum
    go mod init local/kubernetes-bins >/dev/null 2>&1
    local gomod
    gomod="$(go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')"
    [[ -f "$gomod" ]] || die "could not download k8s.io/kubernetes@v$KUBERNETES_VERSION from the Go module proxy"
    local staging
    staging="$(grep -E '^\s*k8s\.io/[a-z0-9-]+ v0\.0\.0\s*(//.*)?$' "$gomod" | awk '{print $1}' | sort -u)"
    [[ -n "$staging" ]] || die "no staging modules found in $gomod"
    for module in $staging; do
      go mod edit -replace="$module=$module@$staging_tag"
    done
  )
  run_with_progress "go get k8s.io/kubernetes v$KUBERNETES_VERSION" "$src/go-get.log" \
    bash -c "cd '$src' && go get k8s.io/kubernetes/cmd/kube-apiserver@v$KUBERNETES_VERSION \
      k8s.io/kubernetes/cmd/kube-scheduler@v$KUBERNETES_VERSION \
      k8s.io/kubernetes/cmd/kube-controller-manager@v$KUBERNETES_VERSION"
  local ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$KUBERNETES_VERSION \
-X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor \
-X k8s.io/client-go/pkg/version.gitVersion=v$KUBERNETES_VERSION"
  run_with_progress "go build kube-apiserver, kube-scheduler, kube-controller-manager" "$src/go-build.log" \
    bash -c "cd '$src' && CGO_ENABLED=0 go build -v -trimpath -ldflags '$ldflags' -o '$out/' \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-scheduler \
      k8s.io/kubernetes/cmd/kube-controller-manager"
}

build_etcd() {
  local out="$CACHE_DIR/etcd-v$ETCD_VERSION/bin"
  [[ -x "$out/etcd" ]] && return 0
  local src="$CACHE_DIR/src/etcd-v$ETCD_VERSION"
  mkdir -p "$src" "$out"
  # go install refuses etcd's server module (it has replace directives); a scratch module does not.
  run_with_progress "build etcd v$ETCD_VERSION" "$src/build.log" \
    bash -c "cd '$src' && { [[ -f go.mod ]] || go mod init local/etcd-bin; } \
      && go get go.etcd.io/etcd/server/v3@v$ETCD_VERSION \
      && CGO_ENABLED=0 go build -v -trimpath -ldflags '-s -w' -o '$out/etcd' go.etcd.io/etcd/server/v3"
}

build_kwok() {
  local out="$CACHE_DIR/kwok-v$KWOK_VERSION/bin"
  [[ -x "$out/kwok" ]] && return 0
  mkdir -p "$out" "$CACHE_DIR/src"
  run_with_progress "build kwok v$KWOK_VERSION" "$CACHE_DIR/src/kwok-v$KWOK_VERSION.log" \
    env GOBIN="$out" CGO_ENABLED=0 go install -v -trimpath -ldflags '-s -w' "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
}

build_etcd
build_kwok
build_kubernetes
log "Kubernetes binaries ready in $CACHE_DIR"
