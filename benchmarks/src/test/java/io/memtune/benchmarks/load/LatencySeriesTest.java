package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LatencySeriesTest {

    private static final long ORIGIN = 5_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void answersAreBucketedByTheSecondTheirRequestStartedInWithEmptySecondsListed() {
        LatencySeries series = new LatencySeries(ORIGIN);
        series.record(ORIGIN + SECOND / 5, 2_000, 200);
        series.record(ORIGIN + SECOND - 1, 4_000, 503);
        series.record(ORIGIN + 2 * SECOND + SECOND / 2, 10_000, 200);
        List<LatencySeries.Second> s = series.seconds();
        assertEquals(3, s.size());
        assertEquals(new LatencySeries.Second(0, 2, 1, 1, s.get(0).p99Millis(), s.get(0).okP99Millis()), s.get(0));
        assertEquals(4.0, s.get(0).p99Millis(), 0.01);
        assertEquals(2.0, s.get(0).okP99Millis(), 0.01, "the admitted p99 leaves the refusals out");
        assertEquals(0, s.get(1).answers());
        assertTrue(Double.isNaN(s.get(1).p99Millis()), "a second without answers has no p99, not zero");
        assertEquals(10.0, s.get(2).p99Millis(), 0.01);
        assertEquals(0.5, s.get(0).successRatio());
    }

    @Test
    void aLateAnswerCountsInTheSecondItsRequestStartedInNotWhenItArrived() {
        LatencySeries series = new LatencySeries(ORIGIN);
        series.record(ORIGIN + SECOND / 2, 3_000_000, 200); // started in second 0, answered in second 3
        series.record(ORIGIN + 3 * SECOND + 1, 1_000, 200);
        List<LatencySeries.Second> s = series.seconds();
        assertEquals(3000.0, s.get(0).p99Millis(), 3.0);
        assertEquals(1.0, s.get(3).p99Millis(), 0.01);
    }

    @Test
    void eachSecondsP99IsItsOwnAndWarmUpAnswersAreLeftOut() {
        LatencySeries series = new LatencySeries(ORIGIN);
        series.record(ORIGIN - 1, 900_000, 200); // a warm-up request, before the origin
        for (int i = 0; i < 1000; i++) {
            series.record(ORIGIN + i * 1_000_000L, 1_000, 200);
        }
        series.record(ORIGIN + SECOND, 100_000, 200);
        List<LatencySeries.Second> s = series.seconds();
        assertEquals(2, s.size());
        assertEquals(1000, s.get(0).answers());
        assertEquals(1.0, s.get(0).p99Millis(), 0.01);
        assertEquals(100.0, s.get(1).p99Millis(), 0.1);
    }
}
