#!/usr/bin/env bash
# The load report's footprint scenario (issue item 4): peak RSS at N1 three ways. Per round and mode, a run on the
# shipped jvm.options, the tuner asked under that run's load (bin/memtune client "memtune:tune --jvm-options --collect"),
# and a run on exactly what it proposed; then the operator's before/after (optimized on tuner-proposed flags against
# baseline on the shipped ones), both modes on the shipped flags, and both on tuner-proposed flags. Writes its section
# of docs/performance.md (between the footprint-report markers), docs/performance/footprint.json and
# benchmarks/target/footprint-report/ (footprint.json, each proposal as printed, server output).
#   benchmarks/run-footprint-report.sh [--quick] [--rounds 3] [--users N1] [--tenants 300] [--templates 20] [--cds] [--port 18096]
# N1 is the load report's (docs/performance/summary.json) unless --users is given; --cds also gives the tuned side the
# AppCDS archive of bin/memtune --create-cds. The full run (3 rounds) takes about 20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
work=benchmarks/target/footprint-report
mkdir -p "$work"
rm -rf "$work/memtune"
cp -a distribution/target/memtune "$work/memtune"
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.memtune.benchmarks.load.FootprintReport --home "$work/memtune" --work "$work" "$@"
