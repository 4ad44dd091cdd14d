package chatlab.grading;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Everything one check sets up: consoles, programs under test, connections, launched processes.
 * Register it in a grader class with {@code @RegisterExtension final Lab lab = new Lab();}.
 *
 * <p>It closes all of it after the check, and when the check fails it turns the failure into a
 * report a student can act on: the TODO still to do, or what the program threw; the transcript of
 * what went over the wire; and what each program printed.
 */
public final class Lab implements AfterEachCallback, TestExecutionExceptionHandler {
    private static final int OUTPUT_LINES_SHOWN = 40;
    private static final Pattern LAUNCHED_TODO = Pattern.compile("UnsupportedOperationException: (TODO\\(.*)");
    private static final String LISTENING_HINT = "A server prints a line like \"" + ListeningLine.EXAMPLE
            + "\" with the port it really bound (ServerSocket.getLocalPort()): with --port 0 the system picks a free port.";

    private final Transcript transcript = new Transcript();
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final List<Running> running = new ArrayList<>();
    private final List<JavaProgram> launched = new ArrayList<>();
    /** Exceptions that escaped any thread during the check: the student's own threads crash there. */
    private final List<Uncaught> uncaught = new ArrayList<>();
    private final Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();

    private record Uncaught(String thread, Throwable error) {
    }

