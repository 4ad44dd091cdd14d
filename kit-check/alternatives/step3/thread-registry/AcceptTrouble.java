package chatlab.step3;

import java.io.PrintStream;

/**
 * Keeps the accept loop calm when accepting or starting a handler keeps failing (no file
 * descriptors, no native threads left): the first failure is logged, then at most one line per
 * {@link #QUIET_MILLIS} ms, saying how many were not shown; the pause before the next try doubles
 * with every failure in a row, from {@link #MIN_PAUSE_MILLIS} up to {@link #MAX_PAUSE_MILLIS}, and
 * falls back once a connection is served again. For the accept thread only.
 */
final class AcceptTrouble {
    static final long QUIET_MILLIS = 1_000;
    static final long MIN_PAUSE_MILLIS = 5;
    static final long MAX_PAUSE_MILLIS = 1_000;

    private final PrintStream out;
    private long nextLogAt = Long.MIN_VALUE;
    private long unlogged;
    private long pause = MIN_PAUSE_MILLIS / 2;

    AcceptTrouble(PrintStream out) {
        this.out = out;
    }

    void failed(String what, Throwable cause) {
        pause = Math.min(MAX_PAUSE_MILLIS, Math.max(MIN_PAUSE_MILLIS, pause * 2));
        long now = System.currentTimeMillis();
        if (now < nextLogAt) {
            unlogged++;
            return;
        }
        out.println("[ERROR] " + what + ": " + Sanitized.text(String.valueOf(cause))
                + (unlogged > 0 ? " (and " + unlogged + " more failures since the last report)" : "")
                + "; still listening, next try in " + pause + " ms.");
        unlogged = 0;
        nextLogAt = now + QUIET_MILLIS;
    }

    void succeeded() {
        if (unlogged > 0) {
            out.println("[RECOVERED] Accepting again (" + unlogged + " more failures since the last report).");
            unlogged = 0;
        }
        pause = MIN_PAUSE_MILLIS / 2;
    }

    long pauseMillis() {
        return pause;
    }
}
