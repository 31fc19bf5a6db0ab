package io.memtune.alerting.core;

import java.util.List;
import java.util.Map;

/**
 * The built-in rules an environment switches on by name ({@code rulesets} of PID {@code io.memtune.alerting}):
 * {@code jvm}, {@code pools}, {@code executors}, {@code templates}, {@code profiler}.
 */
public final class RuleSets {

    private static final long MINUTE = 60_000;

    private RuleSets() {
    }

    public static List<Rule> named(String set) {
        switch (set) {
            case "jvm":
                return List.of(
                        rule("jvm-heap-after-gc", "memtune.jvm.heap.occupancy.after.gc", Rule.Condition.ABOVE, 0.85, 0.80, MINUTE,
                                "critical", "heap occupancy after GC {{value}} is above 0.85: the live set outgrows the heap",
                                "capture-profile"),
                        rule("jvm-gc-overhead", "memtune.jvm.gc.overhead", Rule.Condition.ABOVE, 0.10, 0.05, MINUTE, "warning",
                                "GC takes {{value}} of the time (over 10 %)", "none"),
                        rule("jvm-allocation-rate", "memtune.jvm.allocation.rate", Rule.Condition.ABOVE, 1.5e9, 1.0e9, MINUTE,
                                "warning", "allocation rate {{value}} B/s", "none"));
            case "pools":
                return List.of(
                        rule("pool-waiters", "memtune.pool.waiters*", Rule.Condition.ABOVE, 0, 0, 30_000, "warning",
                                "borrowers wait on {{series}}: the pool is too small or objects leak", "none"),
                        rule("pool-timeouts", "memtune.pool.timeouts*", Rule.Condition.RATE_ABOVE, 0.1, 0.0, MINUTE,
                                "critical", "borrows time out on {{series}} ({{value}}/s)", "none"));
            case "executors":
                return List.of(
                        rule("executor-rejections", "memtune.concurrency.rejected*", Rule.Condition.RATE_ABOVE, 1, 0.1, MINUTE,
                                "warning", "work refused on {{series}} ({{value}}/s)", "none"),
                        rule("executor-queue-wait", "memtune.concurrency.queue.wait.p99.ms*", Rule.Condition.ABOVE, 500, 250,
                                MINUTE, "warning", "queued work waits {{value}} ms (p99) on {{series}}", "none"));
            case "templates":
                return List.of(rule("template-cache-misses", "memtune.template.cache.misses{tier=memory}",
                        Rule.Condition.RATE_ABOVE, 50, 10, MINUTE, "warning",
                        "{{value}} template cache misses per second: the memory tier is too small", "none"));
            case "profiler":
                return List.of(rule("profiler-disk-budget", "memtune.profiler.disk.budget.used", Rule.Condition.ABOVE, 0.9,
                        0.8, 0, "warning", "profiles take {{value}} of their disk budget", "none"),
                        // any failure in the window fires it (one in a minute is 0.017/s); it clears when none
                        // came for a window: a counter's rate never falls below a clear threshold of 0
                        rule("profiler-capture-failures", "memtune.profiler.captures.failed", Rule.Condition.RATE_ABOVE,
                                0.001, 0.001, 0, "warning", "profile captures fail ({{value}}/s): disk full or over the"
                                        + " profile budget? the profiler's log names the reason", "none"));
            default:
                throw new IllegalArgumentException("no rule set '" + set + "': jvm, pools, executors, templates, profiler");
        }
    }

    private static Rule rule(String name, String metric, Rule.Condition condition, double threshold, double clear,
            long forMillis, String severity, String summary, String action) {
        return new Rule(name, metric, condition, threshold, clear, forMillis, forMillis, MINUTE, severity,
                Map.of("source", "memtune"), summary, action);
    }
}
