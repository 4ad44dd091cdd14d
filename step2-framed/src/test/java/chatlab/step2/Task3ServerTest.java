package chatlab.step2;

import chatlab.common.ChatOptions;
import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Frames;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import chatlab.grading.Trickle;
import java.net.SocketException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 2, number = 3, title = "ChatProtocol and ChatServer: client after client")
class Task3ServerTest {
    private static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    private static final int MAX = ChatOptions.DEFAULT_MAX_MESSAGE_BYTES;
    private static final String KEEP_SERVING = "A client that breaks the protocol is that client's problem: send it the "
            + "frame \"ERROR: <reason>\", close its connection, log one line, and keep serving the next client. "
            + "Never trust the length field: check it before reading or allocating the body.";
    private static final String NEXT_CLIENT = "The step 2 server serves client after client: run() loops over accept() "
            + "forever, and nothing one client does (leaving, vanishing, breaking the protocol) ends that loop.";

    @RegisterExtension
    final Lab lab = new Lab();

    private final ScriptedConsole log = lab.console("server log");
    private Running server;
    private int port;

    private FramedPeer startServerAndConnect(int headerSize) {
        ChatServer chatServer = new ChatServer(new ChatOptions("127.0.0.1", 0, headerSize, MAX), log.output());
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

    @ParameterizedTest(name = "endsChat({0}) is true")
    @ValueSource(strings = {"exit", "EXIT", "  Exit\t", "!DISCONNECT!", " !DISCONNECT! "})
    void exit_in_any_case_and_DISCONNECT_end_the_chat(String message) {
        assertThat(ChatProtocol.endsChat(message))
                .as("ChatProtocol.endsChat(%s) returned false. exit counts in any case with whitespace around it; "
                        + "seed 002's clients say !DISCONNECT! instead.", Bytes.quote(message))
                .isTrue();
        assertThat(ChatProtocol.answerTo(message)).as("ChatProtocol.answerTo(%s)", Bytes.quote(message))
                .isEqualTo(ChatProtocol.GOODBYE);
    }

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

    @Test
    void answers_every_message_with_the_receipt_in_a_frame() {
        FramedPeer client = startServerAndConnect();
        for (String message : new String[] {"hello", "héllo 👋 世界", "", "exit now"}) {
            client.send(message);
            client.expect(ChatProtocol.RECEIVED, "The server should answer " + Bytes.quote(message)
                    + " with the receipt, framed.", "Answer every message with a frame: codec.encode(answer), one write.");
        }
    }

    @ParameterizedTest(name = "client sends {0}")
    @ValueSource(strings = {"exit", " EXIT ", "!DISCONNECT!"})
    void answers_exit_or_DISCONNECT_with_Goodbye_and_closes_the_connection(String exit) {
        FramedPeer client = startServerAndConnect();
        client.send(exit);
        client.expect(ChatProtocol.GOODBYE, "The server should answer " + Bytes.quote(exit) + " with Goodbye!.",
                "Check each message with ChatProtocol.endsChat; seed 002's clients say !DISCONNECT!.");
        client.peer().expectClosed("After Goodbye! the server should close this connection.",
                "Close the client's socket (try-with-resources) and go back to accept().");
    }

    @Test
    void reads_a_header_that_arrives_one_byte_per_write() throws SocketException {
        FramedPeer client = startServerAndConnect();
        client.peer().socket().setTcpNoDelay(true);
        byte[] frame = Frames.encode("hello", HEADER);
        for (int i = 0; i < 16; i++) {
            client.peer().send(new byte[] {frame[i]});
        }
        client.peer().expectNothing(Timeouts.QUIET, "Only 16 of the 1024 header bytes have arrived: the server must "
                + "wait for the rest.", "One read() is not one header: read exactly headerSize bytes (readNBytes).");
        client.peer().send(Arrays.copyOfRange(frame, 16, frame.length));
        client.expect(ChatProtocol.RECEIVED, "Once the whole frame has arrived, the server should answer it.",
                "One read() is not one header: read exactly headerSize bytes (readNBytes).");
    }

    @Test
    void reads_a_body_split_across_writes_even_inside_a_character() {
        FramedPeer client = startServerAndConnect();
        byte[] frame = Frames.encode("héllo 👋", HEADER);
        int split = HEADER + Bytes.utf8("héllo ").length + 2;
        client.peer().send(Arrays.copyOf(frame, split));
        client.peer().expectNothing(Timeouts.QUIET, "Only part of the message has arrived (up to the middle of 👋): "
                + "the server must wait for the rest.", "Read exactly length bytes of body before decoding them.");
        client.peer().send(Arrays.copyOfRange(frame, split, frame.length));
        client.expect(ChatProtocol.RECEIVED, "Once the whole message has arrived, the server should answer it.", "");
    }

    @Test
    void answers_two_frames_that_arrive_in_one_write_in_order() {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Trickle.concat(Frames.encode("hello", HEADER), Frames.encode("exit", HEADER)));
        client.expect(ChatProtocol.RECEIVED, "Two frames arrived in one write; the first, \"hello\", gets the receipt.",
                "One read() may hold two frames: read exactly one frame at a time, and keep the rest for the next.");
        client.expect(ChatProtocol.GOODBYE, "The second frame, \"exit\", gets Goodbye!.",
                "One read() may hold two frames: read exactly one frame at a time, and keep the rest for the next.");
    }

