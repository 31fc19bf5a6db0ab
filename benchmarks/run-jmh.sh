#!/usr/bin/env bash
# Runs JMH benchmarks of this module: benchmarks/run-jmh.sh [benchmark regex] [JMH options]
# e.g. benchmarks/run-jmh.sh ProfilerOverheadBenchmark -f 1 -wi 2 -w 3s -i 5 -r 3s
# Builds what is needed first. Same JVM flags for every side of a comparison: JMH forks them identically.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl benchmarks -am
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp=$(cat benchmarks/target/classpath.txt)
exec java -cp "benchmarks/target/classes:$cp" org.openjdk.jmh.Main "${@:-ProfilerOverheadBenchmark}"
