package chatlab.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Running other programs: git, and Maven over a student's code, with a time limit and an output limit. */
final class Processes {
    private Processes() {
    }

    /** What a short command prints; fails if it fails. */
    static List<String> output(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + text.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return text.lines().toList();
    }

    /** How a bounded run ended. */
    record Ending(int status, boolean timedOut, boolean outputCut) {
    }

    /** Whether this runs on Windows, where commands are mvnw.cmd and java.exe. */
    static boolean onWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The Maven wrapper of a kit folder, as a command to add arguments to: mvnw, or mvnw.cmd on Windows. */
    static List<String> mavenWrapper(Path kit) {
        return new ArrayList<>(onWindows() ? List.of("cmd", "/c", kit.resolve("mvnw.cmd").toString())
                : List.of("sh", kit.resolve("mvnw").toString()));
    }

    /**
     * Runs a command until it ends or the time limit passes (then it is killed, with every process it
     * started), keeping at most {@code maxLogBytes} of its output in the log file: a program that
     * floods its output cannot fill the disk.
     */
    static Ending bounded(Path dir, List<String> command, Duration limit, Path log, long maxLogBytes)
            throws IOException {
        return bounded(dir, command, limit, log, maxLogBytes, java.util.Map.of());
    }

    /** The same, with these variables added to the command's environment. */
    static Ending bounded(Path dir, List<String> command, Duration limit, Path log, long maxLogBytes,
                          java.util.Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean[] cut = new boolean[1];
        Thread pump = new Thread(() -> cut[0] = copyAtMost(process.getInputStream(), log, maxLogBytes), "output of " + command.get(0));
        pump.setDaemon(true);
        pump.start();
        boolean timedOut = false;
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            pump.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException("interrupted while grading", e);
        }
        // Graders may leave program processes of their own behind when killed: end them too.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        return new Ending(process.isAlive() ? -1 : process.exitValue(), timedOut, cut[0]);
    }

    /** Copies the stream into the file, the first {@code max} bytes of it; true if there was more. */
    private static boolean copyAtMost(InputStream in, Path file, long max) {
        boolean cut = false;
        try (in; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[8192];
            long written = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int keep = (int) Math.max(0, Math.min(n, max - written));
                out.write(buffer, 0, keep);
                written += keep;
                cut |= keep < n;
            }
        } catch (IOException e) {
            // The process is gone (killed at its time limit): what was read is in the file.
        }
        return cut;
    }
}
