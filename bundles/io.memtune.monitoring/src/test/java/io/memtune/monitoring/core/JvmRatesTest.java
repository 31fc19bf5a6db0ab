package io.memtune.monitoring.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class JvmRatesTest {

    @Test
    void allocationRateCoversTheIntervalSinceTheLastSample() {
        AtomicLong clock = new AtomicLong(1_000);
        JvmRates rates = new JvmRates(clock::get);
        List<byte[]> keep = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            keep.add(new byte[1 << 16]); // 4 MiB in this thread
        }
        clock.addAndGet(2_000);
        rates.sample();
        // at least 4 MiB in 2 s of the test clock: 2 MiB/s
        assertTrue(rates.allocationRate() >= 2 * 1024 * 1024, "rate " + rates.allocationRate() + " kept " + keep.size());
        assertTrue(rates.gcOverhead() >= 0 && rates.gcOverhead() <= 1);
        assertTrue(rates.heapUsedAfterGc() >= 0);
    }
}
