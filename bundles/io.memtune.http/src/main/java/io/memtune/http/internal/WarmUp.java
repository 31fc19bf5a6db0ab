package io.memtune.http.internal;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The container's own requests before it says it is ready: every page of a spread of the repository's templates,
 * each with its sample context, posted to its own {@code /render} over keep-alive connections, until the server's
 * CPU a render has stopped falling and the JIT has stopped compiling (three windows in a row within a tenth of their
 * mean, each with under a twentieth of it compiling) or the time is up. Not the renders a second: on a machine
 * whose wake-ups are slow they level off while the JIT is still compiling. And the server's CPU, not the process's:
 * the warm-up's own client is not what it waits to see compiled. A fresh
 * instance in a fleet then meets its first users with its templates compiled and its request path compiled by the
 * JIT, instead of answering them at a tenth of its speed (and its admission mistaking that for overload).
 *
 * <p>Through HTTP, not by calling the services: the JIT must see the whole path a request takes (Jetty, the
 * whiteboard, the endpoint, the execution optimizer, the template service, the engine).
 */
final class WarmUp {

    /** One page to post. */
    record Target(String path, byte[] body) {
    }

    /**
     * What the warm-up did; {@code cpuPerRequest} in microseconds, in its last window; {@code failures} by the status
     * they were answered with ("no answer" for none), {@code firstFailure} the first one ("POST path answered
     * status") or null; {@code failing}: it stopped because every render failed for {@value #FAILING_WINDOWS} windows.
     */
    record Outcome(long requests, long failed, long millis, double cpuPerRequest, boolean steady,
            Map<String, Long> failures, String firstFailure, boolean failing) {

        Outcome {
            failures = Collections.unmodifiableMap(new TreeMap<>(failures)); // in order of status, for the log
        }

        /** Nothing ran (no pages, no time). */
        static Outcome none() {
            return new Outcome(0, 0, 0, 0, false, Map.of(), null, false);
        }
    }

    /** The status of a post that got no answer (refused, reset, timed out). */
    static final int NO_ANSWER = -1;

    /** What a window costs: the process's CPU time and the JIT's compilation time, in nanoseconds. */
    interface Costs {
        long cpuNanos();

        long compileNanos();

        /** The CPU time of one of the process's threads (the warm-up's own, taken from the process's); 0: unknown. */
        default long threadCpuNanos(Thread thread) {
            return 0;
        }
    }

    private static final long WINDOW_MILLIS = 1000;
    private static final double STEADY = 0.10;
    /**
     * The share of a window the JIT may still spend compiling in a steady one. Small, because on one core a compile
     * left for after "ready" is paid for by its first users: measured there, 10 % of a window over 50 s after the old
     * rule called it steady, at a third of the steady rate.
     */
    private static final double QUIET_JIT = 0.05;
    /**
     * Windows in a row in which every render failed (none answered 200, some answered otherwise) before it gives up:
     * a render executor that refuses everything (a queue of 0, a memory line below the heap in use) or samples no page
     * accepts would otherwise have it spin on failures for all of {@code warmup.seconds}, at full CPU, while the
     * container stays out of its load balancer, and warm nothing but the error path.
     */
    static final int FAILING_WINDOWS = 3;

    private final URI base;
    private final List<Target> targets;
    private final int connections;
    private final long budgetMillis;
    private final long minimumMillis;
    private final Costs costs;

    /**
     * @param base where the container answers, e.g. {@code http://127.0.0.1:8080}
     * @param connections how many keep-alive connections post at once
     * @param budgetMillis the longest it runs
     * @param minimumMillis the least it runs before it may call the rate steady
     */
    WarmUp(URI base, List<Target> targets, int connections, long budgetMillis, long minimumMillis, Costs costs) {
        this.base = base;
        this.targets = List.copyOf(targets);
        this.connections = connections;
        this.budgetMillis = budgetMillis;
        this.minimumMillis = minimumMillis;
        this.costs = costs;
    }

    /**
     * Runs it; returns early when {@code cancelled} says so (the component is stopping).
     */
    Outcome run(BooleanSupplier cancelled) throws InterruptedException {
        return run(cancelled, new LongAdder());
    }

