package chatlab.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server the bench starts for the run: the kit's reference solution of a step, or any command
 * (a baseline, a variant). It listens on a port of its own choosing, and says which in its
 * {@code listening on HOST:PORT} line. Its output is read all the time, and only its last lines
 * kept: a server that logs every message must never block on a full pipe, nor fill a disk.
 */
final class BenchServer implements AutoCloseable {
    static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)", Pattern.CASE_INSENSITIVE);
    /** How long a server may take to start listening (a source-file program is compiled first). */
    static final Duration START = Duration.ofSeconds(30);
    /** How long the reference (steps 3 and 4) gets to shut down when told, before it is killed. */
    static final long STOP_MILLIS = 5000;
    /** How long any other command gets: it may not read its console at all. */
    static final long COMMAND_STOP_MILLIS = 1000;
    private static final int KEPT_LINES = 20;

    private final Process process;
    private final String description;
    /** How long to wait after "shutdown" on its console; 0 if it has none. */
    private final long stopMillis;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    /** Ends the server if the bench itself is ended (Ctrl-C): a server it started must not outlive it. */
    private final Thread killer;

    private BenchServer(Process process, String description, long stopMillis) {
        this.process = process;
        this.description = description;
        this.stopMillis = stopMillis;
        this.killer = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "stop " + description);
        Runtime.getRuntime().addShutdownHook(killer);
        Thread reader = new Thread(this::drain, "output of " + description);
        reader.setDaemon(true);
        reader.start();
    }

    /** The kit's reference server of a step (steps 3 and 4 read "shutdown" from their console). */
    static BenchServer reference(Path root, int step) throws IOException {
        String folder = stepFolder(root, step);
        // The solution's classes first: they replace the starter's; the step's own (given) classes and common after.
        String classpath = String.join(java.io.File.pathSeparator, root.resolve("solutions/target/classes").toString(),
                root.resolve(folder).resolve("target/classes").toString(),
                root.resolve("common/target/classes").toString());
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-cp", classpath,
                "chatlab.step" + step + ".ChatServer", "--port", "0"));
        if (step == 1) {
            command.add("--auto");
        }
        return start(command, root, "the reference server of step " + step, step >= 3 ? STOP_MILLIS : 0);
    }

    /**
     * Any server command, split into words like a shell would (quotes group words). {@code {port}}
     * in it becomes a free port; without it, the command must pick one itself (e.g. --port 0).
     */
    static BenchServer command(String line) throws IOException {
        List<String> words = words(line);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("--server needs a command, e.g. --server \"java Server.java --port 0\"");
        }
        if (line.contains("{port}")) {
            String free = Integer.toString(freePort());
            words.replaceAll(word -> word.replace("{port}", free));
        }
        return start(words, Path.of("").toAbsolutePath(), "`" + line + "`", COMMAND_STOP_MILLIS);
    }

    private static BenchServer start(List<String> command, Path dir, String description, long stopMillis)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        try {
            return new BenchServer(builder.start(), description, stopMillis);
        } catch (IOException e) {
            throw new IOException("cannot start " + description + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the listening line; the port it names. */
    int awaitPort() throws IOException {
        try {
            return port.get(START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(description + " printed no \"listening on HOST:PORT\" line within "
                    + START.toSeconds() + " s" + lastWords());
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + description + " was starting");
        }
    }

    String description() {
        return description;
    }

    /**
     * What the server process holds right now: its threads and resident memory, as Linux's
     * /proc/PID/status says; null elsewhere. A thread per client shows here as a thousand threads.
     */
    BenchRun.Usage usage() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            int threads = -1;
            long kilobytes = -1;
            for (String line : Files.readAllLines(status)) {
                String[] parts = line.split("\\s+");
                if (parts.length >= 2 && parts[0].equals("Threads:")) {
                    threads = Integer.parseInt(parts[1]);
                } else if (parts.length >= 2 && parts[0].equals("VmRSS:")) {
                    kilobytes = Long.parseLong(parts[1]);
                }
            }
            return threads < 0 || kilobytes < 0 ? null : new BenchRun.Usage(threads, kilobytes);
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or the process is gone
        }
    }

    private void drain() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!port.isDone()) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(2)));
                    }
                }
                synchronized (lastLines) {
                    lastLines.addLast(line.length() > 200 ? line.substring(0, 200) + "..." : line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The server is gone: its exit is noticed below.
        }
        port.completeExceptionally(new IOException(description + " ended before it listened"
                + exitStatus() + lastWords()));
    }

    private String exitStatus() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " (exit status " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The end of what the server printed, for an error message. */
    String lastWords() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "" : "; its last lines:\n    " + String.join("\n    ", lastLines);
        }
    }

    /**
     * Stops the server: "shutdown" on its console if it has one, then (after a bounded wait) the
     * process is destroyed, with any it started.
     */
    @Override
    public void close() {
        try {
            if (stopMillis > 0 && process.isAlive()) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write("shutdown\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // It is ending already.
                }
                process.waitFor(stopMillis, TimeUnit.MILLISECONDS);
            } else {
                process.waitFor(200, TimeUnit.MILLISECONDS); // step 1 ends by itself after its chat
            }
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already: the hook does the rest.
        }
    }

    /**
     * Whether the classes the reference of a step runs from are built, and newer than their sources:
     * a maintainer who changes the solution benches the change, not the last build.
     */
    static boolean upToDate(Path root, int step) {
        String pkg = "chatlab/step" + step;
        List<Path[]> pairs = List.of(
                new Path[] {root.resolve("solutions/src/main/java/" + pkg), root.resolve("solutions/target/classes/" + pkg)},
                new Path[] {root.resolve(stepFolder(root, step)).resolve("src/main/java/" + pkg),
                        root.resolve(stepFolder(root, step)).resolve("target/classes/" + pkg)},
                new Path[] {root.resolve("common/src/main/java"), root.resolve("common/target/classes")});
        for (Path[] pair : pairs) {
            if (!Files.isDirectory(pair[1]) || newest(pair[0]) > newest(pair[1])) {
                return false;
            }
        }
        return true;
    }

    private static long newest(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(file -> file.toFile().lastModified()).max().orElse(0);
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: build
        }
    }

    static String stepFolder(Path root, int step) {
        try (var entries = Files.list(root)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("step" + step + "-"))
                    .findFirst().orElse("step" + step);
        } catch (IOException e) {
            return "step" + step;
        }
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", Processes.onWindows() ? "java.exe" : "java").toString();
    }

    /** A port free right now, for a command that takes one ({port}). */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** A command line split into words: spaces separate them, quotes ("..." or '...') group them. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("--server: a quote is not closed in " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
