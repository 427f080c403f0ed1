#!/usr/bin/env bash
# Credits per second on one wallet and across many wallets, in process and over HTTP (loopback),
# on the embedded file-backed store in a temporary directory. 15 s JIT warm-up, then each run:
# 3 s warm-up and 10 s measured.
# Usage: bench/wallet-credits.sh   (needs bootstrap/target/playerbase.jar; JAVA_HOME or java on PATH)
# Override durations with BENCH_OPTS="-Dbench.warmup=3 -Dbench.seconds=10".
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java_bin" ${BENCH_OPTS:-} -cp bootstrap/target/playerbase.jar bench/WalletCredits.java 2>&1 \
  | grep -v -E '^(WARNING|SLF4J)|^[0-9:. ]+(INFO|WARN) ' || true
