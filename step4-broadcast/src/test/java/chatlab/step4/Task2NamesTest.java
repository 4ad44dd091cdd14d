package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 4, number = 2, title = "ChatRoom and ClientSession: names and joining")
class Task2NamesTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void the_handshake_texts_are_exact() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.arrive("first client");
        alice.send("Alice");
        alice.expect("Hello Alice, you are now connected!", "The name is free: the greeting, exactly.",
                RoomUnderTest.NAMES);
    }

    @ParameterizedTest(name = "refused name #{index}, then Valid is accepted")
    @ValueSource(strings = {"", "   ", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "Al\u001bice", "SERVER", "server"})
    void an_unacceptable_name_gets_the_reason_and_the_question_again(String name) {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer client = room.arrive("client");
        client.send(name);
        expectRefused(client, name);
        client.send("Valid");
        client.expect(ChatProtocol.hello("Valid"), "After a refused name, an acceptable one should be taken.",
                RoomUnderTest.NAMES);
    }

    @Test
    void a_name_taken_in_another_case_is_refused() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        room.join("Alice");
        FramedPeer other = room.arrive("other client");
        other.send("ALICE");
        expectRefused(other, "ALICE");
        other.send("Alicia");
        other.expect(ChatProtocol.hello("Alicia"), "Alicia is free.", RoomUnderTest.NAMES);
    }

    @Test
    void a_join_is_announced_to_the_others_only() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        room.join("Alice");
        FramedPeer bob = room.join("Bob");
        RoomUnderTest.expectQuiet(bob, "Bob should not be told of his own arrival.", RoomUnderTest.JOIN_NOTICE);
    }

    @Test
    void a_client_still_choosing_a_name_receives_no_chat() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        FramedPeer carol = room.arrive("Carol, still choosing a name");
        alice.send("hello everyone");
        bob.expect("[Alice] hello everyone", "Bob is in the room: he should get Alice's message.", "");
        RoomUnderTest.expectQuiet(carol, "Carol has not chosen a name yet: she is not in the room, and gets no chat.",
                "Only members (clients that chose a name) receive what others say.");
    }

    private static void expectRefused(FramedPeer client, String name) {
        String answer = client.receive("The name " + Bytes.quote(name) + " is not acceptable.", RoomUnderTest.NAMES);
        assertThat(answer)
                .as("The name %s is not acceptable, so the answer should be \"Name not available: <reason>\". %s",
                        Bytes.quote(name), RoomUnderTest.NAMES)
                .startsWith(ChatProtocol.NAME_NOT_AVAILABLE);
        client.expect(ChatProtocol.WELCOME, "After \"Name not available\", the welcome question again.",
                RoomUnderTest.NAMES);
    }
}
