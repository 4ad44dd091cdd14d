package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.grading.Enforces;
import chatlab.grading.FakeServer;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 4, number = 5, title = "ChatClient: type and read at the same time")
@Enforces("R25")
class Task5ClientTest {
    private static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    private static final String TWO_THREADS = "Two threads: one reads frames and prints each the moment it arrives; "
            + "the other reads the console and sends each line. Neither waits for the other.";
    private static final String CLOSED = "When the server closes the connection, print \"Connection closed.\" and "
            + "return from run(), even if the console thread is still waiting for a line (make it a daemon).";

    private static final String RESET = "A server that goes away may reset the connection instead of closing it "
            + "(it closed with bytes of ours still unread, or it was killed): then read() throws a SocketException "
            + "(\"Connection reset\") instead of returning null or -1. That too is the end of the chat: catch "
            + "IOException around the reading loop, then print \"Connection closed.\" and return from run(), "
            + "without throwing.";

    private static final String OVER_LIMIT = "Refuse a message over the limit (--max-message-bytes, counted in UTF-8 "
            + "bytes) before sending: print an error and go on with the next line. Framing.encode throws "
            + "IllegalArgumentException for it: catch it, do not let it end the console thread.";

    @RegisterExtension
    final Lab lab = new Lab();

    private final ScriptedConsole console = lab.console("client console");
    private final FakeServer fakeServer = lab.fakeServer("test server");
    private Running client;

    private FramedPeer startClient() {
        ChatClient chatClient = new ChatClient(new ChatOptions("127.0.0.1", fakeServer.port(), HEADER,
                ChatOptions.DEFAULT_MAX_MESSAGE_BYTES), console.input(), console.output());
        client = lab.start("ChatClient", console, chatClient::run);
        FramedPeer server = lab.accept(fakeServer).framed(HEADER);
        server.send(ChatProtocol.WELCOME);
        lab.awaitPrinted(console, ChatProtocol.WELCOME, "the server's question", "Print every frame as it arrives.");
        return server;
    }

    @Order(1)
    @Test
    @Enforces("R26")
    void shows_the_question_and_sends_the_typed_name_first() {
        FramedPeer server = startClient();
        console.type("Alice");
        server.expect("Alice", "The first typed line is the name: the client should send it as a frame.",
                TWO_THREADS);
    }

    @Order(2)
    @Test
    void prints_a_message_that_arrives_while_nobody_types() {
        FramedPeer server = startClient();
        server.send("[Bob] are you there?");
        lab.awaitPrinted(console, "[Bob] are you there?", "a message that arrived while the console was idle",
                TWO_THREADS);
        server.send(Expected.joined("Carol"));
        lab.awaitPrinted(console, Expected.joined("Carol"), "a notice that arrived while the console was idle",
                TWO_THREADS);
        // A prompt before or after it is fine; the message itself must end its line.
        lab.await("the client console to end the line \"[Bob] are you there?\"",
                () -> console.printed().contains("[Bob] are you there?\n")
                        || console.printed().contains("[Bob] are you there?\r\n"),
                () -> "The message was printed, but nothing ended its line: print each frame as a line of its own "
                        + "(println), or the next one is glued to it. The console shows: "
                        + chatlab.grading.Bytes.quote(console.printed()));
    }

    @Order(3)
    @Test
    @Enforces({"R27", "R28"})
    void exit_leaves_the_chat() {
        FramedPeer server = startClient();
        console.type("Alice", "hello", "exit");
        server.expect("Alice", "The name first.", TWO_THREADS);
        server.expect("hello", "Then the message.", TWO_THREADS);
        server.expect("exit", "Then exit.", TWO_THREADS);
        server.send(ChatProtocol.GOODBYE);
        server.peer().close();
        lab.awaitPrinted(console, "Connection closed.", "the end of the chat", CLOSED);
        lab.awaitFinished(client, "After exit and the server's goodbye, the client should end.", CLOSED);
    }

