package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 4, number = 3, title = "ChatRoom: broadcast, leave, shut down")
class Task3BroadcastTest {
    private static final String BROADCAST = "A message goes to every other member as \"[<name>] <text>\", and never "
            + "back to the sender: its own terminal already shows what it typed.";
    private static final String LEAVING = "However a member leaves (exit, a close, a reset), the others are told "
            + "\"[SERVER] <name> left the chat.\" exactly once: leave the room in the session's finally block, and "
            + "only announce a member that was really still in the room (remove it, and tell only if it was there).";
    private static final String PROTOCOL_ERROR = "A header that is not a length, or a length over the limit, is a "
            + "protocol error: catch the ProtocolException, send \"ERROR: <reason>\", close that connection (and "
            + "only that one), log it.";
    private static final String LOG = "What a client sends reaches the operator's terminal too: log it through "
            + "ChatProtocol.forLog (sanitized, cut to ChatProtocol.MAX_LOGGED_CHARACTERS characters), never raw.";
    private static final int LONGEST_LOG_LINE = 400;
    private static final String FORMAT = "Deliver each message as ChatProtocol.chatLine(name, text): "
            + "\"[<name>] <text>\", the sender's name in brackets, a space, the text.";
    private static final String ECHO = "Broadcast to every member but the sender (compare the member with the "
            + "sender): its own terminal already shows what it typed.";

    @RegisterExtension
    final Lab lab = new Lab();

