#!/usr/bin/env bash
# Dutch match reports per second over HTTP (loopback) with a game-server API key, from 1 to 64
# concurrent clients, on the embedded file-backed store in a temporary directory. 15 s JIT warm-up,
# then each run: 3 s warm-up and 10 s measured. Ends by checking the stored counters.
# Usage: bench/dutch-matches.sh   (needs bootstrap/target/playerbase.jar; JAVA_HOME or java on PATH)
# Override with BENCH_OPTS, e.g. "-Dbench.seconds=10 -Dbench.clients=8,32 -Dbench.players=1000".
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java_bin" ${BENCH_OPTS:-} -cp bootstrap/target/playerbase.jar bench/DutchMatches.java 2>&1 \
  | grep -v -E '^(WARNING|SLF4J)|^[0-9:. ]+(INFO|WARN) ' || true
