package io.memtune.benchmarks.load;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;

/**
 * What a load keeps of its answers while it runs, closed or open loop alike: every latency, those of the 200s
 * and of the 503s apart (admitted work and refusals are judged separately), the answers by status and, when
 * asked, the per-second series.
 */
final class Tally {

    private final Recorder all = new Recorder(3);
    private final Recorder ok = new Recorder(3);
    private final Recorder refused = new Recorder(3);
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LatencySeries series;

    /** @param series where each answer also goes, by second, or null */
    Tally(LatencySeries series) {
        this.series = series;
    }

    /** An answer with its status ({@code -1}: none) to a request started (sent, or due) at {@code startNanos}. */
    void record(long startNanos, long answeredNanos, int status) {
        long micros = Math.max(1, (answeredNanos - startNanos) / 1000);
        all.recordValue(micros);
        if (status == 200) {
            ok.recordValue(micros);
        } else if (status == 503) {
            refused.recordValue(micros);
        }
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        if (series != null) {
            series.record(startNanos, micros, status);
        }
    }

    /** A request the load did not send at all (see {@link OpenLoopLoad#NOT_SENT}): counted, no latency. */
    void notSent(long dueNanos) {
        byStatus.computeIfAbsent(OpenLoopLoad.NOT_SENT, k -> new LongAdder()).increment();
        if (series != null) {
            series.notSent(dueNanos);
        }
    }

    /** Requests that never got an answer (still out when the load gave up waiting). */
    void unanswered(long count) {
        if (count > 0) {
            byStatus.computeIfAbsent(-1, k -> new LongAdder()).add(count);
        }
    }

    LoadResult result(int users, double seconds) {
        Map<Integer, Long> counts = new HashMap<>();
        byStatus.forEach((k, v) -> counts.put(k, v.sum()));
        return LoadResult.of(users, seconds, all.getIntervalHistogram(), counts, ok.getIntervalHistogram(),
                refused.getIntervalHistogram());
    }
}