    @Order(4)
    @Test
    @Enforces("R27")
    void the_end_of_input_leaves_the_chat() {
        FramedPeer server = startClient();
        console.endInput();
        server.expect("exit", "The console ended (Ctrl-D): the client should send exit.",
                "readLine() returns null at the end of input: send exit, as if it had been typed.");
        server.send(ChatProtocol.GOODBYE);
        server.peer().close();
        lab.awaitFinished(client, "After the end of input and the server's goodbye, the client should end.", CLOSED);
    }

    @Order(5)
    @Test
    @Enforces("R28")
    void a_server_that_closes_ends_the_client_even_while_it_waits_for_typing() {
        FramedPeer server = startClient();
        server.send(ChatProtocol.SHUTDOWN_NOTICE);
        server.peer().close();
        lab.awaitPrinted(console, "Connection closed.", "the end of the chat", CLOSED);
        lab.awaitFinished(client, "The server closed the connection; nobody typed anything: run() should return.",
                CLOSED);
    }

    @Order(6)
    @Test
    @Enforces("R28")
    void a_server_that_resets_the_connection_ends_the_client_too() {
        startClient().peer().reset();
        lab.awaitPrinted(console, "Connection closed.", "the end of the chat after a reset", RESET);
        lab.awaitFinished(client, "The server reset the connection (RST); nobody typed anything: run() should "
                + "return normally.", RESET);
    }

    @Order(7)
    @Test
    @Enforces("R26")
    void blank_lines_are_not_sent() {
        FramedPeer server = startClient();
        console.type("Alice");
        server.expect("Alice", "The name first.", TWO_THREADS);
        console.type("", "   ", "\u3000\u3000", "hello");
        server.expect("hello", "Three blank lines were typed (an empty one, three spaces, two ideographic spaces "
                + "U+3000 as a Japanese keyboard types them), then hello: only hello should be sent (a blank line is "
                + "nothing to say; broadcast, it would be an empty \"[Alice] \" line for everyone).",
                "Skip a typed line that is blank (line.isBlank()) instead of sending it. line.trim().isEmpty() is "
                        + "not the same: trim() only strips characters up to U+0020, so a line of ideographic spaces "
                        + "(U+3000) or em spaces (U+2003) would still be sent.");
    }

    @Order(8)
    @Test
    @Enforces("R26")
    void each_typed_line_is_sent_as_one_frame_in_order() {
        FramedPeer server = startClient();
        console.type("Alice", "one", "two words", "three: ünï 👋");
        server.expect("Alice", "The name first.", TWO_THREADS);
        server.expect("one", "Then each typed line, as it was typed.", TWO_THREADS);
        server.expect("two words", "Then each typed line, as it was typed.", TWO_THREADS);
        server.expect("three: ünï 👋", "Then each typed line, as it was typed (UTF-8).", TWO_THREADS);
    }

    @Order(9)
    @Test
    @Enforces("R29")
    void a_message_over_the_limit_is_refused_before_sending_and_the_client_keeps_working() {
        FramedPeer server = startClient();
        console.type("Alice");
        server.expect("Alice", "The name first.", TWO_THREADS);
        String before = console.printed();
        console.type("x".repeat(ChatOptions.DEFAULT_MAX_MESSAGE_BYTES + 1), "short one");
        server.expect("short one", "A line of 65537 bytes (over the limit of 65536) was typed, then \"short one\": "
                + "only \"short one\" should reach the server.", OVER_LIMIT);
        lab.await("the client console to show an error about the over-long line",
                () -> console.printed().length() > before.length(), OVER_LIMIT);
        String beforeAccented = console.printed();
        // 40,000 characters, but 80,000 bytes in UTF-8: over the limit, though shorter than it in chars.
        console.type("\u00e9".repeat(40_000), "short two");
        server.expect("short two", "A line of 40000 \"\u00e9\" was typed (40000 characters, but 80000 bytes in UTF-8: "
                + "over the limit of 65536), then \"short two\": only \"short two\" should reach the server, and "
                + "the client should keep working.", "Count the line's UTF-8 bytes (line.getBytes(StandardCharsets."
                + "UTF_8).length), not line.length(): an accented or non-Latin character is one char but two or more "
                + "bytes. " + OVER_LIMIT);
        lab.await("the client console to show an error about the over-long line of \u00e9",
                () -> console.printed().length() > beforeAccented.length(), OVER_LIMIT);
    }
}
