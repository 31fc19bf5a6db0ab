package io.memtune.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Made-up soaks: plans from properties, sample series with a known course, loads and reloads with known outcomes. */
final class Soaks {

    static final long MB = 1L << 20;

    private Soaks() {
    }

    /** The plan of a CI soak (2.5 min, 100 s warm-up, a sample every 5 s), with {@code more} properties on top. */
    static SoakPlan plan(String... more) {
        Map<String, String> properties = new java.util.HashMap<>();
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return SoakPlan.from(properties::get);
    }

    /** A sample every 5 s over 150 s (the CI soak), each made by {@code at} from its index. */
    static List<SoakSample> samples(IntFunction<SoakSample> at) {
        return samples(30, at);
    }

    /** {@code count} samples, one every 5 s. */
    static List<SoakSample> samples(int count, IntFunction<SoakSample> at) {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(at.apply(i));
        }
        return samples;
    }

    /**
     * A steady server: 35 MB live (give or take 0.2 MB), 74 threads, 84 files, 6349 classes, 46 loaders, 270,000
     * requests a minute (give or take 2,000).
     */
    static SoakSample steady(int i) {
        return new SoakSample(i * 5.0, 35 * MB + (i % 3 - 1) * MB / 5, 74, 84, 6349, 46, 15, 370 * MB, 270_000 + (i % 4 - 2) * 1000);
    }

    /** {@code s} with each figure moved by the amount given. */
    static SoakSample moved(SoakSample s, long heap, long threads, long files, long classes, long loaders, long reflectionLoaders) {
        return new SoakSample(s.second(), s.liveHeapBytes() + heap, s.threads() + threads, s.openFiles() + files, s.classes() + classes,
                s.classLoaders() + loaders, s.reflectionLoaders() + reflectionLoaders, s.rssBytes(), s.requestsLastMinute());
    }

    static LoadResult load(Map<Integer, Long> byStatus) {
        long requests = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new LoadResult(15, 150, requests, requests / 150.0, 0.4, 7, 60, 1500, byStatus, 7, Double.NaN);
    }

    /** Every kind of reload the default plan makes, {@code each} times, all seen in force within a second. */
    static List<HotReload.Outcome> reloadsSeen(int each) {
        List<HotReload.Outcome> outcomes = new ArrayList<>();
        for (HotReload.Kind kind : plan().reloadKinds()) {
            for (int i = 0; i < each; i++) {
                outcomes.add(new HotReload.Outcome(kind, kind + " " + i, true, 0.9, null));
            }
        }
        return outcomes;
    }
}
