package chatlab.step2;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.common.ChatOptions;
import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.FakeServer;
import chatlab.grading.FramedBytes;
import chatlab.grading.Frames;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.RoundTrips;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.util.Arrays;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 2, number = 4, title = "ChatClient: frames both ways")
class Task4ClientTest {
    private static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    private static final String PROMPT = "Enter message to send to server: ";
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

    @Enforces({"R27"})
    @Order(1)
    @Test
    void frames_each_typed_line_and_prints_what_it_sent_and_what_the_server_said() {
        FramedPeer server = startChatting();
        lab.awaitPrinted(console, PROMPT, "the prompt", "Prompt like seed 000: print \""
                + PROMPT + "\" before reading each line.");
        console.type("héllo 👋 世界");
        lab.awaitPrinted(console, "[SENT] hello", "what it sent", "Print \"[SENT] <message>\" once it is sent.");
        server.send(ChatProtocol.RECEIVED);
        lab.awaitPrinted(console, "[SERVER] " + ChatProtocol.RECEIVED, "the server's answer",
                "Read the answer frame with codec.read and print \"[SERVER] <answer>\".");
        server.expect("héllo 👋 世界", "The next line should go as the next frame, in UTF-8.", "");
    }

    @Enforces({"R28"})
    @Order(2)
    @Test
    void does_not_send_a_blank_line() {
        console.type("", "   ", "hello");
        FramedPeer server = startClient(HEADER);
        server.expect("hello", "The user pressed Enter on an empty line, then on a line of spaces, then typed hello: "
                + "only hello should be sent.", "A blank line is not a message: if line.isBlank(), send nothing and "
                + "ask for the next line.");
    }

    @Enforces({"R7"})
    @Order(3)
    @Test
    void reads_an_answer_split_across_writes() {
        FramedPeer server = startChatting();
        console.type("again");
        byte[] answer = Frames.encode("split answer 👋", HEADER);
        server.peer().send(Arrays.copyOf(answer, 700));
        // A quiet window: a client that went on before the whole answer arrived sends the same next frame as one
        // that waited, so no later message can tell them apart; only silence now can.
        Peer.Reading early = server.peer().listen(Timeouts.QUIET);
        if (early.data().length > 0 || early.ending() != Peer.Ending.TIMED_OUT) {
            throw new AssertionError("Only 700 bytes of the answer's header have arrived: the client must wait for the "
                    + "rest, not send its next message.\n  expected: nothing for " + Timeouts.describe(Timeouts.QUIET)
                    + ", the connection still open\n  received: " + (early.data().length == 0 ? "nothing"
                    : FramedBytes.describe(early.data(), HEADER)) + (early.ending() == Peer.Ending.TIMED_OUT ? ""
                    : ", then the connection ended") + "\nOne read() is not one frame: read exactly headerSize bytes, "
                    + "then exactly length bytes (readNBytes).");
        }
        server.peer().send(Arrays.copyOfRange(answer, 700, answer.length));
        lab.awaitPrinted(console, "[SERVER] split answer 👋", "the whole answer", "Read exactly one frame: readNBytes.");
    }

    @Enforces({"R29"})
    @Order(4)
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

    @Enforces({"R31"})
    @Order(5)
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

    @Enforces({"R30"})
    @Order(6)
    @Test
    void treats_the_end_of_input_as_exit() {
        console.endInput();
        FramedPeer server = startClient(HEADER);
        server.expect("exit", "The console ended (Ctrl-D), so the client should send exit.",
                "readLine() returns null at the end of input: send exit, exactly as if it had been typed.");
        server.send(ChatProtocol.GOODBYE);
        lab.awaitFinished(client, "After the end of input, the chat is over.", ENDS);
    }

    @Enforces({"R32"})
    @Order(7)
    @Test
    void prints_an_ERROR_from_the_server_and_ends_cleanly() {
        FramedPeer server = startChatting();
        server.send("ERROR: you did something wrong");
        server.peer().close();
        lab.awaitPrinted(console, "ERROR: you did something wrong", "the server's error",
                "Print every answer, errors too: the user needs to know why the chat ended.");
        lab.awaitFinished(client, "The server refused the client and closed: the client's run() should return.", ENDS);
    }

    @Enforces({"R32"})
    @Order(8)
    @Test
    void ends_cleanly_on_an_answer_whose_header_lies() {
        FramedPeer server = startChatting();
        server.peer().send(Frames.header("99999999", HEADER));
        lab.awaitFinished(client, "The server's answer has a header saying 99999999 bytes, over the client's limit of "
                + "99999: a protocol error. The client should say so and end; run() returns normally.",
                "Never trust the header, on the client's side too: codec.read throws a ProtocolException (an "
                        + "IOException) before allocating or waiting for the body; catch it, print why, and return.");
    }

