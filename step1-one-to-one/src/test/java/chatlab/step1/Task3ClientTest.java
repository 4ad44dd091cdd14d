package chatlab.step1;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.FakeServer;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 1, number = 3, title = "ChatClient: chat with a server")
class Task3ClientTest {
    private static final String TOO_LONG = "A message over 1024 bytes (UTF-8 bytes, not characters) must be refused "
            + "before anything is sent: print an error that says so, send nothing, and ask for the next message.";
    private static final String ENDS = "The client's run() returns when the chat is over: after its own exit, when "
            + "the server sends exit, and when the server closes the connection (read() returns -1).";
    private static final String PROMPT = "Before reading each line, print the prompt \"Client: \" (print, not println).";
    /** 512 two-byte characters: exactly 1024 bytes, one full read. */
    private static final String FULL_READ = "é".repeat(512);
    /** Words a line saying that the server ended the chat would use. */
    private static final Pattern ENDED = Pattern.compile(
            "(?i)\\b(end|ends|ended|ending|closed?|left|quit|stopp?ed|over|finished|gone|disconnected|terminated|exited"
                    + "|bye|goodbye)\\b");

    @RegisterExtension
    final Lab lab = new Lab();

    private final ScriptedConsole console = lab.console("client console");
    private final FakeServer fakeServer = lab.fakeServer("test server");
    private Running client;

    /** Starts the student's client against the fake server and accepts its connection. */
    private Peer startClient() {
        ChatClient chatClient = new ChatClient(new ClientOptions("127.0.0.1", fakeServer.port()),
                console.input(), console.output());
        client = lab.start("ChatClient", console, chatClient::run);
        return lab.accept(fakeServer);
    }

    /** Starts the client with "hello" typed, and receives it: the chat is under way. */
    private Peer startChatting(String... thenTyped) {
        console.type("hello");
        console.type(thenTyped);
        Peer server = startClient();
        server.expect("hello", "The client should send the typed line.", "Send ChatProtocol.encode(line).");
        return server;
    }

