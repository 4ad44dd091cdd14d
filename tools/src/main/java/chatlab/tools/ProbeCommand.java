package chatlab.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatlab probe --port P ACTION...}: sends a server exactly the bytes asked for (a frame, a
 * lying header, one byte per write, a half-close) and shows byte by byte what comes back: the
 * lessons' netcat experiments, on every OS, and aware of the kit's frames.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "chatlab probe --port P [--host H] [--header-size N] [--bytewise | --split N] "
                + "[--wait DURATION] ACTION...",
        description = {"Connects to a server, does the ACTIONs in the order given, then shows what the server sends "
                + "until it closes the connection or stays quiet for --wait.",
                "Lines starting with > are what the probe sent, < what arrived (one line per read), * what happened. "
                        + "Bytes are shown in quotes: printable ASCII and UTF-8 text as they are; \\n \\r \\t \\\" "
                        + "\\\\ \\xNN (a byte that is not text) and \\u{NNNN} (an invisible character) as escapes; "
                        + "8 or more spaces as (N spaces). With frames, each whole frame that arrived is shown "
                        + "as: frame: length N: \"text\".",
                ""},
        footerHeading = "%nExamples (on Windows cmd, quote with \"...\" instead of '...'):%n",
        footer = {
                "  Step 1 (no frames; the server started with --auto), one message, then exit:",
                "    chatlab probe --port 65432 --line hello --await --line exit",
                "  Step 1, two lines in one write: the server takes them for one message:",
                "    chatlab probe --port 65432 --raw 'hello\\nworld\\n'",
                "  Step 1, one byte per write: the server takes the pieces it reads for messages:",
                "    chatlab probe --port 65432 --bytewise --line hey",
                "  Step 2, a frame, then end of stream:",
                "    chatlab probe --port 12360 --frame hello --half-close",
                "  Step 2, lying headers: the server answers with an ERROR: frame, hangs up:",
                "    chatlab probe --port 12360 --header 99999999",
                "    chatlab probe --port 12360 --header +5 --raw hello",
                "  Step 2, one byte per write (1029 writes, 5 s): the server puts it together:",
                "    chatlab probe --port 12360 --bytewise --frame hello --half-close",
                "  Step 2, a body that is not UTF-8:",
                "    chatlab probe --port 12360 --header 2 --raw '\\xff\\xfe'",
                "  Seed 002's 128-byte headers (the server started with --header-size 128):",
                "    chatlab probe --port 12360 --header-size 128 --frame '!DISCONNECT!'",
                "  Step 4, the welcome, a name, the greeting:",
                "    chatlab probe --port 5555 --await --frame Ada",
                "",
                "Exit status: 0 when the exchange ran, whatever the server did; 1 when it could not connect; "
                        + "2 for bad input."})
