package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.grading.FakeServer;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 4, number = 5, title = "ChatClient: type and read at the same time")
class Task5ClientTest {
    private static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    private static final String TWO_THREADS = "Two threads: one reads frames and prints each the moment it arrives; "
            + "the other reads the console and sends each line. Neither waits for the other.";
    private static final String CLOSED = "When the server closes the connection, print \"Connection closed.\" and "
            + "return from run(), even if the console thread is still waiting for a line (make it a daemon).";

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

    @Test
    void shows_the_question_and_sends_the_typed_name_first() {
        FramedPeer server = startClient();
        console.type("Alice");
        server.expect("Alice", "The first typed line is the name: the client should send it as a frame.",
                TWO_THREADS);
    }

    @Test
    void prints_a_message_that_arrives_while_nobody_types() {
        FramedPeer server = startClient();
        server.send("[Bob] are you there?");
        lab.awaitPrinted(console, "[Bob] are you there?", "a message that arrived while the console was idle",
                TWO_THREADS);
        server.send(ChatProtocol.joined("Carol"));
        lab.awaitPrinted(console, ChatProtocol.joined("Carol"), "a notice that arrived while the console was idle",
                TWO_THREADS);
    }

    @Test
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

    @Test
    void the_end_of_input_leaves_the_chat() {
        FramedPeer server = startClient();
        console.endInput();
        server.expect("exit", "The console ended (Ctrl-D): the client should send exit.",
                "readLine() returns null at the end of input: send exit, as if it had been typed.");
        server.send(ChatProtocol.GOODBYE);
        server.peer().close();
        lab.awaitFinished(client, "After the end of input and the server's goodbye, the client should end.", CLOSED);
    }

    @Test
    void a_server_that_closes_ends_the_client_even_while_it_waits_for_typing() {
        FramedPeer server = startClient();
        server.send(ChatProtocol.SHUTDOWN_NOTICE);
        server.peer().close();
        lab.awaitPrinted(console, "Connection closed.", "the end of the chat", CLOSED);
        lab.awaitFinished(client, "The server closed the connection; nobody typed anything: run() should return.",
                CLOSED);
    }
}
