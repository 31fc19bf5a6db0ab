#!/usr/bin/env bash
# What a refusal costs the server, against what a render costs it and against the least any HTTP answer can cost a JVM
# on this host (docs/performance.md, "The refusal floor"): microseconds of the server's CPU per answer, the server
# pinned to SERVER_CPUS and Debian's wrk (no think time, 64 connections) to CLIENT_CPUS, on the load report's corpus.
#   1. a render: optimized mode, the shipped render executor, every page answered 200;
#   2. a refusal: the same container with the render executor's interactive queue at 0, every render answered 503 by
#      the admission check before the body is read;
#   3. the floor: CannedRefusalServer, one NIO selector thread answering a prepared 503 to every request head.
#   SERVER_CPUS=0 CLIENT_CPUS=1 benchmarks/run-refusal-floor.sh [--seconds 15] [--warmup 60]
# The warm-up is wrk's own load on each server before its window: on one core the JIT compiles for about a minute,
# and its compiling is CPU the window would otherwise charge to the answers.
# SKIP_BUILD=1 uses what is built. Nothing else may run meanwhile: the figures are CPU time over answers.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=15
warmup=60
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "unknown option $1; usage: run-refusal-floor.sh [--seconds 15] [--warmup 60]" >&2; exit 2 ;;
  esac
done
server_cpus=${SERVER_CPUS:-0}
client_cpus=${CLIENT_CPUS:-1}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
command -v taskset >/dev/null || { echo "taskset is missing: apt-get install util-linux" >&2; exit 2; }
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests install -pl benchmarks,distribution -am
  mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
work=benchmarks/target/refusal-floor
rm -rf "$work" && mkdir -p "$work/config/environments"
cp -a distribution/target/memtune "$work/memtune" && rm -rf "$work/memtune/data"
java -cp "benchmarks/target/classes:$(sed 's/\x1b\[[0-9;]*m//g' benchmarks/target/classpath.txt)" \
  io.memtune.benchmarks.CorpusGenerator --out "$work/corpus" --tenants 100 --templates 20 --shared-ratio 0.3 >/dev/null
# the wrk script the wrk-based benchmarks share, without its think time: the server is saturated
benchmarks/wrk-load-lua.sh "$work/corpus" | grep -v '^delay = ' > "$work/load.lua"
. benchmarks/wrk-container.sh
port=$(free_port)
ticks=$(getconf CLK_TCK)
all_cpus=$(taskset -p -c $$ | sed 's/.*: //')

# measure NAME PID: the warm-up, then the server's CPU time over the answers of one window
measure() {
  taskset -c "$client_cpus" wrk -t1 -c64 -d"${warmup}s" -s "$work/load.lua" "http://127.0.0.1:$port" >/dev/null
  local t0 t1 out
  t0=$(awk '{print $14 + $15}' "/proc/$2/stat")
  out=$(taskset -c "$client_cpus" wrk -t1 -c64 -d"${seconds}s" -s "$work/load.lua" "http://127.0.0.1:$port")
  t1=$(awk '{print $14 + $15}' "/proc/$2/stat")
  echo "$out" | awk -v name="$1" -v a="$t0" -v b="$t1" -v t="$ticks" -v s="$seconds" '
    /requests in/ { n = $1 }
    /Non-2xx/ { non2xx = $NF }
    END { printf "%-40s %9d answers (%d not 2xx), %6.0f /s, server CPU %5.1f %%, %6.2f us an answer\n",
          name, n, non2xx, n / s, 100 * (b - a) / t / s, (b - a) / t * 1e6 / n }'
}

executor='"io.memtune.concurrency.executor~render": {"executor.name": "render", "workers.min": 2, "workers.max": 8, "queue.interactive": QUEUE, "queue.batch": 500, "deadline.ms": 2000}'
for run in render refusal; do
  queue=100; [ "$run" = refusal ] && queue=0
  # no warm-up of its own: every run is warmed alike by wrk first
  write_environment "$work/config/environments/bench.json" "$port" "$PWD/$work/corpus/templates" optimized \
    "${executor/QUEUE/$queue}, \"io.memtune.http.warmup\": {\"warmup.seconds\": 0}"
  # started from this shell pinned to the server's CPUs (the container inherits them), then this shell moves back
  taskset -p -c "$server_cpus" $$ >/dev/null
  pid=$(start_memtune "$work/memtune" "$work/config" "$port" "-Xms256m -Xmx256m -XX:+UseG1GC" "$work/server-$run.out")
  taskset -p -c "$all_cpus" $$ >/dev/null
  measure "$run (memtune, optimized)" "$pid"
  stop_memtune "$port"
done
taskset -c "$server_cpus" java -Xmx64m -cp benchmarks/target/classes io.memtune.benchmarks.load.CannedRefusalServer "$port" \
  > "$work/canned.out" 2>&1 &
canned=$!
for _ in $(seq 40); do grep -qs answering "$work/canned.out" && break; sleep 0.25; done
measure "floor (CannedRefusalServer)" "$canned"
kill "$canned"
