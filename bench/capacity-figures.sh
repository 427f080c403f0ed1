#!/usr/bin/env bash
# The figures of the capacity model (docs/scaling.md): stored bytes per player, ledger entry, audit
# entry, match, claim and data key, and process CPU per log-in, wallet credit and match report, on the
# embedded in-memory store with production password hashing (docs/benchmarks.md).
# Usage: bench/capacity-figures.sh   (needs bootstrap/target/playerbase.jar; JAVA_HOME or java on PATH)
# Override with BENCH_OPTS, e.g. "-Dbench.players=1000 -Dbench.matches=2000".
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java_bin" ${BENCH_OPTS:-} -cp bootstrap/target/playerbase.jar bench/CapacityFigures.java 2>&1 \
  | grep -v -E '^(WARNING|SLF4J)|^[0-9:. ]+(INFO|WARN) |^20[0-9-]+T' || true
