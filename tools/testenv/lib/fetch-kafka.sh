#!/usr/bin/env bash
# Collects the Kafka broker's jars (with their runtime dependencies) from Maven Central into a cache
# dir keyed by version.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_command java "Install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)."
require_command mvn "Install Maven (Debian: apt-get install maven)."

KAFKA_LIBS="$CACHE_DIR/kafka-$KAFKA_VERSION-log4j-$LOG4J_VERSION/libs"
if [[ -f "$KAFKA_LIBS/.complete" ]]; then exit 0; fi
mkdir -p "$KAFKA_LIBS"
# The plugin version is pinned: Maven 3.8's default dependency plugin (2.8) lacks what we need.
run_with_progress "resolve Kafka $KAFKA_VERSION jars from Maven Central" "$CACHE_DIR/kafka-$KAFKA_VERSION-mvn.log" \
  mvn -B -f "$TESTENV_DIR/kafka/pom.xml" \
    "-Dkafka.version=$KAFKA_VERSION" "-Dlog4j.version=$LOG4J_VERSION" \
    "org.apache.maven.plugins:maven-dependency-plugin:$MAVEN_DEPENDENCY_PLUGIN_VERSION:copy-dependencies" \
    -DincludeScope=runtime "-DoutputDirectory=$KAFKA_LIBS"
ls "$KAFKA_LIBS"/kafka_2.13-*.jar >/dev/null 2>&1 || die "Kafka jars missing after resolution"
touch "$KAFKA_LIBS/.complete"
log "Kafka $KAFKA_VERSION jars ready ($(ls "$KAFKA_LIBS" | wc -l) jars)"
