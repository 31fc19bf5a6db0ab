#!/usr/bin/env bash
# CPU per request by corpus shape, the load measurement of record (docs/performance.md, "CPU per request by corpus
# shape"): for each corpus shape (lean, api-payload, wide-lists, reflective-misses) and the distribution's sample
# corpus, both modes alternated over rounds, each run a fresh container of distribution/target/memtune (shipped
# config but mode and port, shipped jvm.options plus the same heap flags) pinned to SERVER_CPUS, Debian's wrk pinned to
# CLIENT_CPUS: outputs checked byte-identical first, then warm-up to steady state (timed), then requests/s per server
# core at saturation; and the cold start. Report: benchmarks/target/saturation/saturation.md and saturation.json.
#
#   SERVER_CPUS=0 CLIENT_CPUS=1 benchmarks/run-saturation.sh [--quick] [--rounds 2] [--connections 64] ...
#   benchmarks/run-saturation.sh --help     (every option and its default)
#
# A server of N cores on a bigger machine: SERVER_CPUS=0-3 CLIENT_CPUS=4-5 (wrk gets one thread per client CPU; raise
# --connections until the server's CPU share in the report is near N). --quick checks the instrument end to end in a
# few minutes (one round, short windows, small corpora): never figures.
# SKIP_BUILD=1 uses what is built; MVN="mvn -Dmaven.repo.local=..." picks the Maven command.
set -euo pipefail
cd "$(dirname "$0")/.."
server_cpus=${SERVER_CPUS:-0}
client_cpus=${CLIENT_CPUS:-1}
mvn_cmd=${MVN:-mvn}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
command -v taskset >/dev/null || { echo "taskset is missing: apt-get install util-linux" >&2; exit 2; }
if [ "${SKIP_BUILD:-}" != 1 ]; then
  $mvn_cmd -B -q -DskipTests install -pl benchmarks,distribution -am
  $mvn_cmd -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
[ "${1:-}" = "--help" ] || [ -f benchmarks/target/classpath.txt ] || { echo "benchmarks/target/classpath.txt is missing: run without SKIP_BUILD=1" >&2; exit 2; }
# the driver waits on wrk most of the time: it shares wrk's CPUs, never the server's
exec taskset -c "$client_cpus" java -Xmx512m -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.memtune.benchmarks.load.Saturation --server-cpus "$server_cpus" --client-cpus "$client_cpus" "$@"
