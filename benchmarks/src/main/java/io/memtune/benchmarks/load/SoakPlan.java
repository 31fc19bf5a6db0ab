package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a soak runs: how long, how many closed-loop users with what think time, how often it hot-reloads and
 * samples, what share of the run is warm-up (left out of the trends), the server's fixed heap, the corpus, and
 * the limits it is judged by. Every value has a default and a system property ({@code soak.*}) to change it.
 *
 * @param users N1 of the last full load report (docs/performance/summary.json): 15 on the 2-core machine
 * @param think the load report's think time, so N1 means the same load here
 * @param xmx the load report's heap (fixed: -Xms too), so a slope is against a known cap
 * @param reloadTemplateCache whether the configuration reloads also change the template cache's budget, every other
 *     cycle (it reactivates the template service: the render servlet must stay and answer 503 in the gap, not 500)
 */
record SoakPlan(Duration length, int users, Duration think, Duration reloadEvery, Duration sampleEvery, double warmUpShare,
        Duration warmUpAtLeast, String xmx, int tenants, int templates, boolean reloadTemplateCache, SoakLimits limits) {

    /** What is left after the warm-up must hold this many samples at least, to draw a slope through. */
    static final int JUDGED_SAMPLES_AT_LEAST = 8;

    SoakPlan {
        if (users < 1 || warmUpShare < 0 || warmUpShare >= 0.5) {
            throw new IllegalArgumentException("a soak needs a user or more, and a warm-up share of less than half");
        }
        Duration warmUp = warmUp(length, warmUpShare, warmUpAtLeast, xmx);
        if (length.minus(warmUp).compareTo(sampleEvery.multipliedBy(JUDGED_SAMPLES_AT_LEAST)) < 0) {
            throw new IllegalArgumentException("a soak of " + length.toSeconds() + " s leaves too little after its warm-up of "
                    + warmUp.toSeconds() + " s for " + JUDGED_SAMPLES_AT_LEAST + " samples every " + sampleEvery.toMillis() / 1000.0 + " s");
        }
    }

    /**
     * From {@code soak.minutes} (2.5: the CI size; 15: the benchmark profile), {@code soak.users} and the rest. The
     * warm-up is a quarter of the run and 100 s at least (and see {@link #softReferencesCleared}): the container
     * keeps every render's timings for a minute (its metrics' sliding windows, about 35 bytes a request), so its
     * live heap rises by design until the request rate has settled (the JIT done) and a minute more: about 10 MB
     * at 4,500 requests a second, level after 90 s in the runs measured.
     */
    static SoakPlan from(UnaryOperator<String> properties) {
        Settings s = new Settings(properties);
        Duration length = Duration.ofSeconds(Math.round(s.number("soak.minutes", 2.5) * 60));
        return new SoakPlan(length, (int) s.number("soak.users", 15), Duration.ofMillis((long) s.number("soak.think.ms", 2)),
                Duration.ofMillis(Math.round(s.number("soak.reload.seconds", 3) * 1000)),
                Duration.ofMillis(Math.round(s.number("soak.sample.seconds", 5) * 1000)), s.number("soak.warmup.share", 0.25),
                Duration.ofSeconds((long) s.number("soak.warmup.min.seconds", 100)), s.text("soak.xmx", "256m"),
                (int) s.number("soak.tenants", 100), (int) s.number("soak.templates", 20),
                Boolean.parseBoolean(s.text("soak.reload.template.cache", "true")), SoakLimits.from(s, length));
    }

    /**
     * The first part of the run, left out of the trends: the share of the run or the least warm-up, whichever is
     * longer, and in a run long enough to see it, until the soft references of the container's start are cleared.
     */
    Duration warmUp() {
        return warmUp(length, warmUpShare, warmUpAtLeast, xmx);
    }

    /**
     * When the soft references the container made at its start and has not used since are cleared: the JVM keeps
     * one a second per free megabyte of heap after its last use ({@code -XX:SoftRefLRUPolicyMSPerMB=1000}), so
     * about {@code -Xmx} in MB seconds into the run; then the live heap drops by 1-1.6 MB once (the JDK's
     * reflection data: 40-60 classes go), which inside the judged part would hide as much growth.
     */
    static Duration softReferencesCleared(String xmx) {
        return Duration.ofSeconds(PerformanceReport.megabytes(xmx) + 30);
    }

    private static Duration warmUp(Duration length, double share, Duration atLeast, String xmx) {
        Duration part = Duration.ofMillis(Math.round(length.toMillis() * share));
        Duration warmUp = part.compareTo(atLeast) < 0 ? atLeast : part;
        Duration cleared = softReferencesCleared(xmx);
        boolean seen = length.compareTo(cleared.plus(Duration.ofMinutes(2))) >= 0;
        return seen && warmUp.compareTo(cleared) < 0 ? cleared : warmUp;
    }

    /** The kinds of reload this plan makes. */
    Set<HotReload.Kind> reloadKinds() {
        Set<HotReload.Kind> kinds = EnumSet.allOf(HotReload.Kind.class);
        if (!reloadTemplateCache) {
            kinds.remove(HotReload.Kind.CONFIG_TEMPLATE_CACHE);
        }
        return kinds;
    }

    /** How many reload cycles the run has room for. */
    long plannedCycles() {
        return length.toMillis() / reloadEvery.toMillis();
    }

    /** How many samples the run has room for. */
    long plannedSamples() {
        return length.toMillis() / sampleEvery.toMillis();
    }

    /** Reads the {@code soak.*} properties, each with its default. */
    static final class Settings {

        private final UnaryOperator<String> properties;

        Settings(UnaryOperator<String> properties) {
            this.properties = properties;
        }

        double number(String name, double otherwise) {
            String value = text(name, null);
            try {
                return value == null ? otherwise : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
            }
        }

        String text(String name, String otherwise) {
            String value = properties.apply(name);
            // an unset Maven property reaches the test as its own ${...} text or empty
            return value == null || value.isBlank() || value.startsWith("${") ? otherwise : value.strip();
        }
    }
}
