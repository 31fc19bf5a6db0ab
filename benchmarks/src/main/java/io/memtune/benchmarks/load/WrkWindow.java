package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One load window of Debian's wrk (closed loop, C, epoll: a few microseconds of its own CPU per request), pinned to
 * the client CPUs, against one container, with the server's CPU time read from /proc around it. wrk runs a Lua script
 * ({@link #writeScripts}) that cycles through a corpus's requests (path and body each) and prints its figures as one
 * JSON line.
 *
 * @param requests completed requests
 * @param seconds wrk's own measured duration
 * @param serverCpuSeconds the server's user + system CPU time over the window (every thread of the JVM)
 * @param p50Micros median latency
 * @param p99Micros 99th percentile latency
 * @param non2xx responses with a status of 400 or more (wrk counts those)
 * @param status503 responses 503 (counted only by the counting script: the cold start's shed requests)
 * @param socketErrors connect, read, write errors and timeouts
 */
record WrkWindow(long requests, double seconds, double serverCpuSeconds, double p50Micros, double p99Micros, long non2xx,
        long status503, long socketErrors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    double rps() {
        return requests / seconds;
    }

    /** The server's CPU share: 1.0 is one core busy the whole window. */
    double serverCpuShare() {
        return serverCpuSeconds / seconds;
    }

    /** Requests per second per server core: requests per CPU-second of the server, the window's gaps left out. */
    double rpsPerCore() {
        return serverCpuSeconds > 0 ? requests / serverCpuSeconds : 0;
    }

    boolean clean() {
        return non2xx == 0 && socketErrors == 0;
    }

    /** How wrk is started: the same for every window but for the connections, the length and the script. */
    record Command(String clientCpus, int threads, Path script, Path countingScript, int port) {

        List<String> line(int connections, int seconds, boolean countStatuses) {
            return List.of("taskset", "-c", clientCpus, "wrk", "-t" + Math.min(threads, connections), "-c" + connections,
                    "-d" + seconds + "s", "--timeout", "10s", "-s", (countStatuses ? countingScript : script).toString(),
                    "http://127.0.0.1:" + port);
        }
    }

    /** Runs wrk for {@code seconds} with the server's CPU read before and after. */
    static WrkWindow run(Command command, long serverPid, int connections, int seconds, boolean countStatuses)
            throws IOException, InterruptedException {
        long cpuBefore = ProcStats.cpuNanos(serverPid);
        ExternalCommand.Answer answer = ExternalCommand.run(command.line(connections, seconds, countStatuses),
                Duration.ofSeconds(seconds + 60L));
        long cpuAfter = ProcStats.cpuNanos(serverPid);
        if (!answer.ok()) {
            throw new IllegalStateException("wrk failed (" + answer.exit() + "): " + String.join(" ",
                    command.line(connections, seconds, countStatuses)) + "\n" + answer.output());
        }
        return parse(answer.output(), (cpuAfter - cpuBefore) / 1e9);
    }

    /** The JSON line the script's done() prints, among wrk's own report. */
    static WrkWindow parse(String output, double serverCpuSeconds) throws IOException {
        for (String line : output.split("\n")) {
            if (line.startsWith("{\"requests\"")) {
                Map<?, ?> m = JSON.readValue(line, Map.class);
                return new WrkWindow(number(m, "requests").longValue(), number(m, "duration_us").doubleValue() / 1e6,
                        serverCpuSeconds, number(m, "p50_us").doubleValue(), number(m, "p99_us").doubleValue(),
                        number(m, "non2xx").longValue(), number(m, "s503").longValue(), number(m, "connect").longValue()
                                + number(m, "read").longValue() + number(m, "write").longValue() + number(m, "timeout").longValue());
            }
        }
        throw new IllegalStateException("wrk printed no figures (is its script ours?):\n" + output);
    }

    private static Number number(Map<?, ?> m, String name) {
        Object value = m.get(name);
        if (!(value instanceof Number n)) {
            throw new IllegalStateException("wrk's figures lack " + name + ": " + m);
        }
        return n;
    }

    /**
     * The scripts: {@code load.lua} (for measuring: wrk counts statuses of 400 and more itself) and
     * {@code load-counting.lua} (with a response() callback counting 503s: wrk then parses every response for Lua,
     * which costs it CPU, so only the cold start uses it). Requests are built in init(), per thread, where wrk.format
     * knows the Host header (at the top level it does not yet), and given their Host explicitly all the same.
     *
     * @param targets a file of lines {@code path<TAB>body file}
     */
    static void writeScripts(Path dir, Path targets, int port) throws IOException {
        String common = """
                local targets_file = "%s"
                local host = "127.0.0.1:%d"
                local requests = {}
                local next_request = 1
                s503 = 0
                local threads = {}

                function setup(thread)
                  table.insert(threads, thread)
                  thread:set("first", #threads * 7919) -- threads start at different requests
                end

                function init(args)
                  local bodies = {}
                  for line in io.lines(targets_file) do
                    local path, body_file = line:match("^([^\\t]+)\\t(.+)$")
                    if bodies[body_file] == nil then
                      local f = assert(io.open(body_file, "rb"))
                      bodies[body_file] = f:read("*a")
                      f:close()
                    end
                    table.insert(requests, wrk.format("POST", path,
                      {["Host"] = host, ["Content-Type"] = "application/json"}, bodies[body_file]))
                  end
                  assert(#requests > 0, "no requests in " .. targets_file)
                  next_request = (first or 0) %% #requests + 1
                end

                function request()
                  local r = requests[next_request]
                  next_request = next_request %% #requests + 1
                  return r
                end

                function done(summary, latency, requests)
                  local shed = 0
                  for _, t in ipairs(threads) do shed = shed + (t:get("s503") or 0) end
                  io.write(string.format('{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "non2xx": %%d,'
                    .. ' "s503": %%d, "connect": %%d, "read": %%d, "write": %%d, "timeout": %%d}\\n',
                    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), summary.errors.status,
                    shed, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
                end
                """.formatted(targets.toAbsolutePath(), port);
        Files.writeString(dir.resolve("load.lua"), common);
        Files.writeString(dir.resolve("load-counting.lua"), common + """

                function response(status, headers, body)
                  if status == 503 then s503 = s503 + 1 end
                end
                """);
    }

    /** Where a corpus's requests are listed for the scripts. */
    static void writeTargets(Path file, List<LoadTarget> targets) throws IOException {
        List<String> lines = new ArrayList<>();
        for (LoadTarget t : targets) {
            lines.add(t.path() + "\t" + t.body().toAbsolutePath());
        }
        Files.write(file, lines);
    }
}
