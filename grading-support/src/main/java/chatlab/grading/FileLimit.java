package chatlab.grading;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Takes a launched server's file descriptors away and gives them back (Linux: /proc and prlimit),
 * so that its accept() fails with "Too many open files" for as long as a check wants.
 */
public final class FileLimit {
    private final long pid;
    private final String original;

    private FileLimit(long pid, String original) {
        this.pid = pid;
        this.original = original;
    }

    /** The launched process whose command line names the class, if this system can limit it. */
    public static Optional<FileLimit> of(Class<?> mainClass) {
        if (!new File("/proc/self/fd").isDirectory() || !new File("/usr/bin/prlimit").canExecute()
                && !new File("/bin/prlimit").canExecute()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.current().children()
                .filter(child -> child.isAlive() && child.info().commandLine()
                        .map(line -> line.contains(mainClass.getName())).orElse(false))
                .max(Comparator.comparing(child -> child.info().startInstant().orElse(java.time.Instant.EPOCH)));
        if (process.isEmpty()) {
            return Optional.empty();
        }
        long pid = process.get().pid();
        try {
            String limits = run("prlimit", "--pid", String.valueOf(pid), "--nofile", "--raw", "--noheadings",
                    "--output", "SOFT,HARD").strip();
            String[] parts = limits.split("\\s+");
            return Optional.of(new FileLimit(pid, parts[0] + ":" + parts[1]));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * No new file descriptor for the process: its soft limit becomes the lowest descriptor number
     * it has free, so every new one (accept(), a file) fails with EMFILE while the ones it has stay
     * usable. Not 0: poll() refuses to wait on more descriptors than the limit, so at 0 every timed
     * read would fail too, which no real shortage does.
     */
    public void exhaust() throws IOException {
        String hard = original.split(":")[1];
        run("prlimit", "--pid", String.valueOf(pid), "--nofile=" + Math.max(1, lowestFreeDescriptor()) + ":" + hard);
    }

    /** The number the process's next descriptor would get: the lowest one not open. */
    private long lowestFreeDescriptor() throws IOException {
        Set<Long> open = new HashSet<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            entries.forEach(entry -> open.add(Long.parseLong(entry.getFileName().toString())));
        }
        long free = 0;
        while (open.contains(free)) {
            free++;
        }
        return free;
    }

    /** Gives the process its file descriptors back, unless it has ended meanwhile (then there is no one to give them to). */
    public void restore() throws IOException {
        try {
            run("prlimit", "--pid", String.valueOf(pid), "--nofile=" + original);
        } catch (IOException e) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw e;
            }
        }
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
