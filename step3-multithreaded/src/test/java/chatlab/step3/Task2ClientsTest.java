package chatlab.step3;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 3, number = 2, title = "Each client's end is its own, and counted")
class Task2ClientsTest {
    private static final String ONLY_THAT_CLIENT = "However a client ends (exit, !DISCONNECT!, a bad header, a "
            + "close, a reset), that ends that client only: its handler thread returns, the others keep going. "
            + "(Seed 003's server shut down for everyone when one client said exit: ours does not.)";

    @RegisterExtension
    final Lab lab = new Lab();

    private static final String ATOMIC = "Many handlers end at the same instant here. A count they change must be changed "
            + "atomically: count-- on a plain int, or reading the count and writing it back later (with a log line in "
            + "between, say), loses updates when two handlers do it at once. Keep the clients in a concurrent set and "
            + "return its size, or use an AtomicInteger.";
    private static final String BAD_FRAME = "A receiver never trusts a header: anything but digits with spaces around them, "
            + "or a length over --max-message-bytes (65536 by default), is a protocol error, found before reading the "
            + "body: send \"ERROR: <reason>\" and close that connection (Framing.read throws ProtocolException).";

    private static final String EXIT_ENDS_ONE = "Saying exit ends that client's chat only: answer Goodbye!, close "
            + "that connection, end that handler; the server and the other clients go on. " + ONLY_THAT_CLIENT;

