#!/usr/bin/env bash
# The JVM's own memory in the shipped defaults (issue item 4, part 2): the container in one mode on the shipped
# jvm.options with native memory tracking on, under wrk (warm-up, then a measured window), once per variant of what
# the launcher sets besides jvm.options:
#   arenas-16  MALLOC_ARENA_MAX=16 (glibc's own default on 2 cores: 8 per core), no AppCDS archive: memtune before
#   arenas-2   MALLOC_ARENA_MAX=2, bin/memtune's default now
#   cds        arenas-2 and the AppCDS archive of bin/memtune --create-cds
# Prints per variant: peak and final RSS, Pss, NMT's committed memory by category (and malloc, and what the process
# holds that NMT does not count), threads by pool, the server's CPU per request, the time to "memtune ready".
#   benchmarks/jvm-memory.sh [--mode optimized] [--tenants 300] [--connections 18] [--warmup 30] [--seconds 20]
#       [--variants "arenas-16 arenas-2 cds"] [--flags "EXTRA JVM FLAGS"] [--jvm-options FILE]
# --jvm-options runs on another jvm.options than the shipped one (a proposal of memtune:tune --jvm-options, such as
# benchmarks/target/footprint-report/proposal-optimized-round1.options).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=optimized tenants=300 conns=18 warm=30 secs=20 variants="arenas-16 arenas-2 cds" extra="" options=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode=$2;; --tenants) tenants=$2;; --connections) conns=$2;; --warmup) warm=$2;; --seconds) secs=$2;;
    --variants) variants=$2;; --flags) extra=$2;; --jvm-options) options=$2;;
    *) echo "jvm-memory.sh: unknown option $1" >&2; exit 2;;
  esac
  shift 2
done
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 2; }
[ -x distribution/target/memtune/bin/memtune ] || mvn -B -q -DskipTests install
[ -f benchmarks/target/classpath.txt ] \
  || mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
. benchmarks/wrk-container.sh
work=benchmarks/target/jvm-memory
mkdir -p "$work"
corpus="$work/corpus-$tenants"
[ -f "$corpus/context.json" ] || java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.memtune.benchmarks.CorpusGenerator --out "$corpus" --tenants "$tenants" --templates 20 --shared-ratio 0.3 >/dev/null
benchmarks/wrk-load-lua.sh "$corpus" > "$work/load.lua"
port=$(free_port)
write_environment "$work/config/environments/bench.json" "$port" "$PWD/$corpus/templates" "$mode" \
  '"io.memtune.concurrency.executor~render": {"executor.name": "render", "workers.min": 2, "workers.max": 4, "queue.interactive": 1000, "deadline.ms": 30000, "shed.target.ms": 60000, "shed.interval.ms": 60000}'
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

for variant in $variants; do
  home="$work/memtune-$variant"
  rm -rf "$home" && cp -a distribution/target/memtune "$home"
  [ -z "$options" ] || cp "$options" "$home/jvm.options"
  case "$variant" in
    arenas-16) arenas=16;;
    arenas-2) arenas=2;;
    cds) arenas=2
      MALLOC_ARENA_MAX=$arenas MEMTUNE_OPTS="-Dorg.osgi.service.http.port=$port -Dorg.apache.felix.http.host=127.0.0.1" \
        "$home/bin/memtune" --create-cds --config "$work/config" --env bench > "$work/create-cds.out";;
    *) echo "jvm-memory.sh: unknown variant $variant" >&2; exit 2;;
  esac
  # a fresh data/ but for the archive
  find "$home/data" -mindepth 1 -maxdepth 1 ! -name cds -exec rm -rf {} + 2>/dev/null || true
  flags="$extra -XX:NativeMemoryTracking=summary -Dorg.osgi.service.http.port=$port -Dorg.apache.felix.http.host=127.0.0.1"
  MALLOC_ARENA_MAX=$arenas MEMTUNE_OPTS="$flags" "$home/bin/memtune" --config "$work/config" --env bench --no-shell \
    > "$work/server-$variant.out" 2>&1 &
  pid=$!
  for _ in $(seq 240); do grep -qs "memtune ready" "$home/data/log/memtune.log" && break; sleep 0.5; done
  ready=$(grep -o "memtune ready in [0-9]* ms" "$home/data/log/memtune.log" | grep -o "[0-9]*")
  wrk -t1 -c"$conns" -d"${warm}s" -s "$work/load.lua" "http://127.0.0.1:$port" >/dev/null
  before=$(ticks "$pid")
  out=$(wrk -t1 -c"$conns" -d"${secs}s" -s "$work/load.lua" "http://127.0.0.1:$port")
  after=$(ticks "$pid")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  status=$(grep -E "VmHWM|VmRSS|RssAnon|RssFile" "/proc/$pid/status" | awk '{printf "%s %.0f MB  ", $1, $2 / 1024}')
  pss=$(awk '/^Pss:/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/smaps_rollup")
  nmt=$(jcmd "$pid" VM.native_memory summary scale=MB)
  threads=$(jcmd "$pid" Thread.print | grep '^"' | sed -E 's/^"([^"]*)".*/\1/; s/[-#]?[0-9]+$//; s/-[0-9]+-.*//; s/@.*//' \
    | sort | uniq -c | sort -rn | awk '{n=$1; $1=""; printf "%s%s %d", sep, $0, n; sep=","}')
  echo "== $variant ($mode, $conns connections, MALLOC_ARENA_MAX=$arenas$( [ "$variant" = cds ] && echo ", AppCDS archive")):"
  echo "   jvm.options: $(sed 's/#.*//' "$home/jvm.options" | xargs echo)${extra:+; added: $extra}"
  echo "   $(echo "$out" | awk '/Requests\/sec/ {printf "%.0f req/s", $2}'), server CPU $(( (after - before) * 10000 / requests )) us per request, ready in ${ready:-?} ms"
  echo "   $status Pss $pss, threads $(awk '/Threads/ {print $2}' "/proc/$pid/status")"
  echo "   NMT committed: $(echo "$nmt" | grep -o 'Total: reserved=[0-9]*MB, committed=[0-9]*MB' | sed 's/.*committed=//') in all;" \
    "$(echo "$nmt" | grep -E '^-' | sed -E 's/^- +([A-Za-z ]+) \(reserved=[0-9]+MB, committed=([0-9]+)MB\)/\1 \2/' | awk '$NF > 0 {printf "%s%s MB", sep, $0; sep=", "}')"
  echo "   malloc (NMT): $(echo "$nmt" | grep -E '^ +malloc:' | awk '{print $2}'); threads:$threads"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
