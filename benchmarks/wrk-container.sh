# Sourced by the wrk-based benchmark scripts: one memtune container on a corpus, started and stopped alike.

# A free port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18599
}

# write_environment FILE PORT TEMPLATES_DIR MODE [MORE_JSON_MEMBERS]: the environment file of one run.
write_environment() {
  mkdir -p "$(dirname "$1")"
  cat > "$1" <<JSON
{
  "org.apache.felix.http": {"org.apache.felix.http.host": "127.0.0.1", "org.osgi.service.http.port": $2},
  "io.memtune.template": {"templates.root": "$3", "mode": "$4"}${5:+,
  $5}
}
JSON
}

# start_memtune HOME CONFIG_DIR PORT "JVM FLAGS" OUT: starts the container with a fresh data/ and waits until it is
# ready; prints the JVM's pid.
start_memtune() {
  rm -rf "$1/data"
  MEMTUNE_OPTS="$4 -Dorg.osgi.service.http.port=$3 -Dorg.apache.felix.http.host=127.0.0.1" \
    "$1/bin/memtune" --config "$2" --env bench --no-shell > "$5" 2>&1 &
  for _ in $(seq 120); do grep -qs "memtune ready" "$1/data/log/memtune.log" && break; sleep 0.5; done
  grep -qs "memtune ready" "$1/data/log/memtune.log" || { echo "the container did not start: see $5" >&2; return 1; }
  pgrep -f "org.osgi.service.http.port=$3" | head -1
}

# stop_memtune PORT
stop_memtune() {
  pkill -f "org.osgi.service.http.port=$1" || true
  for _ in $(seq 40); do pgrep -f "org.osgi.service.http.port=$1" >/dev/null || return 0; sleep 0.25; done
}
