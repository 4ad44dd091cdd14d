package chatlab.step1;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 1, number = 2, title = "ChatServer: serve one chat")
class Task2ServerTest {
    private static final String CLOSE_AFTER_GOODBYE = "After Goodbye! the chat is over: close the client's socket "
            + "(try-with-resources does it) and return from run().";
    private static final String OPERATOR_ENDS = "When the operator types exit, or the console ends (readLine() "
            + "returns null: Ctrl-D), the server sends \"exit\" to the client, closes the connection and returns.";
    private static final String PROMPT = "Before reading the operator's answer, print the prompt \"Server: \" (print, "
            + "not println) so the operator knows it is their turn.";
    /** 512 two-byte characters: exactly 1024 bytes, one full read. */
    private static final String FULL_READ = "é".repeat(512);

    @RegisterExtension
    final Lab lab = new Lab();

    private final ScriptedConsole console = lab.console("server console");
    private Running server;

    /** Starts the student's server on a free port; returns the port it reports. */
    private int startServer(boolean auto) {
        ChatServer chatServer = new ChatServer(new ServerOptions("127.0.0.1", 0, auto), console.input(), console.output());
        server = lab.start("ChatServer", console, chatServer::run);
        return lab.awaitListening(console);
    }

    @Enforces({"R7"})
    @Order(1)
    @Test
    void reports_the_port_it_really_listens_on_and_accepts_a_client_there() {
        int port = startServer(true);
        assertThat(port).as("With --port 0 the server must report the port the system chose, not 0: print "
                + "ServerSocket.getLocalPort(), not the port of the options.").isNotZero();
        lab.expectListeningOnlyOn127001(port);
        int listening = console.printed().length();
        lab.connect("test client", port);
        lab.await("server console to log the new connection (a line such as \"[NEW CONNECTION] 127.0.0.1:54321 "
                        + "connected.\")",
                () -> console.printed().substring(listening).toLowerCase(Locale.ROOT).contains("connect"),
                "After accept(), log the new client, e.g. \"[NEW CONNECTION] 127.0.0.1:54321 connected.\"");
    }

    @Enforces({"R7"})
    @Order(2)
    @Test
    void listens_on_the_port_it_is_given_so_two_servers_on_port_0_both_run() {
        int first = startServer(true);
        ScriptedConsole secondConsole = lab.console("second server console");
        ChatServer secondServer = new ChatServer(new ServerOptions("127.0.0.1", 0, true), secondConsole.input(),
                secondConsole.output());
        Running second = lab.start("second ChatServer", secondConsole, secondServer::run);
        lab.await("second server console to print \"listening on HOST:PORT\"",
                () -> secondConsole.listeningPort().isPresent() || second.isFinished(),
                "Bind to the port of the options: new InetSocketAddress(options.host(), options.port()).");
        if (second.isFinished() || secondConsole.listeningPort().getAsInt() == first) {
            throw new AssertionError("Two servers were started with --port 0, which lets the system pick a free port "
                    + "for each; the first listens on " + first + ", but the second "
                    + (second.isFinished() ? "stopped" + (second.failure() == null ? "" : " with "
                    + second.failure()) : "reports the same port") + ".\nThe server should listen on the port it is "
                    + "given: bind to new InetSocketAddress(options.host(), options.port()), not to a fixed port.");
        }
        lab.connect("test client", secondConsole.listeningPort().getAsInt());
        lab.connect("test client", first);
    }