    /** @param done counts the renders answered as they are (for progress reports) */
    Outcome run(BooleanSupplier cancelled, LongAdder done) throws InterruptedException {
        if (targets.isEmpty() || budgetMillis <= 0) {
            return Outcome.none();
        }
        long before = done.sum();
        LongAdder failed = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.currentTimeMillis();
        long end = start + budgetMillis;
        AtomicLong next = new AtomicLong();
        List<byte[]> heads = targets.stream().map(t -> LoopbackPoster.head(base, t.path(), t.body().length)).toList();
        List<Thread> posters = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                try (LoopbackPoster poster = new LoopbackPoster(base)) {
                    while (System.currentTimeMillis() < end && !cancelled.getAsBoolean()
                            && !Thread.currentThread().isInterrupted()) {
                        int page = (int) (next.getAndIncrement() % heads.size());
                        int status = post(poster, heads.get(page), targets.get(page).body());
                        if (status == 200) {
                            done.increment();
                        } else {
                            failed.increment();
                            failures.computeIfAbsent(status == NO_ANSWER ? "no answer" : Integer.toString(status),
                                    s -> new LongAdder()).increment();
                            firstFailure.compareAndSet(null, "POST " + targets.get(page).path()
                                    + (status == NO_ANSWER ? " got no answer" : " answered " + status));
                        }
                    }
                }
            }, "memtune-warm-up-" + i);
            t.setDaemon(true);
            posters.add(t);
            t.start();
        }
        List<Double> cpuPerRequest = new ArrayList<>();
        int quietWindows = 0;
        int failingWindows = 0;
        boolean steady = false;
        long lastDone = before;
        long lastFailed = 0;
        long lastCpu = serverCpuNanos(posters);
        long lastCompile = costs.compileNanos();
        try {
            while (System.currentTimeMillis() < end && !cancelled.getAsBoolean()) {
                Thread.sleep(WINDOW_MILLIS);
                long now = done.sum();
                long cpu = serverCpuNanos(posters);
                long compile = costs.compileNanos();
                long answered = now - lastDone;
                long failedNow = failed.sum();
                failingWindows = answered == 0 && failedNow > lastFailed ? failingWindows + 1 : 0;
                lastFailed = failedNow;
                if (failingWindows >= FAILING_WINDOWS) {
                    break;
                }
                cpuPerRequest.add(answered == 0 ? 0 : (cpu - lastCpu) / 1000.0 / answered);
                quietWindows = compile - lastCompile > WINDOW_MILLIS * 1_000_000L * QUIET_JIT ? 0 : quietWindows + 1;
                lastDone = now;
                lastCpu = cpu;
                lastCompile = compile;
                if (System.currentTimeMillis() - start >= minimumMillis && quietWindows >= 3 && steady(cpuPerRequest)) {
                    steady = true;
                    break;
                }
            }
        } finally {
            for (Thread t : posters) {
                t.interrupt();
            }
            for (Thread t : posters) {
                t.join(5000);
            }
        }
        Map<String, Long> byStatus = new HashMap<>();
        failures.forEach((status, n) -> byStatus.put(status, n.sum()));
        return new Outcome(done.sum() - before, failed.sum(), System.currentTimeMillis() - start,
                cpuPerRequest.isEmpty() ? 0 : cpuPerRequest.get(cpuPerRequest.size() - 1), steady, byStatus,
                firstFailure.get(), failingWindows >= FAILING_WINDOWS);
    }

    /** The last three windows' figures within a tenth of their mean, and renders happening. */
    static boolean steady(List<Double> figures) {
        int n = figures.size();
        if (n < 3) {
            return false;
        }
        double a = figures.get(n - 3);
        double b = figures.get(n - 2);
        double c = figures.get(n - 1);
        double mean = (a + b + c) / 3;
        return mean > 0 && Math.abs(a - mean) <= STEADY * mean && Math.abs(b - mean) <= STEADY * mean
                && Math.abs(c - mean) <= STEADY * mean;
    }

    /** The process's CPU time less the warm-up's own threads'. */
    private long serverCpuNanos(List<Thread> posters) {
        long cpu = costs.cpuNanos();
        for (Thread poster : posters) {
            cpu -= costs.threadCpuNanos(poster);
        }
        return cpu;
    }

    /** One POST over the poster's kept-alive connection: the status it was answered with, or {@link #NO_ANSWER}. */
    private static int post(LoopbackPoster poster, byte[] head, byte[] body) {
        try {
            return poster.post(head, body);
        } catch (IOException e) {
            return NO_ANSWER;
        }
    }
}
