package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServerSamplerTest {

    @Test
    void fullGcsAndGcTimeAreCountedBetweenTheFirstAndTheLastSample() {
        List<ServerSampler.Sample> samples = List.of(new ServerSampler.Sample(0.0, 100, 3, 1000),
                new ServerSampler.Sample(1.0, 120, 4, 1100), new ServerSampler.Sample(4.0, 90, 5, 1400));
        assertEquals(2, ServerSampler.fullGcs(samples), "the 3 full GCs before the window are not the run's");
        assertEquals(0.1, ServerSampler.gcShare(samples), 1e-9); // 400 ms of pauses in 4 s
    }

    @Test
    void aServerThatAnsweredItsSamplesLateIsNeverMoreThanAlwaysCollecting() {
        // a thrashing server: 2.5 s of pauses read between samples stamped 2 s apart
        List<ServerSampler.Sample> samples = List.of(new ServerSampler.Sample(0.0, 50, 0, 0), new ServerSampler.Sample(2.0, 50, 9, 2500));
        assertEquals(1.0, ServerSampler.gcShare(samples));
    }

    @Test
    void withoutTwoSamplesThereIsNoWindow() {
        assertEquals(0, ServerSampler.fullGcs(List.of(new ServerSampler.Sample(0.0, 1, 7, 5))));
        assertTrue(Double.isNaN(ServerSampler.gcShare(List.of())));
    }
}
