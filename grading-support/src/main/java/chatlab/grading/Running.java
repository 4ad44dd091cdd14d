package chatlab.grading;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A program under test running in a background thread of the test JVM, typically its
 * {@code run()} method. Whatever it throws is kept, so a check can report it instead of hanging.
 */
public final class Running {
    /** A piece of the student's code to run; it may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private final String name;
    private final ScriptedConsole console;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Throwable failure;

    Running(String name, ScriptedConsole console, Body body) {
        this.name = name;
        this.console = console;
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                finished.countDown();
            }
        }, "program under test: " + name);
        thread.setDaemon(true);
        thread.start();
    }

    public String name() {
        return name;
    }

    public ScriptedConsole console() {
        return console;
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** True once the program has ended by throwing. */
    public boolean crashed() {
        return isFinished() && failure != null;
    }

    /** What the program threw, or null. */
    public Throwable failure() {
        return failure;
    }

    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }
}
