package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One fresh container of one mode on one corpus: from "memtune ready", load in windows at one connection count until
 * steady state ({@link SteadyState}: recorded window by window, at least {@code cold-seconds} long, at most
 * {@code steady-cap-seconds}); then, for a saturation run, the measured windows.
 *
 * @param corpus the corpus's name
 * @param mode baseline or optimized
 * @param round which round (from 1)
 * @param kind {@value #SATURATION} (warm-up, then measured) or {@value #COLD} (the warm-up alone, at other connections)
 * @param connections wrk's connections throughout
 * @param warmUp the windows from "memtune ready", each with its start in seconds from then
 * @param steadyWindow the first window of the first steady run of three, -1 when none came before the cap
 * @param measured the windows at saturation after steady state (none for a cold run)
 * @param stalledWindows windows that served under a tenth of the run's best window so far (a server that stopped
 *        answering: its threads are dumped at the first)
 * @param threadDump where the server's threads were dumped at the first stalled window, or null
 */
record SaturationRun(String corpus, String mode, int round, String kind, int connections, List<TimedWindow> warmUp,
        int steadyWindow, List<WrkWindow> measured, int stalledWindows, String threadDump) {

    /** A window under this share of the best one before it is a stall. */
    static final double STALL = 0.1;

    static final String SATURATION = "saturation";
    static final String COLD = "cold";
    /** The cold-start window the report compares with steady state: from 20 to 30 s after ready. */
    static final double COLD_FROM = 20;
    static final double COLD_TO = 30;

    /** A window of the warm-up, with when it started (seconds after "memtune ready"). */
    record TimedWindow(double start, WrkWindow window) {
    }

    /** Seconds from "memtune ready" to the start of the first of three steady windows; NaN when none. */
    double steadyAfterSeconds() {
        return steadyWindow < 0 ? Double.NaN : warmUp.get(steadyWindow).start();
    }

    /** The steady requests/s: the measured windows' median, else (a cold run) the steady three's. */
    double steadyRps() {
        if (!measured.isEmpty()) {
            return SteadyState.median(measured.stream().map(WrkWindow::rps).toList());
        }
        return steadyWindow < 0 ? Double.NaN : SteadyState.steadyRps(warmUpRps(), steadyWindow);
    }

    /** The median measured window's requests/s per server core. */
    double rpsPerCore() {
        return SteadyState.median(measured.stream().map(WrkWindow::rpsPerCore).toList());
    }

    double serverCpuShare() {
        return SteadyState.median(measured.stream().map(WrkWindow::serverCpuShare).toList());
    }

    /** Requests/s over the windows whose middle lies 20 to 30 s after ready, as a share of the steady requests/s. */
    double coldFraction() {
        long requests = 0;
        double seconds = 0;
        for (TimedWindow w : warmUp) {
            double middle = w.start() + w.window().seconds() / 2;
            if (middle >= COLD_FROM && middle < COLD_TO) {
                requests += w.window().requests();
                seconds += w.window().seconds();
            }
        }
        return seconds == 0 ? Double.NaN : requests / seconds / steadyRps();
    }

    /** What makes the run's figures suspect, empty when nothing does. */
    List<String> flags(int serverCpus) {
        List<String> flags = new ArrayList<>();
        if (steadyWindow < 0) {
            flags.add("no steady state before the cap");
        }
        if (stalledWindows > 0) {
            flags.add(stalledWindows + " windows stalled (under " + Math.round(STALL * 100) + " % of the best before them; threads: "
                    + threadDump + ")");
        }
        long errors = measured.stream().mapToLong(w -> w.non2xx() + w.socketErrors()).sum();
        if (errors > 0) {
            flags.add(errors + " non-2xx responses or socket errors while measuring");
        }
        if (!measured.isEmpty() && serverCpuShare() < 0.9 * serverCpus) {
            flags.add(String.format("server not saturated (CPU %.2f of %d cores)", serverCpuShare(), serverCpus));
        }
        return flags;
    }

    private List<Double> warmUpRps() {
        return warmUp.stream().map(w -> w.window().rps()).toList();
    }

    /** Runs it against a started container. */
    static SaturationRun run(String corpus, String mode, int round, String kind, int connections, PinnedContainer server,
            WrkWindow.Command wrk, SaturationPlan plan, Path dumps) throws IOException, InterruptedException {
        Stalls stalls = new Stalls(server, dumps.resolve("threads-" + mode + "-round" + round + "-" + kind + ".txt"));
        List<TimedWindow> warmUp = new ArrayList<>();
        List<Double> rps = new ArrayList<>();
        int steady = -1;
        while (true) {
            double start = server.sinceReady();
            // the cold start's windows count 503s (wrk then parses every response for Lua); later ones need not
            WrkWindow w = WrkWindow.run(wrk, server.pid(), connections, plan.windowSeconds(), start < plan.coldSeconds());
            server.requireAlive();
            stalls.check(w);
            warmUp.add(new TimedWindow(start, w));
            rps.add(w.rps());
            steady = SteadyState.firstSteadyWindow(rps, plan.steadyBand());
            double elapsed = server.sinceReady();
            Progress.print("  %s %s round %d %s c=%d warm-up %5.1fs: %8.0f req/s, CPU %.2f, p99 %.1f ms, 503s %d, non-2xx %d%s",
                    corpus, mode, round, kind, connections, start, w.rps(), w.serverCpuShare(), w.p99Micros() / 1000, w.status503(),
                    w.non2xx(), steady >= 0 ? " (steady from " + String.format("%.0f s", warmUp.get(steady).start()) + ")" : "");
            if (steady >= 0 && elapsed >= plan.coldSeconds() || elapsed >= plan.steadyCapSeconds()) {
                break;
            }
        }
        List<WrkWindow> measured = new ArrayList<>();
        if (kind.equals(SATURATION)) {
            for (int i = 0; i < plan.measureWindows(); i++) {
                WrkWindow w = WrkWindow.run(wrk, server.pid(), connections, plan.measureSeconds(), false);
                server.requireAlive();
                stalls.check(w);
                measured.add(w);
                Progress.print("  %s %s round %d measured %d/%d: %8.0f req/s, CPU %.2f, %8.0f req/s per core, p50 %.2f ms,"
                        + " p99 %.2f ms, non-2xx %d, socket errors %d", corpus, mode, round, i + 1, plan.measureWindows(), w.rps(),
                        w.serverCpuShare(), w.rpsPerCore(), w.p50Micros() / 1000, w.p99Micros() / 1000, w.non2xx(), w.socketErrors());
            }
        }
        return new SaturationRun(corpus, mode, round, kind, connections, List.copyOf(warmUp), steady, List.copyOf(measured),
                stalls.count, stalls.dumped);
    }

    /** Counts stalled windows; dumps the server's threads at the first. */
    private static final class Stalls {
        private final PinnedContainer server;
        private final Path file;
        private double best;
        int count;
        String dumped;

        Stalls(PinnedContainer server, Path file) {
            this.server = server;
            this.file = file;
        }

        void check(WrkWindow w) throws IOException, InterruptedException {
            if (w.rps() < STALL * best || w.requests() == 0) {
                count++;
                if (dumped == null) {
                    Files.writeString(file, server.threadDump());
                    dumped = file.toString();
                    Progress.print("  stalled: %.0f req/s after %.0f; the server's threads: %s", w.rps(), best, file);
                }
            }
            best = Math.max(best, w.rps());
        }
    }
}
