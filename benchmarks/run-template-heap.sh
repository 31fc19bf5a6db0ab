#!/usr/bin/env bash
# The template heap comparison of docs/performance.md: plain Mustache.java, Mustache.java tuned (partials
# cached, -XX:+UseStringDeduplication), and the optimizer, each in a JVM of its own with the same flags,
# alternating, over a generated corpus of 10,000 templates (500 tenants x 20, 30 % identical designs).
#   benchmarks/run-template-heap.sh [--rounds 3] [--tenants 500] [--templates 20] [--xmx 3g]
# Results: printed, and benchmarks/target/template-heap.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl benchmarks -am
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.memtune.benchmarks.heap.TemplateHeapComparison "$@"
