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
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18599)

# the Lua script: every page of every tenant in turn, the corpus's context as body, 2 ms think time
{
  echo "paths = {"
  for tenant in "$work"/corpus/templates/tenant*; do
    for page in "$tenant"/page*.mustache; do
      name=$(basename "$page" .mustache)
      echo "  \"/render/$(basename "$tenant")/$name\","
    done
  done
  echo "}"
  echo "wrk.method = 'POST'"
  echo "wrk.headers['Content-Type'] = 'application/json'"
  echo "wrk.body = [==[$(cat "$work/corpus/context.json")]==]"
  cat <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
delay = function() return 2 end
done = function(summary, latency, requests)
  for _, p in pairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s=%.2fms ", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("non-2xx/3xx=%d errors=%d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
} > "$work/load.lua"

ticks=$(getconf CLK_TCK); cores=$(nproc)
for mode in baseline optimized; do
  cat > "$work/config/environments/bench.json" <<JSON
{
  "org.apache.felix.http": {"org.apache.felix.http.host": "127.0.0.1", "org.osgi.service.http.port": $port},
  "io.memtune.template": {"templates.root": "$PWD/$work/corpus/templates", "mode": "$mode"}
}
JSON
  rm -rf "$work/memtune/data"
  MEMTUNE_OPTS="-Xmx256m -Xms256m -XX:+UseG1GC -Dorg.osgi.service.http.port=$port -Dorg.apache.felix.http.host=127.0.0.1" \
    "$work/memtune/bin/memtune" --config "$work/config" --env bench --no-shell > "$work/server-$mode.out" 2>&1 &
  server=$!
  for _ in $(seq 120); do grep -qs "memtune ready" "$work/memtune/data/log/memtune.log" && break; sleep 0.5; done
  pid=$(pgrep -f "org.osgi.service.http.port=$port" | head -1)
  wrk -t1 -c15 -d"${seconds}s" -s "$work/load.lua" "http://127.0.0.1:$port" >/dev/null  # warm-up
  for c in 15 30 60; do
    t0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); s0=$(date +%s.%N)
    out=$(wrk -t1 -c"$c" -d"${seconds}s" -s "$work/load.lua" "http://127.0.0.1:$port" | grep -E "^p50|Requests/sec" | tr -s ' \n' ' ')
    t1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); s1=$(date +%s.%N)
    cpu=$(awk -v a="$t0" -v b="$t1" -v x="$s0" -v y="$s1" -v t="$ticks" -v n="$cores" 'BEGIN { printf "%.2f", (b - a) / t / (y - x) / n }')
    printf '%-9s connections=%-3s server-cpu=%s %s\n' "$mode" "$c" "$cpu" "$out"
  done
  pkill -f "org.osgi.service.http.port=$port" || true; wait "$server" 2>/dev/null || true
done
