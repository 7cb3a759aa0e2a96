#!/usr/bin/env bash
# Kubernetes control plane of the test environment, without Docker and without a kubelet:
#   etcd 3.6 + kube-apiserver + kube-scheduler + kube-controller-manager (all built from the Go
#   module proxy by build-kubernetes.sh) + kwok, which plays the kubelet for a few fake nodes
#   (pods scheduled onto them go Running with a fake pod IP that nothing ever connects to).
# Everything listens on 127.0.0.1 only (ports.env); state lives in $STATE_DIR/kubernetes.
#
# Usage: kubernetes.sh start|stop|status
#   start   idempotent: reuses a running, ready control plane (only re-writes the env fragment)
#   stop    stops every daemon, waits until its ports are free and removes the cluster's data
#   status  exit 0 when the apiserver answers /readyz
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

K8S_DIR="$STATE_DIR/kubernetes"
PKI_DIR="$K8S_DIR/pki"
LOG_DIR="$STATE_DIR/logs"
KUBECONFIG_FILE="$STATE_DIR/kubeconfig"
K8S_ENV_FILE="$STATE_DIR/kubernetes.env"
APISERVER_URL="https://127.0.0.1:$KUBE_APISERVER_PORT"

KUBE_BIN="$CACHE_DIR/kubernetes-v$KUBERNETES_VERSION/bin"
ETCD_BIN="$CACHE_DIR/etcd-v$ETCD_VERSION/bin/etcd"
KWOK_BIN="$CACHE_DIR/kwok-v$KWOK_VERSION/bin/kwok"

# Daemons in start order; stop goes the other way round.
DAEMONS=(etcd kube-apiserver kube-scheduler kube-controller-manager kwok)
PORTS=("$ETCD_CLIENT_PORT" "$ETCD_PEER_PORT" "$KUBE_APISERVER_PORT" "$KUBE_SCHEDULER_PORT"
       "$KUBE_CONTROLLER_MANAGER_PORT" "$KWOK_METRICS_PORT")

FAKE_NODES=(kwok-node-0 kwok-node-1 kwok-node-2)
# Generous fake capacity, so tests are never limited by the scheduler's resource fit.
NODE_CPU=64
NODE_MEMORY=256Gi
NODE_PODS=500

# --- helpers ---------------------------------------------------------------------------------

# curl against the apiserver as the admin user (client cert from the per-environment PKI). The
# apiserver pretty-prints JSON for a "curl/…" user agent; another agent keeps it compact for grep.
kube_curl() {
  curl -sS --max-time 10 -A maestro-testenv --cacert "$PKI_DIR/ca.crt" --cert "$PKI_DIR/admin.crt" --key "$PKI_DIR/admin.key" "$@"
}

apiserver_ready() {
  [[ -f "$PKI_DIR/admin.crt" ]] || return 1
  [[ "$(kube_curl --max-time 3 "$APISERVER_URL/readyz" 2>/dev/null)" == "ok" ]]
}

