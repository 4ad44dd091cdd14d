package chatlab.step3;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the accept loop does when accepting or starting a handler fails (too many open files, no
 * more native threads, ...): it logs the failure, at most one line a second however fast it
 * repeats, and pauses, longer each time in a row (up to a second), so that it never spins while
 * the resource is short, and serves again as soon as it is back. Used by the accept thread only.
 */
final class FailureLog {
    static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long FIRST_PAUSE_MILLIS = 10;
    static final long LONGEST_PAUSE_MILLIS = 1_000;

    private final PrintStream out;
    private long lastLogged;
    private boolean loggedAny;
    private int suppressed;
    private int inARow;

    FailureLog(PrintStream out) {
        this.out = out;
    }

    void report(String doing, Throwable failure) {
        inARow++;
        long now = System.nanoTime();
        if (loggedAny && now - lastLogged < LOG_EVERY_NANOS) {
            suppressed++;
            return;
        }
        String more = suppressed == 0 ? "" : " (" + suppressed + " similar failures not shown)";
        out.println("[ERROR] Failed " + doing + ": " + LogText.of(String.valueOf(failure)) + more
                + "; the server keeps listening.");
        loggedAny = true;
        lastLogged = now;
        suppressed = 0;
    }

    /** A connection was served: the next failure starts the back-off afresh. */
    void recovered() {
        if (inARow > 0 && suppressed > 0) {
            out.println("[RECOVERED] Serving again (" + suppressed + " similar failures not shown).");
            suppressed = 0;
        }
        inARow = 0;
    }

    /** Pauses before trying again; shutdown (the latch) cuts the pause short. Returns whether it was interrupted. */
    boolean pause(CountDownLatch stop) {
        long millis = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(inARow - 1, 20));
        try {
            stop.await(millis, TimeUnit.MILLISECONDS);
            return false;
        } catch (InterruptedException e) {
            return true; // passed on when run() returns; meanwhile keep pausing as usual
        }
    }
}
