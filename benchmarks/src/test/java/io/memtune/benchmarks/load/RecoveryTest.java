package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecoveryTest {

    private static LatencySeries.Second normal(int second) {
        return new LatencySeries.Second(second, 1000, 1000, 0, 2.0, 2.0);
    }

    private static LatencySeries.Second slow(int second) {
        return new LatencySeries.Second(second, 1000, 1000, 0, 50.0, 50.0);
    }

    private static LatencySeries.Second refusing(int second) {
        return new LatencySeries.Second(second, 1000, 900, 100, 1.0, 1.0);
    }

    @Test
    void recoveryIsTheTimeToTheFirstOfSeveralNormalSecondsInARow() {
        List<LatencySeries.Second> series = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            series.add(normal(s));
        }
        for (int s = 5; s < 10; s++) {
            series.add(refusing(s));
        }
        series.add(normal(10)); // a lull, not a recovery
        series.add(slow(11));
        series.add(normal(12));
        series.add(normal(13));
        series.add(normal(14));
        assertEquals(2.0, Recovery.seconds(series, 10, 2.0, 1.5, 3));
    }

    @Test
    void aFastSecondWithRefusalsIsNotRecovered() {
        List<LatencySeries.Second> series = List.of(refusing(0), refusing(1), refusing(2), normal(3), normal(4), normal(5));
        assertEquals(3.0, Recovery.seconds(series, 0, 2.0, 1.5, 3));
    }

    @Test
    void aServerThatNeverRecoversWithinTheSeriesHasNoRecoveryTime() {
        List<LatencySeries.Second> series = List.of(normal(0), slow(1), normal(2), normal(3));
        assertTrue(Double.isNaN(Recovery.seconds(series, 1, 2.0, 1.5, 3)));
    }
}
