package chatlab.step1;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.FakeServer;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 1, number = 3, title = "ChatClient: chat with a server")
class Task3ClientTest {
    private static final String TOO_LONG = "A message over 1024 bytes (UTF-8 bytes, not characters) must be refused "
            + "before anything is sent: print an error that says so, send nothing, and ask for the next message.";
    private static final String ENDS = "The client's run() returns when the chat is over: after its own exit, when "
            + "the server sends exit, and when the server closes the connection (read() returns -1).";

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
    private Peer startChatting() {
        console.type("hello");
        Peer server = startClient();
        server.expect("hello", "The client should send the typed line, as its UTF-8 bytes, nothing added.",
                "Send ChatProtocol.encode(line): no line break, no padding; a write of its bytes is the message.");
        return server;
    }

    @Test
    void sends_each_typed_line_as_its_bytes_and_prints_the_answer() {
        Peer server = startChatting();
        console.type("how are you?");
        server.send("hi there");
        lab.awaitPrinted(console, "hi there", "the server's answer", "Read the answer and print it, e.g. \"Server: hi there\".");
        server.expect("how are you?", "After the answer, the client should send the next typed line.",
                "Chat in a loop: read a line, send it, read the answer, print it.");
    }

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

    @Test
    void sends_and_prints_non_ASCII_text_in_UTF_8() {
        console.type("héllo 👋 世界");
        Peer server = startClient();
        server.expect("héllo 👋 世界", "The client should send the typed text as UTF-8 bytes.",
                "Encode with StandardCharsets.UTF_8, never the platform default.");
        server.send("ça va 👍 好");
        lab.awaitPrinted(console, "ça va 👍 好", "the answer, decoded as UTF-8", "Decode with StandardCharsets.UTF_8.");
    }

    @Test
    void sends_exit_prints_the_goodbye_and_ends() {
        console.type("exit");
        Peer server = startClient();
        server.expect("exit", "The client should send exit like any message.", "");
        server.send("Goodbye!");
        lab.awaitPrinted(console, "Goodbye!", "the server's goodbye", "After exit, read the answer once and print it.");
        lab.awaitFinished(client, "After its own exit the client's chat is over.", ENDS);
        server.expectClosed("The client should close its connection when it ends.", "Close the socket: try-with-resources.");
    }

    @Test
    void treats_the_end_of_input_as_exit() {
        console.endInput();
        Peer server = startClient();
        server.expect("exit", "The console ended (Ctrl-D), so the client should send exit.",
                "readLine() returns null at the end of input: treat it exactly like a typed exit.");
        server.send("Goodbye!");
        lab.awaitFinished(client, "After the end of input the client's chat is over.", ENDS);
    }

    @Test
    void refuses_a_message_over_1024_bytes_without_sending_it() {
        // 513 characters but 1025 bytes: the limit is on bytes.
        String tooLong = "é".repeat(512) + "!";
        console.type(tooLong, "short one");
        Peer server = startClient();
        server.expect("short one", "The 1025-byte message should have been refused; the next line should be sent.",
                TOO_LONG);
        lab.awaitPrinted(console, "1024", "an error that names the 1024-byte limit", TOO_LONG);
    }

    @Test
    void sends_a_message_of_exactly_1024_bytes() {
        String longest = "é".repeat(511) + "!!";
        console.type(longest);
        Peer server = startClient();
        server.expect(longest, "A message of exactly 1024 bytes is allowed and should be sent whole.",
                "The limit is 1024 bytes included: refuse only when the UTF-8 bytes are more than 1024.");
    }

    @Test
    void ends_when_the_server_sends_exit() {
        Peer server = startChatting();
        server.send("exit");
        lab.awaitFinished(client, "The server sent exit: it ended the chat, so the client's run() should return "
                + "without waiting for more typing.", "Check every answer with ChatProtocol.isExit. " + ENDS);
        server.expectClosed("The client should close its connection when the server ends the chat.",
                "Close the socket: try-with-resources.");
    }

    @Test
    void ends_cleanly_when_the_server_closes_the_connection() {
        Peer server = startChatting();
        server.close();
        lab.awaitFinished(client, "The server closed the connection: the client's run() should return normally.", ENDS);
    }

    @Test
    void ends_cleanly_when_the_connection_is_reset() {
        Peer server = startChatting();
        server.reset();
        lab.awaitFinished(client, "The server's connection was reset: the client's run() should return normally.",
                "A reset makes read() throw an IOException: catch it, say the connection was lost, and return.");
    }

    @Test
    void waits_for_the_answer_before_asking_for_the_next_message() {
        console.type("first", "second");
        Peer server = startClient();
        server.expect("first", "The client should send the first line.", "");
        server.expectNothing(Timeouts.QUIET, "The chat is turn-based: the client must wait for the server's answer "
                + "before it sends the next message.", "After sending, read the answer before reading the next line.");
        server.send("ok");
        server.expect("second", "After the answer the client should send the next line.", "");
    }
}
