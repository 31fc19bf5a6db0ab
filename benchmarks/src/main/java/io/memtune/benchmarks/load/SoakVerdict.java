package io.memtune.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A soak judged: the heap's trend, the counts' growth, the requests that failed, the reloads made and verified,
 * and every limit not met, in words. It passes when that list is empty.
 *
 * @param failedRequests answers other than 200 and the documented 503 (refused, Retry-After), and no answer at all
 * @param cycles reload cycles run (each: a template edit and a configuration change; every fourth also adds or
 *     removes a template)
 */
record SoakVerdict(SoakTrends.Heap heap, List<SoakTrends.Count> counts, LoadResult load, long failedRequests, List<ReloadCount> reloads,
        long cycles, int samples, List<String> failures) {

    /** The answer the container gives while a component it needs is being replaced: refused, to be retried. */
    static final int DOCUMENTED_REFUSAL = 503;

    boolean passed() {
        return failures.isEmpty();
    }

    static SoakVerdict judge(SoakPlan plan, List<SoakSample> samples, LoadResult load, List<HotReload.Outcome> reloads, long cycles) {
        List<String> failures = new ArrayList<>();
        double warmUp = plan.warmUp().toMillis() / 1000.0;
        SoakLimits limits = plan.limits();

        long after = SoakTrends.afterWarmUp(samples, warmUp).size();
        if (after < SoakPlan.JUDGED_SAMPLES_AT_LEAST || samples.size() < 0.8 * plan.plannedSamples()) {
            failures.add(String.format(Locale.ROOT, "too few samples to judge: %d, %d of them after the warm-up (%d planned)", samples.size(),
                    after, plan.plannedSamples()));
            return new SoakVerdict(null, List.of(), load, failed(load), ReloadCount.of(reloads, plan.reloadKinds()), cycles, samples.size(),
                    failures);
        }

        SoakTrends.Heap heap = SoakTrends.heap(samples, warmUp);
        double slopeKb = heap.judgedSlopeBytesPerMinute() / 1024;
        if (!(slopeKb <= limits.heapSlopeKbPerMinute())) {
            failures.add(String.format(Locale.ROOT, "live heap after GC rises %.0f KB/min%s (limit %.0f)", slopeKb,
                    Double.isFinite(heap.rateHeldSlopeBytesPerMinute()) ? " with the request rate held constant" : "",
                    limits.heapSlopeKbPerMinute()));
        }
        double growthMb = heap.judgedGrowthBytes() / 1048576;
        if (!(growthMb <= limits.heapGrowthMb())) {
            failures.add(String.format(Locale.ROOT, "live heap after GC grew %.1f MB after the warm-up (limit %.1f)", growthMb,
                    limits.heapGrowthMb()));
        }

        List<SoakTrends.Count> counts = List.of(SoakTrends.count("threads", samples, warmUp, SoakSample::threads),
                SoakTrends.count("open files", samples, warmUp, SoakSample::openFiles),
                SoakTrends.count("classes", samples, warmUp, SoakSample::classes),
                SoakTrends.count("class loaders", samples, warmUp, SoakSample::classLoaders));
        long[] slack = {limits.threads(), limits.openFiles(), limits.classes(), limits.classLoaders()};
        for (int i = 0; i < counts.size(); i++) {
            SoakTrends.Count c = counts.get(i);
            if (c.growth() > slack[i]) {
                failures.add(String.format(Locale.ROOT, "%s grew from %d to %d after the warm-up (limit +%d)", c.name(), c.start(), c.end(),
                        slack[i]));
            }
        }

        long failed = failed(load);
        if (load.requests() == 0) {
            failures.add("no request was answered");
        }
        if (failed > 0) {
            failures.add(failed + " request(s) failed (answers by status " + load.byStatus() + "; -1: no answer)");
        }

        List<ReloadCount> counted = ReloadCount.of(reloads, plan.reloadKinds());
        for (ReloadCount r : counted) {
            if (r.done() == 0) {
                failures.add("no " + r.kind() + " reload was made");
            } else if (r.verified() < r.done()) {
                failures.add(String.format(Locale.ROOT, "%s: %d of %d reloads not seen in force; first: %s", r.kind(), r.done() - r.verified(),
                        r.done(), r.firstFailure()));
            }
        }
        if (cycles < plan.plannedCycles() / 2) {
            failures.add(String.format(Locale.ROOT, "only %d reload cycles of %d planned (reloads took too long)", cycles, plan.plannedCycles()));
        }
        return new SoakVerdict(heap, counts, load, failed, counted, cycles, samples.size(), failures);
    }

    /** Answers neither 200 nor the documented refusal. */
    static long failed(LoadResult load) {
        return load.byStatus().entrySet().stream().filter(e -> e.getKey() != 200 && e.getKey() != DOCUMENTED_REFUSAL)
                .mapToLong(Map.Entry::getValue).sum();
    }
}
