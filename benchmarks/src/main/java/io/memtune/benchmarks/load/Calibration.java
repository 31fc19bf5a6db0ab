package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * N1, the load every other scenario is a multiple of: the closed-loop users at which the baseline side runs
 * near {@link #TARGET} of the machine's CPU (server process CPU from /proc; 1.0 is every core busy), found on
 * one warmed-up baseline container by a short search over user counts (1, 2, 4, ... then bisection).
 *
 * @param cpuShare what was measured at N1
 * @param targetReached whether any user count tried reached the target (see {@link #choose} when none did)
 * @param probes every user count tried, with its CPU share, in order
 */
record Calibration(int n1, double cpuShare, boolean targetReached, List<MonotoneSearch.Probe> probes) {

    /** Near 40 %: room left to take twice and four times the users on the same machine. */
    static final double TARGET = 0.40;

    /** Bisection stops within this share of the user count. */
    static final double PRECISION = 0.125;

    /** Without the target reached, N1 is the fewest users at this share of the highest CPU share measured or more. */
    static final double PLATEAU = 0.9;

    /** Enough users, without think time, to have every page compiled and the hot paths JIT-compiled within the warm-up. */
    static final int WARM_UP_USERS = 16;

    /** A server using less than this share of the machine is idle. */
    static final double IDLE = 0.05;

    static Calibration run(Bench bench, List<String> flags, ReportPlan plan) throws Exception {
        try (Server server = Server.start(bench, "baseline", flags, AbComparison.PATIENT)) {
            ClosedLoopLoad load = new ClosedLoopLoad(server.base(), bench.targets(), Duration.ofSeconds(30));
            load.run(WARM_UP_USERS, Duration.ZERO, plan.warmUp(), Duration.ZERO);
            settle(server);
            MonotoneSearch.Result result = MonotoneSearch.search(1, plan.maxUsers(), TARGET, PRECISION, users -> {
                double share = cpuShare(server, load, users, bench, plan);
                if (share >= TARGET) {
                    // noise only ever adds CPU (the JIT still compiling, a collection, another process): a probe that
                    // would turn the search back is measured again, and the lower share kept
                    share = Math.min(share, cpuShare(server, load, users, bench, plan));
                }
                System.out.printf(java.util.Locale.ROOT, "calibration: %d users, baseline server CPU %.1f%%%n", users, share * 100);
                return share;
            });
            return choose(result);
        }
    }

    /**
     * N1 from the search: the user count nearest the target; when the target was never reached (the server's
     * share levels off below it: on 2 cores the load generator takes the rest), the knee past which more users
     * only queue: the fewest users within {@link #PLATEAU} of the highest share. As noise only adds CPU, a share
     * is trusted only as far as no probe with more users measured less: each user count is judged by the lowest
     * share measured at it or above (a first probe inflated by the JIT is not taken for the plateau).
     */
    static Calibration choose(MonotoneSearch.Result result) {
        if (result.reached() != null) {
            MonotoneSearch.Probe chosen = result.closestTo(TARGET);
            return new Calibration(chosen.x(), chosen.value(), true, result.probes());
        }
        List<MonotoneSearch.Probe> byUsers = result.probes().stream().sorted(Comparator.comparingInt(MonotoneSearch.Probe::x)).toList();
        double[] floor = new double[byUsers.size()];
        for (int i = byUsers.size() - 1; i >= 0; i--) {
            floor[i] = Math.min(byUsers.get(i).value(), i + 1 < floor.length ? floor[i + 1] : Double.MAX_VALUE);
        }
        double highest = java.util.Arrays.stream(floor).max().orElseThrow();
        int knee = 0;
        while (floor[knee] < PLATEAU * highest) {
            knee++;
        }
        return new Calibration(byUsers.get(knee).x(), byUsers.get(knee).value(), false, result.probes());
    }

    private static double cpuShare(Server server, ClosedLoopLoad load, int users, Bench bench, ReportPlan plan) throws Exception {
        ProcStats.CpuWindow cpu = ProcStats.CpuWindow.open(server.pid());
        load.run(users, Duration.ZERO, plan.probe(), bench.think());
        return cpu.share();
    }

    /**
     * Waits (up to 15 s) for a second in which the server is idle: the JIT's compiler threads are still busy for
     * a while after the warm-up, and their CPU would be counted against the first, smallest probe, ending the
     * search at once.
     */
    private static void settle(Server server) throws Exception {
        for (int second = 0; second < 15; second++) {
            ProcStats.CpuWindow idle = ProcStats.CpuWindow.open(server.pid());
            Thread.sleep(1000);
            if (idle.share() < IDLE) {
                return;
            }
        }
    }
}
