package chatlab.kit;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs the kit check's checks a few at a time, ahead of JUnit, which runs dynamic tests one after
 * the other. A check is mostly a JVM of graders waiting on sockets, so on two cores two of them
 * take little more time than one. Each check is started when it is made, in the order made (the
 * pool takes them first come, first served), and its dynamic test waits for it and reports it.
 */
final class AheadOfTime {
    /** -Dkit.jobs=N: how many checks run at once (default 2: CI's two cores). */
    private static final int JOBS = Math.max(1, Integer.getInteger("kit.jobs", 2));

    private static final ExecutorService POOL = Executors.newFixedThreadPool(JOBS, body -> {
        Thread thread = new Thread(body, "kit check");
        thread.setDaemon(true); // the JVM ends when JUnit is done, whatever was left
        return thread;
    });

    private AheadOfTime() {
    }

    /** A dynamic test whose body starts now, in the pool, and whose outcome the test reports. */
    static DynamicTest check(String name, Executable body) {
        Future<?> started = POOL.submit(() -> {
            try {
                body.execute();
            } catch (Throwable failure) {
                throw new Failed(failure);
            }
            return null;
        });
        return dynamicTest(name, () -> {
            try {
                started.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Failed failed ? failed.getCause() : e.getCause();
            }
        });
    }

    /** Carries what a check threw, whatever it was, through the pool. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(Throwable failure) {
            super(failure);
        }
    }
}
