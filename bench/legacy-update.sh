#!/usr/bin/env bash
# The update path of an old-system database (docs/migrations.md) on N generated users, default 100 000,
# on the embedded in-memory store with the production crypto: generation, migrate (V0040, V0041 and the
# other change units, as Mongock recorded them), the re-encryption pass, users/s, then checks of the
# result (exit 1 if one fails). Figures and what limits them: docs/benchmarks.md.
#
# Usage: bench/legacy-update.sh [N]
# Builds bootstrap/target/playerbase.jar first through the reactor (tests skipped, nothing installed in
# ~/.m2); BENCH_NO_BUILD=1 uses the jar as it is. JAVA_HOME selects the JDK (21 or later).
#   BENCH_JAVA_OPTS  JVM options; default "-Xms6g -Xmx6g -XX:+AlwaysPreTouch": the JVM's default maximum
#                    heap on this 24 GiB machine, allocated up front (the in-memory store lives in the heap;
#                    growing it page by page mid-run costs seconds of kernel time). "" for the JVM's defaults.
#   BENCH_OPTS       -Dbench.data-dir=DIR for the file-backed store instead of the in-memory one.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  ./mvnw -B -q -pl bootstrap -am -DskipTests package
fi
# The log (a line per colliding user and per unmapped balance) is left out; errors stay.
"$java_bin" ${BENCH_JAVA_OPTS--Xms6g -Xmx6g -XX:+AlwaysPreTouch} ${BENCH_OPTS:-} \
  -cp bootstrap/target/playerbase.jar bench/LegacyUpdate.java "${1:-100000}" 2>&1 \
  | grep -v -E '^(WARNING|SLF4J)|^[0-9TZ:.-]+ +(INFO|WARN|DEBUG) '