final class ProbeCommand implements Callable<Integer> {
    /** The protocol's header size (PROTOCOL.md), when --header-size is not given. */
    static final int DEFAULT_HEADER_SIZE = 1024;
    /** Long enough that each piece of a split send leaves in a segment of its own. */
    static final long PIECE_GAP_MILLIS = 5;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "The server's port: the one in its "
            + "\"listening on HOST:PORT\" line.")
    Integer port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "The server's host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--header-size", paramLabel = "N", description = "The frames' header size in bytes, as the "
            + "server was given it (default: " + DEFAULT_HEADER_SIZE + "). What comes back is read as frames when "
            + "this is given or a frame or header is sent.")
    Integer headerSize;

    @Option(names = "--bytewise", description = "Send every byte in a write of its own, " + PIECE_GAP_MILLIS
            + " ms apart: the server must put the message back together.")
    boolean bytewise;

    @Option(names = "--split", paramLabel = "N", description = "Send in writes of N bytes, " + PIECE_GAP_MILLIS
            + " ms apart.")
    Integer split;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2s", description = "After the actions, how "
            + "long the server may stay silent before the probe hangs up (default: ${DEFAULT-VALUE}; e.g. 500ms, "
            + "2s, PT2S). Also the longest an --await waits.")
    String wait;

    @ArgGroup(exclusive = true, multiplicity = "0..*", heading = "%nActions, done in the order given; in a TEXT, "
            + "\\n \\r \\t \\\" \\\\ \\xNN and \\u{NNNN} stand for what they escape, other characters for their UTF-8 "
            + "bytes. Each send is one write (unless --bytewise or --split):%n")
    List<ActionOption> actions = new ArrayList<>();

    /** What happens between two pieces of a split send; a test waits for its server to read here instead. */
    Pacing betweenPieces = () -> Thread.sleep(PIECE_GAP_MILLIS);

    interface Pacing {
        void pause() throws InterruptedException;
    }

    /** One action as typed; picocli makes one of these per action, in the command line's order. */
    static final class ActionOption {
        @Option(names = "--frame", paramLabel = "TEXT", description = "A frame: a header holding TEXT's length in "
                + "bytes, padded with spaces to the header size, then TEXT.")
        String frame;

        @Option(names = "--header", paramLabel = "TEXT", description = "A header holding TEXT, whatever it is "
                + "(99999999, +5, '5\\t', ''), padded with spaces to the header size: a header that lies. Send a "
                + "body after it with --raw.")
        String header;

        @Option(names = "--raw", paramLabel = "TEXT", description = "TEXT's bytes, nothing added ('hello\\r\\n', "
                + "'\\xff').")
        String raw;

        @Option(names = "--line", paramLabel = "TEXT", description = "TEXT and a \\n, as a step 1 client or nc sends "
                + "a line.")
        String line;

        @Option(names = "--pause", paramLabel = "DURATION", description = "Wait that long (e.g. 200ms): lets a reply "
                + "come, or keeps two writes apart.")
        String pause;

        @Option(names = "--await", description = "Wait for the answer to what was sent last: a whole frame when "
                + "reading frames, else any bytes (at most --wait).")
        boolean await;

        @Option(names = "--half-close", description = "Send nothing more (shutdownOutput): the server reads the end of "
                + "the stream, while the probe goes on reading.")
        boolean halfClose;

        Action toAction(int headerSize) throws BadInput {
            if (frame != null) {
                byte[] body = ProbeBytes.parse("--frame", frame);
                byte[] header = header("--frame", String.valueOf(body.length).getBytes(StandardCharsets.US_ASCII),
                        headerSize, "the length " + body.length);
                return new Send("--frame", concat(header, body));
            }
            if (header != null) {
                return new Send("--header", header("--header", ProbeBytes.parse("--header", header), headerSize,
                        "--header " + quoted(header)));
            }
            if (raw != null) {
                return new Send("--raw", ProbeBytes.parse("--raw", raw));
            }
            if (line != null) {
                return new Send("--line", concat(ProbeBytes.parse("--line", line), new byte[] {'\n'}));
            }
            if (pause != null) {
                return new Pause(durationOf("--pause", pause));
            }
            return await ? new Await() : new HalfClose();
        }
    }

    /** What the probe does, in order. */
    sealed interface Action permits Send, Pause, Await, HalfClose {
    }

    record Send(String option, byte[] bytes) implements Action {
    }

    record Pause(Duration length) implements Action {
    }

    record Await() implements Action {
    }

    record HalfClose() implements Action {
    }

    /** Input the probe refuses before it connects: one line, exit status 2. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Action> plan;
        Duration quiet;
        int size = headerSize == null ? DEFAULT_HEADER_SIZE : headerSize;
        try {
            checkOptions();
            plan = plan(size);
            quiet = durationOf("--wait", wait);
        } catch (BadInput e) {
            err.println("chatlab probe: " + e.getMessage());
            err.flush();
            return 2;
        }
        // Frames come back when frames go out, or when the user says what size they are.
        boolean framed = headerSize != null || plan.stream().anyMatch(a -> a instanceof Send send
                && (send.option().equals("--frame") || send.option().equals("--header")));
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            // Small writes leave at once: a piece of a split send is not held back to join the next one.
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(socket);
            err.println("chatlab probe: cannot connect to " + host + ":" + port + ": " + whyNoConnection(e));
            err.flush();
            return 1;
        }
        int piece = bytewise ? 1 : split != null ? split : Integer.MAX_VALUE;
        ProbeExchange exchange = new ProbeExchange(socket, out, framed ? new ProbeFrames(size) : null, piece, betweenPieces);
        exchange.print("* connected to " + host + ":" + port
                + (framed ? "; reading frames with " + aHeaderOf(size) : ""));
        exchange.run(plan, quiet, wait);
        return 0;
    }

    private void checkOptions() throws BadInput {
        if (port == null) {
            throw new BadInput("--port is missing: the port the server prints in its \"listening on\" line");
        }
        if (port < 1 || port > 65535) {
            throw new BadInput("--port " + port + " is not a port (1 to 65535)");
        }
        if (headerSize != null && headerSize < 1) {
            throw new BadInput("--header-size " + headerSize + ": a header has at least 1 byte");
        }
        if (split != null && split < 1) {
            throw new BadInput("--split " + split + ": a write has at least 1 byte");
        }
        if (bytewise && split != null && split != 1) {
            throw new BadInput("--bytewise and --split " + split + " say different things: choose one");
        }
    }

    private List<Action> plan(int size) throws BadInput {
        List<Action> plan = new ArrayList<>();
        boolean halfClosed = false;
        for (ActionOption given : actions) {
            Action action = given.toAction(size);
            if (halfClosed && action instanceof Send send) {
                throw new BadInput(send.option() + " after --half-close: nothing can be sent once our side is shut");
            }
            if (halfClosed && action instanceof HalfClose) {
                throw new BadInput("--half-close twice: the sending side can be shut only once");
            }
            halfClosed |= action instanceof HalfClose;
            plan.add(action);
        }
        return plan;
    }

    /** The content, padded with spaces to the header size; refused if it does not fit. */
    static byte[] header(String option, byte[] content, int size, String what) throws BadInput {
        if (content.length > size) {
            throw new BadInput(option + ": " + what + " (" + content.length + " bytes) does not fit in "
                    + aHeaderOf(size) + " (--header-size)");
        }
        byte[] header = new byte[size];
        Arrays.fill(header, (byte) ' ');
        System.arraycopy(content, 0, header, 0, content.length);
        return header;
    }

    /** "a 1024-byte header", "an 8-byte header". */
    static String aHeaderOf(int size) {
        String digits = String.valueOf(size);
        boolean vowel = digits.startsWith("8") || digits.equals("11") || digits.equals("18");
        return (vowel ? "an " : "a ") + size + "-byte header";
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    /** 500ms, 2s, 1.5s, 1m, 0 or ISO-8601 (PT2S), as GradeCommand takes it. */
    static Duration durationOf(String option, String text) throws BadInput {
        String given = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (given.equals("0")) {
                return Duration.ZERO;
            }
            if (given.startsWith("p")) {
                Duration duration = Duration.parse(given);
                if (!duration.isNegative()) {
                    return duration;
                }
            }
            Matcher parts = DURATION.matcher(given);
            if (parts.matches()) {
                double unit = switch (parts.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    default -> 60_000;
                };
                return Duration.ofMillis(Math.round(Double.parseDouble(parts.group(1)) * unit));
            }
        } catch (DateTimeParseException e) {
            // Not ISO-8601 either: said below.
        }
        throw new BadInput(option + " " + quoted(text) + " is not a duration (e.g. 500ms, 2s, 1.5s, PT2S)");
    }

    private static String whyNoConnection(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused: nothing listens there (is the server running? it prints its port)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s";
        }
        return String.valueOf(e.getMessage());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static String quoted(String typed) {
        return "'" + typed + "'";
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
    }


}
