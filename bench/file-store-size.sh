#!/usr/bin/env bash
# File size of the embedded store against its live data after 100,000 mixed writes (bench/FileStoreSize.java).
# Usage: bench/file-store-size.sh   (needs bootstrap/target/playerbase.jar; BENCH_OPTS=-Dbench.writes=N)
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java_bin" ${BENCH_OPTS:-} -cp bootstrap/target/playerbase.jar bench/FileStoreSize.java 2>&1 \
  | grep -v -E '^(WARNING|SLF4J)|^[0-9:. T-]+Z? *(INFO|WARN|DEBUG) ' || true
