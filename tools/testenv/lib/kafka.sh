#!/usr/bin/env bash
# A single-node KRaft Kafka broker+controller on 127.0.0.1, from Maven Central jars.
# Usage: kafka.sh start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_LIBS="$CACHE_DIR/kafka-$KAFKA_VERSION-log4j-$LOG4J_VERSION/libs"
KAFKA_DIR="$STATE_DIR/kafka"

kafka_ready() { node "$TESTENV_DIR/lib/kafka-ready.cjs" "127.0.0.1:$KAFKA_PORT"; }

write_config() {
  cat >"$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=2
log.retention.hours=6
log.segment.bytes=67108864
PROPS
  cat >"$KAFKA_DIR/log4j2.properties" <<'PROPS'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.server.name = org.apache.kafka
logger.server.level = WARN
PROPS
}

launch_broker() {
  start_daemon kafka "$STATE_DIR/logs/kafka.log" \
    java -Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent \
      -Djava.awt.headless=true -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties"
}

start() {
  require_command java "Install Java 17+: apt-get install -y openjdk-17-jre-headless"
  require_command node "Install Node.js 20.19+."
  mkdir -p "$STATE_DIR/pids" "$STATE_DIR/logs"
  if pid_alive "$STATE_DIR/pids/kafka.pid" && kafka_ready; then
    log "Kafka already running on 127.0.0.1:$KAFKA_PORT (reused)"
  else
    stop_daemon kafka
    port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process; stop it or change KAFKA_PORT in tools/testenv/ports.env"
    bash "$TESTENV_DIR/lib/fetch-kafka.sh"
    rm -rf "$KAFKA_DIR" && mkdir -p "$KAFKA_DIR/data"
    write_config
    # A Kafka cluster id is 16 random bytes in URL-safe base64 without padding. Like Kafka's own
    # generator, draw again when it starts with '-': the storage tool would read it as an option.
    local cluster_id
    cluster_id="$(node -e "let id; do { id = require('node:crypto').randomBytes(16).toString('base64url'); } while (id.startsWith('-')); process.stdout.write(id)")"
    log "formatting KRaft storage (cluster $cluster_id)"
    java -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
      kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/format.log" 2>&1 \
      || { cat "$KAFKA_DIR/format.log" >&2; die "Kafka storage format failed"; }
    log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT"
    launch_broker
  fi
  local deadline=$((SECONDS + 90))
  until kafka_ready 2>/dev/null; do
    pid_alive "$STATE_DIR/pids/kafka.pid" || { tail -n 30 "$STATE_DIR/logs/kafka.log" >&2; die "Kafka exited during startup"; }
    (( SECONDS < deadline )) || { tail -n 30 "$STATE_DIR/logs/kafka.log" >&2; die "Kafka not ready after 90s"; }
    sleep 1
  done
  echo "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT" >"$STATE_DIR/kafka.env"
  log "Kafka ready: 127.0.0.1:$KAFKA_PORT"
}

stop() {
  stop_daemon kafka
  wait_until 30 "ports $KAFKA_PORT/$KAFKA_CONTROLLER_PORT to be free" \
    bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/$KAFKA_CONTROLLER_PORT) 2>/dev/null"
  rm -rf "$KAFKA_DIR" "$STATE_DIR/kafka.env"
}

# Stops the broker and starts it again on the same data: what a broker restart looks like to clients.
restart() {
  [[ -f "$KAFKA_DIR/server.properties" ]] || die "Kafka is not set up; run tools/testenv/up first"
  stop_daemon kafka
  wait_until 30 "port $KAFKA_PORT to be free" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null"
  log "starting Kafka again on its existing data"
  launch_broker
  wait_until 90 "Kafka to answer again" kafka_ready
  log "Kafka restarted"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  status) kafka_ready ;;
  *) die "usage: kafka.sh start|stop|restart|status" ;;
esac