    @Test
    void accepts_a_message_of_exactly_the_maximum_size() {
        FramedPeer client = startServerAndConnect();
        client.send("x".repeat(MAX));
        client.expect(ChatProtocol.RECEIVED, "A message of exactly 65536 bytes is within the limit.",
                "The limit is included: refuse only lengths over maxMessageBytes.");
    }

    @ParameterizedTest(name = "header {0}")
    @ValueSource(strings = {"abc", "-5", "", "12x", "65537", "99999999999999999999"})
    void refuses_a_bad_header_with_an_ERROR_frame_and_keeps_serving(String header) {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Frames.header(header, HEADER));
        client.expectErrorAndClose("The header " + Bytes.quote(header) + " is not a length from 0 to 65536: the "
                + "server should answer \"ERROR: <reason>\" and close the connection.", KEEP_SERVING);
        expectNextClientServed();
    }

    @Test
    void refuses_a_message_that_is_not_UTF_8_and_keeps_serving() {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Trickle.concat(Frames.header("3", HEADER), new byte[] {(byte) 0xC3, (byte) 0x28, 'x'}));
        client.expectErrorAndClose("The message \"\\xc3(x\" is not valid UTF-8: the server should answer "
                + "\"ERROR: <reason>\" and close the connection.", KEEP_SERVING);
        expectNextClientServed();
    }

    @Test
    void logs_a_connection_closed_inside_a_header_as_truncated_and_keeps_serving() {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Arrays.copyOf(Frames.header("5", HEADER), 10));
        client.peer().close();
        expectTruncatedLogged();
        expectNextClientServed();
    }

    @Test
    void logs_a_connection_closed_inside_a_message_as_truncated_and_keeps_serving() {
        FramedPeer client = startServerAndConnect();
        client.peer().send(Trickle.concat(Frames.header("10", HEADER), Bytes.utf8("abc")));
        client.peer().close();
        expectTruncatedLogged();
        expectNextClientServed();
    }

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

    @Test
    void uses_the_header_size_it_is_given() {
        FramedPeer client = startServerAndConnect(128);
        client.send("hello");
        client.expect(ChatProtocol.RECEIVED, "With --header-size 128 (seed 002), frames have 128-byte headers both ways.",
                "Build the FrameCodec from options.headerSize() and options.maxMessageBytes(); never hard-code 1024.");
        client.send("!DISCONNECT!");
        client.expect(ChatProtocol.GOODBYE, "Seed 002's client says !DISCONNECT! with a 128-byte header.", "");
    }

    private void expectTruncatedLogged() {
        lab.await("the server to log the cut-off frame as truncated",
                () -> log.printed().toLowerCase(java.util.Locale.ROOT).contains("truncated"),
                "The connection closed in the middle of a frame: log it as a truncated message (a line with "
                        + "\"truncated\"), not as a normal goodbye, and go on to the next client.");
    }

    private void expectNextClientServed() {
        lab.expectRunning(server, "The server should still be running, ready for the next client. " + NEXT_CLIENT);
        FramedPeer next = connect("next client", HEADER);
        next.send("anyone there?");
        next.expect(ChatProtocol.RECEIVED, "The next client should be served as usual.", NEXT_CLIENT);
        next.send("exit");
        next.expect(ChatProtocol.GOODBYE, "The next client says exit and gets Goodbye!.", NEXT_CLIENT);
    }
}
