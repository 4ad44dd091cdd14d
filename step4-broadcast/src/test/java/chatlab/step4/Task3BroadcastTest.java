package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Running;
import chatlab.grading.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 4, number = 3, title = "ChatRoom: broadcast, leave, shut down")
class Task3BroadcastTest {
    private static final String BROADCAST = "A message goes to every other member as \"[<name>] <text>\", and never "
            + "back to the sender: its own terminal already shows what it typed.";
    private static final String LEAVING = "However a member leaves (exit, a close, a reset), the others are told "
            + "\"[SERVER] <name> left the chat.\": leave the room in the session's finally block.";

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void a_message_reaches_every_other_member_and_never_the_sender() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        FramedPeer carol = room.join("Carol");
        alice.send("hello all");
        bob.expect("[Alice] hello all", "Bob should get Alice's message.", BROADCAST);
        carol.expect("[Alice] hello all", "Carol should get Alice's message.", BROADCAST);
        RoomUnderTest.expectQuiet(alice, "Alice should not get her own message back.", BROADCAST);
    }

    @Test
    @Points(3)
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

    @Test
    void exit_gets_Goodbye_and_the_others_are_told() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        bob.send("exit");
        bob.expect(ChatProtocol.GOODBYE, "Bob says exit: he should get Goodbye!.", LEAVING);
        bob.peer().expectClosed("After Goodbye! the server closes Bob's connection.", LEAVING);
        alice.expect(ChatProtocol.left("Bob"), "Alice should be told that Bob left.", LEAVING);
    }

    @Test
    void a_member_that_vanishes_is_announced_as_gone() {
        memberGoes(client -> client.peer().close(), "closes its connection without exit");
    }

    @Test
    void a_member_whose_connection_is_reset_is_announced_as_gone() {
        memberGoes(client -> client.peer().reset(), "has its connection reset");
    }

    @Test
    void control_characters_never_reach_another_member() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        String hostile = "hi \u001b[2J\u001b[31mred\u0007\r\n[SERVER] Bob left the chat.";
        alice.send(hostile);
        String line = bob.receive("Bob should get Alice's message, made safe.", "");
        assertThat(line.codePoints().noneMatch(Character::isISOControl))
                .as("Alice sent %s; Bob received %s, control characters and all: they would clear his screen and "
                        + "forge a line. Sanitize what members send (ChatProtocol.sanitize) before it reaches "
                        + "anyone else.", Bytes.quote(hostile), Bytes.quote(line))
                .isTrue();
        assertThat(line).as("Bob's line").startsWith("[Alice] hi ").contains("red", "Bob left the chat.");
    }

    @Test
    void shutdown_tells_every_client_then_closes_every_connection() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        List<FramedPeer> clients = List.of(room.join("Alice"), room.join("Bob"), room.arrive("Carol, still choosing"));
        lab.start("ChatServer.shutdown()", null, room.server::shutdown);
        for (FramedPeer client : clients) {
            client.expectAfter(ChatProtocol.SHUTDOWN_NOTICE, line -> line.endsWith(" left the chat."),
                    "The server is shutting down: the " + client.peer().who() + " should be told.",
                    "On shutdown, every connected client, named or not, gets \"[SERVER] Server is shutting down.\"");
            client.peer().expectClosed("Then its connection should be closed.", "");
        }
    }

    private void memberGoes(Consumer<FramedPeer> leave, String how) {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        FramedPeer carol = room.join("Carol");
        leave.accept(bob);
        alice.expect(ChatProtocol.left("Bob"), "Bob " + how + ": Alice should be told that he left.", LEAVING);
        carol.expect(ChatProtocol.left("Bob"), "Bob " + how + ": Carol should be told that he left.", LEAVING);
        room.forget(bob);
        FramedPeer newBob = room.join("Bob");
        RoomUnderTest.expectQuiet(newBob, "The name Bob is free again, and the new Bob is greeted alone.", LEAVING);
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
                    .as("%s received %s from %s, but that sender's next message is \"message %d\": messages from one "
                            + "sender must arrive complete and in the order sent.", receiver.peer().who(),
                            Bytes.quote(line), sender, expected)
                    .isEqualTo(ChatProtocol.chatLine(sender, "message " + expected));
            next.put(sender, expected + 1);
        }
    }
}
