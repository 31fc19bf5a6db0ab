#!/usr/bin/env bash
# Cross-check of the load report's latency figures with wrk (Debian's `wrk`, written in C), the generator the
# issue names as the alternative to a JVM one: the same corpus as the report (100 tenants x 20 pages), the same
# heap and flags, closed loop with the report's 2 ms think time (wrk's delay()), each mode in a fresh container,
# at 15, 30 and 60 connections. Prints throughput, p50/p90/p99/p99.9, and the server's CPU share of the machine.
#   benchmarks/wrk-crosscheck.sh [--seconds 20]
# Why: on 2 cores the report's JVM generator (java.net.http.HttpClient) showed p99 near 200 ms at 15 users where
# wrk sees about 1 ms against the same server (docs/performance.md, "Generator cross-check").
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=20
[ "${1:-}" = "--seconds" ] && seconds=$2
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 2; }
mvn -B -q -DskipTests install
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
work=benchmarks/target/wrk-crosscheck
rm -rf "$work" && mkdir -p "$work/config/environments"
cp -a distribution/target/memtune "$work/memtune" && rm -rf "$work/memtune/data"
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" io.memtune.benchmarks.CorpusGenerator \
  --out "$work/corpus" --tenants 100 --templates 20 --shared-ratio 0.3 >/dev/null
. benchmarks/wrk-container.sh
port=$(free_port)

benchmarks/wrk-load-lua.sh "$work/corpus" > "$work/load.lua"

ticks=$(getconf CLK_TCK); cores=$(nproc)
for mode in baseline optimized; do
  write_environment "$work/config/environments/bench.json" "$port" "$PWD/$work/corpus/templates" "$mode"
  pid=$(start_memtune "$work/memtune" "$work/config" "$port" "-Xmx256m -Xms256m -XX:+UseG1GC" "$work/server-$mode.out")
  wrk -t1 -c15 -d"${seconds}s" -s "$work/load.lua" "http://127.0.0.1:$port" >/dev/null  # warm-up
  for c in 15 30 60; do
    t0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); s0=$(date +%s.%N)
    out=$(wrk -t1 -c"$c" -d"${seconds}s" -s "$work/load.lua" "http://127.0.0.1:$port" | grep -E "^p50|Requests/sec" | tr -s ' \n' ' ')
    t1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); s1=$(date +%s.%N)
    cpu=$(awk -v a="$t0" -v b="$t1" -v x="$s0" -v y="$s1" -v t="$ticks" -v n="$cores" 'BEGIN { printf "%.2f", (b - a) / t / (y - x) / n }')
    printf '%-9s connections=%-3s server-cpu=%s %s\n' "$mode" "$c" "$cpu" "$out"
  done
  stop_memtune "$port"
done
