package io.memtune.benchmarks.load;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured: requests answered per second, latency percentiles of every answer (from
 * HdrHistogram, so the tail is not averaged away), and the answers by status ({@code -1}: no answer, an I/O
 * error or a timeout; {@code -2}: not sent, see {@link OpenLoopLoad#NOT_SENT}).
 */
public record LoadResult(int users, double seconds, long requests, double throughput, double p50Millis,
        double p99Millis, double p999Millis, double maxMillis, Map<Integer, Long> byStatus, double okP99Millis,
        double refusedP99Millis) {

    public LoadResult {
        byStatus = new TreeMap<>(byStatus);
    }

    static LoadResult of(int users, double seconds, Histogram latencyMicros, Map<Integer, Long> byStatus) {
        return of(users, seconds, latencyMicros, byStatus, null, null);
    }

    /**
     * @param okMicros latencies of the 200 answers alone, or null
     * @param refusedMicros latencies of the 503 answers alone (how fast overload is told), or null
     */
    static LoadResult of(int users, double seconds, Histogram latencyMicros, Map<Integer, Long> byStatus, Histogram okMicros,
            Histogram refusedMicros) {
        long n = latencyMicros.getTotalCount();
        return new LoadResult(users, seconds, n, n / seconds, latencyMicros.getValueAtPercentile(50) / 1000.0,
                latencyMicros.getValueAtPercentile(99) / 1000.0, latencyMicros.getValueAtPercentile(99.9) / 1000.0,
                latencyMicros.getMaxValue() / 1000.0, byStatus, p99(okMicros), p99(refusedMicros));
    }

    private static double p99(Histogram h) {
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
    }

    /** Answers with status 200 a second. */
    public double goodput() {
        return byStatus.getOrDefault(200, 0L) / seconds;
    }

    /** The share of answers with status 200. */
    public double successRatio() {
        return requests == 0 ? 0 : byStatus.getOrDefault(200, 0L) / (double) requests;
    }

    public String toText() {
        return String.format(Locale.ROOT, "%d users, %.1f s: %d requests, %.1f/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
                + " max %.2f ms, success %.2f%%, by status %s", users, seconds, requests, throughput, p50Millis, p99Millis,
                p999Millis, maxMillis, successRatio() * 100, byStatus);
    }

    public String toJson() {
        StringBuilder statuses = new StringBuilder();
        byStatus.forEach((k, v) -> statuses.append(statuses.length() == 0 ? "" : ",").append('"').append(k).append("\":").append(v));
        return String.format(Locale.ROOT, "{\"users\":%d,\"seconds\":%.3f,\"requests\":%d,\"throughput\":%.3f,\"p50_ms\":%.3f,"
                + "\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,\"success\":%.5f,\"by_status\":{%s}}", users, seconds, requests,
                throughput, p50Millis, p99Millis, p999Millis, maxMillis, successRatio(), statuses);
    }
}
