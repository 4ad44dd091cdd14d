package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.grading.FakeServer;
import chatlab.grading.Frames;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 2, number = 4, title = "ChatClient: frames both ways")
class Task4ClientTest {
    private static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    /** An odd limit, so that the error naming it cannot be mistaken for a port number. */
    private static final int MAX = 99_999;
    private static final String ENDS = "The client's run() returns when the chat is over: after its exit and the "
            + "server's answer, after an ERROR frame, and when the server closes the connection.";

    @RegisterExtension
    final Lab lab = new Lab();

    private final ScriptedConsole console = lab.console("client console");
    private final FakeServer fakeServer = lab.fakeServer("test server");
    private Running client;

    private FramedPeer startClient(int headerSize) {
        ChatClient chatClient = new ChatClient(new ChatOptions("127.0.0.1", fakeServer.port(), headerSize, MAX),
                console.input(), console.output());
        client = lab.start("ChatClient", console, chatClient::run);
        return lab.accept(fakeServer).framed(headerSize);
    }

    /** Starts the client with "hello" typed, and receives its frame: the chat is under way. */
    private FramedPeer startChatting() {
        console.type("hello");
        FramedPeer server = startClient(HEADER);
        server.expect("hello", "The client should send the typed line as one frame.",
                "Send codec.encode(line) in one write: the header and the message together.");
        return server;
    }

    @Test
    void frames_each_typed_line_and_prints_what_it_sent_and_what_the_server_said() {
        FramedPeer server = startChatting();
        console.type("héllo 👋 世界");
        lab.awaitPrinted(console, "[SENT] hello", "what it sent", "Print \"[SENT] <message>\" once it is sent.");
        server.send(ChatProtocol.RECEIVED);
        lab.awaitPrinted(console, "[SERVER] " + ChatProtocol.RECEIVED, "the server's answer",
                "Read the answer frame with codec.read and print \"[SERVER] <answer>\".");
        server.expect("héllo 👋 世界", "The next line should go as the next frame, in UTF-8.", "");
    }

    @Test
    void sends_an_empty_line_as_an_empty_message() {
        console.type("");
        FramedPeer server = startClient(HEADER);
        server.expect("", "Framing can carry an empty message: a header saying 0, no body.",
                "Send every line, even an empty one; the header tells the server its length is 0.");
    }

    @Test
    void reads_an_answer_split_across_writes() {
        FramedPeer server = startChatting();
        console.type("again");
        byte[] answer = Frames.encode("split answer 👋", HEADER);
        server.peer().send(Arrays.copyOf(answer, 700));
        server.peer().expectNothing(Timeouts.QUIET, "Only 700 bytes of the answer's header have arrived: the client "
                + "must wait for the rest, not send its next message.", "Read exactly one frame: readNBytes.");
        server.peer().send(Arrays.copyOfRange(answer, 700, answer.length));
        lab.awaitPrinted(console, "[SERVER] split answer 👋", "the whole answer", "Read exactly one frame: readNBytes.");
    }

    @Test
    void refuses_an_over_long_message_before_sending_it() {
        console.type("é".repeat(50_000), "short one");
        FramedPeer server = startClient(HEADER);
        server.expect("short one", "The first line is 100000 bytes, over the 99999-byte limit: it should never be "
                + "sent, and the next line should be.", "Refuse an over-long message before sending anything: "
                + "print an error, send nothing, and ask for the next line. Count UTF-8 bytes, not characters.");
        lab.awaitPrinted(console, "99999", "an error that names the 99999-byte limit",
                "Say why the message was not sent, naming the limit (maxMessageBytes).");
    }

    @Test
    void says_exit_prints_the_goodbye_and_ends() {
        console.type("exit");
        FramedPeer server = startClient(HEADER);
        server.expect("exit", "The client should send exit as a frame like any message.", "");
        server.send(ChatProtocol.GOODBYE);
        lab.awaitPrinted(console, "[SERVER] " + ChatProtocol.GOODBYE, "the goodbye", "Print the answer to exit too.");
        lab.awaitFinished(client, "After exit and its answer, the chat is over.", ENDS);
        server.peer().expectClosed("The client should close its connection when it ends.", "try-with-resources.");
    }

    @Test
    void treats_the_end_of_input_as_exit() {
        console.endInput();
        FramedPeer server = startClient(HEADER);
        server.expect("exit", "The console ended (Ctrl-D), so the client should send exit.",
                "readLine() returns null at the end of input: send exit, exactly as if it had been typed.");
        server.send(ChatProtocol.GOODBYE);
        lab.awaitFinished(client, "After the end of input, the chat is over.", ENDS);
    }

    @Test
    void prints_an_ERROR_from_the_server_and_ends_cleanly() {
        FramedPeer server = startChatting();
        server.send("ERROR: you did something wrong");
        server.peer().close();
        lab.awaitPrinted(console, "ERROR: you did something wrong", "the server's error",
                "Print every answer, errors too: the user needs to know why the chat ended.");
        lab.awaitFinished(client, "The server refused the client and closed: the client's run() should return.", ENDS);
    }

    @Test
    void ends_cleanly_when_the_server_closes_the_connection() {
        FramedPeer server = startChatting();
        server.peer().close();
        lab.awaitFinished(client, "The server closed the connection: the client's run() should return normally.",
                "codec.read returns null at a clean end of stream: say the server closed the connection, return.");
    }

    @Test
    void uses_the_header_size_it_is_given() {
        console.type("hello");
        FramedPeer server = startClient(128);
        server.expect("hello", "With --header-size 128 (seed 002), the client's frames have 128-byte headers.",
                "Build the FrameCodec from options.headerSize() and options.maxMessageBytes(); never hard-code 1024.");
        server.send(ChatProtocol.RECEIVED);
        lab.awaitPrinted(console, "[SERVER] " + ChatProtocol.RECEIVED, "the answer, read with a 128-byte header",
                "Read answers with the same header size.");
    }

    @Test
    void a_frame_on_the_wire_is_exactly_header_and_message() {
        console.type("hi");
        FramedPeer server = startClient(HEADER);
        server.expect("hi", "The client should send exactly one frame.", "");
        server.peer().expectNothing(Timeouts.QUIET, "After its frame the client must send nothing else (no line "
                + "break, no padding) until it has the answer.", "Send exactly codec.encode(line), nothing more.");
    }
}
