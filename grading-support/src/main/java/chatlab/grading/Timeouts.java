package chatlab.grading;

import java.time.Duration;

/**
 * How long a check waits. Generous, because CI machines are shared and busy; a correct program
 * answers in microseconds, so only a wrong one ever uses these up. Set the environment variable
 * {@code CHATLAB_TIME_SCALE} (say 3) on a very slow machine to stretch them all.
 */
public final class Timeouts {
    private static final double SCALE = scale();

    /** For an answer, a line of output or a close that should come at once. */
    public static final Duration REPLY = scaled(Duration.ofSeconds(5));
    /** How long to watch for something that must not arrive. */
    public static final Duration QUIET = scaled(Duration.ofMillis(400));
    /** For a new JVM to start and print its first lines on a busy machine. */
    public static final Duration PROGRAM = scaled(Duration.ofSeconds(30));

    private Timeouts() {
    }

    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    private static Duration scaled(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * SCALE));
    }

    private static double scale() {
        String value = System.getenv("CHATLAB_TIME_SCALE");
        try {
            return value == null ? 1.0 : Math.max(1.0, Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }
}
