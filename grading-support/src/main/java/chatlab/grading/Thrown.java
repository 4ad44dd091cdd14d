package chatlab.grading;

/**
 * What a piece of student code throws, for checks that expect an exception. A starter's TODO
 * ({@code UnsupportedOperationException("TODO…")}) is not caught: it fails the check as "not
 * implemented yet" rather than as a wrong exception.
 */
public final class Thrown {
    /** Student code that may throw anything. */
    @FunctionalInterface
    public interface Call {
        Object call() throws Throwable;
    }

    private Thrown() {
    }

    /** The throwable, or null if the call returned normally. */
    public static Throwable by(Call call) {
        try {
            call.call();
            return null;
        } catch (UnsupportedOperationException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("TODO")) {
                throw e;
            }
            return e;
        } catch (Throwable t) {
            return t;
        }
    }
}
