#!/usr/bin/env bash
# Prints the wrk Lua script the wrk-based benchmarks share: every page of every tenant of a corpus (as written by
# CorpusGenerator) in turn, the corpus's context.json as the POST body, and the load report's 2 ms think time.
#   benchmarks/wrk-load-lua.sh CORPUS_DIR > load.lua
set -euo pipefail
corpus=${1:?usage: benchmarks/wrk-load-lua.sh CORPUS_DIR (a folder CorpusGenerator wrote)}
[ -f "$corpus/context.json" ] && [ -d "$corpus/templates" ] \
  || { echo "wrk-load-lua.sh: $corpus is not a corpus (no context.json and templates/ in it)" >&2; exit 2; }
echo "paths = {"
for tenant in "$corpus"/templates/tenant*; do
  for page in "$tenant"/page*.mustache; do
    echo "  \"/render/$(basename "$tenant")/$(basename "$page" .mustache)\","
  done
done
echo "}"
echo "wrk.method = 'POST'"
echo "wrk.headers['Content-Type'] = 'application/json'"
echo "wrk.body = [==[$(cat "$corpus/context.json")]==]"
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
