package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The load harness's command line: closed-loop users against a running memtune.
 *
 * <pre>
 * java -cp ... io.memtune.benchmarks.load.LoadGenerator --base http://127.0.0.1:8080 \
 *   (--corpus DIR | --path /render/acme/welcome.html) --context FILE (--users 16 | --rate 500) \
 *   [--duration 30s] [--warmup 10s] [--think 0ms] [--json result.json]
 * </pre>
 *
 * {@code --users}: a closed loop of that many users; {@code --rate}: an open loop of that many requests a
 * second (latency from when each was due). With {@code --corpus}, every page of every tenant under DIR is a target
 * ({@code templates/<tenant>/page*.mustache}, as written by {@link io.memtune.benchmarks.CorpusGenerator}; the
 * same pages as the harness's own runs); the context file is every request's body.
 */
public final class LoadGenerator {

    /** The command line, checked. */
    record Settings(URI base, List<ClosedLoopLoad.Target> targets, int users, double rate, Duration duration,
            Duration warmUp, Duration think, Path json) {
    }

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Settings s;
        try {
            s = parse(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("load generator: " + e.getMessage());
            System.err.println("usage: --base URI (--corpus DIR | --path P) --context FILE (--users N | --rate R) [--duration 30s]"
                    + " [--warmup 10s] [--think 0ms] [--json FILE]");
            System.exit(2);
            return;
        }
        LoadResult result;
        if (s.rate() > 0) {
            try (OpenLoopLoad open = new OpenLoopLoad(s.base(), s.targets(), Duration.ofSeconds(30))) {
                open.run(s.rate(), s.warmUp());
                result = open.run(s.rate(), s.duration());
            }
        } else {
            result = new ClosedLoopLoad(s.base(), s.targets(), Duration.ofSeconds(30))
                    .run(s.users(), s.warmUp(), s.duration(), s.think());
        }
        System.out.println(result.toText());
        if (s.json() != null) {
            Files.writeString(s.json(), result.toJson() + "\n");
        }
    }

    static Settings parse(String[] args) throws IOException {
        URI base = URI.create("http://127.0.0.1:8080/");
        Path corpus = null;
        String path = null;
        Path context = null;
        int users = 0;
        double rate = 0;
        Duration duration = Duration.ofSeconds(30);
        Duration warmUp = Duration.ofSeconds(10);
        Duration think = Duration.ZERO;
        Path json = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--base": base = URI.create(value.endsWith("/") ? value : value + "/"); break;
                case "--corpus": corpus = Path.of(value); break;
                case "--path": path = value; break;
                case "--context": context = Path.of(value); break;
                case "--users": users = number(args[i], value); break;
                case "--rate": rate = decimal(args[i], value); break;
                case "--duration": duration = duration(args[i], value); break;
                case "--warmup": warmUp = duration(args[i], value); break;
                case "--think": think = duration(args[i], value); break;
                case "--json": json = Path.of(value); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if ((users < 1) == (rate <= 0)) {
            throw new IllegalArgumentException("give --users (closed loop, at least 1) or --rate (open loop, per second)");
        }
        if (context == null || (corpus == null) == (path == null)) {
            throw new IllegalArgumentException("--context and one of --corpus or --path are required");
        }
        String body = Files.readString(context);
        List<ClosedLoopLoad.Target> targets = new ArrayList<>();
        if (path != null) {
            targets.add(new ClosedLoopLoad.Target(path.replaceFirst("^/", ""), body));
        } else {
            // the pages the harness's own runs send (not every template: the shared partials are not pages)
            targets.addAll(Bench.targets(corpus, body));
        }
        return new Settings(base, targets, users, rate, duration, warmUp, think, json);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
        }
    }

    private static double decimal(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}. */
    static Duration duration(String option, String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " takes a duration like 500ms, 30s or 2m, not '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("ms") ? Duration.ofMillis(n) : m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }
}
