package io.memtune.benchmarks.load;

import java.time.Duration;

/**
 * How long the load report's runs last. The full plan is what the figures in docs/performance.md come from
 * (about 35 minutes on 2 cores; three rounds, so a median is one run's figure and one odd run cannot move it); the
 * quick one runs every step with short runs, to check the harness end to end in a few minutes, and its figures are
 * labelled as such.
 *
 * @param rounds how many times each A B pair of the CPU-headroom and memory-bound scenarios is run
 * @param warmUp before each measured run (every page compiled, JIT, caches): baseline mode's CPU per request
 *     is still falling after 15 s on 2 cores, hence 30 s for the figures that are quoted
 * @param measured each measured run
 * @param probe each measurement of a search (calibration, heap cap)
 * @param unloaded the overload scenario's first phase, at the N1 rate
 * @param overload its overload phase
 * @param recovery its last phase, at the N1 rate again
 * @param maxUsers the most users the calibration tries (4 N1 are as many load threads: 256 at most)
 */
record ReportPlan(boolean quick, int rounds, Duration warmUp, Duration measured, Duration probe, Duration unloaded, Duration overload,
        Duration recovery, int maxUsers) {

    static ReportPlan full() {
        return new ReportPlan(false, 3, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(8), Duration.ofSeconds(20),
                Duration.ofSeconds(60), Duration.ofSeconds(30), 64);
    }

    /**
     * The same runs, repeated {@code rounds} times: one round when the machine's time is short (its figures are one
     * run's, and the report says how many rounds it took).
     */
    ReportPlan withRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1: " + rounds);
        }
        return new ReportPlan(quick, rounds, warmUp, measured, probe, unloaded, overload, recovery, maxUsers);
    }

    static ReportPlan smoke() {
        return new ReportPlan(true, 1, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8), 64);
    }
}
