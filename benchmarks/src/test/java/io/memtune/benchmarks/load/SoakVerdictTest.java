package io.memtune.benchmarks.load;

import static io.memtune.benchmarks.load.Soaks.MB;
import static io.memtune.benchmarks.load.Soaks.moved;
import static io.memtune.benchmarks.load.Soaks.steady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SoakVerdictTest {

    private static final LoadResult ALL_SERVED = Soaks.load(Map.of(200, 700_000L));

    private static SoakVerdict judge(List<SoakSample> samples) {
        return SoakVerdict.judge(Soaks.plan(), samples, ALL_SERVED, Soaks.reloadsSeen(6), 49);
    }

    @Test
    void aSteadyServerWithEveryRequestServedAndEveryReloadSeenPasses() {
        SoakVerdict verdict = judge(Soaks.samples(Soaks::steady));
        assertTrue(verdict.passed(), verdict.failures().toString());
        assertEquals(0, verdict.heap().judgedSlopeBytesPerMinute() / 1024, 300);
    }

    @Test
    void theWarmUpIsNotJudgedSoTheMetricWindowsFillingDoesNotFail() {
        // +10 MB over the first 90 s (the one-minute metric windows filling), level by the warm-up's end (100 s);
        // 13 threads more for the first minute (JIT compiler threads)
        SoakVerdict verdict = judge(Soaks.samples(i -> moved(steady(i), -Math.max(0, 18 - i) * MB / 2, i < 12 ? 13 : 0, 0, 0, 0, 0)));
        assertTrue(verdict.passed(), verdict.failures().toString());
    }

    @Test
    void aLiveHeapRisingThreeMegabytesAMinuteAfterTheWarmUpFails() {
        SoakVerdict verdict = judge(Soaks.samples(i -> moved(steady(i), (long) (i * 5.0 / 60 * 3 * MB), 0, 0, 0, 0, 0)));
        assertEquals(List.of("live heap after GC rises 3113 KB/min with the request rate held constant (limit 2048)"), verdict.failures());
    }

    @Test
    void inALongSoakTheHeapFollowingTheRequestRateIsNotALeakButALeakMeanwhileStillIs() {
        // 15 minutes, 180 samples; another job slows the server by half for 100 s about the warm-up's end (samples
        // 40 to 60), and the metric windows (36 bytes a request, for a minute) hold that much less meanwhile
        SoakPlan longSoak = Soaks.plan("soak.minutes", "15");
        List<SoakSample> slowed = Soaks.samples(180, i -> {
            SoakSample s = steady(i);
            long overlap = java.util.stream.IntStream.range(i - 12, i).filter(k -> k >= 40 && k < 60).count();
            long fewer = overlap * 135_000 / 12;
            return new SoakSample(s.second(), s.liveHeapBytes() - 36 * fewer, s.threads(), s.openFiles(), s.classes(), s.classLoaders(),
                    s.reflectionLoaders(), s.rssBytes(), s.requestsLastMinute() - fewer);
        });
        SoakVerdict verdict = SoakVerdict.judge(longSoak, slowed, ALL_SERVED, Soaks.reloadsSeen(40), 299);
        assertTrue(verdict.heap().slopeBytesPerMinute() > longSoak.limits().heapSlopeKbPerMinute() * 1024, "the plain slope would fail: "
                + verdict.heap());
        assertTrue(verdict.heap().growthBytes() > 4 * MB, "and so would the plain growth: " + verdict.heap());
        assertTrue(verdict.passed(), verdict.failures().toString());

        List<SoakSample> leaking = slowed.stream().map(s -> moved(s, (long) (s.second() / 60 * 200 * 1024), 0, 0, 0, 0, 0)).toList();
        SoakVerdict leak = SoakVerdict.judge(longSoak, leaking, ALL_SERVED, Soaks.reloadsSeen(40), 299);
        assertEquals(List.of("live heap after GC rises 201 KB/min with the request rate held constant (limit 128)"), leak.failures());
    }

    @Test
    void aHeapThatJumpsAndStaysFailsOnItsGrowth() {
        SoakVerdict verdict = judge(Soaks.samples(i -> moved(steady(i), i >= 24 ? 10 * MB : 0, 0, 0, 0, 0, 0)));
        assertTrue(verdict.failures().stream().anyMatch(f -> f.matches("live heap after GC grew 10\\.\\d MB after the warm-up \\(limit 4\\.0\\)")),
                verdict.failures().toString());
        assertEquals(10 * MB, verdict.heap().growthBytes(), MB / 2);
    }

    @Test
    void aThreadStartedAtEverySampleAndNeverEndedFails() {
        SoakVerdict verdict = judge(Soaks.samples(i -> moved(steady(i), 0, i, 0, 0, 0, 0)));
        assertEquals(List.of("threads grew from 96 to 101 after the warm-up (limit +4)"), verdict.failures());
    }

    @Test
    void leakedFilesClassesAndClassLoadersFailEachByName() {
        SoakVerdict verdict = judge(Soaks.samples(i -> {
            int leaked = Math.max(0, i - 18);
            return moved(steady(i), 0, 0, 2L * leaked, 40L * leaked, leaked, 0);
        }));
        assertEquals(List.of("open files grew from 92 to 102 after the warm-up (limit +4)", "classes grew from 6509 to 6709 after the warm-up"
                + " (limit +100)", "class loaders grew from 50 to 55 after the warm-up (limit +1)"), verdict.failures());
    }

    @Test
    void oneOddSampleAtEitherEndOfACountOrOfTheHeapsGrowthDecidesNothing() {
        // a thread or a file alive for a moment, a heap sample caught in the middle of a reload
        SoakVerdict verdict = judge(Soaks.samples(i -> {
            boolean odd = i == 21 || i == 29;
            return moved(steady(i), i == 22 || i == 28 ? 2 * MB : 0, odd ? 6 : 0, odd ? 4 : 0, 0, 0, 0);
        }));
        assertTrue(verdict.passed(), verdict.failures().toString());
        assertEquals(0, verdict.heap().growthBytes() / MB, 0.25);
    }

    @Test
    void theJdksReflectionLoadersAreCountedApartAndNotJudged() {
        SoakVerdict verdict = judge(Soaks.samples(i -> moved(steady(i), 0, 0, 0, i, 0, i)));
        assertTrue(verdict.passed(), verdict.failures().toString());
    }

    @Test
    void anAnswerOtherThan200Or503FailsTheSoakButTheDocumented503DoesNot() {
        List<SoakSample> samples = Soaks.samples(Soaks::steady);
        SoakVerdict refusedOnly = SoakVerdict.judge(Soaks.plan(), samples, Soaks.load(Map.of(200, 700_000L, 503, 60L)), Soaks.reloadsSeen(6),
                49);
        assertTrue(refusedOnly.passed(), refusedOnly.failures().toString());
        SoakVerdict failed = SoakVerdict.judge(Soaks.plan(), samples, Soaks.load(Map.of(200, 700_000L, 503, 60L, 500, 2L, -1, 1L)),
                Soaks.reloadsSeen(6), 49);
        assertEquals(3, failed.failedRequests());
        assertEquals(List.of("3 request(s) failed (answers by status {-1=1, 200=700000, 500=2, 503=60}; -1: no answer)"), failed.failures());
    }

    @Test
    void aReloadNeverSeenInForceFailsNamingIt() {
        List<HotReload.Outcome> reloads = new ArrayList<>(Soaks.reloadsSeen(6));
        reloads.add(new HotReload.Outcome(HotReload.Kind.CONFIG_EXECUTOR, "render executor queue.batch 999", false, 15.1,
                "memtune:executor render (exit 0) shows 1000"));
        SoakVerdict verdict = SoakVerdict.judge(Soaks.plan(), Soaks.samples(Soaks::steady), ALL_SERVED, reloads, 49);
        assertEquals(List.of("CONFIG_EXECUTOR: 1 of 7 reloads not seen in force; first: render executor queue.batch 999: after 15.1 s still"
                + " memtune:executor render (exit 0) shows 1000"), verdict.failures());
    }

    @Test
    void aKindOfReloadNeverMadeOrTooFewCyclesFail() {
        List<HotReload.Outcome> noRemove = Soaks.reloadsSeen(6).stream().filter(o -> o.kind() != HotReload.Kind.TEMPLATE_REMOVE).toList();
        SoakVerdict verdict = SoakVerdict.judge(Soaks.plan(), Soaks.samples(Soaks::steady), ALL_SERVED, noRemove, 20);
        assertEquals(List.of("no TEMPLATE_REMOVE reload was made", "only 20 reload cycles of 50 planned (reloads took too long)"),
                verdict.failures());
    }

    @Test
    void tooFewSamplesAreAFailureNotAPass() {
        SoakVerdict verdict = judge(Soaks.samples(Soaks::steady).subList(0, 24));
        assertFalse(verdict.passed());
        assertEquals(List.of("too few samples to judge: 24, 4 of them after the warm-up (30 planned)"), verdict.failures());
    }

    @Test
    void aTightenedLimitFailsTheSameSteadyRun() {
        SoakVerdict verdict = SoakVerdict.judge(Soaks.plan("soak.max.heap.slope.kb", "-500"), Soaks.samples(Soaks::steady), ALL_SERVED,
                Soaks.reloadsSeen(6), 49);
        assertFalse(verdict.passed());
    }
}
