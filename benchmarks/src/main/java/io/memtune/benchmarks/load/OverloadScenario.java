package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The overload scenario, open loop so that arrivals do not slow down with the server (closed-loop users do,
 * and never overload it): each mode in turn, on a container with the shipped executor settings (bounded queue,
 * deadline, shedding), gets the N1 rate (baseline's throughput at N1), then {@link #FACTOR} times it, then the
 * N1 rate again, back to back. Judged: goodput under overload against the mode's peak, admitted p99 against the
 * unloaded p99, how fast refusals (503) are answered, and how long until the per-second figures are back.
 *
 * @param n1Rate requests a second of the unloaded and recovery phases
 * @param overloadRate requests a second of the overload phase
 */
record OverloadScenario(double n1Rate, double overloadRate, List<ModeRun> runs) {

    static final int FACTOR = 8;

    /** Per-second p99 at most this multiple of the unloaded p99 counts as recovered... */
    static final double RECOVERED_P99 = 1.5;

    /** ...for this many seconds in a row. */
    static final int RECOVERED_FOR = 3;

    /** The bars. */
    static final double GOODPUT_TARGET = 0.9;
    static final double ADMITTED_P99_TARGET = 2.0;
    static final double REFUSAL_P99_TARGET_MS = 5.0;
    static final double RECOVERY_TARGET_S = 10.0;

    /** One phase's figures. */
    record Phase(String name, double rate, LoadResult result, double sendLagP99Millis) {
    }

    /**
     * One mode's run: its phases in order, its peak goodput (highest of its CPU-headroom runs), the seconds it
     * took to recover ({@code NaN}: not within the recovery phase), and the series of the whole schedule.
     */
    record ModeRun(String mode, double peakGoodput, List<Phase> phases, double recoverySeconds, List<LatencySeries.Second> latency,
            List<ServerSampler.Sample> heap) {

        Phase phase(String name) {
            return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        }

        double goodputVsPeak() {
            return phase("overload").result().goodput() / peakGoodput;
        }

        double admittedP99VsUnloaded() {
            return phase("overload").result().okP99Millis() / phase("unloaded").result().okP99Millis();
        }

        /** The share of the overload phase's schedule the generator could not send (every connection busy). */
        double notSentShare() {
            Phase overload = phase("overload");
            return overload.result().byStatus().getOrDefault(OpenLoopLoad.NOT_SENT, 0L) / (overload.rate() * overload.result().seconds());
        }

        /** How fast refusals were answered under overload; {@code NaN} when nothing was refused. */
        double refusedP99Millis() {
            return phase("overload").result().refusedP99Millis();
        }

        /** Every bar of the issue; refusals must have happened, a scenario that refused nothing has not shown them fast. */
        boolean met() {
            return goodputVsPeak() >= GOODPUT_TARGET && admittedP99VsUnloaded() <= ADMITTED_P99_TARGET
                    && refusedP99Millis() <= REFUSAL_P99_TARGET_MS && recoverySeconds() <= RECOVERY_TARGET_S;
        }
    }

    static OverloadScenario run(Bench bench, List<String> flags, double n1Rate, CpuHeadroom headroom, ReportPlan plan)
            throws Exception {
        double overloadRate = FACTOR * n1Rate;
        List<ModeRun> runs = new ArrayList<>();
        for (String mode : AbComparison.MODES) {
            runs.add(ServerStopped.retried("overload, " + mode, () -> run(bench, mode, flags, n1Rate, overloadRate,
                    headroom.peakGoodput(mode), plan)));
        }
        return new OverloadScenario(n1Rate, overloadRate, runs);
    }

    /** One mode: a container of its own, the warm-up, then the three phases on one schedule. */
    private static ModeRun run(Bench bench, String mode, List<String> flags, double n1Rate, double overloadRate,
            double peakGoodput, ReportPlan plan) throws Exception {
        try (Server server = Server.start(bench, mode, flags, AbComparison.SHIPPED);
                OpenLoopLoad open = new OpenLoopLoad(server.base(), bench.targets(), Duration.ofSeconds(30))) {
            // warmed by the open loop itself at the N1 rate, on the connections the schedule then uses: the generator's
            // asynchronous path needs its JIT as much as the server
            open.run(n1Rate, plan.warmUp());
            List<OpenLoopLoad.Phase> schedule = List.of(new OpenLoopLoad.Phase(n1Rate, plan.unloaded()),
                    new OpenLoopLoad.Phase(overloadRate, plan.overload()), new OpenLoopLoad.Phase(n1Rate, plan.recovery()));
            long origin = System.nanoTime();
            LatencySeries series = new LatencySeries(origin);
            ServerSampler sampler = ServerSampler.start(server, origin);
            List<OpenLoopLoad.Outcome> outcomes = open.run(schedule, series);
            List<ServerSampler.Sample> heap = sampler.stop();
            server.requireAlive();
            String[] names = {"unloaded", "overload", "recovery"};
            List<Phase> phases = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                OpenLoopLoad.Outcome o = outcomes.get(i);
                phases.add(new Phase(names[i], o.phase().perSecond(), o.result(), o.sendLagP99Millis()));
                System.out.printf(java.util.Locale.ROOT, "overload: %s %s at %.0f/s: %s; sent late by %.2f ms (p99)%n", mode, names[i],
                        o.phase().perSecond(), o.result().toText(), o.sendLagP99Millis());
            }
            int recoveryStart = (int) (plan.unloaded().toSeconds() + plan.overload().toSeconds());
            double recovery = Recovery.seconds(series.seconds(), recoveryStart, phases.get(0).result().okP99Millis(), RECOVERED_P99,
                    RECOVERED_FOR);
            return new ModeRun(mode, peakGoodput, phases, recovery, series.seconds(), heap);
        }
    }
}
