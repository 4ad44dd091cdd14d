package chatlab.tools;

/**
 * Latencies in nanoseconds, counted in buckets no wider than 1/64 of their value (so a percentile
 * is within about 1.6% of the true one): memory stays the same for a thousand samples or a billion,
 * and each thread records into its own instance, merged at the end, so recording never contends.
 * Below {@value #EXACT} ns every value has a bucket of its own.
 */
final class Latencies {
    /** Sub-buckets per power of two: the precision. */
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    /** Values below this are counted exactly. */
    static final int EXACT = 2 * SUB;
    private static final int BUCKETS = EXACT + (63 - SUB_BITS) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private double sum;
    private long min = Long.MAX_VALUE;
    private long max;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds another recorder's samples to these (after its thread has ended). */
    void add(Latencies other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    long min() {
        return count == 0 ? 0 : min;
    }

    long max() {
        return max;
    }

    double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /**
     * The nearest-rank percentile: the smallest value that at least {@code percent}% of the samples do
     * not exceed, to the bucket's precision (its middle, kept within the smallest and largest sample).
     */
    long percentile(double percent) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long middle = lowest(i) + (highest(i) - lowest(i)) / 2;
                return Math.max(min, Math.min(max, middle));
            }
        }
        return max;
    }

    /** How many samples are at least {@code from} and below {@code to} (each counted by its bucket's lowest value). */
    long countBetween(long from, long to) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long low = lowest(i);
            if (counts[i] > 0 && low >= from && low < to) {
                total += counts[i];
            }
        }
        return total;
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int shift = exponent - SUB_BITS;
        int sub = (int) (value >>> shift); // SUB..2*SUB-1: the top bits below the highest one
        return EXACT + (shift - 1) * SUB + (sub - SUB);
    }

    static long lowest(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB + 1;
        long sub = SUB + (index - EXACT) % SUB;
        return sub << shift;
    }

    static long highest(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB + 1;
        return lowest(index) + (1L << shift) - 1;
    }
}
