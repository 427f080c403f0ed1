#!/usr/bin/env bash
# Start-to-ready time and memory of the service on the embedded store.
# Cold: empty data directory (fresh setup runs). Warm: the same directory again.
# Usage: bench/startup.sh [runs]   (needs bootstrap/target/playerbase.jar and curl; JAVA_HOME or java on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=bootstrap/target/playerbase.jar
port=18080
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # $1 = label; prints ms to ready and RSS after ready
  local start end pid ms rss
  start=$(date +%s%N)
  MICRONAUT_SERVER_PORT=$port PLAYERBASE_EMBEDDED_PORT=0 PLAYERBASE_DATA_DIR="$work/data" \
    "$java_bin" -jar "$jar" >"$work/log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/health/readiness" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { cat "$work/log"; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  sleep 2
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  heap=$(curl -s "localhost:$port/metrics/jvm.memory.used?tag=area:heap" | sed 's/.*"value":\([0-9.E]*\).*/\1/')
  kill $pid; wait $pid 2>/dev/null || true
  printf '%s\t%d ms to ready\tRSS %d MiB\theap used %.0f MiB\n' "$1" "$ms" $((rss / 1024)) "$(echo "$heap" | awk '{print $1/1048576}')"
}

for i in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  measure "cold#$i"
  measure "warm#$i"
done
