package chatlab.step2;

import chatlab.common.ChatOptions;
import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.FramedBytes;
import chatlab.grading.RoundTrips;
import chatlab.grading.Frames;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import chatlab.grading.Trickle;
import chatlab.grading.Peer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 2, number = 3, title = "ChatProtocol and ChatServer: client after client")
class Task3ServerTest {
    private static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    private static final int MAX = ChatOptions.DEFAULT_MAX_MESSAGE_BYTES;
    /** How long a client floods after a bad header, unless the server closes on it first. */
    private static final Duration FLOOD = Timeouts.REPLY;
    private static final String KEEP_SERVING = "A client that breaks the protocol is that client's problem: send it the "
            + "frame \"ERROR: <reason>\", close its connection, log one line, and keep serving the next client. "
            + "Never trust the length field: check it before reading or allocating the body.";
    private static final String LOCALE_DIGITS = "String.format and printf write the digits of the default locale: in "
            + "Arabic or Persian they are not the ASCII digits 0-9. Pass Locale.ROOT: String.format(Locale.ROOT, "
            + "\"%-\" + headerSize + \"d\", length), or build the header from Integer.toString(length).";
    private static final String NEXT_CLIENT = "The step 2 server serves client after client: run() loops over accept() "
            + "forever, and nothing one client does (leaving, vanishing, breaking the protocol) ends that loop.";

    @RegisterExtension
    final Lab lab = new Lab();

    private final ScriptedConsole log = lab.console("server log");
    private Running server;
    private int port;

    private FramedPeer startServerAndConnect(int headerSize) {
        return startServerAndConnect(headerSize, MAX);
    }

    private FramedPeer startServerAndConnect(int headerSize, int maxMessageBytes) {
        ChatServer chatServer = new ChatServer(new ChatOptions("127.0.0.1", 0, headerSize, maxMessageBytes), log.output());
        server = lab.start("ChatServer", log, chatServer::run);
        port = lab.awaitListening(log);
        return connect("test client", headerSize);
    }

    private FramedPeer startServerAndConnect() {
        return startServerAndConnect(HEADER);
    }

    private FramedPeer connect(String who, int headerSize) {
        return lab.connect(who, port).framed(headerSize);
    }

    @Enforces({"R15", "R16"})
    @Order(1)
    @ParameterizedTest(name = "endsChat({0}) is true")
    @ValueSource(strings = {"exit", "EXIT", "  Exit\t", "!DISCONNECT!", " !DISCONNECT! "})
    void exit_in_any_case_and_DISCONNECT_end_the_chat(String message) {
        assertThat(ChatProtocol.endsChat(message))
                .as("ChatProtocol.endsChat(%s) returned false. exit counts in any case with whitespace around it; "
                        + "seed 002's clients say !DISCONNECT! instead.%s", Bytes.quote(message),
                        message.indexOf('I') >= 0 && ChatProtocol.endsChat("exit") ? "\n" + dotlessI() : "")
                .isTrue();
        assertThat(ChatProtocol.answerTo(message)).as("ChatProtocol.answerTo(%s)", Bytes.quote(message))
                .isEqualTo(ChatProtocol.GOODBYE);
    }

    @Enforces({"R14", "R16"})
    @Order(2)
    @ParameterizedTest(name = "endsChat({0}) is false")
    @ValueSource(strings = {"hello", "exit now", "!disconnect!", "DISCONNECT", ""})
    void other_messages_get_the_receipt(String message) {
        assertThat(ChatProtocol.endsChat(message))
                .as("ChatProtocol.endsChat(%s) returned true, but only exit or exactly !DISCONNECT! end the chat.",
                        Bytes.quote(message))
                .isFalse();
        assertThat(ChatProtocol.answerTo(message)).as("ChatProtocol.answerTo(%s)", Bytes.quote(message))
                .isEqualTo(ChatProtocol.RECEIVED);
    }

    @Enforces({"R14"})
    @Order(3)
    @Test
    void answers_every_message_with_the_receipt_in_a_frame() {
        FramedPeer client = startServerAndConnect();
        for (String message : new String[] {"hello", "héllo 👋 世界", "", "exit now", "!disconnect!", "DISCONNECT", "exit!"}) {
            client.send(message);
            client.expect(ChatProtocol.RECEIVED, "The server should answer " + Bytes.quote(message)
                    + " with the receipt, framed.", "Answer every message with a frame: codec.encode(answer), one write.");
        }
    }

