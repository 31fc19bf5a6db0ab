#!/usr/bin/env bash
# The footprint of both modes against the size of the corpus: for each corpus (TENANTS x 20 pages, as the load
# report's CorpusGenerator writes them), each mode in a fresh container with the same flags (-Xmx512m -Xms16m, G1,
# native memory tracking), warmed by wrk (30 s at 15 connections: every page rendered many times), then 20 s at 18
# connections (the report's N1); prints the peak resident size, the committed heap and G1's own memory (NMT), and the
# heap in use after a full collection. Why: the process holds ~155 MB besides its heap, the same in both modes, so
# the resident-size ratio depends on how much of the process the templates are (docs/performance.md, "Footprint
# against corpus size").
#   benchmarks/footprint-by-corpus.sh [--tenants "100 500"]
set -euo pipefail
cd "$(dirname "$0")/.."
tenants="100 500"
[ "${1:-}" = "--tenants" ] && tenants=${2:?--tenants needs a value, e.g. "100 500"}
for t in $tenants; do
  [[ "$t" =~ ^[1-9][0-9]*$ ]] || { echo "footprint-by-corpus.sh: --tenants takes whole numbers, not '$t'" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 2; }
mvn -B -q -DskipTests install
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
. benchmarks/wrk-container.sh
work=benchmarks/target/footprint
rm -rf "$work" && mkdir -p "$work"
cp -a distribution/target/memtune "$work/memtune"
port=$(free_port)
printf '| pages | mode | req/s at 18 connections | p99 | peak RSS | heap committed | G1 structures | heap after full GC |\n|---|---|---|---|---|---|---|---|\n'
for t in $tenants; do
  corpus="$work/corpus-$t"
  java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" io.memtune.benchmarks.CorpusGenerator \
    --out "$corpus" --tenants "$t" --templates 20 --shared-ratio 0.3 >/dev/null
  benchmarks/wrk-load-lua.sh "$corpus" > "$corpus/load.lua"
  for mode in baseline optimized; do
    write_environment "$work/config/environments/bench.json" "$port" "$PWD/$corpus/templates" "$mode" \
      '"io.memtune.concurrency.executor~render": {"executor.name": "render", "workers.min": 2, "workers.max": 4, "queue.interactive": 1000, "deadline.ms": 30000, "shed.target.ms": 60000, "shed.interval.ms": 60000}'
    pid=$(start_memtune "$work/memtune" "$work/config" "$port" "-Xmx512m -Xms16m -XX:+UseG1GC -XX:NativeMemoryTracking=summary" \
      "$work/server-$t-$mode.out")
    wrk -t1 -c15 -d30s -s "$corpus/load.lua" "http://127.0.0.1:$port" >/dev/null
    out=$(wrk -t1 -c18 -d20s -s "$corpus/load.lua" "http://127.0.0.1:$port")
    rate=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
    p99=$(echo "$out" | grep -o 'p99=[0-9.]*ms' | cut -d= -f2)
    rss=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status")
    nmt=$(jcmd "$pid" VM.native_memory summary scale=MB)
    heap=$(echo "$nmt" | grep -o 'Java Heap (reserved=[0-9]*MB, committed=[0-9]*MB' | grep -o 'committed=[0-9]*' | cut -d= -f2)
    g1=$(echo "$nmt" | grep -o ' GC (reserved=[0-9]*MB, committed=[0-9]*MB' | grep -o 'committed=[0-9]*' | cut -d= -f2)
    jcmd "$pid" GC.run >/dev/null
    live=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap/ {gsub("K,", "", $6); printf "%.0f MB", $6 / 1024}')
    printf '| %s | %s | %s | %s | %s | %s MB | %s MB | %s |\n' "$((t * 20))" "$mode" "$rate" "$p99" "$rss" "$heap" "$g1" "$live"
    stop_memtune "$port"
  done
done
