#!/usr/bin/env bash
# JMH benchmarks of field encryption, blind index and their parts (adapters-crypto/src/jmh/java).
# Builds adapters-crypto and what it needs through the reactor (nothing installed in ~/.m2; tests
# skipped, ./mvnw verify runs them), compiles the benchmarks under the jmh profile and runs them.
# Usage: bench/crypto-jmh.sh [JMH options]     e.g.
#   bench/crypto-jmh.sh                               everything (about 18 minutes on 2 cores)
#   bench/crypto-jmh.sh FieldCipherBenchmark          only the main table
#   bench/crypto-jmh.sh 'fieldRoundTrip' -f 1 -i 3    a quick look (fewer forks and iterations)
# Defaults are in the benchmark classes: 3 forks x (5 warmup + 5 measurement iterations of 1 s),
# average time in ns/op, plus the benchmark thread's CPU time per op (":cpu" rows, CpuTimeProfiler).
# Results: the console, and adapters-crypto/target/jmh-result.json. Figures: docs/benchmarks.md.
# JAVA_HOME selects the JDK that builds and runs them (forks use the same one).
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q -pl adapters-crypto -am -Pjmh -DskipTests "-Djmh.args=$*" verify