    public Lab() {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            synchronized (this) {
                uncaught.add(new Uncaught(thread.getName(), error));
            }
        });
    }

    public Transcript transcript() {
        return transcript;
    }

    // ---------------------------------------------------------------- what a check sets up

    /** A console to hand to a program: its keyboard and its screen. */
    public synchronized ScriptedConsole console(String name) {
        ScriptedConsole console = new ScriptedConsole(name, transcript);
        toClose.push(console);
        return console;
    }

    /** Starts a piece of the student's code (usually {@code run()}) in a background thread. */
    public synchronized Running start(String name, ScriptedConsole console, Running.Body body) {
        Running program = new Running(name, console, body);
        running.add(program);
        return program;
    }

    /** Connects a scripted client to a server on the loopback interface. */
    public Peer connect(String who, int port) {
        return connect(who, port, 0);
    }

    /**
     * Connects a client whose receive buffer is tiny (if {@code receiveBufferBytes} > 0): a client
     * that then stops reading backs the server up after a few kilobytes, not megabytes.
     */
    public Peer connect(String who, int port, int receiveBufferBytes) {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Timeouts.REPLY.toMillis());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new AssertionError("The " + who + " could not connect to 127.0.0.1:" + port + " (" + e.getMessage()
                    + "). Is the server listening on the port it printed?", e);
        }
        transcript.note(who + " connected to 127.0.0.1:" + port + " from port " + socket.getLocalPort());
        Peer peer = new Peer(who, socket, transcript, this::stopReason);
        remember(peer);
        return peer;
    }

    /** A scripted server for a student's client to connect to. */
    public FakeServer fakeServer(String who) {
        try {
            FakeServer server = new FakeServer(who, transcript, this::stopReason);
            remember(server);
            return server;
        } catch (IOException e) {
            throw new AssertionError("Could not open a loopback port for the " + who + ": " + e, e);
        }
    }

    /** Accepts the student's client at a fake server; the connection is closed after the check. */
    public Peer accept(FakeServer server) {
        Peer peer = server.accept();
        remember(peer);
        return peer;
    }

    /** Launches a student's {@code main} as its own process. */
    public JavaProgram launch(String name, Class<?> mainClass, String... args) {
        try {
            JavaProgram program = new JavaProgram(name, mainClass, List.of(args), transcript);
            synchronized (this) {
                launched.add(program);
            }
            remember(program);
            return program;
        } catch (IOException e) {
            throw new AssertionError("Could not launch " + name + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------- bounded waits

    /**
     * Waits, at most {@link Timeouts#REPLY}, until the condition holds. Stops at once if a program
     * under test crashes meanwhile. Never put a socket read in the condition: read with a {@link Peer}.
     */
    public void await(String waitingFor, BooleanSupplier condition, String hint) {
        awaitUntil(waitingFor, Timeouts.REPLY, condition, this::stopReason, () -> hint);
    }

    /** Like {@link #await(String, BooleanSupplier, String)}, with a hint made when the wait fails (it can show state). */
    public void await(String waitingFor, BooleanSupplier condition, Supplier<String> hint) {
        awaitUntil(waitingFor, Timeouts.REPLY, condition, this::stopReason, hint);
    }

    /** Like {@link #await(String, BooleanSupplier, String)}, for a condition that takes seconds to settle. */
    public void await(String waitingFor, Duration atMost, BooleanSupplier condition, String hint) {
        awaitUntil(waitingFor, atMost, condition, this::stopReason, () -> hint);
    }

    /** Waits for the server to print its "listening on HOST:PORT" line, and returns the port. */
    public int awaitListening(ScriptedConsole console) {
        await(console.name() + " to print \"listening on HOST:PORT\"", () -> console.listeningPort().isPresent(),
                LISTENING_HINT);
        return console.listeningPort().getAsInt();
    }

    /** Same, for a server launched as its own process. */
    public int awaitListening(JavaProgram program) {
        awaitUntil(program.name() + " to print \"listening on HOST:PORT\"", Timeouts.PROGRAM,
                () -> program.listeningPort().isPresent(), () -> ended(program), () -> LISTENING_HINT);
        return program.listeningPort().getAsInt();
    }

    /**
     * The server was told {@code --host 127.0.0.1}: it must listen there only. On Linux and Windows
     * all of 127/8 is loopback, so a server bound to every interface ({@code new ServerSocket(port)},
     * 0.0.0.0) also accepts a connection to 127.0.0.2, and one bound to 127.0.0.1 refuses it. Where
     * 127.0.0.2 is not reachable at all (macOS), the connect fails either way: only an accepted
     * connection fails the check.
     */
    public void expectListeningOnlyOn127001(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.2", port), (int) Math.max(1, Timeouts.REPLY.toMillis() / 5));
        } catch (IOException refused) {
            return; // refused (bound to 127.0.0.1 only), or 127.0.0.2 is not loopback here
        }
        throw new AssertionError("The server was started with --host 127.0.0.1 and printed that it listens on "
                + "127.0.0.1:" + port + ", but a connection to 127.0.0.2:" + port + " (another loopback address) was "
                + "accepted: it listens on every interface (0.0.0.0), so anyone on the network could connect.\n"
                + "  expected: the connection to 127.0.0.2:" + port + " refused\n  received: the connection accepted\n"
                + "new ServerSocket(port) ignores --host: create new ServerSocket(), then bind it to "
                + "new InetSocketAddress(options.host(), options.port()).");
    }

    /** Waits for the program's console to show the text. */
    public void awaitPrinted(ScriptedConsole console, String text, String what, String hint) {
        await(console.name() + " to print " + Bytes.quote(text) + " (" + what + ")",
                () -> console.printed().contains(text), hint);
    }

    /**
     * Waits for a launched program to print the text. The wait stops as soon as that program, or
     * any of {@code needed} (the programs whose doing the text depends on, e.g. the client whose
     * message the server should print), has ended.
     */
    public void awaitOutput(JavaProgram program, String text, String hint, JavaProgram... needed) {
        awaitUntil(program.name() + " to print " + Bytes.quote(text), Timeouts.PROGRAM,
                () -> program.output().contains(text), () -> ended(program, needed), () -> hint);
    }

    private static void awaitUntil(String waitingFor, Duration atMost, BooleanSupplier condition,
                                   Supplier<String> stopReason, Supplier<String> hint) {
        try {
            Awaitility.await(waitingFor)
                    .atMost(atMost)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10))
                    .failFast(() -> stopReason.get() != null)
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Waited " + Timeouts.describe(atMost) + " for " + waitingFor + ", in vain.\n"
                    + hint.get());
        } catch (TerminalFailureException e) {
            if (condition.getAsBoolean()) {
                return;
            }
            throw new AssertionError("Stopped waiting for " + waitingFor + ": " + stopReason.get() + ".\n" + hint.get());
        }
    }

    private static String ended(JavaProgram program, JavaProgram... needed) {
        if (!program.isAlive()) {
            return program.name() + " has ended";
        }
        for (JavaProgram other : needed) {
            if (!other.isAlive()) {
                return other.name() + " has ended";
            }
        }
        return null;
    }

    /** Expects the program's run() to return normally, soon. */
    public void awaitFinished(Running program, String what, String hint) {
        try {
            if (program.awaitFinished(Timeouts.REPLY.toMillis())) {
                if (program.failure() != null) {
                    throw new AssertionError(what + "\nBut it threw " + describe(program.failure()) + hint);
                }
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError(what + "\nBut " + program.name() + " was still running after "
                + Timeouts.describe(Timeouts.REPLY) + ".\n" + ThreadDump.ofThisJvm() + hint);
    }

    /** Expects the program to be running still (it has neither returned nor thrown). */
    public void expectRunning(Running program, String what) {
        if (program.isFinished()) {
            throw new AssertionError(what + "\nBut " + program.name() + " has already "
                    + (program.failure() == null ? "returned." : "thrown " + describe(program.failure())));
        }
    }

    // ---------------------------------------------------------------- JUnit

    @Override
    public void afterEach(ExtensionContext context) {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        List<AutoCloseable> resources;
        synchronized (this) {
            resources = new ArrayList<>(toClose);
            toClose.clear();
        }
        for (AutoCloseable resource : resources) {
            closeQuietly(resource);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof org.opentest4j.TestAbortedException) {
            throw failure;
        }
        String rules = context.getTestMethod()
                .map(check -> RuleBook.of(check.getDeclaringClass().getClassLoader()).describe(RuleBook.enforcedBy(check)))
                .orElse("");
        throw new AssertionError(report(failure, rules), failure);
    }

    /** The report a student reads when a check fails. */
    String report(Throwable failure) {
        return report(failure, "");
    }

    /**
     * The report a student reads when a check fails; {@code rules} (the rules the check enforces,
     * one per line) open it, unless the check only ran into a TODO: then the TODO is the whole story.
     */
    String report(Throwable failure, String rules) {
        StringBuilder out = new StringBuilder();
        String todo = todo(failure);
        if (todo == null && todoOfPrograms() == null && !rules.isEmpty()) {
            out.append(rules).append("\n\n");
        }
        if (todo != null) {
            // The check itself called a TODO: that is the whole story.
            out.append("Not implemented yet: ").append(todo).append('\n').append(whereInStudentCode(failure));
        } else {
            todo = todoOfPrograms();
            if (todo != null) {
                out.append("Not implemented yet: ").append(todo).append("\n\n");
            }
            out.append(headline(failure)).append('\n');
        }
        for (Uncaught crash : snapshot(uncaught)) {
            if (!out.toString().contains(firstLine(crash.error()))) {
                out.append("\nThread \"").append(crash.thread()).append("\" stopped with an exception: ")
                        .append(describe(crash.error())).append('\n');
            }
        }
        for (Running program : snapshot(running)) {
            if (program.crashed() && !out.toString().contains(firstLine(program.failure()))) {
                out.append('\n').append(program.name()).append(" stopped with an exception: ")
                        .append(describe(program.failure())).append('\n');
            }
        }
        if (!transcript.isEmpty()) {
            out.append("\nWhat happened (-> sent by the test, <- received by the test, >> typed by the test):\n")
                    .append(transcript.render());
        }
        for (Running program : snapshot(running)) {
            if (program.console() != null) {
                appendOutput(out, program.name(), program.console().printed());
            }
        }
        for (JavaProgram program : snapshot(launched)) {
            appendOutput(out, program.name(), program.output());
        }
        return out.toString().stripTrailing();
    }

    /** A TODO that a program under test ran into, in this JVM or in a launched one. */
    private String todoOfPrograms() {
        for (Running program : snapshot(running)) {
            String todo = program.crashed() ? todo(program.failure()) : null;
            if (todo != null) {
                return todo;
            }
        }
        for (Uncaught crash : snapshot(uncaught)) {
            String todo = todo(crash.error());
            if (todo != null) {
                return todo;
            }
        }
        for (JavaProgram program : snapshot(launched)) {
            Matcher matcher = LAUNCHED_TODO.matcher(program.output());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** Why waiting should stop early: a program under test crashed. Null while all is well. */
    String stopReason() {
        for (Running program : snapshot(running)) {
            if (program.crashed()) {
                return program.name() + " threw " + firstLine(program.failure());
            }
        }
        List<Uncaught> crashes = snapshot(uncaught);
        return crashes.isEmpty() ? null
                : "thread \"" + crashes.get(0).thread() + "\" threw " + firstLine(crashes.get(0).error());
    }

    // ---------------------------------------------------------------- helpers

    private static String headline(Throwable failure) {
        if (failure instanceof AssertionError && failure.getMessage() != null) {
            return failure.getMessage();
        }
        if (failure instanceof TimeoutException) {
            return "This check ran out of time (" + failure.getMessage() + "). Something blocked for good: "
                    + "a read that waits forever, or a program waiting for input that never comes.";
        }
        return "The check stopped on an exception from your code: " + describe(failure);
    }

    /** The TODO message, if the failure (or its cause) is a starter's UnsupportedOperationException. */
    private static String todo(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null && t.getMessage().startsWith("TODO")) {
                return t.getMessage();
            }
        }
        return null;
    }

    /** The exception and where in the student's code it came from. */
    static String describe(Throwable failure) {
        return firstLine(failure) + "\n" + whereInStudentCode(failure);
    }

    /** Up to three stack frames of the student's code (not the kit's, not the checks'). */
    private static String whereInStudentCode(Throwable failure) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (StackTraceElement frame : failure.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("chatlab.") && !type.startsWith("chatlab.grading.") && !type.contains("Test")) {
                out.append("    at ").append(frame).append('\n');
                if (++shown == 3) {
                    break;
                }
            }
        }
        return out.toString();
    }

    private static String firstLine(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getName() + ": " + failure.getMessage();
    }

    private static void appendOutput(StringBuilder out, String name, String printed) {
        List<String> lines = printed.lines().toList();
        out.append('\n').append(name).append(lines.isEmpty() ? " printed nothing.\n" : " printed:\n");
        int from = Math.max(0, lines.size() - OUTPUT_LINES_SHOWN);
        if (from > 0) {
            out.append("  | (").append(from).append(" earlier lines not shown)\n");
        }
        for (String line : lines.subList(from, lines.size())) {
            out.append("  | ").append(line).append('\n');
        }
    }

    private synchronized void remember(AutoCloseable resource) {
        toClose.push(resource);
    }

    private synchronized <T> List<T> snapshot(List<T> list) {
        return new ArrayList<>(list);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // Cleaning up after a check: nothing useful to do with a failure to close.
        }
    }
}