    @Enforces({"R15", "R16"})
    @Order(4)
    @ParameterizedTest(name = "client sends {0}")
    @ValueSource(strings = {"exit", " EXIT ", "\tExIt\r\n", "!DISCONNECT!", " !DISCONNECT!\t"})
    void answers_exit_or_DISCONNECT_with_Goodbye_and_closes_the_connection(String exit) {
        FramedPeer client = startServerAndConnect();
        client.send(exit);
        client.expect(ChatProtocol.GOODBYE, "The server should answer " + Bytes.quote(exit) + " with Goodbye!.",
                "exit counts in any case once the whitespace around it is stripped; !DISCONNECT! counts exactly, once "
                        + "stripped (seed 002's clients say it). Check each message with ChatProtocol.endsChat."
                        + (exit.indexOf('I') >= 0 ? "\nIf plain exit is answered with Goodbye! but this form with a "
                        + "capital I is not: " + dotlessI() : ""));
        client.peer().expectClosed("After Goodbye! the server should close this connection.",
                "Close the client's socket (try-with-resources) and go back to accept().");
    }

    @Enforces({"R7"})
    @Order(5)
    @Test
    void reads_a_header_that_arrives_one_byte_per_write() throws SocketException {
        FramedPeer client = startServerAndConnect();
        client.peer().socket().setTcpNoDelay(true);
        byte[] frame = Frames.encode("hello", HEADER);
        for (int i = 0; i < 16; i++) {
            client.peer().send(new byte[] {frame[i]});
        }
        // A quiet window, because nothing else can tell when the server has read the part that arrived.
        expectNothing(client, "Only 16 of the 1024 header bytes have arrived: the server must wait for the rest.",
                "One read() is not one header: read exactly headerSize bytes (readNBytes).");
        // Then the rest and a sentinel: a server that lost its place in the stream does not answer both in order.
        client.peer().send(Trickle.concat(Arrays.copyOfRange(frame, 16, frame.length), Frames.encode("exit", HEADER)));
        expectAnswer(client, ChatProtocol.RECEIVED, "Once the whole frame has arrived, the server should answer it.",
                "One read() is not one header: read exactly headerSize bytes (readNBytes).");
        client.expect(ChatProtocol.GOODBYE, "The next frame, exit, should get Goodbye!.",
                "Read exactly one frame at a time: the bytes after it belong to the next frame.");
    }

    @Enforces({"R7"})
    @Order(6)
    @Test
    void reads_a_body_split_across_writes_even_inside_a_character() {
        FramedPeer client = startServerAndConnect();
        byte[] frame = Frames.encode("héllo 👋", HEADER);
        int split = HEADER + Bytes.utf8("héllo ").length + 2;
        client.peer().send(Arrays.copyOf(frame, split));
        // A quiet window, because nothing else can tell when the server has read the part that arrived.
        expectNothing(client, "Only part of the message has arrived (up to the middle of 👋): the server must wait for "
                + "the rest.", "Read exactly length bytes of body before decoding them.");
        client.peer().send(Arrays.copyOfRange(frame, split, frame.length));
        expectAnswer(client, ChatProtocol.RECEIVED, "Once the whole message has arrived, the server should answer it.",
                "Read exactly length bytes of body before decoding them.");
    }