etcd_healthy() { curl -sS --max-time 3 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" 2>/dev/null | grep -q '"health":"true"'; }
# kube-scheduler / kube-controller-manager serve /healthz (always allowed) with a self-signed cert.
component_healthy() { [[ "$(curl -sSk --max-time 3 "https://127.0.0.1:$1/healthz" 2>/dev/null)" == "ok" ]]; }
kwok_healthy() { curl -sS --max-time 3 "http://127.0.0.1:$KWOK_METRICS_PORT/healthz" >/dev/null 2>&1; }

daemon_log() { echo "$LOG_DIR/$1.log"; }

# wait_daemon <name> <timeout> <what> <check...>: like wait_until, but fails at once (with the
# daemon's log tail) when the daemon exits instead of waiting out the timeout.
wait_daemon() {
  local name="$1" timeout="$2" what="$3"; shift 3
  local deadline=$((SECONDS + timeout)) pidfile="$STATE_DIR/pids/$name.pid"
  until "$@" >/dev/null 2>&1; do
    if ! pid_alive "$pidfile"; then
      tail -n 30 "$(daemon_log "$name")" >&2 || true
      die "$name exited during startup (log: $(daemon_log "$name")); run '$0 stop' to clean up"
    fi
    if (( SECONDS >= deadline )); then
      tail -n 30 "$(daemon_log "$name")" >&2 || true
      die "timed out after ${timeout}s waiting for $what (log: $(daemon_log "$name")); run '$0 stop' to clean up"
    fi
    sleep 0.5
  done
}

all_daemons_alive() {
  local d
  for d in "${DAEMONS[@]}"; do pid_alive "$STATE_DIR/pids/$d.pid" || return 1; done
}

any_daemon_pidfile() {
  local d
  for d in "${DAEMONS[@]}"; do [[ -f "$STATE_DIR/pids/$d.pid" ]] && return 0; done
  return 1
}

describe_port() { command -v ss >/dev/null 2>&1 && ss -ltnpH "sport = :$1" 2>/dev/null || true; }

# PIDs listening on a loopback TCP port (needs ss from iproute2; empty without it).
port_pids() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -ltnpH "sport = :$1" 2>/dev/null | grep -oE 'pid=[0-9]+' | cut -d= -f2 | sort -u
}

# --- build and PKI -----------------------------------------------------------------------------

ensure_binaries() {
  if [[ -x "$KUBE_BIN/kube-apiserver" && -x "$KUBE_BIN/kube-scheduler" && -x "$KUBE_BIN/kube-controller-manager" \
        && -x "$ETCD_BIN" && -x "$KWOK_BIN" ]]; then
    log "Kubernetes v$KUBERNETES_VERSION, etcd v$ETCD_VERSION, kwok v$KWOK_VERSION binaries cached in $CACHE_DIR"
    return 0
  fi
  require_command go "Install Go 1.25 or newer: the Kubernetes binaries are built from the Go module proxy."
  log "building missing Kubernetes binaries (first run only; can take 15-30 min on 2 cores)"
  bash "$TESTENV_DIR/lib/build-kubernetes.sh"
  [[ -x "$KUBE_BIN/kube-apiserver" && -x "$ETCD_BIN" && -x "$KWOK_BIN" ]] \
    || die "build-kubernetes.sh finished but binaries are missing in $CACHE_DIR"
}

# sign_cert <name> <subject> <extensions...>: key + cert signed by the environment CA.
sign_cert() {
  local name="$1" subject="$2"; shift 2
  local ext="$PKI_DIR/$name.ext"
  printf '%s\n' "$@" >"$ext"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI_DIR/$name.key" -subj "$subject" \
    -out "$PKI_DIR/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI_DIR/$name.csr" -CA "$PKI_DIR/ca.crt" -CAkey "$PKI_DIR/ca.key" \
    -CAcreateserial -days 365 -sha256 -extfile "$ext" -out "$PKI_DIR/$name.crt" 2>/dev/null
  rm -f "$PKI_DIR/$name.csr" "$ext"
}

generate_pki() {
  log "generating PKI in $PKI_DIR (CA, apiserver serving cert, admin client cert, service-account keys)"
  mkdir -p "$PKI_DIR"
  chmod 700 "$PKI_DIR"
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$PKI_DIR/ca.key" -out "$PKI_DIR/ca.crt" \
    -days 3650 -sha256 -subj "/CN=maestro-testenv-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    2>/dev/null || die "openssl could not create the CA"
  sign_cert apiserver "/CN=kube-apiserver" \
    "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" \
    "subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  sign_cert admin "/O=system:masters/CN=admin" \
    "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=clientAuth"
  openssl genrsa -out "$PKI_DIR/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI_DIR/sa.key" -pubout -out "$PKI_DIR/sa.pub" 2>/dev/null
  [[ -s "$PKI_DIR/apiserver.crt" && -s "$PKI_DIR/admin.crt" && -s "$PKI_DIR/sa.pub" ]] \
    || die "openssl failed to generate the certificates in $PKI_DIR"
}

write_kubeconfig() {
  local tmp="$KUBECONFIG_FILE.tmp"
  cat >"$tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: maestro-testenv
  cluster:
    server: $APISERVER_URL
    certificate-authority-data: $(base64 -w0 <"$PKI_DIR/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(base64 -w0 <"$PKI_DIR/admin.crt")
    client-key-data: $(base64 -w0 <"$PKI_DIR/admin.key")
contexts:
- name: maestro-testenv
  context:
    cluster: maestro-testenv
    user: admin
    namespace: default
current-context: maestro-testenv
EOF
  chmod 600 "$tmp"
  mv "$tmp" "$KUBECONFIG_FILE"
}

write_env_fragment() {
  cat >"$K8S_ENV_FILE.tmp" <<EOF
KUBECONFIG=$KUBECONFIG_FILE
KUBE_APISERVER_URL=$APISERVER_URL
EOF
  mv "$K8S_ENV_FILE.tmp" "$K8S_ENV_FILE"
  log "wrote $K8S_ENV_FILE (KUBECONFIG=$KUBECONFIG_FILE)"
}

# --- daemons -----------------------------------------------------------------------------------

start_etcd() {
  log "starting etcd v$ETCD_VERSION on 127.0.0.1:$ETCD_CLIENT_PORT"
  mkdir -p "$K8S_DIR/etcd"
  chmod 700 "$K8S_DIR/etcd"
  start_daemon etcd "$(daemon_log etcd)" "$ETCD_BIN" \
    --name=default \
    --data-dir="$K8S_DIR/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --advertise-client-urls="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="default=http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster-state=new \
    --unsafe-no-fsync=true \
    --auto-compaction-mode=periodic --auto-compaction-retention=1h \
    --quota-backend-bytes=2147483648 \
    --log-level=warn
  wait_daemon etcd 60 "etcd /health" etcd_healthy
}

start_apiserver() {
  log "starting kube-apiserver v$KUBERNETES_VERSION on $APISERVER_URL"
  mkdir -p "$K8S_DIR/apiserver"
  # ServiceAccount admission is disabled: it rejects pods created right after their namespace
  # (before KCM's serviceaccount controller made the "default" SA) and would add token volumes
  # that nothing mounts anyway. KCM still creates the default SAs and the kube-root-ca.crt maps.
  start_daemon kube-apiserver "$(daemon_log kube-apiserver)" "$KUBE_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --bind-address=127.0.0.1 --secure-port="$KUBE_APISERVER_PORT" \
    --advertise-address=127.0.0.1 --endpoint-reconciler-type=none \
    --cert-dir="$K8S_DIR/apiserver" \
    --tls-cert-file="$PKI_DIR/apiserver.crt" --tls-private-key-file="$PKI_DIR/apiserver.key" \
    --client-ca-file="$PKI_DIR/ca.crt" \
    --authorization-mode=RBAC \
    --service-cluster-ip-range=10.96.0.0/24 \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$PKI_DIR/sa.pub" \
    --service-account-signing-key-file="$PKI_DIR/sa.key" \
    --disable-admission-plugins=ServiceAccount \
    --allow-privileged=true --profiling=false \
    --enable-priority-and-fairness=false \
    --max-requests-inflight=0 --max-mutating-requests-inflight=0
  wait_daemon kube-apiserver 120 "kube-apiserver /readyz" apiserver_ready
  log "  kube-apiserver is ready"
}

start_scheduler() {
  log "starting kube-scheduler on 127.0.0.1:$KUBE_SCHEDULER_PORT"
  mkdir -p "$K8S_DIR/kube-scheduler"
  start_daemon kube-scheduler "$(daemon_log kube-scheduler)" "$KUBE_BIN/kube-scheduler" \
    --kubeconfig="$KUBECONFIG_FILE" \
    --leader-elect=false \
    --bind-address=127.0.0.1 --secure-port="$KUBE_SCHEDULER_PORT" \
    --cert-dir="$K8S_DIR/kube-scheduler" \
    --kube-api-qps=500 --kube-api-burst=1000
}

start_controller_manager() {
  log "starting kube-controller-manager on 127.0.0.1:$KUBE_CONTROLLER_MANAGER_PORT"
  mkdir -p "$K8S_DIR/kube-controller-manager"
  start_daemon kube-controller-manager "$(daemon_log kube-controller-manager)" "$KUBE_BIN/kube-controller-manager" \
    --kubeconfig="$KUBECONFIG_FILE" \
    --leader-elect=false \
    --bind-address=127.0.0.1 --secure-port="$KUBE_CONTROLLER_MANAGER_PORT" \
    --cert-dir="$K8S_DIR/kube-controller-manager" \
    --service-account-private-key-file="$PKI_DIR/sa.key" \
    --root-ca-file="$PKI_DIR/ca.crt" \
    --cluster-signing-cert-file="$PKI_DIR/ca.crt" --cluster-signing-key-file="$PKI_DIR/ca.key" \
    --service-cluster-ip-range=10.96.0.0/24 \
    --kube-api-qps=5000 --kube-api-burst=10000
}

start_kwok() {
  log "starting kwok v$KWOK_VERSION (fake kubelet; health on 127.0.0.1:$KWOK_METRICS_PORT)"
  # --config points at an empty file so a developer's ~/.kwok/kwok.yaml is never picked up; with
  # no Stage given, kwok v0.7.0 uses its built-in fast node/pod stages (ready, complete, delete).
  : >"$K8S_DIR/kwok.yaml"
  start_daemon kwok "$(daemon_log kwok)" "$KWOK_BIN" \
    --config="$K8S_DIR/kwok.yaml" \
    --kubeconfig="$KUBECONFIG_FILE" \
    --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --cidr=10.244.0.1/24 \
    --node-ip=127.0.0.1 \
    --node-lease-duration-seconds=40 \
    --server-address="127.0.0.1:$KWOK_METRICS_PORT"
}

# --- fake nodes --------------------------------------------------------------------------------

node_json() {
  cat <<EOF
{"apiVersion":"v1","kind":"Node","metadata":{"name":"$1",
 "annotations":{"kwok.x-k8s.io/node":"fake","node.alpha.kubernetes.io/ttl":"0"},
 "labels":{"type":"kwok","kubernetes.io/hostname":"$1","kubernetes.io/os":"linux","kubernetes.io/arch":"amd64",
           "kubernetes.io/role":"agent","node-role.kubernetes.io/agent":""}},
 "spec":{},
 "status":{"capacity":{"cpu":"$NODE_CPU","memory":"$NODE_MEMORY","pods":"$NODE_PODS"},
           "allocatable":{"cpu":"$NODE_CPU","memory":"$NODE_MEMORY","pods":"$NODE_PODS"}}}
EOF
}

ensure_nodes() {
  local node code
  for node in "${FAKE_NODES[@]}"; do
    code="$(kube_curl -o /dev/null -w '%{http_code}' "$APISERVER_URL/api/v1/nodes/$node")"
    [[ "$code" == 200 ]] && continue
    code="$(node_json "$node" | kube_curl -o "$K8S_DIR/node-create.out" -w '%{http_code}' \
      -X POST -H 'Content-Type: application/json' --data-binary @- "$APISERVER_URL/api/v1/nodes")"
    case "$code" in
      201|409) log "  created fake node $node" ;;
      *) cat "$K8S_DIR/node-create.out" >&2 || true; die "could not create node $node (HTTP $code)" ;;
    esac
  done
}

# A node is usable when kwok marked it Ready and KCM removed the not-ready taint that the
# TaintNodesByCondition admission plugin put on it at creation.
node_ready() {
  local body
  body="$(kube_curl "$APISERVER_URL/api/v1/nodes/$1")" || return 1
  grep -q '"type":"Ready","status":"True"' <<<"$body" && ! grep -q 'node.kubernetes.io/not-ready' <<<"$body"
}

all_nodes_ready() {
  local node
  for node in "${FAKE_NODES[@]}"; do node_ready "$node" || return 1; done
}

# --- subcommands -------------------------------------------------------------------------------

cmd_start() {
  local started=$SECONDS
  require_command curl "Install it with: apt-get install -y curl"
  require_command openssl "Install it with: apt-get install -y openssl"
  mkdir -p "$STATE_DIR/pids" "$LOG_DIR"

  if all_daemons_alive && apiserver_ready && [[ -f "$KUBECONFIG_FILE" ]]; then
    log "Kubernetes control plane already running at $APISERVER_URL, reusing it"
    ensure_nodes
    wait_until 60 "fake nodes ${FAKE_NODES[*]} to be Ready" all_nodes_ready
    write_env_fragment
    return 0
  fi
  if any_daemon_pidfile || [[ -d "$K8S_DIR" ]]; then
    log "found a stale or partial Kubernetes environment, cleaning it up first"
    cmd_stop
  fi
  local port
  for port in "${PORTS[@]}"; do
    if port_open "$port"; then
      die "port $port on 127.0.0.1 is already in use by a process this script did not start: $(describe_port "$port")"
    fi
  done

  ensure_binaries
  mkdir -p "$K8S_DIR"
  generate_pki
  start_etcd
  start_apiserver
  write_kubeconfig
  log "wrote kubeconfig $KUBECONFIG_FILE"
  start_scheduler
  start_controller_manager
  start_kwok
  wait_daemon kube-scheduler 60 "kube-scheduler /healthz" component_healthy "$KUBE_SCHEDULER_PORT"
  wait_daemon kube-controller-manager 60 "kube-controller-manager /healthz" component_healthy "$KUBE_CONTROLLER_MANAGER_PORT"
  wait_daemon kwok 60 "kwok /healthz" kwok_healthy
  log "creating fake nodes ${FAKE_NODES[*]}"
  ensure_nodes
  log "waiting for the fake nodes to be Ready"
  wait_daemon kwok 90 "fake nodes ${FAKE_NODES[*]} to be Ready" all_nodes_ready
  write_env_fragment
  log "Kubernetes v$KUBERNETES_VERSION control plane up at $APISERVER_URL in $((SECONDS - started))s"
}

cmd_stop() {
  local i name port pid
  for (( i=${#DAEMONS[@]}-1; i>=0; i-- )); do
    name="${DAEMONS[$i]}"
    stop_daemon "$name"
  done
  # Anything still listening on our ports that runs one of our cached binaries (e.g. left over
  # after the pid files were lost) is ended by its pid; a foreign process is only reported.
  for port in "${PORTS[@]}"; do
    for pid in $(port_pids "$port"); do
      case "$(readlink "/proc/$pid/exe" 2>/dev/null)" in
        "$KUBE_BIN"/*|"$ETCD_BIN"|"$KWOK_BIN")
          log "killing leftover $(basename "$(readlink "/proc/$pid/exe")") (pid $pid) on port $port"
          kill -KILL "$pid" 2>/dev/null || true ;;
      esac
    done
  done
  local deadline=$((SECONDS + 30)) busy
  while :; do
    busy=()
    for port in "${PORTS[@]}"; do port_open "$port" && busy+=("$port"); done
    (( ${#busy[@]} == 0 )) && break
    if (( SECONDS >= deadline )); then
      for port in "${busy[@]}"; do log "port $port still in use: $(describe_port "$port")"; done
      die "ports ${busy[*]} are still in use after stopping the Kubernetes control plane"
    fi
    sleep 0.5
  done
  rm -rf "$K8S_DIR"
  rm -f "$KUBECONFIG_FILE" "$K8S_ENV_FILE"
  log "Kubernetes control plane stopped, ports free, data removed"
}

cmd_status() {
  if apiserver_ready; then
    log "kube-apiserver ready at $APISERVER_URL"
    return 0
  fi
  log "kube-apiserver not ready"
  return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
