package chatlab.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * Round-trip times for the checks of "one write per frame" (or TCP_NODELAY). A header and its body
 * written in two small writes wait for Nagle's algorithm and the other side's delayed ACK: about
 * 40 ms per round trip on Linux. A correct program answers in well under a millisecond. The check
 * takes the median over many round trips, so that a few slow ones on a busy machine do not count,
 * and compares it to a threshold far below the stall and far above a correct program.
 */
public final class RoundTrips {
    /** How many round trips to time (after one untimed warm-up). */
    public static final int COUNT = 20;
    /** The median must stay under this: half the ~40 ms stall, some hundred times a correct program. */
    public static final long LIMIT_MILLIS = 20;

    private final List<Long> nanos = new ArrayList<>();

    /** Records one round trip that started at {@code startNanos} (System.nanoTime) and has just ended. */
    public void endedNow(long startNanos) {
        nanos.add(System.nanoTime() - startNanos);
    }

    public double medianMillis() {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1e6;
    }

    public String describe() {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return String.format(java.util.Locale.ROOT, "median %.1f ms over %d round trips (fastest %.1f ms, slowest %.1f ms)",
                medianMillis(), nanos.size(), sorted.get(0) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
    }

    /** Fails, saying what was measured, if the median round trip is over {@link #LIMIT_MILLIS}. */
    public void expectFast(String what, String hint) {
        if (medianMillis() > LIMIT_MILLIS) {
            throw new AssertionError(what + "\n  expected: a median round trip under " + LIMIT_MILLIS + " ms\n  measured: "
                    + describe() + "\n" + hint);
        }
    }
}
