#!/usr/bin/env bash
# Leaderboard page times at 100,000 and 1,000,000 players on the embedded in-memory store, over HTTP
# (loopback), after one ranking pass; and the queries of before on the same data (docs/benchmarks.md).
# Usage: bench/leaderboard-pages.sh [players...]   (needs bootstrap/target/playerbase.jar; JAVA_HOME or java on PATH)
# One JVM per size. Override with BENCH_OPTS, e.g. "-Xmx12g -Dbench.rounds=500".
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(100000 1000000)
fi
for players in "${sizes[@]}"; do
  echo "== $players players"
  "$java_bin" ${BENCH_OPTS:--Xmx12g} -Dbench.players="$players" -cp bootstrap/target/playerbase.jar bench/LeaderboardPages.java 2>&1 \
    | grep -v -E '^(WARNING|SLF4J)|^[0-9:. ]+(INFO|WARN) ' || true
done