    @Enforces({"R10", "R3"})
    @Order(3)
    @Test
    void prompts_the_operator_and_answers_each_message_with_the_line_typed() {
        Peer client = lab.connect("test client", startServer(false));
        client.send("hello");
        awaitPrompt(1);
        console.type("Hi, client!");
        Peer.Reading first = client.read("Hi, client!".length(), Timeouts.REPLY);
        if (first.data().length == 0 && first.ending() == Peer.Ending.TIMED_OUT) {
            throw new AssertionError("The operator typed \"Hi, client!\" at the prompt, but nothing reached the client "
                    + "within " + first.detail() + ": the answer is sitting in a buffer that was never flushed. Write to "
                    + "the socket's own stream, or call flush() after each write to a BufferedOutputStream or "
                    + "PrintWriter.");
        }
        if (!"Hi, client!".equals(new String(first.data(), java.nio.charset.StandardCharsets.UTF_8))) {
            throw new AssertionError("The server should answer with the line the operator typed.\n"
                    + Bytes.comparison(Bytes.utf8("Hi, client!"), first.data()) + "\n"
                    + "Read a line from the console and write its UTF-8 bytes to the client, nothing added.");
        }
        client.send("how are you?");
        awaitPrompt(2);
        console.type("Fine, thanks.");
        client.expect("Fine, thanks.", "Each new message gets the next line the operator types.",
                "Keep chatting in a loop: read a message, answer it, until someone says exit.");
    }

    @Enforces({"R11"})
    @Order(4)
    @Test
    void with_auto_answers_every_message_with_Message_received() {
        Peer client = lab.connect("test client", startServer(true));
        for (String message : List.of("hello", "how are you?", "still there?")) {
            client.send(message);
            client.expect(ChatProtocol.AUTO_REPLY, "With --auto the server answers every message itself "
                            + "(nothing is typed at its console in this check).",
                    "With options.auto(), answer \"Message received\" without reading the console.");
        }
    }

    @Enforces({"R8", "R5"})
    @Order(5)
    @Test
    void prints_each_message_it_receives_without_the_line_break() {
        Peer client = lab.connect("test client", startServer(true));
        client.send("hello\r\n");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer a line sent by netcat.", "");
        client.send("netcat\n");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer a line sent by netcat.", "");
        expectPrintedAlone("hello");
        expectPrintedAlone("netcat");
        client.send("Exit\n");
        client.expect(ChatProtocol.GOODBYE, "The server should answer netcat's exit with Goodbye!.", "");
        lab.await("server console to print \"Exit\" (the client's exit message, as it arrived)",
                () -> console.printed().contains("Exit") || server.isFinished(), "");
        if (!console.printed().contains("Exit")) {
            throw new AssertionError("The client sent \"hello\", \"netcat\", then \"Exit\" (each with netcat's line "
                    + "break); the server printed the first two but not the exit.\n  expected: a line such as "
                    + "\"Client: Exit\"\n  printed: " + Bytes.quote(tail(console.printed())) + "\nPrint every message "
                    + "as it arrives, before checking whether it is exit: the exit is a message too.");
        }
    }

    @Enforces({"R2"})
    @Order(6)
    @Test
    void receives_and_answers_non_ASCII_text_in_UTF_8() {
        console.type("ça va 👍 好");
        Peer client = lab.connect("test client", startServer(false));
        client.send("héllo 👋 世界");
        client.expect("ça va 👍 好", "The operator's answer should reach the client as UTF-8 bytes.",
                "Encode with StandardCharsets.UTF_8, never the platform default.");
        lab.awaitPrinted(console, "héllo 👋 世界", "the message, decoded as UTF-8",
                "Decode the bytes read with StandardCharsets.UTF_8.");
    }

    @Enforces({"R4"})
    @Order(7)
    @Test
    void takes_only_the_bytes_of_each_read_as_the_message() {
        Peer client = lab.connect("test client", startServer(true));
        client.send("0123456789");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer the first message.", "");
        client.send("ab");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer the second message.", "");
        lab.awaitPrinted(console, "ab", "the second message", "The server should print the messages it receives.");
        assertThat(console.printed())
                .as("The client sent \"0123456789\", then \"ab\"; the server printed \"ab23456789\": it decoded the "
                        + "whole buffer, with bytes left over from the earlier read. Decode only the bytes that "
                        + "read() returned: ChatProtocol.decode(buffer, count).")
                .doesNotContain("ab23456789");
    }

