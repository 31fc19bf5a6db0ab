#!/usr/bin/env bash
# The tuner's acceptance run: the assembled distribution with an under-provisioned render executor
# (workers.max 1) under the load harness; memtune:tune recommends, the recommendation is applied live,
# and the same load is measured again. Prints the before/after figures and leaves them in
# benchmarks/target/tuner-acceptance/.
#   benchmarks/tuner-acceptance.sh [users=16] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-16}
seconds=${2:-20}
out=benchmarks/target/tuner-acceptance
home=distribution/target/memtune
port=18089

[ -x "$home/bin/memtune" ] && [ -d benchmarks/target/classes/io/memtune/benchmarks/load ] \
  || mvn -B -q -DskipTests install
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

rm -rf "$out" && mkdir -p "$out/config/environments"
# dev.json with a render executor of one worker, a deep queue (nothing refused: the wait is what shows)
# and a port of its own
python3 - "$out" "$port" "$home" <<'PY'
import json, re, sys
out, port, home = sys.argv[1:4]
text = open("config/environments/dev.json").read()
text = re.sub(r'"workers.min": \d+', '"workers.min": 1', text)
text = re.sub(r'"workers.max": \d+', '"workers.max": 1', text, count=1)
text = re.sub(r'"queue.interactive": \d+', '"queue.interactive": 1000', text, count=1)
text = re.sub(r'"deadline.ms": \d+', '"deadline.ms": 60000', text, count=1)
text = text.replace('"org.osgi.service.http.port": 8080', '"org.osgi.service.http.port": %s' % port)
open(out + "/config/environments/dev.json", "w").write(text)
# an invoice of 400 lines: a page heavy enough that one worker is the bottleneck
context = json.load(open(home + "/samples/invoice.html.json"))
line = context["lines"][0]
context["lines"] = [dict(line, description="%s #%d" % (line.get("description", "item"), i)) for i in range(400)]
json.dump(context, open(out + "/invoice.json", "w"))
PY

log="$home/data/log/memtune.log"
rm -f "$log"
"$home/bin/memtune" --config "$out/config" --env dev --no-shell > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "memtune ready" "$log" 2>/dev/null && break; sleep 0.5; done
grep -q "memtune ready" "$log" || { echo "the container did not start:"; tail -30 "$log"; exit 1; }
client() { "$home/bin/memtune" client "$@"; }

load() { # $1: result name, $2: seconds measured, $3: warm-up seconds
  java -cp "$cp" io.memtune.benchmarks.load.LoadGenerator --base "http://127.0.0.1:$port/" \
    --path /render/acme/invoice.html --context "$out/invoice.json" --users "$users" \
    --duration "${2}s" --warmup "${3}s" --json "$out/$1.json"
}

echo "== before: render workers.max 1, $users users"
load before "$seconds" 10
echo "== memtune:tune under the same load"
load during 15 0 > "$out/during.txt" &
during=$!
sleep 8
client "memtune:tune" | tee "$out/recommendations.txt"
client "memtune:tune --apply executor-workers:render" | tee "$out/applied.txt"
wait $during
echo "== after"
load after "$seconds" 5
client "memtune:tune-history" > "$out/history.txt" || true
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
b, a = (json.load(open("%s/%s.json" % (out, n))) for n in ("before", "after"))
print("throughput %.1f -> %.1f req/s (x%.2f); p50 %.1f -> %.1f ms; p99 %.1f -> %.1f ms (x%.2f); success %.2f%% -> %.2f%%" % (
    b["throughput"], a["throughput"], a["throughput"] / b["throughput"], b["p50_ms"], a["p50_ms"],
    b["p99_ms"], a["p99_ms"], a["p99_ms"] / b["p99_ms"], b["success"] * 100, a["success"] * 100))
PY
