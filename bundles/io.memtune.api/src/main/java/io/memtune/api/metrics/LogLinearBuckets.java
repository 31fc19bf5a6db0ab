package io.memtune.api.metrics;

/**
 * Bucket boundaries of bounded relative precision, laid out as HdrHistogram lays them out: values are counted in
 * units (the largest power of two not above {@code lowest}); below {@code 2^bits} units every unit has its bucket,
 * above it every power of two is cut into {@code 2^(bits-1)} equal buckets. A bucket's midpoint is then within
 * {@code 2^-bits} of any value in it (relative), or within half a unit for the smallest values; values above
 * {@code highest} count in the top bucket. Index and bounds are a few shifts: no logarithm, no search.
 */
final class LogLinearBuckets {

    static final int MIN_BITS = 2;
    static final int MAX_BITS = 10;
    /** Above this the top bucket's bound would overflow a long. */
    static final long MAX_HIGHEST = 1L << 61;

    private final int unitShift;
    private final int bits;
    /** Buckets per power of two above the linear part: 2^(bits-1). */
    private final int perOctave;
    private final long highest;
    private final int count;

    /**
     * @param lowest the smallest value told apart from its neighbours (its power of two is the unit)
     * @param highest the largest value counted as itself; larger ones count as this
     * @param bits relative precision: a value is reported within {@code 2^-bits} of itself
     */
    LogLinearBuckets(long lowest, long highest, int bits) {
        if (lowest < 1 || highest > MAX_HIGHEST || highest < 2 * lowest || bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("buckets need 1 <= lowest, 2 * lowest <= highest <= 2^61 and "
                    + MIN_BITS + " <= bits <= " + MAX_BITS + ", not lowest " + lowest + ", highest " + highest
                    + ", bits " + bits);
        }
        this.unitShift = 63 - Long.numberOfLeadingZeros(lowest);
        this.bits = bits;
        this.perOctave = 1 << (bits - 1);
        this.highest = highest;
        this.count = index(highest) + 1;
    }

    /** How many buckets there are. */
    int count() {
        return count;
    }

    /** The relative precision: a bucket's midpoint is within this fraction of any value in it (above the unit). */
    double relativeError() {
        return 1.0 / (1 << bits);
    }

    /** The smallest value told apart: values are counted in units of this power of two. */
    long unit() {
        return 1L << unitShift;
    }

    long highest() {
        return highest;
    }

    /** The bucket of a value; negative values count as 0, values above {@link #highest()} as it. */
    int index(long value) {
        long units = (value <= 0 ? 0 : Math.min(value, highest)) >>> unitShift;
        if (units < 2L * perOctave) {
            return (int) units;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(units);
        int shift = exponent - bits + 1;
        return 2 * perOctave + (exponent - bits) * perOctave + (int) (units >>> shift) - perOctave;
    }

    /** The smallest value of a bucket. */
    long lowerBound(int index) {
        return lowerUnits(index) << unitShift;
    }

    /** The largest value of a bucket. */
    long upperBound(int index) {
        return ((lowerUnits(index) + widthUnits(index)) << unitShift) - 1;
    }

    /** What a bucket's values are reported as: its midpoint. */
    long representative(int index) {
        long lower = lowerBound(index);
        return lower + (upperBound(index) - lower) / 2;
    }

    private long lowerUnits(int index) {
        if (index < 2 * perOctave) {
            return index;
        }
        int k = index - 2 * perOctave;
        int exponent = bits + k / perOctave;
        return (long) (perOctave + k % perOctave) << (exponent - bits + 1);
    }

    private long widthUnits(int index) {
        if (index < 2 * perOctave) {
            return 1;
        }
        int exponent = bits + (index - 2 * perOctave) / perOctave;
        return 1L << (exponent - bits + 1);
    }
}
