#!/usr/bin/env bash
# Personal-data export of one account with a large ledger (10,000 then 1,000,000 entries by default):
# time to stream it over HTTP and the service's heap meanwhile. This JVM hosts the embedded store (in
# memory, it needs a few GB for a million entries) and writes the ledger; the service runs from its jar
# in a child JVM with -Xmx256m on ports 18800 (HTTP) and 18801 (store).
# Usage: bench/export-ledger.sh   (needs bootstrap/target/playerbase.jar; JAVA_HOME or java on PATH)
# Override with BENCH_OPTS, e.g. "-Dbench.entries=100000 -Dbench.service-heap=128m -Dbench.port=18800".
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java_bin" -Xmx6g ${BENCH_OPTS:-} -cp bootstrap/target/playerbase.jar bench/ExportLedger.java 2>&1 \
  | grep -v -E '^(WARNING|SLF4J)|^[0-9TZ:. -]+ +(INFO|WARN|ERROR|DEBUG) |^[[:space:]]+at |^de\.bwaldvogel' || true