    @Order(1)
    @Test
    @Enforces("R15")
    void a_message_reaches_every_other_member() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        FramedPeer carol = room.join("Carol");
        alice.send("hello all");
        bob.expect("[Alice] hello all", "Bob should get Alice's message as \"[Alice] hello all\".", FORMAT);
        carol.expect("[Alice] hello all", "Carol should get Alice's message as \"[Alice] hello all\".", FORMAT);
    }

    @Order(2)
    @Test
    @Enforces("R16")
    void a_message_never_comes_back_to_its_sender() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        alice.send("hello all");
        bob.expect("[Alice] hello all", "Bob should get Alice's message.", BROADCAST);
        // Bob answers only once Alice's message has reached him: had it been queued for Alice too, it
        // would come before Bob's answer.
        RoomUnderTest.expectNextIsFrom(bob, alice, "hello Alice", "Alice should not get her own message back: "
                + "Bob's answer should be the next thing she receives.", ECHO);
    }

    @Order(3)
    @Test
    @Points(3)
    @Enforces("R17")
    void three_senders_with_a_hundred_messages_each_reach_everyone_complete_and_in_order() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        List<FramedPeer> senders = List.of(room.join("Ann"), room.join("Ben"), room.join("Cid"));
        FramedPeer listener = room.join("Dee");
        for (FramedPeer sender : senders) {
            lab.start(sender.peer().who() + " sending", null, () -> {
                for (int i = 0; i < 100; i++) {
                    sender.send("message " + i);
                }
            });
        }
        expectInOrder(listener, senders, 300);
        for (FramedPeer receiver : senders) {
            expectInOrder(receiver, senders.stream().filter(s -> s != receiver).toList(), 200);
        }
    }

    @Order(4)
    @ParameterizedTest(name = "a member that sends {0} gets Goodbye!, and the others are told once")
    @ValueSource(strings = {"exit", " Exit ", "EXIT", "!DISCONNECT!"})
    @Enforces("R19")
    void exit_gets_Goodbye_and_the_others_are_told_once(String word) {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        FramedPeer carol = room.join("Carol");
        bob.send(word);
        bob.expect(ChatProtocol.GOODBYE, "Bob says " + Bytes.quote(word) + ": he should get Goodbye!.",
                "exit is the message stripped, equal to exit ignoring case; !DISCONNECT! too. " + LEAVING);
        bob.peer().expectClosed("After Goodbye! the server closes Bob's connection.", LEAVING);
        alice.expect(Expected.left("Bob"), "Alice should be told that Bob left.", LEAVING);
        room.forget(bob);
        room.awaitSessionEnded(bob, "Bob's session to end");
        RoomUnderTest.expectNextIsFrom(carol, alice, "bye Bob", "Alice has been told once that Bob left; Carol's "
                + "message should come next, not a second leave notice.", LEAVING);
    }

    @Order(5)
    @Test
    @Enforces("R20")
    void a_member_that_vanishes_is_announced_once() {
        memberGoes(client -> client.peer().close(), "closes its connection without exit");
    }

    @Order(6)
    @Test
    @Enforces("R20")
    void a_member_whose_connection_is_reset_is_announced_once() {
        memberGoes(client -> client.peer().reset(), "has its connection reset");
    }

    @Order(7)
    @Test
    @Enforces("R18")
    void unsafe_characters_never_reach_another_member() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        String hostile = "hi \u001b[2J\u001b[31mred\u0007\r\n[SERVER] Bob left the chat. \u202Eevil\u202C "
                + "\u2066iso\u2069 zero\u200Bwidth \uFEFFbom line\u2028sep para\u2029sep [ok] ünï 👋 private\uE000use\uF8FF";
        alice.send(hostile);
        String expected = Expected.chatLine("Alice", Task1ProtocolTest.expectedSafe(hostile));
        String line = bob.receive("Bob should get Alice's message, made safe.", Task1ProtocolTest.SAFE);
        assertThat(line)
                .as("Alice sent %s; Bob received %s, but should have received %s: every control or format character "
                                + "(and U+2028/U+2029) becomes one '?', the rest (private-use characters such as U+E000 and U+F8FF "
                                + "included) stays as it was. %s",
                        Bytes.quote(hostile), Bytes.quote(line), Bytes.quote(expected), Task1ProtocolTest.SAFE)
                .isEqualTo(expected);
    }

    @Order(8)
    @Test
    @Enforces("R22")
    void shutdown_tells_every_client_then_closes_every_connection() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        List<FramedPeer> clients = List.of(room.join("Alice"), room.join("Bob"), room.arrive("Carol, still choosing"));
        lab.start("ChatServer.shutdown()", null, room::shutdown);
        for (FramedPeer client : clients) {
            client.expectAfter(ChatProtocol.SHUTDOWN_NOTICE, line -> line.endsWith(" left the chat."),
                    "The server is shutting down: the " + client.peer().who() + " should be told.",
                    "On shutdown, every connected client, named or not, gets \"[SERVER] Server is shutting down.\"");
            client.peer().expectClosed("Then its connection should be closed.", "");
        }
        lab.awaitFinished(room.running, "After shutdown, the server's run() should return.",
                "Every session's threads must end: the outbox's writer too, once it has sent the notice.");
    }

    @Order(9)
    @Test
    @Enforces("R23")
    void a_frame_over_the_limit_gets_an_error_and_only_that_connection_is_closed() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        FramedPeer liar = room.join("Liar");
        byte[] header = String.format("%-" + RoomUnderTest.HEADER + "s", "70000").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        liar.peer().send(header);
        liar.expectErrorAndClose("Liar's header says 70000 bytes, over the limit of 65536: a protocol error.",
                PROTOCOL_ERROR);
        alice.expect(Expected.left("Liar"), "Liar was disconnected: Alice should be told that it left.",
                "A member disconnected for a protocol error has left the room like any other.");
        bob.expect(Expected.left("Liar"), "Liar was disconnected: Bob should be told that it left.",
                "A member disconnected for a protocol error has left the room like any other.");
        RoomUnderTest.expectNextIsFrom(alice, bob, "still here", "The server keeps serving the others.", PROTOCOL_ERROR);
    }

    @Order(10)
    @Test
    @Enforces("R23")
    void a_bad_header_before_a_name_gets_an_error_too() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer liar = room.arrive("client still choosing a name");
        byte[] header = String.format("%-" + RoomUnderTest.HEADER + "s", "abc").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        liar.peer().send(header);
        liar.expectErrorAndClose("Before choosing a name, the client sent a header that is not a length: a protocol error "
                + "all the same.", PROTOCOL_ERROR);
        FramedPeer bob = room.join("Bob");
        RoomUnderTest.expectNextIsFrom(bob, alice, "still here", "The server keeps serving the others.", PROTOCOL_ERROR);
    }

    @Order(11)
    @Test
    @Enforces("R24")
    void the_server_logs_client_text_sanitized_and_cut_short() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        // A name is client text too, even a refused one.
        FramedPeer mallory = room.arrive("client sending a hostile name");
        String hostileName = "\u001b[2J\u001b[31mEVIL\u202E" + "y".repeat(3000);
        mallory.send(hostileName);
        Task2NamesTest.expectRefused(mallory, hostileName, "it is far too long and full of unsafe characters");
        mallory.send("exit");
        mallory.expect(ChatProtocol.GOODBYE, "The client leaves before choosing a name.", "");
        room.awaitSessionEnded(mallory, "that client's session to end");
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        String flood = "\u001b[2J\u001b[31mLOUD\u202E\u2028" + "x".repeat(5000);
        alice.send("short and sweet");
        bob.expect(Expected.chatLine("Alice", "short and sweet"), "Bob should get Alice's message.", BROADCAST);
        alice.send(flood);
        bob.receive("Bob should get Alice's (long) message.", BROADCAST);
        alice.send("exit");
        alice.expect(ChatProtocol.GOODBYE, "Alice says exit.", LEAVING);
        room.awaitSessionEnded(alice, "Alice's session to end, so that all it logged is on the console");
        for (String line : room.console.printedLines()) {
            int unsafe = line.codePoints().filter(c -> !Task1ProtocolTest.expectedSafe(Character.toString(c)).equals(
                    Character.toString(c))).findFirst().orElse(-1);
            if (unsafe >= 0) {
                throw new AssertionError("The server's log has a line with the unsafe character U+"
                        + String.format(Locale.ROOT, "%04X", unsafe) + " that a client sent: " + Bytes.quote(shorten(line))
                        + "\nIt would recolour, clear or reorder the operator's terminal. " + LOG);
            }
            if (line.codePointCount(0, line.length()) > LONGEST_LOG_LINE) {
                throw new AssertionError("The server's log has a line of " + line.codePointCount(0, line.length())
                        + " characters (the clients sent " + hostileName.length() + " and " + flood.length() + "): "
                        + Bytes.quote(shorten(line))
                        + "\nA client must not flood the operator's terminal: log at most about "
                        + ChatProtocol.MAX_LOGGED_CHARACTERS + " characters of what it sent. " + LOG);
            }
        }
        List<String> lines = room.console.printedLines();
        if (lines.stream().noneMatch(line -> line.contains("[Alice] short and sweet"))) {
            throw new AssertionError("Alice sent \"short and sweet\" and Bob got it, but no line of the server's log "
                    + "says who sent it: " + lines.stream().filter(line -> line.contains("short and sweet")).findFirst()
                            .map(line -> "the line " + Bytes.quote(line) + " has the text, not \"[Alice] short and "
                                    + "sweet\"").orElse("no line has the text at all")
                    + ". Log each message a member sends, in one line (\"[Alice] short and sweet\"). " + LOG);
        }
        if (lines.stream().noneMatch(line -> line.contains("LOUD") && line.contains("x".repeat(20)))) {
            throw new AssertionError("Alice sent a message of " + flood.length() + " characters (\"LOUD\" and 5000 "
                    + "x's) and Bob got it, but no log line holds its start: cut a long text in the log, do not drop "
                    + "it. " + LOG);
        }
    }

    @Order(12)
    @Test
    @Enforces("R15")
    void a_message_of_the_largest_size_from_the_longest_name_arrives_whole() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        // 32 characters of 4 bytes each: the longest prefix "[name] " a relayed line can have.
        String longest = "\uD83D\uDE42".repeat(ChatProtocol.MAX_NAME_LENGTH);
        FramedPeer sender = room.join(longest);
        FramedPeer receiver = room.join("Bob");
        String text = "y".repeat(chatlab.common.ChatOptions.DEFAULT_MAX_MESSAGE_BYTES);
        sender.send(text);
        receiver.expect(Expected.chatLine(longest, text), "A member with a name of 32 four-byte characters sends a "
                + "message of exactly the limit (" + text.length() + " bytes); Bob should get it whole.",
                "Every message a member may send must be deliverable: the frames the server sends may be longer than "
                        + "what it receives by the longest \"[name] \" prefix (ChatProtocol.maxLineBytes), so frame "
                        + "what goes out with that limit, not with --max-message-bytes.");
    }

    @Order(13)
    @Test
    @Enforces("R20")
    void a_member_that_half_closes_is_announced_once_and_disconnected() {
        memberGoes(client -> {
            try {
                client.peer().socket().shutdownOutput();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // Bob still reads: a server that is done with him closes his connection.
            client.peer().expectClosed("Bob closed his sending side: the server should end his session and close "
                    + "his connection.", "When a member's session ends, however it ended, close its connection (the "
                    + "outbox closes it once it has sent what was queued: wake its writer thread).");
        }, "closes its sending side (a half-close: it can still read)");
    }

    private static String shorten(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "... (" + line.length() + " characters)" : line;
    }

    private void memberGoes(Consumer<FramedPeer> leave, String how) {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        FramedPeer carol = room.join("Carol");
        leave.accept(bob);
        alice.expect(Expected.left("Bob"), "Bob " + how + ": Alice should be told that he left.", LEAVING);
        carol.expect(Expected.left("Bob"), "Bob " + how + ": Carol should be told that he left.", LEAVING);
        room.forget(bob);
        room.awaitSessionEnded(bob, "Bob's session to end");
        RoomUnderTest.expectNextIsFrom(carol, alice, "Bob is gone", "Alice has been told once that Bob left; Carol's "
                + "message should come next, not a second leave notice.", LEAVING);
        FramedPeer newBob = room.join("Bob");
        RoomUnderTest.expectNextIsFrom(alice, newBob, "welcome back", "The name Bob is free again, and the new Bob "
                + "is not told that the old one left: Alice's message should be the first thing after his greeting.",
                LEAVING);
    }

    /** Reads {@code count} chat lines and checks each sender's messages arrived complete and in order. */
    private static void expectInOrder(FramedPeer receiver, List<FramedPeer> senders, int count) {
        Map<String, Integer> next = new HashMap<>();
        senders.forEach(sender -> next.put(sender.peer().who(), 0));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = receiver.receive(receiver.peer().who() + " should receive " + count + " chat lines; it has "
                    + i + " so far.", BROADCAST);
            seen.add(line);
            String sender = line.startsWith("[") && line.contains("] ") ? line.substring(1, line.indexOf("] ")) : "";
            Integer expected = next.get(sender);
            assertThat(expected)
                    .as("%s received %s, which is not a message from %s.", receiver.peer().who(), Bytes.quote(line),
                            next.keySet())
                    .isNotNull();
            assertThat(line)
                    .as("%s received %s from %s, but that sender's next message is \"message %s\": messages from one "
                            + "sender must arrive complete and in the order sent.", receiver.peer().who(),
                            Bytes.quote(line), sender, expected)
                    .isEqualTo(Expected.chatLine(sender, "message " + expected));
            next.put(sender, expected + 1);
        }
    }
}
