#!/usr/bin/env bash
# The side-by-side load comparison of docs/performance.md: the assembled distribution in baseline mode
# (plain Mustache.java) and optimized mode, alternately, same flags, heap cap, corpus and load.
#   benchmarks/run-load-ab.sh [--users 8,16] [--rounds 2] [--seconds 20] [--warmup 10] [--xmx 256m]
# Results: printed, and benchmarks/target/load-ab/load-ab.{md,json}.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" io.memtune.benchmarks.load.AbComparison "$@"
