package chatlab.step1;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import java.util.List;
import java.util.function.Consumer;
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
    private static final String VANISHED = "When the client goes away, read() returns -1 (or throws on a reset): "
            + "end the chat there, log one line, and return from run() normally; no exception, no stack trace.";

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

    @Test
    void reports_the_port_it_really_listens_on_and_accepts_a_client_there() {
        int port = startServer(true);
        assertThat(port).as("With --port 0 the server must report the port the system chose, not 0.").isNotZero();
        lab.connect("test client", port);
        lab.awaitPrinted(console, "connect", "a log line for the new connection",
                "Log the new client, e.g. \"[NEW CONNECTION] 127.0.0.1:54321 connected.\"");
    }

    @Test
    void answers_each_message_with_the_line_the_operator_types() {
        console.type("Hi, client!", "Fine, thanks.");
        Peer client = lab.connect("test client", startServer(false));
        client.send("hello");
        client.expect("Hi, client!", "The server should answer with the line the operator typed.",
                "Print the \"Server: \" prompt, read a line from the console, and write its UTF-8 bytes to the client.");
        client.send("how are you?");
        client.expect("Fine, thanks.", "Each new message gets the next line the operator types.",
                "Keep chatting in a loop: read a message, answer it, until someone says exit.");
    }

    @Test
    void with_auto_answers_every_message_with_Message_received() {
        Peer client = lab.connect("test client", startServer(true));
        for (String message : List.of("hello", "how are you?", "still there?")) {
            client.send(message);
            client.expect(ChatProtocol.AUTO_REPLY, "With --auto the server answers every message itself.",
                    "With options.auto(), answer \"Message received\" without reading the console.");
        }
    }

    @Test
    void prints_each_message_it_receives_without_the_line_break() {
        Peer client = lab.connect("test client", startServer(true));
        client.send("hello\r\n");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer a line sent by netcat.", "");
        client.send("netcat\n");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer a line sent by netcat.", "");
        expectPrintedAlone("hello");
        expectPrintedAlone("netcat");
    }

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

    @ParameterizedTest(name = "client sends {0}")
    @ValueSource(strings = {"EXIT", "  Exit  ", "exit\r\n"})
    void exit_in_any_case_and_with_spaces_or_a_line_break_also_ends_the_chat(String exit) {
        Peer client = lab.connect("test client", startServer(true));
        client.send(exit);
        client.expect(ChatProtocol.GOODBYE, "The server should answer this exit with Goodbye!.",
                "\"exit\" counts in any case and with whitespace around it: strip(), then equalsIgnoreCase.");
        client.expectClosed("After Goodbye! the server should close the connection.", CLOSE_AFTER_GOODBYE);
    }

    @Test
    void ends_cleanly_when_the_client_sends_exit_and_leaves_without_reading_the_answer() {
        Peer client = lab.connect("test client", startServer(true));
        client.send("exit");
        client.reset();
        lab.awaitFinished(server, "The server should end the chat cleanly even though the client is gone.",
                "Writing Goodbye! to a client that has left can throw (broken pipe, reset): catch it, log one line, return.");
    }

    @Test
    void sends_exit_and_closes_when_the_operator_types_exit() {
        console.type("exit");
        Peer client = lab.connect("test client", startServer(false));
        client.send("hello");
        client.expect(ChatProtocol.EXIT, "The operator typed exit, so the server should send \"exit\" to the client.",
                OPERATOR_ENDS);
        client.expectClosed("After sending exit the server should close the connection.", OPERATOR_ENDS);
        lab.awaitFinished(server, "After the operator ends the chat, ChatServer.run() should return.", OPERATOR_ENDS);
    }

    @Test
    void sends_exit_and_closes_when_the_operator_console_ends() {
        console.endInput();
        Peer client = lab.connect("test client", startServer(false));
        client.send("hello");
        client.expect(ChatProtocol.EXIT, "The console ended (Ctrl-D), so the server should send \"exit\" to the client.",
                OPERATOR_ENDS);
        client.expectClosed("After sending exit the server should close the connection.", OPERATOR_ENDS);
        lab.awaitFinished(server, "After the console ends, ChatServer.run() should return.", OPERATOR_ENDS);
    }

    @Test
    void ends_the_chat_cleanly_when_the_client_vanishes() {
        chatThenLose(Peer::close, "The client closed the connection without exit: the chat is over.");
    }

    @Test
    void ends_the_chat_cleanly_when_the_connection_is_reset() {
        chatThenLose(Peer::reset, "The client's connection was reset (the program was killed): the chat is over.");
    }

    /** One turn of chat, then the client goes away as {@code leave} does. */
    private void chatThenLose(Consumer<Peer> leave, String what) {
        Peer client = lab.connect("test client", startServer(true));
        client.send("hello");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer the first message.", "");
        leave.accept(client);
        lab.awaitFinished(server, what, VANISHED);
        assertThat(console.printed())
                .as("A client that goes away is an ordinary event: log it in one line, never a stack trace.")
                .doesNotContain("\tat ", "Exception in thread");
    }

    /** The message shows on a line of its own: its trailing line break was removed before printing. */
    private void expectPrintedAlone(String message) {
        lab.awaitPrinted(console, message, "the message the client sent", "Print each message the server receives.");
        assertThat(console.blankLineAfter(message))
                .as("The server printed %s followed by an empty line: the message still ends with its line "
                        + "break. Remove one trailing \\n or \\r\\n (ChatProtocol.decode) before using it.",
                        Bytes.quote(message))
                .isFalse();
    }
}
