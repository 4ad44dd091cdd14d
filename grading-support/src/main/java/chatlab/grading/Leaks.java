package chatlab.grading;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a server leaves behind: the threads started since a snapshot that are still alive, and the
 * process's open file descriptors (sockets among them), where the JVM can count them.
 */
public final class Leaks {
    /** Threads of the graders and the JVM, not of the program under test. */
    private static final List<String> HARNESS_THREADS = List.of("program under test", "awaitility", "junit",
            "output of ", "process reaper", "Attach Listener", "Common-Cleaner", "ForkJoinPool", "surefire");

    private final Set<Thread> before;

    private Leaks(Set<Thread> before) {
        this.before = before;
    }

    /** Notes the threads alive now. */
    public static Leaks snapshot() {
        return new Leaks(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /** Threads started since the snapshot, still alive, that belong to the program under test. */
    public List<Thread> newThreads() {
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !before.contains(thread) && !isHarness(thread)) {
                alive.add(thread);
            }
        }
        return alive;
    }

    /** The new threads, each with its state and where it is: what a student needs to find it. */
    public String describeNewThreads() {
        return newThreads().stream().map(thread -> {
            StackTraceElement[] stack = thread.getStackTrace();
            String where = stack.length == 0 ? "" : " at " + stack[0]
                    + (stack.length > 1 ? " <- " + stack[1] : "");
            return "  - \"" + thread.getName() + "\" " + thread.getState() + where;
        }).collect(Collectors.joining("\n"));
    }

    /** The process's open file descriptors, on systems whose JVM reports them (Linux, macOS). */
    public static OptionalLong openFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getOpenFileDescriptorCount());
        }
        return OptionalLong.empty();
    }

    private static boolean isHarness(Thread thread) {
        String name = thread.getName();
        return HARNESS_THREADS.stream().anyMatch(name::startsWith);
    }
}