    @Enforces({"R16", "R3"})
    @Order(1)
    @Test
    void prompts_for_each_message_and_sends_the_typed_line() {
        Peer server;
        try {
            server = startClient();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nThe client should connect to the host and port of its "
                    + "options: new InetSocketAddress(options.host(), options.port()).", e);
        }
        awaitPrompt(1);
        console.type("hello");
        Peer.Reading first = server.read("hello".length(), Timeouts.REPLY);
        if (first.data().length == 0 && first.ending() == Peer.Ending.TIMED_OUT) {
            throw new AssertionError("The user typed \"hello\" at the prompt, but nothing reached the server within "
                    + first.detail() + ": the message is sitting in a buffer that was never flushed. Write to the "
                    + "socket's own stream, or call flush() after each write to a BufferedOutputStream or PrintWriter.");
        }
        if (!"hello".equals(new String(first.data(), StandardCharsets.UTF_8))) {
            throw new AssertionError("The client should send the typed line as its UTF-8 bytes and nothing else.\n"
                    + Bytes.comparison(Bytes.utf8("hello"), first.data()) + "\n"
                    + "Send ChatProtocol.encode(line): no line break, no padding, no length.");
        }
        server.send("hi there");
        awaitPrompt(2);
        console.type("  how are you?  ");
        Peer.Reading second = server.read("  how are you?  ".length(), Timeouts.REPLY);
        String sent = new String(second.data(), StandardCharsets.UTF_8);
        if (second.ending() != Peer.Ending.COMPLETE || !sent.equals("  how are you?  ")) {
            throw new AssertionError("After the answer, the client should send the next typed line, as it was typed."
                    + "\n  expected: \"  how are you?  \"\n  received: " + second.describe() + "\n"
                    + (sent.equals("how are you?") ? "The client stripped the spaces around the line: send the line "
                    + "exactly as typed (strip() only to check for exit or a blank line, never what you send)."
                    : "Chat in a loop: read a line, send it, read the answer, print it."));
        }
    }

    @Enforces({"R17"})
    @Order(2)
    @Test
    void prints_each_answer_of_the_server() {
        Peer server = startChatting("next");
        server.send("hi there");
        server.expect("next", "After the answer, the client should send the next typed line.", "");
        assertThat(console.printed())
                .as("The client sent its next message, but never printed the server's answer \"hi there\". "
                        + "Print each answer, e.g. \"Server: hi there\".")
                .contains("hi there");
    }

    @Enforces({"R17", "R5"})
    @Order(3)
    @Test
    void prints_the_answer_without_a_trailing_line_break() {
        Peer server = startChatting();
        server.send("from netcat\n");
        lab.awaitPrinted(console, "from netcat", "the server's answer", "Print the answer the server sent.");
        lab.await("the client to ask for the next message", () -> console.printed().endsWith("Client: "),
                "After printing an answer, the client prompts \"Client: \" for the next message.");
        assertThat(console.blankLineAfter("from netcat"))
                .as("The client printed the answer followed by an empty line: it still ends with its line break. "
                        + "Decode answers with ChatProtocol.decode, which removes it.")
                .isFalse();
    }

    @Enforces({"R2"})
    @Order(4)
    @Test
    void sends_and_prints_non_ASCII_text_in_UTF_8() {
        console.type("héllo 👋 世界");
        Peer server = startClient();
        server.expect("héllo 👋 世界", "The client should send the typed text as UTF-8 bytes.",
                "Encode with StandardCharsets.UTF_8, never the platform default.");
        server.send("ça va 👍 好");
        lab.awaitPrinted(console, "ça va 👍 好", "the answer, decoded as UTF-8", "Decode with StandardCharsets.UTF_8.");
    }

    @Enforces({"R4"})
    @Order(5)
    @Test
    void takes_only_the_bytes_of_each_read_as_the_answer() {
        Peer server = startChatting("next", "last");
        server.send("0123456789");
        server.expect("next", "After the answer, the client should send the next typed line.", "");
        server.send("ab");
        server.expect("last", "After the answer, the client should send the next typed line.", "");
        assertThat(console.printed())
                .as("The server answered \"0123456789\", then \"ab\"; the client printed \"ab23456789\": it decoded "
                        + "the whole buffer, with bytes left over from the earlier read. Decode only the bytes that "
                        + "read() returned: ChatProtocol.decode(buffer, count).")
                .doesNotContain("ab23456789")
                .contains("ab");
    }

    @Enforces({"R6"})
    @Order(6)
    @Test
    void takes_an_answer_of_1024_bytes_whole() {
        Peer server = startChatting("second");
        server.send(FULL_READ);
        server.expect("second", "After the answer, the client should send the next typed line.", "");
        assertThat(console.printed().contains(FULL_READ))
                .as("The server answered with 1024 bytes (512 × é) in one write, but the client did not print them "
                        + "as one answer: it read them in pieces, and sent its next message after the first piece. "
                        + "Read into a buffer of 1024 bytes: new byte[ChatProtocol.MAX_MESSAGE_BYTES].")
                .isTrue();
    }

    @Enforces({"R6"})
    @Order(7)
    @Test
    void takes_what_is_beyond_1024_bytes_as_the_next_answer() {
        Peer server = startChatting("second");
        // One write: 1024 bytes, then "exit". One read of up to 1024 bytes takes the first as the answer;
        // the next read, after the client's next message, takes "exit".
        server.send(FULL_READ + "exit");
        server.expect("second", "After the answer, the client should send the next typed line.", "");
        assertThat(console.printed())
                .as("The server sent 1028 bytes in one write: 512 × é (1024 bytes), then \"exit\". The client printed "
                        + "them as one answer: it read more than 1024 bytes in one read (a bigger buffer, or a Reader "
                        + "counting characters). An answer is one read of at most 1024 bytes: "
                        + "new byte[ChatProtocol.MAX_MESSAGE_BYTES].")
                .doesNotContain("é" + "exit");
        lab.awaitFinished(client, "The next read took \"exit\": the server ended the chat.", ENDS);
    }

    @Enforces({"R21", "R1"})
    @Order(8)
    @ParameterizedTest(name = "user types {0}")
    @ValueSource(strings = {"exit", " EXIT ", "Exit\t"})
    void sends_exit_prints_the_goodbye_and_ends(String typed) {
        console.type(typed);
        Peer server = startClient();
        expectExit(server, "The user typed " + Bytes.quote(typed) + ": the client should send exit.",
                "Send exit like any message.");
        int mark = console.printed().length();
        server.send("Goodbye!");
        lab.awaitPrinted(console, "Goodbye!", "the server's goodbye", "After exit, read the answer once and print it.");
        expectEnded(mark, "The user typed " + Bytes.quote(typed) + ", which is exit (any case, any whitespace around "
                + "it), and the server said Goodbye!: the client's chat is over.", "Check the typed line with "
                + "ChatProtocol.isExit, not equals(\"exit\"). " + ENDS);
        server.expectClosed("The client should close its connection when it ends.", "Close the socket: try-with-resources.");
    }

    @Enforces({"R21"})
    @Order(9)
    @Test
    void ends_after_its_exit_when_the_server_just_closes() {
        console.type("exit");
        Peer server = startClient();
        expectExit(server, "The user typed exit: the client should send it.", "Send exit like any message.");
        server.close();
        lab.awaitFinished(client, "After exit, the server closed without a goodbye (seed 001's server does): the "
                + "client's chat is over all the same.", "After exit, read() may return -1 instead of a goodbye: "
                + "that is fine, just end. " + ENDS);
    }

    @Enforces({"R21"})
    @Order(10)
    @Test
    void treats_the_end_of_input_as_exit() {
        console.endInput();
        Peer server = startClient();
        expectExit(server, "The console ended (Ctrl-D), so the client should send exit.",
                "readLine() returns null at the end of input: treat it exactly like a typed exit, and send it.");
        int mark = console.printed().length();
        server.send("Goodbye!");
        lab.await("the client to print the server's goodbye (or to end)",
                () -> console.printed().substring(mark).contains("Goodbye!") || client.isFinished(), ENDS);
        if (!console.printed().substring(mark).contains("Goodbye!")) {
            throw new AssertionError("The console ended (Ctrl-D): the client sent exit, and the server answered "
                    + "Goodbye!, but the client ended without printing it.\n  expected: the goodbye printed (e.g. "
                    + "\"Server: Goodbye!\"), then the end\n  printed after the exit: "
                    + Bytes.quote(console.printed().substring(mark)) + "\nThe end of input is exactly like a typed "
                    + "exit: only the keyboard has ended, not the screen. Send exit, read the answer once and print "
                    + "it, then end; do not hang up at once.");
        }
        lab.awaitFinished(client, "After the end of input and the goodbye, the client's chat is over.", ENDS);
    }

    @Enforces({"R20"})
    @Order(11)
    @Test
    void refuses_a_message_over_1024_bytes_without_sending_it() {
        // 513 characters but 1025 bytes: the limit is on bytes. Then 342 × 世: 1026 bytes (3 each), 684 if
        // non-ASCII were counted as 2 bytes.
        String tooLong = "é".repeat(512) + "!";
        String cjkTooLong = "世".repeat(342);
        console.type(tooLong, cjkTooLong, "short one");
        Peer server = startClient();
        server.expect("short one", "The 1025-byte message (513 × é and !, 513 characters) and the 1026-byte one "
                + "(342 × 世, 3 bytes each) should have been refused; the next line should be sent. Count bytes, not "
                + "characters, and not an estimate (a CJK character is 3 bytes, an emoji 4): "
                + "ChatProtocol.encode(line).length.", TOO_LONG);
        lab.awaitPrinted(console, "1024", "an error that names the 1024-byte limit", TOO_LONG);
    }

    @Enforces({"R20"})
    @Order(12)
    @Test
    void sends_a_message_of_exactly_1024_bytes() {
        String longest = "é".repeat(511) + "!!";
        console.type(longest);
        Peer server = startClient();
        server.expect(longest, "A message of exactly 1024 bytes is allowed and should be sent whole.",
                "The limit is 1024 bytes included: refuse only when the UTF-8 bytes are more than 1024.");
    }

    @Enforces({"R19"})
    @Order(13)
    @Test
    void does_not_send_a_blank_line_and_asks_again() {
        console.type("", "   ", "\t", "\u3000", "hello");
        Peer server = startClient();
        Peer.Reading reading = server.read(1, Timeouts.REPLY);
        String got = new String(reading.data(), StandardCharsets.UTF_8);
        if (reading.ending() == Peer.Ending.COMPLETE && "hello".startsWith(got)) {
            if (got.length() < "hello".length()) {
                server.expect("hello".substring(got.length()), "The rest of the typed line.", "");
            }
            return;
        }
        String cause = got.isEmpty()
                ? "Nothing arrived: the client wrote the empty line, and a write of zero bytes sends nothing (the "
                + "server waits for ever, and so does the client). Skip blank lines (line.isBlank()) and ask again."
                : got.isBlank() ? "The client sent a line of only whitespace: skip blank lines (line.isBlank(), not "
                + "isEmpty(), nor trim().isEmpty(): trim() keeps the ideographic space U+3000) and ask again."
                : "Skip blank lines and ask again; send the first line with text.";
        throw new AssertionError("The user typed an empty line, \"   \", a TAB, an ideographic space (U+3000), "
                + "then \"hello\": only \"hello\" should "
                + "be sent.\n  expected: \"hello\"\n  received: " + reading.describe() + "\n" + cause);
    }

    @Enforces({"R22"})
    @Order(14)
    @ParameterizedTest(name = "server sends {0}")
    @ValueSource(strings = {"exit", "EXIT", " Exit \n"})
    void ends_when_the_server_sends_exit(String exit) {
        Peer server = startChatting("more typing");
        int mark = console.printed().length();
        server.send(exit);
        expectEnded(mark, "The server sent " + Bytes.quote(exit) + ", which is exit (any case, any whitespace around "
                + "it): it ended the chat, so the client's run() should return without asking for more typing.",
                "Check every answer with ChatProtocol.isExit, not equals(\"exit\"): a server or a netcat operator "
                        + "may send EXIT or \" Exit \". " + ENDS);
        String after = console.printed().substring(mark);
        boolean said = after.lines().filter(line -> !(line.strip().startsWith("Server:")
                        && line.strip().substring("Server:".length()).strip().equalsIgnoreCase("exit")))
                .anyMatch(line -> ENDED.matcher(line).find());
        assertThat(said)
                .as("The client ended, but did not tell the user why. After the server's exit, print that the server "
                        + "ended the chat, e.g. \"Server ended the chat.\" It printed after the exit: %s",
                        Bytes.quote(after))
                .isTrue();
        server.expectClosed("The client should close its connection when the server ends the chat.",
                "Close the socket: try-with-resources.");
    }

    @Enforces({"R23"})
    @Order(15)
    @Test
    void ends_cleanly_when_the_server_closes_the_connection() {
        Peer server = startChatting("more typing");
        server.close();
        lab.awaitFinished(client, "The server closed the connection: the client's run() should return normally.",
                "When the server has closed the connection, read() returns -1: say so and return. " + ENDS);
        expectNoStackTrace();
        expectSaysSo("server closed the connection", "When read() returns -1, print that the server closed the "
                + "connection (\"Server closed the connection.\"), then return.");
    }

    @Enforces({"R23"})
    @Order(16)
    @Test
    void ends_cleanly_when_the_connection_is_reset() {
        Peer server = startChatting("more typing");
        server.reset();
        lab.awaitFinished(client, "The server's connection was reset: the client's run() should return normally.",
                "A reset makes read() throw an IOException (\"Connection reset\"): catch it, say the connection was "
                        + "lost, and return.");
        expectNoStackTrace();
        expectSaysSo("connection was reset", "Catch the IOException of the reset and print one line that says the "
                + "connection was lost (\"[CONNECTION LOST] Connection reset\"), then return.");
    }

    @Enforces({"R18"})
    @Order(17)
    @Test
    void waits_for_the_answer_before_sending_the_next_message() {
        console.type("first", "second");
        Peer server = startClient();
        Peer.Reading first = server.read("first".length(), Timeouts.REPLY);
        String got = new String(first.data(), StandardCharsets.UTF_8);
        String cause = "The chat is turn-based: after sending, read the server's answer (read() blocks until it "
                + "comes) before reading the next line.";
        if (!got.equals("first")) {
            throw new AssertionError("The user typed \"first\", then \"second\"; the server has not answered yet.\n"
                    + "  expected: \"first\"\n  received: " + first.describe() + "\n"
                    + (got.startsWith("first") ? "The client sent its next message before the answer came. " + cause
                    : "The client should send the first line."));
        }
        // The answer is exit: a client that waits for it ends now and never sends "second".
        server.send("exit");
        Peer.Reading rest = server.read(1, Timeouts.REPLY);
        if (rest.data().length > 0 && !ChatProtocol.isExit(new String(rest.data(), StandardCharsets.UTF_8))) {
            throw new AssertionError("The user typed \"first\", then \"second\"; the server answered \"first\" with "
                    + "exit, which ends the chat, so \"second\" must never be sent.\n  received: " + rest.describe()
                    + "\nThe client sent its next message before the answer came. " + cause);
        }
        lab.awaitFinished(client, "The server answered exit: the client's chat is over.", ENDS);
    }

    /** Reads what the client sent and expects it to be exit (in whatever form the client sends it). */
    private void expectExit(Peer server, String what, String hint) {
        Peer.Reading reading = server.read(1, Timeouts.REPLY);
        if (ChatProtocol.isExit(new String(reading.data(), StandardCharsets.UTF_8))) {
            return;
        }
        boolean closed = reading.data().length == 0 && reading.ending() == Peer.Ending.CLOSED;
        if (closed) {
            // It closed: did it end normally or crash? (It closes its socket before its exception is seen.)
            lab.await("the client to end, after it closed the connection", client::isFinished, hint);
        }
        throw new AssertionError(what + "\n  expected: \"exit\"\n  received: " + reading.describe() + "\n"
                + (closed && !client.crashed()
                ? "The client closed without saying exit: send exit first, so the server knows the chat is over."
                : hint));
    }

    /**
     * Expects the client to end (its run() returns) rather than to ask for another message: a
     * "Client: " prompt printed after {@code mark} shows it went on.
     */
    private void expectEnded(int mark, String what, String hint) {
        lab.await("the client to end (or to ask for another message)",
                () -> client.isFinished() || console.printed().substring(mark).contains("Client: "), hint);
        if (!client.isFinished()) {
            throw new AssertionError(what + "\nBut the client asked for another message: it printed "
                    + Bytes.quote(console.printed().substring(mark)) + ".\n" + hint);
        }
        lab.awaitFinished(client, what, hint);
    }

    private void expectNoStackTrace() {
        assertThat(console.printed())
                .as("A server that goes away is an ordinary event: say so in one line, never a stack trace "
                        + "(do not call printStackTrace()).")
                .doesNotContain("\tat ", "Exception in thread");
    }

    /** After the server went away: the client has said so, in a line printed after its last prompt. */
    private void expectSaysSo(String event, String hint) {
        String printed = console.printed();
        int prompt = printed.lastIndexOf("Client: ");
        String after = prompt < 0 ? printed : printed.substring(prompt + "Client: ".length());
        if (after.isBlank()) {
            throw new AssertionError("The " + event + ": the client ended without a word. It should say so in one "
                    + "line.\n  printed after its last prompt: " + Bytes.quote(after) + "\n" + hint);
        }
    }

    /** Waits until the client has printed its n-th "Client: " prompt and is waiting for the user. */
    private void awaitPrompt(int n) {
        lab.await("client console to prompt \"Client: \" for the next message",
                () -> client.isFinished() || (console.printed().endsWith("Client: ")
                        && console.printed().split("Client: ", -1).length - 1 >= n),
                () -> PROMPT + "\nThe client console shows: " + Bytes.quote(console.printed()));
        lab.expectRunning(client, "The client should be waiting for the next message to be typed.");
    }
}
