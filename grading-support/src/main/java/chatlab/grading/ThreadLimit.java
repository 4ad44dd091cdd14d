package chatlab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes away a launched server's power to start threads and gives it back (Linux: a cgroup of the
 * pids controller), so that {@code Thread.start} fails with "unable to create native thread" for as
 * long as a test wants. A process limit (prlimit --nproc) would do the same for other users, but
 * root ignores it, and CI machines often run as root: a cgroup's limit holds for everyone.
 */
public final class ThreadLimit {
    /** Where the pids controller is mounted: its own hierarchy (cgroup v1), or the unified one (v2). */
    private static final Path V1 = Path.of("/sys/fs/cgroup/pids");
    private static final Path V2 = Path.of("/sys/fs/cgroup");

    private final long pid;
    private final Path group;
    private final Path home;

    private ThreadLimit(long pid, Path group, Path home) {
        this.pid = pid;
        this.group = group;
        this.home = home;
    }

    /** A cgroup of its own for the process, if this system lets the test make one (root, a pids controller). */
    public static Optional<ThreadLimit> of(ProcessHandle process) {
        Path hierarchy = pidsHierarchy();
        if (hierarchy == null || !process.isAlive()) {
            return Optional.empty();
        }
        Path group = hierarchy.resolve("chatlab-" + UUID.randomUUID());
        try {
            Path home = hierarchy.resolve(currentGroup(process.pid(), hierarchy == V1 ? "pids" : ""));
            Files.createDirectory(group);
            ThreadLimit limit = new ThreadLimit(process.pid(), group, home);
            write(group.resolve("cgroup.procs"), String.valueOf(process.pid()));
            return Optional.of(limit);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(group);
            } catch (IOException ignored) {
                // The directory was never made, or is in use: either way nothing more to undo.
            }
            return Optional.empty();
        }
    }

    private static Path pidsHierarchy() {
        if (Files.isWritable(V1.resolve("cgroup.procs"))) {
            return V1;
        }
        try {
            Path controllers = V2.resolve("cgroup.subtree_control");
            if (Files.isWritable(controllers) && Files.readString(controllers).contains("pids")) {
                return V2;
            }
        } catch (IOException ignored) {
            // Not cgroup v2 either.
        }
        return null;
    }

    /** The process's group in the hierarchy, from /proc/PID/cgroup ("8:pids:/a/b", or "0::/a/b" in v2). */
    private static String currentGroup(long pid, String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && (controller.isEmpty() ? parts[0].equals("0") : parts[1].equals(controller))) {
                return parts[2].replaceFirst("^/", "");
            }
        }
        throw new IOException("no " + (controller.isEmpty() ? "cgroup v2" : controller) + " group for " + pid);
    }

    /** From now on the process may start only this many more threads (the ones it has keep running). */
    public void allowMoreThreads(int more) throws IOException {
        long now = Long.parseLong(Files.readString(group.resolve("pids.current")).strip());
        write(group.resolve("pids.max"), String.valueOf(now + more));
    }

    /** The threads the process has now (every thread counts in the pids controller). */
    public long threads() throws IOException {
        return Long.parseLong(Files.readString(group.resolve("pids.current")).strip());
    }

    /** No limit any more: the process goes back to its group, and the test's group is removed. */
    public void restore() throws IOException {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            write(group.resolve("pids.max"), "max");
            write(home.resolve("cgroup.procs"), String.valueOf(pid));
        }
        Files.deleteIfExists(group);
    }

    /**
     * What a server must have done through a shortage of threads, with {@code cutOff} clients it
     * could not serve: it is still running, it printed no stack trace, and it logged its failures
     * now and then (fewer [ERROR] lines than failures), not once each.
     *
     * @param logMark how much the server had printed when the shortage began
     */
    public static void expectSurvived(JavaProgram server, int logMark, int cutOff) {
        if (cutOff == 0) {
            throw new AssertionError("No client was cut off while the server could start no thread: nothing was tested");
        }
        if (!server.isAlive()) {
            throw new AssertionError("The server process ended while it could start no thread:\n" + server.output());
        }
        String shortage = server.output().substring(logMark);
        if (shortage.contains("\tat ")) {
            throw new AssertionError("The server printed a stack trace while it could start no thread:\n" + shortage);
        }
        long errors = shortage.lines().filter(line -> line.contains("[ERROR]")).count();
        if (errors >= cutOff) {
            throw new AssertionError("The server logged " + errors + " [ERROR] lines for " + cutOff + " failures: "
                    + "at most about one a second, not one each:\n" + shortage);
        }
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }
}
