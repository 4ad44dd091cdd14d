package chatlab.tools;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A line on stderr each second while a run lasts: what it is doing, how far it is, and the
 * current rate; a long run is never silent, and a stalled one shows it stalls.
 */
final class BenchProgress implements AutoCloseable {
    private final PrintWriter err;
    private final AtomicLong done = new AtomicLong();
    private volatile String phase = "starting";
    private volatile long total;
    private volatile String unit = "";
    private final Thread ticker;

    BenchProgress(PrintWriter err) {
        this.err = err;
        this.ticker = new Thread(this::tick, "bench progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** A new phase, counted from zero up to {@code total} of {@code unit}. */
    void phase(String phase, long total, String unit) {
        this.phase = phase;
        this.total = total;
        this.unit = unit;
        done.set(0);
    }

    void add(long count) {
        done.addAndGet(count);
    }

    long done() {
        return done.get();
    }

    private void tick() {
        long before = 0;
        String phaseBefore = null;
        try {
            while (true) {
                Thread.sleep(1000);
                long now = done.get();
                String current = phase;
                if (total == 0) {
                    continue; // a phase with nothing to count (no warm-up) says nothing
                }
                long rate = current.equals(phaseBefore) ? Math.max(0, now - before) : now;
                err.println(String.format(Locale.ROOT, "  ... %s: %,d of %,d %s, %,d/s", current, now, total, unit, rate));
                err.flush();
                before = now;
                phaseBefore = current;
            }
        } catch (InterruptedException e) {
            // The run is over.
        }
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