    @Order(1)
    @Test
    @Enforces({"R8", "R9"})
    void exit_or_DISCONNECT_ends_that_client_only() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer leaving = server.chatting("leaving client");
        FramedPeer disconnecting = server.chatting("disconnecting client");
        FramedPeer staying = server.chatting("staying client");
        leaving.send("exit");
        leaving.expect(ChatProtocol.GOODBYE, "exit gets Goodbye!.", EXIT_ENDS_ONE);
        leaving.peer().expectClosed("After Goodbye! the server closes that connection.", EXIT_ENDS_ONE);
        server.expectUndisturbed(staying, "staying client", EXIT_ENDS_ONE);
        disconnecting.send("!DISCONNECT!");
        disconnecting.expect(ChatProtocol.GOODBYE, "!DISCONNECT! gets Goodbye!.", EXIT_ENDS_ONE);
        disconnecting.peer().expectClosed("After Goodbye! the server closes that connection.", EXIT_ENDS_ONE);
        server.expectUndisturbed(staying, "staying client", EXIT_ENDS_ONE);
        server.awaitCount(1, "after two of three clients left");
    }

    @Order(2)
    @ParameterizedTest(name = "the client sends {0}")
    @ValueSource(strings = {"EXIT", "  Exit\t", " !DISCONNECT!  "})
    @Enforces({"R8", "R9"})
    void exit_in_any_case_or_DISCONNECT_with_spaces_around_gets_goodbye(String message) {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer leaving = server.chatting("leaving client");
        leaving.send(message);
        String hint = "exit is compared after stripping the surrounding whitespace, ignoring case; !DISCONNECT! after "
                + "stripping, case-sensitively (ChatProtocol.endsChat).";
        try {
            leaving.expect(ChatProtocol.GOODBYE, Bytes.quote(message) + " ends the chat: the server answers Goodbye!.",
                    hint);
        } catch (AssertionError wrong) {
            if (message.strip().equals("exit") || !message.strip().equalsIgnoreCase("exit")) {
                throw wrong;
            }
            // Lower-case exit, on a connection of its own: if it works, the case folding is what is wrong.
            String answer;
            try {
                FramedPeer probe = server.chatting("client saying exit in lower case");
                probe.send("exit");
                answer = probe.receive("Lower-case exit, to tell what the server gets wrong.", "");
            } catch (AssertionError none) {
                throw wrong;
            }
            if (!answer.equals(ChatProtocol.GOODBYE)) {
                throw wrong;
            }
            throw new AssertionError(wrong.getMessage() + "\nYet \"exit\" in lower case does get Goodbye!: the server "
                    + "folds case by the machine's language. These checks run under a Turkish locale, where "
                    + "\"EXIT\".toLowerCase() is not \"exit\" but \"ex\" + U+0131 (a dotless i) + \"t\": "
                    + "toLowerCase() or toUpperCase() without a Locale is the likely mistake. Compare with "
                    + "equalsIgnoreCase(\"exit\"), or lower-case with toLowerCase(Locale.ROOT).", wrong);
        }
        leaving.peer().expectClosed("After Goodbye! the server closes that connection.", hint);
    }

    @Order(3)
    @Test
    @Enforces("R9")
    void DISCONNECT_in_lower_case_is_an_ordinary_message() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer client = server.chatting("client");
        String hint = "!DISCONNECT! is matched case-sensitively (only exit ignores case): !disconnect! is an ordinary "
                + "message, answered with a receipt, and the chat goes on.";
        client.send("!disconnect!");
        client.expect(ChatProtocol.RECEIVED, "!disconnect! is an ordinary message.", hint);
        server.expectServed(client, "client", hint);
    }

    @Order(4)
    @Test
    @Enforces({"R10", "R2"})
    void a_bad_header_ends_that_client_only() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer staying = server.chatting("staying client");
        FramedPeer broken = server.connect("broken client");
        broken.peer().send(Frames.header("lots", ServerUnderTest.HEADER));
        broken.expectErrorAndClose("The header \"lots\" is not a length: that client gets \"ERROR: <reason>\" and is "
                + "disconnected.", ONLY_THAT_CLIENT);
        server.expectUndisturbed(staying, "staying client", ONLY_THAT_CLIENT);
        server.awaitCount(1, "after the broken client was disconnected");
    }

    @Order(5)
    @ParameterizedTest(name = "a header of {0}")
    @ValueSource(strings = {"lots", "+5", "-0", "-5", "65537", "99999999999999999999", "5\u0000"})
    @Enforces("R10")
    void a_header_that_is_not_a_length_within_the_limit_gets_an_error_and_the_connection_closed(String header) {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer staying = server.chatting("staying client");
        FramedPeer broken = server.chatting("broken client");
        broken.peer().send(Frames.header(header, ServerUnderTest.HEADER));
        broken.expectErrorAndClose("The header " + Bytes.quote(header) + " (then spaces) is not a length the server "
                + "accepts: that client gets \"ERROR: <reason>\" at once, without the server waiting for a body, and "
                + "is disconnected.", BAD_FRAME);
        server.expectServed(staying, "staying client", ONLY_THAT_CLIENT);
    }

    @Order(6)
    @Test
    @Enforces("R10")
    void a_header_padded_with_anything_but_spaces_gets_an_error() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        for (String padding : List.of("\t", "\r", "\n")) {
            FramedPeer broken = server.chatting("client padding with " + Bytes.quote(padding));
            byte[] header = Frames.header("5" + padding, ServerUnderTest.HEADER);
            byte[] frame = Arrays.copyOf(header, header.length + 5);
            System.arraycopy(Bytes.utf8("hello"), 0, frame, header.length, 5);
            broken.peer().send(frame);
            broken.expectErrorAndClose("A header holds digits and spaces (0x20) only: " + Bytes.quote("5" + padding)
                    + " then spaces is a protocol error.", BAD_FRAME + " Only spaces: String.strip() and trim() "
                    + "also remove TAB, CR and LF.");
        }
    }

    @Order(7)
    @Test
    @Enforces("R10")
    void a_message_that_is_not_utf8_gets_an_error_and_the_connection_closed() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer broken = server.chatting("broken client");
        byte[] header = Frames.header("2", ServerUnderTest.HEADER);
        byte[] frame = Arrays.copyOf(header, header.length + 2);
        frame[header.length] = (byte) 0xC3;
        frame[header.length + 1] = (byte) 0x28;
        broken.peer().send(frame);
        broken.expectErrorAndClose("The body C3 28 is not UTF-8: a protocol error.", "Decode with a decoder that "
                + "reports malformed input (Framing.read does): a ProtocolException gets \"ERROR: <reason>\", then close.");
    }

    @Order(8)
    @Test
    @Enforces({"R11", "R12"})
    void a_client_that_vanishes_or_resets_ends_that_client_only() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer vanishing = server.chatting("vanishing client");
        FramedPeer resetting = server.chatting("resetting client");
        FramedPeer truncating = server.chatting("client that ends inside a frame");
        FramedPeer resettingInside = server.chatting("client that resets inside a frame");
        FramedPeer staying = server.chatting("staying client");
        truncating.peer().send(Arrays.copyOf(Frames.encode("hello", ServerUnderTest.HEADER), 100));
        resettingInside.peer().send(Arrays.copyOf(Frames.encode("hello", ServerUnderTest.HEADER), ServerUnderTest.HEADER + 2));
        vanishing.peer().close();
        resetting.peer().reset();
        truncating.peer().close();
        resettingInside.peer().reset();
        server.expectUndisturbed(staying, "staying client", ONLY_THAT_CLIENT);
        server.awaitCount(1, "after four clients closed or reset their connections, two of them inside a frame");
        String trace = ServerUnderTest.stackTraceIn(server.console.printed());
        if (trace != null) {
            throw new AssertionError("A client that vanishes is logged in one line, never with a stack trace; the "
                    + "server printed:\n  " + trace + "\nCatch the IOException and log one line: who, and what "
                    + "happened (e.getMessage()).");
        }
    }

    @Order(9)
    @Test
    @Enforces("R13")
    void sixty_clients_vanishing_at_the_same_instant_bring_the_count_back_to_0() throws Exception {
        ServerUnderTest server = ServerUnderTest.start(lab);
        List<FramedPeer> clients = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            clients.add(server.connect("client " + i));
        }
        server.awaitCount(60, "with 60 clients connected");
        int mark = server.logMark();
        CyclicBarrier together = new CyclicBarrier(clients.size());
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        // The clients reset at the same instant (a barrier), and the server's threads are lined up at
        // every line they log: each line waits until all 60 handlers are about to log it, then all go on
        // together. Whatever a handler read before it logged is then stale for the others: a lost update
        // shows in every run. A correct server is only delayed.
        try (AutoCloseable lineUp = server.console.lineUpPrinters(clients.size())) {
            List<Future<?>> done = new ArrayList<>();
            for (FramedPeer client : clients) {
                done.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    client.peer().reset();
                    return null;
                }));
            }
            for (Future<?> reset : done) {
                reset.get(20, TimeUnit.SECONDS);
            }
            lab.await("activeConnections() to be 0 after 60 clients reset their connections at the same instant",
                    () -> server.server.activeConnections() == 0,
                    () -> "activeConnections() is " + server.server.activeConnections() + ". " + ATOMIC);
        } finally {
            pool.shutdownNow();
        }
        lab.await("the log line \"[ACTIVE CONNECTIONS] 0\" after 60 clients reset their connections at the same instant",
                () -> java.util.regex.Pattern.compile("\\[ACTIVE CONNECTIONS\\] 0(?!\\d)")
                        .matcher(server.console.printed().substring(mark)).find(),
                "The count is 0, but the log never said so. " + ATOMIC);
    }

    @Order(10)
    @Test
    @Enforces("R14")
    void client_text_in_the_log_is_sanitized_and_cut_short() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer client = server.chatting("client");
        String forged = "[ACTIVE CONNECTIONS] 99";
        String evil = "MARK\u001b[31mred\u0007bell\u202Eevil\u200Bzero\uFEFFbom\u2028sep\r\n" + forged + "\n"
                + "x".repeat(5000) + "END";
        client.send(evil);
        client.expect(ChatProtocol.RECEIVED, "A message with control characters, 5000 characters long, is an ordinary "
                + "message.", "");
        // exit, wrapped in whitespace that strip() removes: control characters and thousands of spaces. The
        // server may quote the word a client left with; that quote is client text too.
        String wrappedExit = "\u000b\f\u001c " + " ".repeat(5000) + "Exit\t\r\u001f";
        client.send(wrappedExit);
        client.expect(ChatProtocol.GOODBYE, "The client says exit, wrapped in control whitespace (VT, FF, U+001C, "
                + "TAB, CR, U+001F) and 5000 spaces.", "exit is compared after stripping the surrounding whitespace "
                + "(ChatProtocol.endsChat).");
        // The handler has logged the message before it handled exit: the count coming back to 0 proves it.
        server.awaitCount(0, "after the client said exit");
        String printed = server.console.printed();
        List<String> wrong = new ArrayList<>();
        String peer = "127.0.0.1:" + client.peer().socket().getLocalPort();
        if (printed.lines().noneMatch(line -> line.contains("MARK") && line.contains("x".repeat(20))
                && line.contains(peer))) {
            wrong.add("- the message is not in the log: no line holds its start (MARK), a part of its 5000 x's and "
                    + "the client who sent it (" + peer + "); log each message received in one line (\"[" + peer
                    + "] text\"), its text made safe and cut, not dropped");
        }
        for (String bad : List.of("\u001b", "\u0007", "\u202E", "\u200B", "\uFEFF", "\u000b", "\f", "\u001c",
                "\u001f")) {
            if (printed.contains(bad)) {
                wrong.add("- " + Bytes.quote(bad) + " reached the log (a terminal obeys it: " + (bad.codePointAt(0)
                        < 0x20 && bad.codePointAt(0) != 0x1b && bad.codePointAt(0) != 0x07 ? "a control character "
                        + "that moves the cursor or splits the line" : "colours, bell, reversed text, invisible "
                        + "characters") + ")");
            }
        }
        if (printed.replace("\r\n", "\n").contains("\r")) {
            wrong.add("- a carriage return reached the log (it lets a client overwrite the line it is on)");
        }
        if (printed.lines().anyMatch(line -> line.equals(forged))) {
            wrong.add("- the line " + Bytes.quote(forged) + ", sent by the client after a line break, appears as a "
                    + "log line of its own: a client forged the server's log");
        }
        printed.lines().filter(line -> line.length() > 1000).findFirst().ifPresent(line -> wrong.add("- a log line "
                + "of " + line.length() + " characters: " + Bytes.preview(Bytes.utf8(line)) + " (a client floods the "
                + "operator's terminal)"));
        if (!wrong.isEmpty()) {
            throw new AssertionError("The server logs what clients send; a client must not control the operator's "
                    + "terminal:\n" + String.join("\n", wrong) + "\nBefore logging a client's text, replace control "
                    + "and format characters (Character.getType: CONTROL, FORMAT, LINE_SEPARATOR, PARAGRAPH_SEPARATOR) "
                    + "with '?', and cut it to a bounded length (ChatProtocol.forLog does both). Every line that "
                    + "quotes a client counts, the one logged when it leaves too: the exit it sent may be wrapped in "
                    + "tabs, carriage returns, other control characters and thousands of spaces (strip() removes "
                    + "them before comparing, not from the message itself): log it through forLog as well, or not at "
                    + "all.");
        }
    }

    @Order(11)
    @Test
    @Enforces("R12")
    void counts_connections_exactly_as_clients_come_and_go() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer first = server.chatting("first client");
        FramedPeer second = server.chatting("second client");
        FramedPeer third = server.chatting("third client");
        server.awaitCount(3, "with three clients connected");
        for (FramedPeer client : List.of(first, second, third)) {
            server.awaitLogged("[NEW CONNECTION]", client, 0, 1, "when it connected");
        }
        int mark = server.logMark();
        first.send("exit");
        first.expect(ChatProtocol.GOODBYE, "The first client says exit.", "");
        server.awaitCount(2, "after a client said exit", mark);
        // Two different lines: the message exit, and the end of the connection.
        server.awaitLogged("", first, mark, 2, "after it said exit");
        mark = server.logMark();
        second.peer().close();
        server.awaitCount(1, "after a client closed its connection without exit", mark);
        server.awaitLogged("", second, mark, 1, "after it closed its connection without exit");
        mark = server.logMark();
        third.peer().reset();
        server.awaitCount(0, "after a client's connection was reset", mark);
        server.awaitLogged("", third, mark, 1, "after its connection was reset");
        mark = server.logMark();
        FramedPeer truncating = server.chatting("client that closes inside a frame");
        server.awaitCount(1, "after a new client connected", mark);
        mark = server.logMark();
        truncating.peer().send(Arrays.copyOf(Frames.encode("hello", ServerUnderTest.HEADER), 100));
        truncating.peer().close();
        server.awaitCount(0, "after a client closed its connection inside a frame (100 bytes of a header)", mark);
        server.awaitLogged("", truncating, mark, 1, "after it closed its connection inside a frame (100 bytes of "
                + "a header)", "A close inside a frame (Framing.read throws EOFException) is an end like the others: "
                + "its line names the client too. The likely mistake: logging only the exception's text (\"the "
                + "connection closed inside a header ...\"), which says what happened but not to whom.");
        mark = server.logMark();
        FramedPeer broken = server.chatting("broken client");
        server.awaitCount(1, "after a new client connected", mark);
        server.awaitLogged("[NEW CONNECTION]", broken, mark, 1, "when it connected");
        mark = server.logMark();
        broken.peer().send(Frames.header("lots", ServerUnderTest.HEADER));
        broken.expectErrorAndClose("The header \"lots\" is not a length.", ONLY_THAT_CLIENT);
        server.awaitCount(0, "after a client with a bad header was disconnected", mark);
        server.awaitLogged("", broken, mark, 1, "after its bad header");
    }
}
