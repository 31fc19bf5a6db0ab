package io.memtune.examples.integrated;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.execution.TemplateExecutor;

/**
 * Closed-loop users rendering random pages of the corpus through the execution optimizer (admission, pooled
 * buffers, streaming) for a while. The output goes to a sink that only counts bytes, as a socket would take them.
 */
final class GeneratedLoad {

    /** What the load did: requests, outcomes, latency percentiles in microseconds. */
    record Result(int users, Duration duration, long ok, long refused, long failed, long bytes, long p50Micros,
            long p99Micros, long maxMicros, List<String> failures) {

        double throughput() {
            return ok / (duration.toNanos() / 1e9);
        }
    }

    private GeneratedLoad() {
    }

    static Result run(TemplateExecutor executor, Corpus corpus, int users, Duration duration) throws InterruptedException {
        AtomicLong refused = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long[][] latencies = new long[users][];
        int[] counts = new int[users];
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            latencies[u] = new long[1024];
            Thread thread = new Thread(() -> {
                OutputStream counted = new OutputStream() {
                    @Override
                    public void write(int b) {
                        bytes.incrementAndGet();
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        bytes.addAndGet(len);
                    }
                };
                while (System.nanoTime() < end) {
                    Corpus.Page page = corpus.pages().get(ThreadLocalRandom.current().nextInt(corpus.pages().size()));
                    long start = System.nanoTime();
                    try {
                        executor.render(page.tenant(), page.template(), new ByteArrayInputStream(page.context()),
                                length -> counted);
                        if (counts[user] == latencies[user].length) {
                            latencies[user] = Arrays.copyOf(latencies[user], counts[user] * 2);
                        }
                        latencies[user][counts[user]++] = (System.nanoTime() - start) / 1_000;
                    } catch (RejectedException e) {
                        refused.incrementAndGet();
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 10) { // the first few, described; the rest counted
                            failures.add(page.tenant() + "/" + page.template() + ": " + e);
                        }
                    }
                }
            }, "integrated-user-" + u);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = merge(latencies, counts);
        Arrays.sort(all);
        return new Result(users, duration, all.length, refused.get(), failed.get(), bytes.get(), percentile(all, 0.50),
                percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1], List.copyOf(failures));
    }

    private static long[] merge(long[][] latencies, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int u = 0; u < counts.length; u++) {
            System.arraycopy(latencies[u], 0, all, at, counts[u]);
            at += counts[u];
        }
        return all;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
