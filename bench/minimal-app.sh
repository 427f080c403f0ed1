#!/usr/bin/env bash
# Builds the framework's floor (bench/minimal-app: Micronaut 4, one controller, Playerbase's framework
# versions) into bench/minimal-app/target/minimal-app.jar, and on JDK 25+ its AOT cache (one training
# start answering GET /ping), so that its start can be compared with and without a cache too.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
./mvnw -B -q -f bench/minimal-app/pom.xml -DskipTests package
jar=bench/minimal-app/target/minimal-app.jar
if "$java_bin" -XX:AOTCacheOutput=/dev/null -version >/dev/null 2>&1; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  MICRONAUT_SERVER_PORT=$port "$java_bin" -XX:AOTCacheOutput=bench/minimal-app/target/minimal-app.aot -jar "$jar" \
    >bench/minimal-app/target/aot-training.log 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "localhost:$port/ping"; do sleep 0.05; done
  kill $pid; wait $pid || true
fi
ls -l bench/minimal-app/target/minimal-app.*
