#!/usr/bin/env bash
# The load report of docs/performance.md (issue 7): N1 calibrated (baseline near 40 % CPU), then the CPU-headroom,
# memory-bound and overload scenarios on the assembled distribution, baseline and optimized alternately with the
# same flags. Writes the generated section of docs/performance.md (between its load-report markers), the plots in
# docs/performance/, and the summary JSON (benchmarks/target/performance/summary.json, docs/performance/summary.json).
#   benchmarks/run-performance-report.sh [--quick] [--rounds 3] [--think 2ms] [--xmx 256m] [--tenants 100] [--templates 20]
# --quick runs every step with short runs (a few minutes) to check the harness end to end; the full run (three rounds)
# took about three hours pinned on 2 cores, the containers' warm-ups included; --rounds 1 gives one run's figures in
# about a third of that. The server runs on SERVER_CPUS (default 0), the load generator on CLIENT_CPUS
# (default 1); see below.
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
# the server on SERVER_CPUS, the load generator (this driver's JVM) on CLIENT_CPUS: each on cores of its own, as users
# run them (SERVER_CPUS= CLIENT_CPUS= shares the machine, as the report's first runs did). A server of N cores on a
# bigger machine: SERVER_CPUS=0-3 CLIENT_CPUS=4-7.
export SERVER_CPUS=${SERVER_CPUS-0}
export CLIENT_CPUS=${CLIENT_CPUS-1}
pin=()
if [ -n "$SERVER_CPUS" ]; then
  command -v taskset >/dev/null || { echo "taskset is missing: apt-get install util-linux" >&2; exit 2; }
  taskset -c "$SERVER_CPUS" true 2>/dev/null || { echo "SERVER_CPUS=$SERVER_CPUS: no such CPUs here" >&2; exit 2; }
  if [ -n "$CLIENT_CPUS" ]; then
    taskset -c "$CLIENT_CPUS" true 2>/dev/null || { echo "CLIENT_CPUS=$CLIENT_CPUS: no such CPUs here" >&2; exit 2; }
    pin=(taskset -c "$CLIENT_CPUS")
  fi
fi
exec "${pin[@]}" java -Djava.awt.headless=true -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.memtune.benchmarks.load.PerformanceReport --home "$work/memtune" "$@"
