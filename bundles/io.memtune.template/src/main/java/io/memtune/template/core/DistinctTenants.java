package io.memtune.template.core;

import java.util.Arrays;

/**
 * How many different tenants were seen lately, estimated in 2 KB whatever their number: a HyperLogLog of 1,024
 * one-byte registers (standard error 3.25 %), in two generations so that the estimate covers the current period
 * and the previous one rather than dropping to zero at each new period.
 *
 * <p>Registers are plain bytes raised without synchronization, on purpose: a raise lost to a race can only lower
 * the estimate by a hair, and no request ever waits or retries here. {@link #rotate()} runs on one thread.
 */
final class DistinctTenants {

    private static final int PRECISION = 10;
    private static final int REGISTERS = 1 << PRECISION;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

    private volatile byte[] current = new byte[REGISTERS];
    private volatile byte[] previous = new byte[REGISTERS];

    void add(String tenant) {
        long hash = TenantFrequencySketch.mix(tenant.hashCode());
        int register = (int) (hash >>> (64 - PRECISION));
        byte rank = (byte) (Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1);
        byte[] registers = current;
        if (registers[register] < rank) {
            registers[register] = rank;
        }
    }

    /** Starts a new period: the previous one is forgotten, the current one becomes the previous. */
    void rotate() {
        byte[] forgotten = previous;
        Arrays.fill(forgotten, (byte) 0);
        previous = current;
        current = forgotten;
    }

    /** Distinct tenants added in this period and the previous one. */
    long estimate() {
        byte[] a = current;
        byte[] b = previous;
        double sum = 0;
        int zeros = 0;
        for (int i = 0; i < REGISTERS; i++) {
            int rank = Math.max(a[i], b[i]);
            sum += 1.0 / (1L << rank);
            zeros += rank == 0 ? 1 : 0;
        }
        double estimate = ALPHA * REGISTERS * REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            estimate = REGISTERS * Math.log((double) REGISTERS / zeros); // linear counting, exact-ish when few
        }
        return Math.round(estimate);
    }

    long estimatedBytes() {
        return HeapCosts.object(2, 0, 0) + 2 * HeapCosts.array(REGISTERS, 1);
    }
}
