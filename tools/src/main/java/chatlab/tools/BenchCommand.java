package chatlab.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatlab bench --step N [--port P] --clients C --messages M [--compare]}: closed-loop load on
 * a server of a step, its throughput, latency percentiles and histogram; and the same load on the
 * kit's reference, for a ratio.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Puts closed-loop load on a chat server and measures it: each client sends a message and "
                + "waits for its answer (step 4: for it to reach every other member) before the next. Prints the "
                + "throughput, the latency's p50/p99/max, the errors and a latency histogram.",
                "The server is yours, already running (--port P), or a command the bench starts (--server), or, "
                        + "with neither, the kit's reference solution of the step. --compare runs the same load on "
                        + "the reference afterwards and prints the ratios.",
                "Exit status: 0 when every client was served without error, 1 when the server could not be reached "
                        + "or the run had errors, 2 for a bad option."},
        footer = {"", "Examples:",
                "  ./chatlab bench --step 3 --clients 10 --messages 2000",
                "      the kit's reference server of step 3",
                "  ./chatlab bench --step 3 --port 12360 --clients 10 --compare",
                "      your server, running on port 12360, then the reference",
                "  ./chatlab bench --step 4 --clients 10 --messages 5000 --slow 2",
                "      a chat room where two more members stop reading",
                "  ./chatlab bench --step 2 --messages 200 --compare \\",
                "      --server \"java scripts/bench/TwoWritesServer.java --port 0\""})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--step", required = true, paramLabel = "N", description = "The step whose protocol the server "
            + "speaks: 1 (unframed; the server must run with --auto), 2, 3 or 4.")
    int step;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H", description = "The server's address "
            + "(default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "P", description = "Bench your server, already running on this port.")
    Integer port;

    @Option(names = "--server", paramLabel = "COMMAND", description = "Start this server command for the run, and "
            + "stop it after: it must print \"listening on HOST:PORT\" (e.g. with --port 0); {port} in it becomes a "
            + "free port.")
    String server;

    @Option(names = "--clients", paramLabel = "C", description = "Connections at once (step 4: members); steps 1 and "
            + "2 serve one client at a time (default: 1 for steps 1-2, 10 for steps 3-4).")
    Integer clients;

    @Option(names = "--messages", defaultValue = "1000", paramLabel = "M", description = "Measured messages per "
            + "client (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--warmup", defaultValue = "200", paramLabel = "N", description = "Round trips (step 4: messages) "
            + "before measuring, in all, shared among the clients (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--compare", description = "Then run the same load on the kit's reference server, and print "
            + "the ratios.")
    boolean compare;

    @Option(names = "--slow", defaultValue = "0", paramLabel = "N", description = "Step 4: N more members that join, "
            + "then stop reading; a good server drops them, and the others keep their pace.")
    int slow;

    @Option(names = "--window", defaultValue = "1", paramLabel = "W", description = "Step 4: how many of its messages "
            + "a member may have on their way at once (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--header-size", defaultValue = "1024", paramLabel = "N", description = "The frames' header size, "
            + "as the server was given it (default: ${DEFAULT-VALUE}).")
    int headerSize;

    @Option(names = "--message-bytes", defaultValue = "32", paramLabel = "N", description = "Each message's size in "
            + "bytes (default: ${DEFAULT-VALUE}; step 4 messages carry about 40 bytes of numbers at least).")
    int messageBytes;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "S", description = "The most one run may take, in "
            + "seconds; a run cut off reports what it measured (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to this file, as JSON.")
    Path json;

    @Option(names = "--label", defaultValue = "yours", paramLabel = "NAME", description = "What to call the server "
            + "measured (--port or --server) in the report (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--no-progress", description = "No progress line on stderr each second.")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            err.println("chatlab bench: " + e.getMessage());
            err.flush();
            return 2;
        }
        Path root = null;
        boolean ownServer = port != null || server != null;
        if (compare || !ownServer) {
            root = referenceKit();
            if (root == null) {
                err.println("chatlab bench: the reference solution is not in this kit (a student edition has none): "
                        + "bench your own server with --port P" + (compare ? ", without --compare" : ""));
                err.flush();
                return 2;
            }
        }
        out.print(BenchReport.setup(settings));
        out.flush();
        List<BenchOutcome> outcomes = new ArrayList<>();
        try {
            if (port != null) {
                outcomes.add(load(settings, port, label, "your server at " + host + ":" + port, err, null));
            } else if (server != null) {
                outcomes.add(launched(settings, BenchServer.command(server), label, err));
            }
            if (!outcomes.isEmpty()) {
                if (!outcomes.get(0).reached()) {
                    return unreachable(outcomes.get(0), err);
                }
                printed(outcomes.get(0), out); // before the reference runs: whatever becomes of that
            }
            if (compare || !ownServer) {
                outcomes.add(printed(launched(settings, reference(root, err), "reference", err), out));
            }
        } catch (IllegalArgumentException e) {
            err.println("chatlab bench: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("chatlab bench: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (outcomes.size() == 2) {
            out.print(BenchReport.comparison(outcomes.get(0), outcomes.get(1)));
        }
        out.flush();
        if (json != null) {
            try {
                BenchReport.writeJson(json, settings, outcomes);
            } catch (IOException e) {
                err.println("chatlab bench: cannot write " + json + ": " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        return outcomes.stream().allMatch(BenchOutcome::clean) ? 0 : 1;
    }

    /** The options checked and put together; throws IllegalArgumentException saying what is wrong. */
    BenchSettings settings() {
        if (step < 1 || step > 4) {
            throw new IllegalArgumentException("--step must be 1, 2, 3 or 4, not " + step);
        }
        if (port != null && server != null) {
            throw new IllegalArgumentException("give --port (a running server) or --server (a command to start), not both");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("--port must be 1 to 65535, not " + port);
        }
        if (compare && port == null && server == null) {
            throw new IllegalArgumentException("--compare compares a server with the reference: give --port P (your "
                    + "running server) or --server COMMAND");
        }
        int count = clients != null ? clients : step <= 2 ? 1 : 10;
        if (count < 1) {
            throw new IllegalArgumentException("--clients must be at least 1, not " + count);
        }
        if (step <= 2 && count != 1) {
            throw new IllegalArgumentException("step " + step + "'s server serves one client at a time, so --clients "
                    + count + " would only queue them: use --clients 1 (step 3 serves many at once)");
        }
        if (step == 4 && count < 2) {
            throw new IllegalArgumentException("a chat room needs --clients 2 or more: each message goes to the others");
        }
        if (messages < 0 || warmup < 0) {
            throw new IllegalArgumentException("--messages and --warmup cannot be negative");
        }
        if (step != 4 && (slow != 0 || window != 1)) {
            throw new IllegalArgumentException("--slow and --window are for step 4 (a chat room), not step " + step);
        }
        if (slow < 0 || window < 1) {
            throw new IllegalArgumentException("--slow must be 0 or more, --window 1 or more");
        }
        if (headerSize < 1 || headerSize > 1 << 20) {
            throw new IllegalArgumentException("--header-size must be 1 to 1048576, not " + headerSize);
        }
        int most = step == 1 ? 1024 : 65536;
        if (messageBytes < 1 || messageBytes > most) {
            throw new IllegalArgumentException("--message-bytes must be 1 to " + most + (step == 1
                    ? " (step 1 takes one read of up to 1024 bytes as a message)" : "") + ", not " + messageBytes);
        }
        if (Integer.toString(Math.max(messageBytes, 64)).length() > headerSize) {
            throw new IllegalArgumentException("a " + headerSize + "-byte header cannot hold the length of a "
                    + messageBytes + "-byte message");
        }
        if (timeout < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, not " + timeout);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("--host cannot be empty");
        }
        return new BenchSettings(step, host, count, messages, warmup, headerSize, messageBytes, window, slow,
                Duration.ofSeconds(timeout));
    }

    /** The kit's root, if it has the reference solution; null in a student edition. */
    private static Path referenceKit() {
        try {
            Path root = Kit.here().root();
            return Files.isDirectory(root.resolve("solutions/src/main/java")) ? root : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The reference server of the step, built first if its classes are missing or older than its sources. */
    private BenchServer reference(Path root, PrintWriter err) throws IOException {
        if (!BenchServer.upToDate(root, step)) {
            err.println("Building the reference (mvnw -q -pl solutions -am compile)...");
            err.flush();
            List<String> command = Processes.mavenWrapper(root);
            command.addAll(List.of("-q", "--batch-mode", "-pl", "solutions", "-am", "compile"));
            Path log = Files.createTempFile("chatlab-bench-build-", ".log");
            try {
                Processes.Ending ending = Processes.bounded(root, command, Duration.ofMinutes(10), log, 1 << 20);
                if (ending.status() != 0) {
                    List<String> lines = Files.readAllLines(log);
                    throw new IOException("building the reference failed (" + String.join(" ", command) + "):\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        }
        return BenchServer.reference(root, step);
    }

    /** The load on a server the bench started; the server stopped after, whatever happened. */
    private BenchOutcome launched(BenchSettings settings, BenchServer started, String name, PrintWriter err)
            throws IOException {
        try (started) {
            err.println("Starting " + started.description() + "...");
            err.flush();
            int listening = started.awaitPort();
            BenchOutcome outcome = load(settings, listening, name, started.description() + " on " + host + ":"
                    + listening, err, started::usage);
            if (!outcome.reached()) {
                throw new IOException("cannot reach " + started.description() + " on " + host + ":" + listening
                        + ": " + firstReason(outcome) + started.lastWords());
            }
            return outcome;
        }
    }

    private BenchOutcome load(BenchSettings settings, int serverPort, String name, String where, PrintWriter err,
                              Supplier<BenchRun.Usage> usage) {
        try (BenchProgress progress = new BenchProgress(noProgress ? new PrintWriter(PrintWriter.nullWriter()) : err)) {
            BenchRun run = new BenchRun(settings, new InetSocketAddress(settings.host(), serverPort), progress, usage);
            return settings.step() == 4 ? new ChatRoomLoad(run).run(name, where) : new RoundTripLoad(run).run(name, where);
        }
    }

    private static BenchOutcome printed(BenchOutcome outcome, PrintWriter out) {
        out.print(BenchReport.figures(outcome));
        out.flush();
        return outcome;
    }

    private int unreachable(BenchOutcome outcome, PrintWriter err) {
        err.println("chatlab bench: cannot reach " + outcome.server() + ": " + firstReason(outcome)
                + (port != null ? " (is your server running, on that port?)" : ""));
        err.flush();
        return 1;
    }

    private static String firstReason(BenchOutcome outcome) {
        List<String> reasons = outcome.errors().first();
        // "could not connect: Connection refused" says it twice: the reason alone.
        return reasons.isEmpty() ? "no connection got through"
                : reasons.get(0).replaceFirst("^" + BenchErrors.Kind.CONNECT.words + ": ", "");
    }
}
