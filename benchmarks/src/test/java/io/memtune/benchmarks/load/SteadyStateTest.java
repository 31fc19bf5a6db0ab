package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SteadyStateTest {

    @Test
    void findsTheFirstThreeWindowsInARowWithinTheBandOfTheirMedian() {
        List<Double> rps = List.of(200.0, 1200.0, 3000.0, 3400.0, 3300.0, 3450.0, 3380.0);
        // 3000 lies 9 % under the median of (3000, 3400, 3300); 3400, 3300, 3450 lie within 5 % of 3400
        assertEquals(3, SteadyState.firstSteadyWindow(rps, 0.05));
        assertEquals(3400.0, SteadyState.steadyRps(rps, 3));
        assertEquals(2, SteadyState.firstSteadyWindow(rps, 0.10), "a wider band settles sooner");
    }

    @Test
    void aServerStillSpeedingUpIsNotSteady() {
        assertEquals(-1, SteadyState.firstSteadyWindow(List.of(1000.0, 1100.0, 1210.0, 1331.0, 1464.0), 0.05));
        assertEquals(-1, SteadyState.firstSteadyWindow(List.of(3000.0, 3000.0), 0.05), "three windows are needed");
    }

    @Test
    void aServerAnsweringNothingIsNotSteady() {
        assertEquals(-1, SteadyState.firstSteadyWindow(List.of(0.0, 0.0, 0.0), 0.05));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, SteadyState.median(4, 1, 2, 3));
        assertEquals(3.0, SteadyState.median(5, 1, 3));
    }
}