    @Enforces({"R7"})
    @Order(7)
    @Test
    void answers_two_frames_that_arrive_in_one_write_in_order() {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Trickle.concat(Frames.encode("hello", HEADER), Frames.encode("exit", HEADER)));
        expectAnswer(client, ChatProtocol.RECEIVED, "Two frames arrived in one write; the first, \"hello\", gets the receipt.",
                "One read() may hold two frames: read exactly one frame at a time, and keep the rest for the next.");
        client.expect(ChatProtocol.GOODBYE, "The second frame, \"exit\", gets Goodbye!.",
                "One read() may hold two frames: read exactly one frame at a time, and keep the rest for the next.");
    }

    @Enforces({"R11"})
    @Order(8)
    @Test
    void accepts_a_message_of_exactly_the_maximum_size() {
        FramedPeer client = startServerAndConnect();
        client.send("x".repeat(MAX));
        expectAnswer(client, ChatProtocol.RECEIVED, "A message of exactly 65536 bytes is within the limit.",
                "The limit is included: refuse only lengths over maxMessageBytes.");
    }

    @Enforces({"R10", "R11", "R17"})
    @Order(9)
    @ParameterizedTest(name = "header {0}")
    @ValueSource(strings = {"abc", "-5", "", "12x", "65537", "99999999999999999999", "18446744073709551621"})
    void refuses_a_bad_header_with_an_ERROR_frame_and_keeps_serving(String header) {
        FramedPeer client = startServerAndConnect();
        int mark = log.printed().length();
        client.peer().send(Frames.header(header, HEADER));
        client.expectErrorAndClose("The header " + Bytes.quote(header) + " is not a length from 0 to 65536: the "
                + "server should answer \"ERROR: <reason>\" and close the connection.",
                header.length() > 18 ? KEEP_SERVING + "\n" + Task2ReadTest.OVERFLOW : KEEP_SERVING);
        expectNextClientServed();
        expectErrorLogged(mark, "the header " + Bytes.quote(header));
    }

    @Enforces({"R12", "R17"})
    @Order(10)
    @Test
    void refuses_a_message_that_is_not_UTF_8_and_keeps_serving() {
        FramedPeer client = startServerAndConnect();
        int mark = log.printed().length();
        client.peer().send(Trickle.concat(Frames.header("3", HEADER), new byte[] {(byte) 0xC3, (byte) 0x28, 'x'}));
        client.expectErrorAndClose("The message \"\\xc3(x\" is not valid UTF-8: the server should answer "
                + "\"ERROR: <reason>\" and close the connection.", KEEP_SERVING);
        expectNextClientServed();
        expectErrorLogged(mark, "the message that is not UTF-8");
    }

    @Enforces({"R23", "R18"})
    @Order(11)
    @Test
    void logs_a_connection_closed_inside_a_header_as_truncated_and_keeps_serving() {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Arrays.copyOf(Frames.header("5", HEADER), 10));
        client.peer().close();
        expectTruncatedLogged();
        expectNextClientServed();
    }

    @Enforces({"R23", "R18"})
    @Order(12)
    @Test
    void logs_a_connection_closed_inside_a_message_as_truncated_and_keeps_serving() {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Trickle.concat(Frames.header("10", HEADER), Bytes.utf8("abc")));
        client.peer().close();
        expectTruncatedLogged();
        expectNextClientServed();
        // The same cut exactly at the end of a header, before the first byte of its body.
        FramedPeer cut = connect("client that stops after a header", HEADER);
        cut.send("hello");
        cut.expect(ChatProtocol.RECEIVED, "The server should answer.", "");
        int mark = log.printed().length();
        cut.peer().send(Frames.header("10", HEADER));
        cut.peer().close();
        // A sentinel: the server serves one client at a time, so once the next client is served, whatever it logged
        // about this one is in the log.
        expectNextClientServed();
        String since = log.printed().substring(mark);
        if (!since.toLowerCase(Locale.ROOT).contains("truncated")) {
            throw new AssertionError("A client sent a whole header saying 10 bytes and closed the connection before "
                    + "the first byte of the body. The frame is truncated, but the server did not log it so.\n"
                    + "  expected: a line with \"truncated\"\n  the log since: "
                    + since.lines().map(Bytes::quote).collect(Collectors.joining("\n                 "))
                    + "\nThe end of the stream is a normal end only at the start of a header: a body that gets fewer "
                    + "than length bytes, even none at all, is an EOFException (read() must not return null there).");
        }
    }

    @Enforces({"R18"})
    @Order(13)
    @Test
    void serves_the_next_client_after_one_leaves_and_after_one_vanishes() {
        FramedPeer first = startServerAndConnect();
        first.send("hello");
        first.expect(ChatProtocol.RECEIVED, "The first client gets its receipt.", "");
        first.send("exit");
        first.expect(ChatProtocol.GOODBYE, "The first client says exit and gets Goodbye!.", "");
        expectNextClientServed();
        FramedPeer vanishing = connect("vanishing client", HEADER);
        vanishing.send("hello");
        vanishing.expect(ChatProtocol.RECEIVED, "The vanishing client gets its receipt before it goes.", "");
        vanishing.peer().reset();
        expectNextClientServed();
    }

    @Enforces({"R1"})
    @Order(14)
    @Test
    void uses_the_header_size_it_is_given() {
        FramedPeer client = startServerAndConnect(128);
        client.send("hello");
        client.expect(ChatProtocol.RECEIVED, "With --header-size 128 (seed 002), frames have 128-byte headers both ways.",
                "Build the FrameCodec from options.headerSize() and options.maxMessageBytes(); never hard-code 1024.");
        client.send("!DISCONNECT!");
        client.expect(ChatProtocol.GOODBYE, "Seed 002's client says !DISCONNECT! with a 128-byte header.", "");
    }

    /** Header texts that only spaces may pad, and that hold something else. */
    @Order(15)
    @ParameterizedTest(name = "header {0}")
    @Enforces({"R9", "R17"})
    @ValueSource(strings = {"\t5", "5\r\n", "+5", "-0", "5\u0000", "\u000b5"})
    void refuses_a_header_with_anything_but_spaces_around_the_digits(String header) {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Trickle.concat(Frames.header(header, HEADER), Bytes.utf8("hello")));
        String what = "The header " + Bytes.quote(header) + " holds more than digits and spaces: the server should "
                + "answer \"ERROR: <reason>\" and close the connection.";
        String hint = "Only spaces (0x20) may pad the digits: strip() and trim() also take away TABs, line breaks, "
                + "NULs and other control characters, and Integer.parseInt accepts \"+5\" and \"-0\".";
        String answer = client.receive(what, hint);
        if (!answer.startsWith(ChatProtocol.ERROR_PREFIX)) {
            throw new AssertionError(what + "\n  expected: a frame \"ERROR: <reason>\"\n  received: " + Bytes.quote(answer)
                    + "\n" + hint);
        }
        client.peer().expectClosed(what + " After the ERROR frame, the server should close this connection.", KEEP_SERVING);
        expectNextClientServed();
    }

    @Order(16)
    @ParameterizedTest(name = "under the default locale {0}")
    @Enforces("R4")
    @ValueSource(strings = {"ar-EG", "fa-IR"})
    void answers_with_ASCII_digits_in_the_header_whatever_the_default_locale(String language) {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(language));
        try {
            FramedPeer client = startServerAndConnect();
            client.send("hello");
            client.expect(ChatProtocol.RECEIVED, "Under the default locale " + language + ", the server should answer "
                    + "with the receipt, its header holding the ASCII digits \"26\".", LOCALE_DIGITS);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Order(17)
    @Test
    @Enforces("R19")
    void applies_its_own_max_message_bytes_to_what_it_receives() {
        FramedPeer client = startServerAndConnect(HEADER, 10);
        client.send("0123456789");
        client.expect(ChatProtocol.RECEIVED, "With --max-message-bytes 10, a message of exactly 10 bytes is within "
                + "the limit.", "The limit is included: refuse only lengths over options.maxMessageBytes().");
        client.send("0123456789!");
        client.expectErrorAndClose("With --max-message-bytes 10, a message of 11 bytes is over the server's limit: it "
                + "should answer \"ERROR: <reason>\" and close the connection.", "Build the codec that reads from "
                + "options.maxMessageBytes(), never from a fixed number such as 65536.");
        FramedPeer next = connectNextClient(NEXT_CLIENT);
        next.send("exit");
        next.expect(ChatProtocol.GOODBYE, "The next client says exit and gets Goodbye!.", NEXT_CLIENT);
        // A limit over the default is the server's own too: no cap at 65536.
        // A second server, with a log of its own (the first one's log already holds a listening line).
        ScriptedConsole bigLog = lab.console("log of the server with --max-message-bytes 100000");
        ChatServer bigServer = new ChatServer(new ChatOptions("127.0.0.1", 0, HEADER, 100_000), bigLog.output());
        lab.start("ChatServer with --max-message-bytes 100000", bigLog, bigServer::run);
        FramedPeer big = lab.connect("client of the second server", lab.awaitListening(bigLog)).framed(HEADER);
        big.send("x".repeat(100_000));
        expectAnswer(big, ChatProtocol.RECEIVED, "With --max-message-bytes 100000, over the default, a message of "
                + "exactly 100000 bytes is within the server's limit.", "Build the codec that reads from "
                + "options.maxMessageBytes() as it is: never cap it at the default (Math.min(limit, 65536)) nor "
                + "replace it with a fixed number.");
        big.send("x".repeat(100_001));
        big.expectErrorAndClose("With --max-message-bytes 100000, a message of 100001 bytes is over the server's "
                + "limit: it should answer \"ERROR: <reason>\" and close the connection.", "Build the codec that "
                + "reads from options.maxMessageBytes(), never from a fixed number such as 65536.");
    }

    @Order(18)
    @ParameterizedTest(name = "--max-message-bytes {0}")
    @Enforces("R20")
    @ValueSource(ints = {0, 10})
    void no_limit_however_small_makes_the_server_fail_to_answer(int limit) {
        String hint = "The limit (--max-message-bytes) is about what a side receives. The server's own answers "
                + "(Message received by server, Goodbye!, ERROR: ...) are never refused: encode them with a codec "
                + "that has no such limit, and never let one client's trouble end the server.";
        FramedPeer client = startServerAndConnect(HEADER, limit);
        client.send("");
        client.expect(ChatProtocol.RECEIVED, "With --max-message-bytes " + limit + ", the empty message is within the "
                + "limit: the server should answer with the receipt, 26 bytes however small the limit.", hint);
        client.send("x".repeat(limit + 1));
        client.expectErrorAndClose("A message of " + (limit + 1) + " bytes is over the limit of " + limit + ": the "
                + "server should answer \"ERROR: <reason>\" (however long the reason) and close the connection.", hint);
        FramedPeer next = connectNextClient(hint);
        next.send("");
        next.expect(ChatProtocol.RECEIVED, "The next client should be served as usual.", hint);
    }

    @Order(19)
    @Test
    @Enforces("R5")
    void answers_each_frame_without_waiting_on_Nagle() throws SocketException {
        FramedPeer client = startServerAndConnect();
        client.peer().socket().setTcpNoDelay(true);
        String hint = "Each answer is a header and a body: write them in one write() (codec.encode gives both in one "
                + "array), or call setTcpNoDelay(true) on the socket. Two small writes followed by a read stall about "
                + "40 ms: Nagle's algorithm holds the second write until the first is acknowledged, and the client "
                + "delays that acknowledgement.";
        client.send("warm-up");
        client.expect(ChatProtocol.RECEIVED, "The server should answer the first message.", hint);
        RoundTrips times = new RoundTrips();
        for (int i = 0; i < RoundTrips.COUNT; i++) {
            long start = System.nanoTime();
            client.send("message " + i);
            client.expect(ChatProtocol.RECEIVED, "The server should answer every message.", hint);
            times.endedNow(start);
        }
        times.expectFast("The server's answers should come at once: one write per frame.", hint);
    }

    @Order(20)
    @Test
    @Enforces("R6")
    void sends_each_answer_as_exactly_one_frame_and_nothing_else() {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Trickle.concat(Frames.encode("hello", HEADER), Frames.encode("exit", HEADER)));
        byte[] expected = Trickle.concat(Frames.encode(ChatProtocol.RECEIVED, HEADER), Frames.encode(ChatProtocol.GOODBYE, HEADER));
        // Everything until the server closes: the close after Goodbye! is the sentinel that ends the reading.
        Peer.Reading reading = client.peer().read(expected.length + 1, Timeouts.REPLY);
        if (!Arrays.equals(reading.data(), expected) || reading.ending() == Peer.Ending.COMPLETE
                || reading.ending() == Peer.Ending.TIMED_OUT && reading.data().length == expected.length) {
            String after = reading.ending() == Peer.Ending.COMPLETE ? ""
                    : reading.ending() == Peer.Ending.TIMED_OUT ? ", and the connection stayed open"
                    : ", then the connection was closed";
            throw new AssertionError("The test sent hello and exit in one write. The server should send exactly two "
                    + "frames, the receipt and Goodbye!, and close.\n  expected: " + FramedBytes.describe(expected, HEADER)
                    + ", then the connection closed\n  received: " + (reading.data().length == 0 ? "nothing"
                    : FramedBytes.describe(reading.data(), HEADER)) + after + "\nSend exactly codec.encode(answer), nothing "
                    + "more: no line break, no padding; then close the connection after Goodbye!.");
        }
    }

    @Order(21)
    @Test
    @Enforces("R21")
    void prints_the_port_it_really_bound() {
        ChatServer chatServer = new ChatServer(new ChatOptions("127.0.0.1", 0, HEADER, MAX), log.output());
        server = lab.start("ChatServer", log, chatServer::run);
        port = lab.awaitListening(log);
        assertThat(port).as("The server was started with --port 0 and printed \"listening on 127.0.0.1:0\". Print the "
                + "port it really bound: listener.getLocalPort(), not options.port().").isNotZero();
        lab.expectListeningOnlyOn127001(port);
        FramedPeer client = connect("test client", HEADER);
        client.send("hello");
        client.expect(ChatProtocol.RECEIVED, "The server listens on the port it printed.", "");
    }

    @Order(22)
    @Test
    @Enforces("R22")
    void logs_each_connection_each_message_and_each_end() {
        FramedPeer client = startServerAndConnect();
        client.send("a message to log");
        client.expect(ChatProtocol.RECEIVED, "The server should answer.", "");
        client.send("exit");
        client.expect(ChatProtocol.GOODBYE, "The server should answer exit.", "");
        client.peer().expectClosed("The server should close the connection after Goodbye!.", "");
        String hint = "Log like the seeds: \"[NEW CONNECTION] HOST:PORT connected.\" and \"[ACTIVE CONNECTIONS] 1\" "
                + "when a client connects, each message received, then \"[DISCONNECTED] ...\" and "
                + "\"[ACTIVE CONNECTIONS] 0\" when it is gone.";
        for (String text : new String[] {"[NEW CONNECTION]", "[ACTIVE CONNECTIONS] 1", "a message to log",
                "[DISCONNECTED]", "[ACTIVE CONNECTIONS] 0"}) {
            lab.await("the server to log " + Bytes.quote(text), () -> log.printed().contains(text), hint);
        }
        String printed = log.printed();
        assertThat(printed.indexOf("[ACTIVE CONNECTIONS] 0"))
                .as("The server should log \"[ACTIVE CONNECTIONS] 0\" after the client has gone, not before. " + hint)
                .isGreaterThan(printed.indexOf("[ACTIVE CONNECTIONS] 1"));
        // Every end is logged, not only a clean one: a frame cut short, and a reset.
        for (String how : new String[] {"cut a frame short and closed", "vanished with a reset"}) {
            FramedPeer other = connect("client that " + how, HEADER);
            other.send("hello");
            other.expect(ChatProtocol.RECEIVED, "The server should answer.", "");
            int mark = log.printed().length();
            if (how.startsWith("cut")) {
                other.peer().send(Arrays.copyOf(Frames.header("5", HEADER), 10));
                other.peer().close();
            } else {
                other.peer().reset();
            }
            // A sentinel: the server serves one client at a time, so the end of the last one is logged before the
            // next one's [NEW CONNECTION].
            FramedPeer next = connectNextClient(NEXT_CLIENT);
            next.send("anyone there?");
            next.expect(ChatProtocol.RECEIVED, "The next client should be served as usual.", NEXT_CLIENT);
            String since = log.printed().substring(mark);
            int nextConnection = since.indexOf("[NEW CONNECTION]");
            String end = nextConnection < 0 ? since : since.substring(0, nextConnection);
            if (!end.contains("[DISCONNECTED]") || !end.contains("[ACTIVE CONNECTIONS] 0")) {
                throw new AssertionError("A client " + how + "; the server served the next client, but it never logged "
                        + "the end of the first one.\n  expected: \"[DISCONNECTED] ...\" and \"[ACTIVE CONNECTIONS] 0\" "
                        + "before the next [NEW CONNECTION]\n  the log since: "
                        + end.lines().map(Bytes::quote).collect(Collectors.joining("\n                 "))
                        + "\nLog the end of a connection however it ended: after the try/catch (or in a finally), not as "
                        + "the last lines of the try block, which a truncated frame or a reset skips. " + hint);
            }
            next.send("exit");
            next.expect(ChatProtocol.GOODBYE, "The next client says exit and gets Goodbye!.", NEXT_CLIENT);
        }
    }

    @Order(23)
    @Test
    @Enforces("R25")
    void logs_client_text_with_control_and_format_characters_made_harmless() {
        FramedPeer client = startServerAndConnect();
        String evil = "evil\u001b[31mred\u0007\u200e\u202eX\nFAKE [DISCONNECTED] line\ttab\u2028end\ufeffmark";
        client.send(evil);
        client.expect(ChatProtocol.RECEIVED, "The server should answer any message with the receipt.", "");
        String hint = "A client must not be able to recolour the operator's terminal (ESC), ring its bell (BEL), reorder "
                + "its text (bidi controls) or forge log lines (line breaks): before logging a client's text, replace "
                + "every control and format character (Character.getType: CONTROL, FORMAT) and line or paragraph "
                + "separator with '?'.";
        lab.await("the server to log the message it received", () -> log.printed().contains("mark"), hint);
        String printed = log.printed();
        for (String line : printed.split("\n", -1)) {
            for (int i = 0; i < line.length(); i = line.offsetByCodePoints(i, 1)) {
                int c = line.codePointAt(i);
                int type = Character.getType(c);
                if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR) {
                    throw new AssertionError("The server sent the message " + Bytes.quote(evil) + " and the server's "
                            + "log shows the character U+" + String.format(Locale.ROOT, "%04X", c) + " of it as is, in "
                            + "the line " + Bytes.quote(line) + ".\n" + hint);
                }
            }
            if (line.startsWith("FAKE")) {
                throw new AssertionError("The client's line break made a log line of its own: " + Bytes.quote(line)
                        + ".\n" + hint);
            }
        }
        assertThat(printed).as("The server should log the message with each control and format character made '?', "
                + "e.g. \"evil?[31mred\"." + hint).contains("evil?[31mred");
        // The reason of a protocol error may quote the header: that is client text too.
        client.send("exit");
        client.expect(ChatProtocol.GOODBYE, "The client says exit and gets Goodbye!.", NEXT_CLIENT);
        FramedPeer liar = connect("client with a header of control characters", HEADER);
        liar.peer().send(Frames.header("\u001b[2J\u001b]0;pwned\u0007", HEADER));
        liar.expectErrorAndClose("The header is not a length: the server should answer \"ERROR: <reason>\" and close.",
                KEEP_SERVING);
        expectNextClientServed();
        String afterError = log.printed();
        int escape = afterError.indexOf('\u001b');
        int bell = afterError.indexOf('\u0007');
        if (escape >= 0 || bell >= 0) {
            throw new AssertionError("A client sent a header of terminal escape sequences (clear the screen, set the "
                    + "window title); the server's log of the protocol error shows them as they came: "
                    + Bytes.quote(afterError.lines().filter(line -> line.indexOf('\u001b') >= 0 || line.indexOf('\u0007') >= 0)
                    .findFirst().orElse("")) + ".\n" + hint);
        }
    }

    @Order(24)
    @Test
    @Enforces("R26")
    void logs_at_most_200_characters_of_a_client_text() {
        FramedPeer client = startServerAndConnect();
        client.send("x".repeat(60_000));
        client.expect(ChatProtocol.RECEIVED, "The server should answer a 60000-byte message (within the limit).", "");
        // A sentinel: the server serves one client in one thread, so once the next message shows in the log, the
        // log of the long one is complete.
        client.send("sentinel after the long message");
        client.expect(ChatProtocol.RECEIVED, "The server should answer the next message.", "");
        lab.await("the server to log the message after the long one",
                () -> log.printed().contains("sentinel after the long message"),
                "Log each message the server receives (cut to at most 200 characters).");
        String printed = log.printed();
        int longestRun = 0;
        int run = 0;
        int total = 0;
        for (int i = 0; i < printed.length(); i++) {
            run = printed.charAt(i) == 'x' ? run + 1 : 0;
            total += printed.charAt(i) == 'x' ? 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        assertThat(longestRun >= 20)
                .as("The client sent 60000 x's; the server's log shows %s of them in a row. Cut the text, do not drop "
                        + "it: log its first characters (up to 200), e.g. then \"... (60000 characters)\".", longestRun)
                .isTrue();
        assertThat(longestRun <= 200 && total <= 1000)
                .as("The client sent 60000 x's; the server's log shows %s of them in a row (%s in all). A client must "
                        + "not flood the operator's terminal: log at most 200 characters of a client's text, e.g. the "
                        + "first 200 and \"... (60000 characters)\".", longestRun, total)
                .isTrue();
    }

    @Order(25)
    @Test
    @Enforces({"R17", "R18"})
    void closes_a_refused_connection_even_while_the_client_keeps_sending() throws Exception {
        FramedPeer client = startServerAndConnect();
        Socket socket = client.peer().socket();
        // A header over the limit, then bytes and bytes: this client stops only when the server closes on it
        // (its writes fail) or after FLOOD, far longer than any bounded drain takes.
        AtomicLong flooded = new AtomicLong();
        AtomicReference<IOException> stopped = new AtomicReference<>();
        Thread flood = new Thread(() -> {
            byte[] chunk = new byte[64 * 1024];
            long until = System.nanoTime() + FLOOD.toNanos();
            try {
                OutputStream out = socket.getOutputStream();
                out.write(Frames.header(String.valueOf(MAX + 1), HEADER));
                while (System.nanoTime() - until < 0) {
                    out.write(chunk);
                    flooded.addAndGet(chunk.length);
                }
            } catch (IOException closedOnIt) {
                stopped.set(closedOnIt);
            }
        }, "client flooding after its bad header");
        flood.setDaemon(true);
        flood.start();
        client.expectErrorAndClose("The header says " + (MAX + 1) + " bytes, over the limit: the server should answer "
                + "\"ERROR: <reason>\" and close the connection.", KEEP_SERVING);
        flood.join(FLOOD.plus(Timeouts.REPLY).toMillis());
        assertThat(stopped.get())
                .as("After its bad header the client kept sending (%s MB in %s), and the server kept reading it: its "
                                + "connection was still open. After the ERROR frame, read at most a bounded amount of "
                                + "what the client still sends (or nothing), then close the socket: a client that never "
                                + "stops must not hold the server, which serves one client at a time.",
                        flooded.get() >> 20, Timeouts.describe(FLOOD))
                .isNotNull();
        expectNextClientServed();
    }

    /** The likely cause when exit works but a form of it with a capital I does not. */
    private static String dotlessI() {
        return "This JVM's default locale is " + Locale.getDefault().toLanguageTag() + ": in Turkish (and Azerbaijani) "
                + "\"EXIT\".toLowerCase() is not \"exit\": its I lowers to a dotless i (U+0131), and \"exit\".toUpperCase() "
                + "has a dotted capital I (U+0130). toLowerCase() and toUpperCase() without a Locale follow the default locale: use "
                + "toLowerCase(Locale.ROOT), or equalsIgnoreCase, which does not depend on the locale.";
    }

    /**
     * Expects the answer to a well-formed frame. If an ERROR frame comes instead, the report says so: the likely
     * cause is then a check of the header, not (only) how the frame was read.
     */
    private static void expectAnswer(FramedPeer client, String expected, String what, String hint) {
        try {
            client.expect(expected, what, hint);
        } catch (AssertionError e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("received: \"ERROR: ")) {
                throw new AssertionError(message + "\nThe server answered a well-formed frame with an ERROR. If its "
                        + "reason is about the header or the limit, look at those checks: only spaces pad the digits, "
                        + "on either side, and a length of exactly the limit is within it. If it says the message is "
                        + "not UTF-8, it decoded before the whole body had arrived.", e);
            }
            throw e;
        }
    }

    private void expectNothing(FramedPeer client, String what, String hint) {
        Peer.Reading reading = client.peer().listen(Timeouts.QUIET);
        if (reading.data().length > 0 || reading.ending() != Peer.Ending.TIMED_OUT) {
            throw new AssertionError(what + "\n  expected: nothing for " + Timeouts.describe(Timeouts.QUIET)
                    + ", the connection still open\n  received: "
                    + (reading.data().length == 0 ? "nothing" : FramedBytes.describe(reading.data(), HEADER))
                    + (reading.ending() == Peer.Ending.TIMED_OUT ? "" : ", then the connection ended ("
                    + reading.ending().name().toLowerCase(Locale.ROOT) + ")") + "\n" + hint);
        }
    }

    /** Connects the next client; if the server has stopped (or stops meanwhile), says so with the hint. */
    private FramedPeer connectNextClient(String hint) {
        lab.expectRunning(server, "The server should still be running, ready for the next client. " + hint);
        try {
            return connect("next client", HEADER);
        } catch (AssertionError refused) {
            // The server may have been on its way down when it was checked: if it has stopped, say so.
            try {
                lab.await("the server to stop", server::isFinished, "");
            } catch (AssertionError stillRunning) {
                throw refused;
            }
            lab.expectRunning(server, "The server should still be running, ready for the next client. " + hint);
            throw refused;
        }
    }

    private void expectTruncatedLogged() {
        lab.await("the server to log the cut-off frame as truncated",
                () -> log.printed().toLowerCase(Locale.ROOT).contains("truncated"),
                "The connection closed in the middle of a frame: log it as a truncated message (a line with "
                        + "\"truncated\"), not as a normal goodbye, and go on to the next client.");
    }

    /**
     * The server logged the protocol error. The next client has been served by now (the server
     * serves one client at a time), so whatever it logs about the refused one is in the log.
     */
    private void expectErrorLogged(int mark, String what) {
        List<String> lines = log.printed().substring(mark).lines().toList();
        if (lines.stream().noneMatch(line -> line.toLowerCase(Locale.ROOT).contains("error"))) {
            throw new AssertionError("The server refused " + what + " with an ERROR frame, but its log says nothing of "
                    + "the error. Log it in one line with the word error in it, e.g. \"[PROTOCOL ERROR] "
                    + "127.0.0.1:5000: header is not a length\".\n  the log since: "
                    + lines.stream().map(Bytes::quote).collect(Collectors.joining("\n                 ")));
        }
    }

    private void expectNextClientServed() {
        FramedPeer next = connectNextClient(NEXT_CLIENT);
        next.send("anyone there?");
        next.expect(ChatProtocol.RECEIVED, "The next client should be served as usual.", NEXT_CLIENT);
        next.send("exit");
        next.expect(ChatProtocol.GOODBYE, "The next client says exit and gets Goodbye!.", NEXT_CLIENT);
    }
}
