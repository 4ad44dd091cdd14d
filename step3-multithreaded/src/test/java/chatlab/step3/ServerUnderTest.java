package chatlab.step3;

import chatlab.common.ChatOptions;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Leaks;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Timeouts;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The student's step 3 server, started on a free port for one check, with helpers to talk to it. */
final class ServerUnderTest {
    /** What to do about a client that has stopped reading (R17). */
    static final String STUCK_HINT = "A client that has stopped reading blocks whoever writes to it once its buffers are "
            + "full: its handler is stuck in write(), holding the send lock. Shutdown must never wait for that lock or "
            + "that write: send each notice without waiting on the other clients (a thread per notice, say), and cut "
            + "the stuck client off: close its socket, which makes a blocked write fail at once, instead of waiting "
            + "for it.";

    static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    static final String OWN_THREAD = "Serve each client in a thread of its own: the accept loop hands the new "
            + "connection to a handler thread and goes straight back to accept().";

    final Lab lab;
    final ScriptedConsole console;
    final ChatServer server;
    final Running running;
    final int port;

    private ServerUnderTest(Lab lab) {
        this.lab = lab;
        this.console = lab.console("server console");
        this.server = new ChatServer(new ChatOptions("127.0.0.1", 0, HEADER, ChatOptions.DEFAULT_MAX_MESSAGE_BYTES),
                console.input(), console.output());
        this.running = lab.start("ChatServer", console, server::run);
        this.port = lab.awaitListening(console);
    }

    static ServerUnderTest start(Lab lab) {
        return new ServerUnderTest(lab);
    }

    FramedPeer connect(String who) {
        return lab.connect(who, port).framed(HEADER);
    }

    /** Connects and has one exchange: the client is being served. */
    FramedPeer chatting(String who) {
        FramedPeer client = connect(who);
        expectServed(client, who);
        return client;
    }

    /** One message, one receipt: this client is served now. */
    void expectServed(FramedPeer client, String who) {
        expectServed(client, who, OWN_THREAD);
    }

    void expectServed(FramedPeer client, String who, String hint) {
        client.send("hello from " + who);
        client.expect(ChatProtocol.RECEIVED, "The " + who + " should get its receipt, whatever the other clients do.",
                hint);
    }

    /**
     * After another client has gone: this one hears nothing and stays connected for a while (far
     * longer than a server needs to act on that departure), then is served as before.
     */
    void expectUndisturbed(FramedPeer client, String who, String hint) {
        // The exchange after it is the sentinel: a notice would arrive before its receipt. The quiet
        // window before it is for a server that reacts a little later (a shutdown in another thread).
        client.peer().expectNothing(Timeouts.QUIET, "Another client has gone; the " + who + " should hear nothing "
                + "and stay connected.", hint);
        expectServed(client, who, hint);
    }

    /** Where the server's log is now: {@link #awaitCount(int, String, int)} looks only at what comes after. */
    int logMark() {
        return console.printed().length();
    }

    /**
     * Waits for {@code lines} log lines, printed after the mark, that start with the tag ("" for any
     * line) and name this client: its port (the server sees it as the connection's remote port).
     */
    void awaitLogged(String tag, FramedPeer client, int since, int lines, String when) {
        awaitLogged(tag, client, since, lines, when, "");
    }

    /** Same, with a word first on the likely mistake for this way of ending. */
    void awaitLogged(String tag, FramedPeer client, int since, int lines, String when, String likely) {
        String port = String.valueOf(client.peer().socket().getLocalPort());
        Pattern naming = Pattern.compile("(?m)^" + Pattern.quote(tag) + ".*(?<!\\d)" + port + "(?!\\d).*$");
        // Different lines: after exit, the line of the message and the line of the end (one line twice is one).
        lab.await((lines == 1 ? "a log line" : lines + " different log lines") + (tag.isEmpty() ? "" : " " + tag)
                        + " naming the " + client.peer().who() + " (port " + port + ") " + when,
                () -> naming.matcher(console.printed().substring(since)).results().map(line -> line.group().strip())
                        .distinct().count() >= lines,
                (likely.isEmpty() ? "" : likely + "\n")
                        + "Log each connection and each end of one in a line that names the client, as the seeds do: "
                        + "\"[NEW CONNECTION] 127.0.0.1:" + port + " connected.\" when it connects, and a line such "
                        + "as \"[DISCONNECTED] 127.0.0.1:" + port + " ...\" when it is gone, however it ended.");
    }

    /** Waits until the server reports this many connections, through its API and its log. */
    void awaitCount(int expected, String after) {
        awaitCount(expected, after, 0);
    }

    /** Same, with the log line printed after the mark (the event that changed the count). */
    void awaitCount(int expected, String after, int since) {
        lab.await("activeConnections() to be " + expected + " " + after, () -> server.activeConnections() == expected,
                () -> "Count in one place every thread sees alike (a concurrent set of handlers, or an AtomicInteger). "
                        + "A handler leaves it in a finally block, however its client ended: exit, a close, a reset, "
                        + "a protocol error. activeConnections() is now " + safeCount() + ".");
        Pattern line = Pattern.compile("\\[ACTIVE CONNECTIONS\\] " + expected + "(?!\\d)");
        lab.await("the log line \"[ACTIVE CONNECTIONS] " + expected + "\" " + after,
                () -> line.matcher(console.printed().substring(since)).find(),
                "Log \"[ACTIVE CONNECTIONS] N\" each time a client connects or leaves.");
    }

    /**
     * The threads started since the snapshot that still run the student's code (a frame of
     * chatlab.step3 on their stack). Idle pool workers (parked in the pool, waiting for a task)
     * run none, and are not counted: a cached or fixed pool keeps them alive on purpose.
     */
    static List<Thread> busyThreads(Leaks leaks) {
        return leaks.newThreads().stream().filter(ServerUnderTest::runsStudentCode).toList();
    }

    static String describe(List<Thread> threads) {
        return threads.stream().map(thread -> {
            StackTraceElement[] stack = thread.getStackTrace();
            StringBuilder where = new StringBuilder("  - \"" + thread.getName() + "\" " + thread.getState());
            for (int i = 0; i < stack.length && i < 12; i++) {
                where.append("\n      at ").append(stack[i]);
                if (stack[i].getClassName().startsWith("chatlab.step3.")) {
                    break;
                }
            }
            return where.toString();
        }).collect(Collectors.joining("\n"));
    }

    private static boolean runsStudentCode(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (isServerClass(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /** A class of the program under test (step 3's package), not of these checks or their helpers. */
    static boolean isServerClass(String name) {
        return name.startsWith("chatlab.step3.") && !name.contains("Test") && !name.startsWith("chatlab.step3.ServerUnderTest");
    }

    private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w$./<>@-]+\\(|^Exception in thread|^Caused by: ");

    /** The first line of a stack trace in the output, or null: a server logs a lost client in one line. */
    static String stackTraceIn(String output) {
        var matcher = STACK_LINE.matcher(output);
        if (!matcher.find()) {
            return null;
        }
        int start = output.lastIndexOf('\n', Math.max(0, matcher.start() - 2)) + 1;
        int end = output.indexOf('\n', matcher.end());
        return output.substring(start, end < 0 ? output.length() : end);
    }

    private String safeCount() {
        try {
            return String.valueOf(server.activeConnections());
        } catch (RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }
}