    @Enforces({"R6"})
    @Order(8)
    @Test
    void takes_a_message_of_1024_bytes_whole() {
        Peer client = lab.connect("test client", startServer(true));
        client.send(FULL_READ);
        String cause = "The client sent one message of 1024 bytes (512 × é) and the server answered it more than once: "
                + "it read it in pieces. Read into a buffer of 1024 bytes: new byte[ChatProtocol.MAX_MESSAGE_BYTES].";
        expectOnly(client, ChatProtocol.AUTO_REPLY, "The server should answer the 1024-byte message once.",
                ChatProtocol.AUTO_REPLY, cause);
        client.send("exit");
        expectOnly(client, ChatProtocol.GOODBYE, "The server should answer the following exit with Goodbye!.",
                ChatProtocol.AUTO_REPLY, cause);
    }

    @Enforces({"R6"})
    @Order(9)
    @Test
    void takes_what_is_beyond_1024_bytes_as_the_next_message() {
        Peer client = lab.connect("test client", startServer(true));
        // One write: 1024 bytes, then "exit". One read of up to 1024 bytes takes the first as a message,
        // the next read takes "exit".
        client.send(FULL_READ + "exit");
        Peer.Reading reading = client.read(ChatProtocol.AUTO_REPLY.length() + ChatProtocol.GOODBYE.length(),
                Timeouts.REPLY);
        String expected = ChatProtocol.AUTO_REPLY + ChatProtocol.GOODBYE;
        if (reading.ending() == Peer.Ending.COMPLETE && expected.equals(new String(reading.data(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            return;
        }
        String got = new String(reading.data(), java.nio.charset.StandardCharsets.UTF_8);
        String cause = got.equals(ChatProtocol.AUTO_REPLY)
                ? "The server answered once, then waited: it read more than 1024 bytes in one read (a bigger "
                + "buffer, or a Reader counting characters), so \"exit\" became part of the first message. A "
                + "message is one read of at most 1024 bytes: new byte[ChatProtocol.MAX_MESSAGE_BYTES]."
                : "Answer each read of up to 1024 bytes, then read again.";
        throw new AssertionError("The client sent 1028 bytes in one write: 512 × é (1024 bytes), then \"exit\". "
                + "The server should take the first 1024 bytes as a message (answer: Message received) and the "
                + "rest as the next one (exit: Goodbye!).\n  expected: " + Bytes.quote(expected)
                + "\n  received: " + reading.describe() + "\n" + cause);
    }

    @Enforces({"R9"})
    @Order(10)
    @Test
    void prints_control_and_format_characters_from_the_client_as_question_marks() {
        Peer client = lab.connect("test client", startServer(true));
        // U+E0001 LANGUAGE TAG is a format character outside the BMP (two chars, a surrogate pair): one '?'.
        // The emoji, also two chars, is harmless and stays as it is.
        String sent = "A\u001b[31mB\u0007C\u200bD\u202eE\uDB40\uDC01F\uD83D\uDC4BG";
        client.send(sent);
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer the message.", "");
        lab.awaitPrinted(console, "[31mB", "the message", "The server should print the messages it receives.");
        String printed = console.printed();
        String safe = "A?[31mB?C?D?E?F\uD83D\uDC4BG";
        boolean raw = printed.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x200b || c == 0x202e);
        boolean rawTag = printed.codePoints().anyMatch(c -> c == 0xE0001);
        boolean emojiBroken = !printed.contains("F\uD83D\uDC4BG");
        assertThat(printed.contains(safe) && !raw)
                .as("The client sent %s: ESC (which starts a colour code), BEL, a zero-width space, a right-to-left "
                                + "override, U+E0001 LANGUAGE TAG (an invisible format character outside the BMP, two "
                                + "chars in Java) and an emoji. The server should print it as %s, but printed:%n%s%n%s",
                        Bytes.quote(sent), Bytes.quote(safe), Bytes.quote(lineWith(printed, "[31mB")),
                        raw ? "It printed the client's control characters raw: a client can recolour or rewrite the "
                                + "operator's terminal. Replace every control or format character "
                                + "(Character.getType is CONTROL or FORMAT) with '?' before printing."
                                : rawTag ? "It printed U+E0001 raw: it looked at each char, and each half of a "
                                + "surrogate pair has type SURROGATE, never FORMAT. Walk the text by code point "
                                + "(codePointAt(i), i += Character.charCount(c)), and replace a CONTROL or FORMAT "
                                + "code point with one '?'."
                                : emojiBroken && printed.contains("F??G") ? "It replaced the emoji's two halves: "
                                + "walk the text by code point, not by char, and keep every code point that is not "
                                + "CONTROL or FORMAT."
                                : "Replace every control or format character with one '?', keep everything else.")
                .isTrue();
    }

    @Enforces({"R9"})
    @Order(11)
    @Test
    void cuts_a_long_message_to_at_most_200_characters_when_printing_it() {
        Peer client = lab.connect("test client", startServer(true));
        client.send("q".repeat(1000));
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer the message.", "");
        lab.awaitPrinted(console, "q".repeat(20), "the message (its beginning at least)",
                "The server should print the messages it receives.");
        int longest = 0;
        int run = 0;
        for (char c : console.printed().toCharArray()) {
            run = c == 'q' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        assertThat(longest)
                .as("The client sent 1000 × q; the server printed %s of them in a row. A client must not flood "
                        + "the operator's terminal: cut the text you print to at most 200 characters (say "
                        + "\"qqq... (1000 characters)\").", longest)
                .isLessThanOrEqualTo(200);
    }

    @Enforces({"R12"})
    @Order(12)
    @Test
    void does_not_send_a_blank_line_typed_by_the_operator_and_asks_again() {
        console.type("", "   ", "\t", "\u3000", "real answer");
        Peer client = lab.connect("test client", startServer(false));
        client.send("hello");
        Peer.Reading reading = client.read(1, Timeouts.REPLY);
        String got = new String(reading.data(), java.nio.charset.StandardCharsets.UTF_8);
        if (reading.ending() == Peer.Ending.COMPLETE && "real answer".startsWith(got)) {
            if (got.length() < "real answer".length()) {
                client.expect("real answer".substring(got.length()), "The rest of the operator's answer.", "");
            }
            return;
        }
        String cause = got.isEmpty()
                ? "Nothing arrived: the server wrote the empty line, and a write of zero bytes sends nothing, so "
                + "the client waits for ever. Skip blank lines (line.isBlank()) and ask again."
                : got.isBlank() ? "The server sent a line of only whitespace: skip blank lines (line.isBlank(), not "
                + "isEmpty(), nor trim().isEmpty(): trim() keeps the ideographic space U+3000) and ask again."
                : "Skip blank lines and ask again; send the first line with text.";
        throw new AssertionError("The operator typed an empty line, \"   \", a TAB, an ideographic space (U+3000), "
                + "then \"real answer\": only "
                + "\"real answer\" should be sent.\n  expected: \"real answer\"\n  received: " + reading.describe()
                + "\n" + cause);
    }

    @Enforces({"R13"})
    @Order(13)
    @Test
    void answers_exit_with_Goodbye_closes_the_connection_and_ends_the_chat() {
        Peer client = lab.connect("test client", startServer(true));
        client.send("hello");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer the first message.", "");
        client.send("exit");
        client.expect(ChatProtocol.GOODBYE, "The server should answer exit with Goodbye!.",
                "Check each message with ChatProtocol.isExit before answering it.");
        client.expectClosed("After Goodbye! the server should close the connection.", CLOSE_AFTER_GOODBYE);
        lab.awaitFinished(server, "After the chat ends, ChatServer.run() should return: the step 1 server serves one chat.",
                CLOSE_AFTER_GOODBYE);
    }

    @Enforces({"R13", "R1"})
    @Order(14)
    @ParameterizedTest(name = "client sends {0}")
    @ValueSource(strings = {"EXIT", "  Exit  ", "exit\r\n", "\teXiT\n"})
    void exit_in_any_case_and_with_spaces_or_a_line_break_also_ends_the_chat(String exit) {
        // Without --auto: an operator sits at the console (typing nothing); the goodbye is the server's all the same.
        Peer client = lab.connect("test client", startServer(false));
        client.send(exit);
        Peer.Reading reading = client.read(ChatProtocol.GOODBYE.length(), Timeouts.REPLY);
        if (reading.ending() != Peer.Ending.COMPLETE || !ChatProtocol.GOODBYE.equals(
                new String(reading.data(), java.nio.charset.StandardCharsets.UTF_8))) {
            boolean closed = reading.data().length == 0
                    && (reading.ending() == Peer.Ending.CLOSED || reading.ending() == Peer.Ending.RESET);
            boolean prompted = console.printed().endsWith("Server: ");
            throw new AssertionError("The client sent " + Bytes.quote(exit) + " to a server run without --auto (an "
                    + "operator at its console): the server should answer this exit with Goodbye!.\n  expected: "
                    + Bytes.quote(ChatProtocol.GOODBYE) + "\n  received: " + reading.describe() + "\n"
                    + (closed ? "The server closed the connection without a word: answer every client's exit with "
                    + "Goodbye!, with or without --auto (Goodbye! is not part of the automatic answer), then close."
                    : (prompted ? "The server asked its operator for an answer (\"Server: \"): it took the exit for "
                    + "an ordinary message. " : "") + "\"exit\" counts in any case and with whitespace around it: "
                    + "check the message with ChatProtocol.isExit (strip(), then equalsIgnoreCase), not "
                    + "equals(\"exit\")."));
        }
        client.expectClosed("After Goodbye! the server should close the connection.", CLOSE_AFTER_GOODBYE);
    }

    @Enforces({"R15"})
    @Order(15)
    @Test
    void ends_cleanly_when_the_client_sends_exit_and_leaves_without_reading_the_answer() {
        Peer client = lab.connect("test client", startServer(true));
        client.send("exit");
        client.reset();
        lab.awaitFinished(server, "The server should end the chat cleanly even though the client is gone.",
                "Writing Goodbye! to a client that has left can throw (broken pipe, reset): catch it, log one line, return.");
        expectNoStackTrace();
    }

    @Enforces({"R14", "R1"})
    @Order(16)
    @ParameterizedTest(name = "operator types {0}")
    @ValueSource(strings = {"exit", " Exit\t", "EXIT"})
    void sends_exit_and_closes_when_the_operator_types_exit(String typed) {
        console.type(typed);
        Peer client = lab.connect("test client", startServer(false));
        client.send("hello");
        client.expect(ChatProtocol.EXIT, "The operator typed " + Bytes.quote(typed) + ", so the server should send "
                        + "\"exit\" to the client.",
                "Check the operator's line with ChatProtocol.isExit (any case, any whitespace around it), and then "
                        + "send exactly \"exit\" (ChatProtocol.EXIT), not the line as typed. " + OPERATOR_ENDS);
        client.expectClosed("After sending exit the server should close the connection.", OPERATOR_ENDS);
        lab.awaitFinished(server, "After the operator ends the chat, ChatServer.run() should return.", OPERATOR_ENDS);
    }

    @Enforces({"R14"})
    @Order(17)
    @Test
    void sends_exit_and_closes_when_the_operator_console_ends() {
        console.endInput();
        Peer client = lab.connect("test client", startServer(false));
        client.send("hello");
        client.expect(ChatProtocol.EXIT, "The console ended (Ctrl-D), so the server should send \"exit\" to the client.",
                "readLine() returned null: the console has ended. Treat it as exit: send \"exit\", close, return.");
        client.expectClosed("After sending exit the server should close the connection.", OPERATOR_ENDS);
        lab.awaitFinished(server, "After the console ends, ChatServer.run() should return.", OPERATOR_ENDS);
    }

    @Enforces({"R15"})
    @Order(18)
    @Test
    void ends_the_chat_cleanly_when_the_client_vanishes() {
        chatThenLose(Peer::close, "The client closed the connection without exit: the chat is over.",
                "When the client has closed the connection, read() returns -1: end the chat there, log one line, and "
                        + "return from run() normally.");
    }

    @Enforces({"R15"})
    @Order(19)
    @Test
    void ends_the_chat_cleanly_when_the_connection_is_reset() {
        chatThenLose(Peer::reset, "The client's connection was reset (the program was killed): the chat is over.",
                "A reset makes read() throw an IOException (\"Connection reset\"): catch it, log one line, and "
                        + "return from run() normally; no stack trace.");
    }

    /** One turn of chat, then the client goes away as {@code leave} does. */
    private void chatThenLose(Consumer<Peer> leave, String what, String hint) {
        Peer client = lab.connect("test client", startServer(true));
        client.send("hello");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer the first message.", "");
        int mark = console.printed().length();
        leave.accept(client);
        lab.awaitFinished(server, what, hint);
        expectNoStackTrace();
        String after = console.printed().substring(mark);
        if (after.isBlank()) {
            throw new AssertionError(what + "\nThe server ended, but without a word: it printed nothing after the "
                    + "client went away.\n  expected: one line that says so, e.g. \"Client left without saying exit.\""
                    + "\n  printed after the client left: " + Bytes.quote(after) + "\nThe operator must learn why the "
                    + "chat stopped: log one line where you see the end (read() returned -1, or the IOException of a "
                    + "reset), then return.");
        }
    }

    private void expectNoStackTrace() {
        assertThat(console.printed())
                .as("A client that goes away is an ordinary event: log it in one line, never a stack trace "
                        + "(do not call printStackTrace()).")
                .doesNotContain("\tat ", "Exception in thread");
    }

    /** Waits until the server has printed its n-th "Server: " prompt and is waiting for the operator. */
    private void awaitPrompt(int n) {
        lab.await("server console to prompt \"Server: \" for the operator's answer",
                () -> server.isFinished() || (console.printed().endsWith("Server: ")
                        && console.printed().split("Server: ", -1).length - 1 >= n),
                () -> PROMPT + "\nThe server console shows: " + Bytes.quote(tail(console.printed())));
        lab.expectRunning(server, "The server should be waiting for the operator's answer.");
    }

    /**
     * Expects exactly {@code expected} next; if what arrived starts with it and goes on with
     * {@code extra} (a second answer), or is {@code extra}, the cause is {@code cause}.
     */
    private static void expectOnly(Peer client, String expected, String what, String extra, String cause) {
        Peer.Reading reading = client.read(expected.length(), Timeouts.REPLY);
        String got = new String(reading.data(), java.nio.charset.StandardCharsets.UTF_8);
        if (reading.ending() == Peer.Ending.COMPLETE && got.equals(expected)) {
            return;
        }
        boolean twice = got.startsWith(expected + extra)
                || (!expected.equals(extra) && !got.isEmpty() && (got.startsWith(extra) || extra.startsWith(got)));
        throw new AssertionError(what + "\n  expected: " + Bytes.quote(expected) + "\n  received: "
                + reading.describe() + "\n" + (twice ? cause : got.isEmpty()
                ? "Nothing arrived: did the server write its answer, and flush it?" : "Answer each message once."));
    }

    private static String lineWith(String printed, String text) {
        return printed.lines().filter(line -> line.contains(text)).findFirst().orElse(printed);
    }

    private static String tail(String printed) {
        return printed.length() <= 200 ? printed : "..." + printed.substring(printed.length() - 200);
    }

    /** The message shows on a line of its own: its trailing line break was removed before printing. */
    private void expectPrintedAlone(String message) {
        lab.awaitPrinted(console, message, "the message the client sent",
                "Print each message as it arrives, e.g. \"Client: hello\".");
        boolean kept = console.blankLineAfter(message) || console.printed().contains(message + "?");
        assertThat(kept)
                .as("The server printed %s with its line break still on it (%s): remove one trailing \\n or \\r\\n "
                        + "(ChatProtocol.decode) before using the message.", Bytes.quote(message),
                        console.blankLineAfter(message) ? "an empty line follows it" : "shown as '?'")
                .isFalse();
    }
}