    @Enforces({"R32"})
    @Order(9)
    @ParameterizedTest(name = "the server {0}")
    @ValueSource(strings = {"closes between frames", "closes inside its answer", "resets the connection"})
    void ends_cleanly_when_the_server_closes_the_connection(String how) {
        FramedPeer server = startChatting();
        String hint;
        if (how.equals("closes between frames")) {
            server.peer().close();
            hint = "codec.read returns null at a clean end of stream: say the server closed the connection, return.";
        } else if (how.equals("closes inside its answer")) {
            byte[] answer = Frames.encode(ChatProtocol.RECEIVED, HEADER);
            server.peer().send(Arrays.copyOf(answer, HEADER + 7));
            server.peer().close();
            hint = "The server sent a header saying " + Bytes.utf8(ChatProtocol.RECEIVED).length + " bytes and 7 of "
                    + "them, then closed: codec.read throws an EOFException. Catch every IOException in the chat (an "
                    + "EOFException, a reset), not only a ProtocolException: print that the connection was lost and "
                    + "return; never let it escape run(), whose caller would report a failure and exit with status 1.";
        } else {
            server.peer().reset();
            hint = "A reset (the server was killed) makes codec.read throw a SocketException (an IOException). Catch "
                    + "every IOException in the chat, not only a ProtocolException: print that the connection was "
                    + "lost and return; never let it escape run(), whose caller would report a failure and exit with "
                    + "status 1.";
        }
        lab.awaitFinished(client, "The server " + how + ": the client's run() should return normally.", hint);
    }

    @Enforces({"R1"})
    @Order(10)
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

    @Enforces({"R6"})
    @Order(11)
    @Test
    void a_frame_on_the_wire_is_exactly_header_and_message() {
        console.type("hi", "next");
        FramedPeer server = startClient(HEADER);
        server.expect("hi", "The client should send exactly one frame.", "");
        server.send(ChatProtocol.RECEIVED);
        // A sentinel: the next frame must follow at once, so any byte sent after the first frame shows in it.
        server.expect("next", "After its frame the client must send nothing else (no line break, no padding): the "
                + "next bytes on the wire are the next frame.", "Send exactly codec.encode(line), nothing more.");
    }

    @Enforces({"R31"})
    @Order(12)
    @ParameterizedTest(name = "the user types {0}")
    @ValueSource(strings = {"  ExIt  ", "EXIT", "!DISCONNECT!", " !DISCONNECT!\t"})
    void ends_after_exit_in_any_form_or_DISCONNECT_is_answered(String typed) {
        console.type(typed);
        FramedPeer server = startClient(HEADER);
        String sent = server.receive("The client should send " + Bytes.quote(typed) + " as a frame.", "");
        boolean same = sent.strip().equalsIgnoreCase(ChatProtocol.EXIT) || sent.strip().equals(ChatProtocol.DISCONNECT);
        assertThat(same).as("The user typed %s; the client sent %s.", Bytes.quote(typed), Bytes.quote(sent)).isTrue();
        server.send(ChatProtocol.GOODBYE);
        // The server closes after Goodbye!, as a real one does: a client may end on its own line or on the close.
        server.peer().close();
        lab.awaitPrinted(console, "[SERVER] " + ChatProtocol.GOODBYE, "the goodbye", "Print the answer to exit too.");
        lab.awaitFinished(client, "The user typed " + Bytes.quote(typed) + " and the server said Goodbye! and closed: "
                + "the chat is over, without another line from the user.", "exit counts in any case, once the "
                + "whitespace around it is stripped; !DISCONNECT! counts exactly, once stripped. Check the typed line "
                + "with ChatProtocol.endsChat, and end once its answer is printed.");
    }

    @Enforces({"R31"})
    @Order(14)
    @Test
    void ends_after_exit_whatever_the_server_answers() {
        console.type("exit");
        FramedPeer server = startClient(HEADER);
        String hint = "The chat is over when the user's own line ends it: check the typed line with "
                + "ChatProtocol.endsChat(line), not the server's answer (answer.equals(\"Goodbye!\")).";
        server.expect("exit", "The client should send exit as a frame like any message.", "");
        server.send(ChatProtocol.RECEIVED);
        lab.awaitPrinted(console, "[SERVER] " + ChatProtocol.RECEIVED, "the answer to exit",
                "Print the answer to exit, whatever it is.");
        lab.awaitFinished(client, "The user typed exit and the server answered \"" + ChatProtocol.RECEIVED
                + "\" (and kept the connection open): the user's exit has been answered, so the chat is over.", hint);
        server.peer().expectClosed("The client should close its connection when it ends.", "try-with-resources.");
    }

    @Enforces({"R5"})
    @Order(13)
    @Test
    void sends_each_frame_without_waiting_on_Nagle() {
        String[] lines = new String[RoundTrips.COUNT + 1];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "message " + i;
        }
        console.type(lines);
        FramedPeer server = startClient(HEADER);
        String hint = "Each frame is a header and a body: write them in one write() (codec.encode gives both in one "
                + "array), or call setTcpNoDelay(true) on the socket. Two small writes followed by a read stall about "
                + "40 ms: Nagle's algorithm holds the second write until the first is acknowledged, and the server "
                + "delays that acknowledgement.";
        server.expect(lines[0], "The client should send the first typed line.", hint);
        RoundTrips times = new RoundTrips();
        for (int i = 1; i < lines.length; i++) {
            long start = System.nanoTime();
            server.send(ChatProtocol.RECEIVED);
            server.expect(lines[i], "The client should send the next typed line once it has the answer.", hint);
            times.endedNow(start);
        }
        times.expectFast("The client's frames should go out at once: one write per frame.", hint);
    }
}
