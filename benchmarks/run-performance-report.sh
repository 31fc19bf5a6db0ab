#!/usr/bin/env bash
# The load report of docs/performance.md (issue 7): N1 calibrated (baseline near 40 % CPU), then the CPU-headroom,
# memory-bound and overload scenarios on the assembled distribution, baseline and optimized alternately with the
# same flags. Writes the generated section of docs/performance.md (between its load-report markers), the plots in
# docs/performance/, and the summary JSON (benchmarks/target/performance/summary.json, docs/performance/summary.json).
#   benchmarks/run-performance-report.sh [--quick] [--think 2ms] [--xmx 256m] [--tenants 100] [--templates 20]
# --quick runs every step with short runs (a few minutes) to check the harness end to end; the full run takes
# about 35 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# the runs start a copy of the distribution: a rebuild while they run cannot change it under them, and the data/
# (logs, framework cache) they leave is their own
work=benchmarks/target/performance
mkdir -p "$work"
rm -rf "$work/memtune"
cp -a distribution/target/memtune "$work/memtune"
exec java -Djava.awt.headless=true -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.memtune.benchmarks.load.PerformanceReport --home "$work/memtune" "$@"
