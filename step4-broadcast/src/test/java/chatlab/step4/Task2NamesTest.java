package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Lockstep;
import chatlab.grading.Points;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 4, number = 2, title = "ChatRoom and ClientSession: names and joining")
class Task2NamesTest {
    private static final String NO_NAME_LEAVE = "exit or !DISCONNECT! sent instead of a name is a leave: answer "
            + "Goodbye!, close, and announce nothing (the client never joined, so nobody is told it left).";
    private static final String DEADLINE = "A connection that has not chosen an acceptable name within the name "
            + "timeout (counted from connecting, not from its last message) is told why in one frame, then closed. "
            + "For example: a deadline taken when the session starts, and socket.setSoTimeout(time left) before "
            + "each read while choosing the name; catch SocketTimeoutException. Once the name is accepted, "
            + "setSoTimeout(0): a member may stay quiet as long as it likes.";
    private static final int CLAIMANTS = 20;

    @RegisterExtension
    final Lab lab = new Lab();

    @Order(1)
    @Test
    @Enforces({"R1", "R10"})
    void the_handshake_texts_are_exact() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = lab.connect("first client", room.port).framed(RoomUnderTest.HEADER);
        alice.expect(ChatProtocol.WELCOME, "On connecting, the first frame should be the welcome question.",
                "The welcome question, exactly, as the session's very first frame (before reading anything).");
        alice.send("Alice");
        alice.expect("Hello Alice, you are now connected!", "The name is free: the greeting, exactly.",
                RoomUnderTest.NAMES);
    }

    @Order(2)
    @Test
    @Enforces("R2")
    void the_name_is_stripped_of_surrounding_whitespace() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer bob = room.join("Bob");
        FramedPeer alice = room.arrive("Alice");
        alice.send(" \t Alice  ");
        alice.expect(Expected.hello("Alice"), "The name \" \\t Alice  \" is Alice once stripped: the greeting "
                + "should say Hello Alice.", "Strip the first frame (String.strip()) before checking and using it.");
        bob.expect(Expected.joined("Alice"), "Bob should be told that Alice (stripped) joined.",
                "Use the stripped name everywhere: in the greeting, the notices and the chat lines.");
        RoomUnderTest.expectNextIsFrom(alice, bob, "hi", "Alice's messages should carry her stripped name.",
                "Use the stripped name everywhere: in the greeting, the notices and the chat lines.");
    }

    @Order(3)
    @ParameterizedTest(name = "an acceptable name is accepted on the wire, #{index}")
    @ValueSource(strings = {"Zoë", "名前", "Jean Luc", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"})
    @Enforces({"R3", "R10"})
    void a_name_of_up_to_32_code_points_is_accepted(String name) {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer client = room.arrive("client");
        client.send(name);
        client.expect(Expected.hello(name), "The name " + Bytes.quote(name) + " has "
                + name.codePointCount(0, name.length()) + " characters (code points; " + name.length()
                + " UTF-16 units, " + Bytes.utf8(name).length + " bytes): it is acceptable.",
                "Count a name's characters with codePointCount, not length() or bytes. " + RoomUnderTest.NAMES);
    }

    @Order(4)
    @ParameterizedTest(name = "a name of the wrong length is refused on the wire, #{index}")
    @ValueSource(strings = {"", "   ", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"})
    @Enforces({"R3", "R8"})
    void an_empty_or_too_long_name_is_refused_then_another_is_accepted(String name) {
        refusedThenValid(name, "it has " + name.strip().codePointCount(0, name.strip().length())
                + " characters (code points) once stripped; a name has 1 to 32 of them");
    }

    @Order(5)
    @ParameterizedTest(name = "a name with an unsafe character is refused on the wire, #{index}")
    @ValueSource(strings = {"Al\u001bice", "Bo\nb", "evil\u202Eecila", "iso\u2066late\u2069", "zero\u200Bwidth",
            "\uFEFFbom", "SERVER\u200B", "line\u2028sep", "para\u2029sep", "Alice\uDB40\uDC01", "SERVER\uDB40\uDC20"})
    @Enforces({"R4", "R8"})
    void a_name_with_a_control_or_format_character_is_refused(String name) {
        refusedThenValid(name, "it contains an unsafe character (Cc, Cf, U+2028 or U+2029)"
                + Task1ProtocolTest.OUTSIDE_THE_BMP);
    }

    @Order(6)
    @ParameterizedTest(name = "a name with brackets or nothing visible is refused on the wire, #{index}")
    @ValueSource(strings = {"SERVER] alice", "[admin]", "\u00A0\u2007"})
    @Enforces({"R5", "R8"})
    void a_name_with_brackets_or_nothing_visible_is_refused(String name) {
        refusedThenValid(name, "it contains [ or ] (it could forge \"[SERVER] ...\" lines), or no visible character at all");
    }

    @Order(7)
    @ParameterizedTest(name = "SERVER in another form is refused on the wire, #{index}")
    @ValueSource(strings = {"SERVER", "server", "Server", " SERVER ", "ＳＥＲＶＥＲ"})
    @Enforces({"R6", "R8"})
    void SERVER_in_any_case_or_width_is_refused(String name) {
        refusedThenValid(name, "it reads as SERVER (compared after NFKC normalization and case folding)");
    }

    @Order(8)
    @Test
    @Enforces({"R7", "R8"})
    void a_name_taken_in_another_case_or_width_is_refused_and_is_free_again_after_its_owner_left() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("alice");
        FramedPeer other = room.arrive("other client");
        for (String same : List.of("ALICE", "Alice", "Ａｌｉｃｅ")) {
            other.send(same);
            expectRefused(other, same, "alice is in the room, and " + Bytes.quote(same) + " is the same name after "
                    + "NFKC normalization and case folding: keep members by ChatProtocol.key(name)");
        }
        other.send("Alicia");
        other.expect(Expected.hello("Alicia"), "Alicia is free.", RoomUnderTest.NAMES);
        alice.expect(Expected.joined("Alicia"), "alice should be told that Alicia joined.", RoomUnderTest.JOIN_NOTICE);
        alice.send("exit");
        alice.expect(ChatProtocol.GOODBYE, "alice says exit.", "");
        room.forget(alice);
        room.awaitSessionEnded(alice, "alice's session to end");
        FramedPeer third = room.arrive("third client");
        third.send("ALICE");
        third.expect(Expected.hello("ALICE"), "alice has left: her name is free again, in any case.",
                "Take a member out of the room (by its key) when it leaves.");
    }

    @Order(9)
    @Test
    @Points(2)
    @Enforces("R9")
    void of_twenty_clients_claiming_one_name_at_the_same_instant_exactly_one_gets_it() throws Exception {
        RoomUnderTest room = RoomUnderTest.startInLockstep(lab);
        String name = "Zed";
        List<FramedPeer> claimants = new ArrayList<>();
        for (int i = 0; i < CLAIMANTS; i++) {
            claimants.add(room.arrive("claimant " + i));
        }
        List<String> winners = new ArrayList<>();
        // Sent at one instant, the claims meet in the room; there the lockstep lets no claimant take
        // its next step before every other one has taken its own (or is blocked): a check ("is it
        // free?") and an act ("add it") that are not one atomic step under one lock let all of them in,
        // in every run, not only when the scheduler happens to interleave them.
        try (Lockstep lockstep = Lockstep.start(ChatRoom.class.getName(), CLAIMANTS, Timeouts.REPLY.dividedBy(2))) {
            CyclicBarrier barrier = new CyclicBarrier(CLAIMANTS);
            List<Thread> senders = new ArrayList<>();
            for (FramedPeer claimant : claimants) {
                Thread sender = new Thread(() -> {
                    try {
                        barrier.await(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        return;
                    }
                    claimant.send(name);
                }, "claiming " + name);
                sender.start();
                senders.add(sender);
            }
            for (Thread sender : senders) {
                sender.join(Timeouts.REPLY.toMillis());
            }
            for (FramedPeer claimant : claimants) {
                String answer = claimant.receive(claimant.peer().who() + " claimed " + name + " with "
                        + (CLAIMANTS - 1) + " others: it should be greeted or refused.", RoomUnderTest.NAMES);
                if (answer.equals(Expected.hello(name))) {
                    winners.add(claimant.peer().who());
                } else if (!answer.startsWith(ChatProtocol.NAME_NOT_AVAILABLE)) {
                    throw new AssertionError(claimant.peer().who() + " claimed " + name + ": expected "
                            + Bytes.quote(Expected.hello(name)) + " or \"Name not available: ...\", received "
                            + Bytes.quote(answer) + "\n" + RoomUnderTest.NAMES);
                }
            }
        }
        assertThat(winners)
                .as("%s clients claimed the name %s at the same instant; exactly one should get it, but %s did. This "
                                + "check runs the threads in the room in lockstep: after each call one of them makes, "
                                + "it waits until every other one has made its own call or is blocked. So each "
                                + "claimant looked for the name before any added it: checking that a name is free "
                                + "and adding it must be one step under one lock (check and add inside the "
                                + "synchronized ChatRoom.join, or the lock held from the lookup to the put).",
                        CLAIMANTS, name, winners.isEmpty() ? "none" : winners.size() + " of them (" + winners + ")")
                .hasSize(1);
    }

    @Order(10)
    @ParameterizedTest(name = "{0} instead of a name is a leave")
    @ValueSource(strings = {"exit", " EXIT ", "Exit", "!DISCONNECT!"})
    @Enforces("R12")
    void exit_instead_of_a_name_says_Goodbye_closes_and_announces_nothing(String word) {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.join("Bob");
        FramedPeer leaver = room.arrive("client leaving before choosing a name");
        leaver.send(word);
        leaver.expect(ChatProtocol.GOODBYE, Bytes.quote(word) + " instead of a name: the client leaves, with Goodbye!.",
                NO_NAME_LEAVE);
        leaver.peer().expectClosed("After Goodbye! the server closes the connection.", NO_NAME_LEAVE);
        room.awaitSessionEnded(leaver, "the leaver's session to end");
        RoomUnderTest.expectNextIsFrom(bob, alice, "after the leave",
                "A client that never joined left: nobody should be told anything about it (no join, no leave notice).",
                NO_NAME_LEAVE);
    }

    @Order(11)
    @Test
    @Enforces("R13")
    void a_connection_that_chooses_no_name_in_time_is_told_and_closed() {
        RoomUnderTest room = RoomUnderTest.start(lab, Duration.ofMillis(300));
        FramedPeer silent = room.arrive("client that never sends a name");
        expectCutOff(silent, "It sent nothing for longer than the name timeout (300 ms in this check)");
    }

    @Order(12)
    @Test
    @Enforces("R13")
    void sending_invalid_names_does_not_extend_the_naming_deadline() {
        RoomUnderTest room = RoomUnderTest.start(lab, Duration.ofMillis(600));
        FramedPeer stubborn = room.arrive("client that keeps sending invalid names");
        long limit = System.nanoTime() + Timeouts.REPLY.toNanos() * 2;
        while (System.nanoTime() < limit) {
            stubborn.send("[bad]");
            String answer;
            try {
                answer = stubborn.receive("The client sent an invalid name: refused, or cut off if its time is up.",
                        DEADLINE);
            } catch (AssertionError ended) {
                if (ended.getMessage().contains("connection was closed") || ended.getMessage().contains("reset")) {
                    return; // cut off while a name was on its way: the server closed with it unread
                }
                throw ended;
            }
            if (answer.startsWith(ChatProtocol.NAME_NOT_AVAILABLE)) {
                stubborn.expect(ChatProtocol.WELCOME, "A refusal is followed by the question.", DEADLINE);
                continue;
            }
            // Told why (this frame); then closed. Frames still in flight may be refusals.
            expectClosedAfterRefusals(stubborn);
            return;
        }
        throw new AssertionError("The client kept sending invalid names for " + Timeouts.describe(Timeouts.REPLY.multipliedBy(2))
                + ", with a name timeout of 600 ms; it should have been told and disconnected: the deadline counts "
                + "from connecting, not from the last message.\n" + DEADLINE);
    }

    @Order(13)
    @Test
    @Enforces("R13")
    void a_member_is_never_cut_off_by_the_naming_deadline() {
        // Long enough for Alice to choose her name in time on a busy machine.
        RoomUnderTest room = RoomUnderTest.start(lab, Duration.ofMillis(2000));
        FramedPeer alice = room.join("Alice");
        FramedPeer late = room.arrive("client that never sends a name");
        expectCutOff(late, "It connected after Alice joined and never sent a name");
        // The late one's deadline has passed, so Alice's (earlier) has too: she must still be served.
        FramedPeer bob = room.arrive("Bob");
        bob.send("Bob");
        bob.expect(Expected.hello("Bob"), "The name Bob is free.", RoomUnderTest.NAMES);
        alice.expect(Expected.joined("Bob"), "Alice joined, then stayed quiet past the name timeout: she is a "
                + "member and must still be served (told that Bob joined).", DEADLINE);
        RoomUnderTest.expectNextIsFrom(bob, alice, "still there, Alice?",
                "Alice joined, then stayed quiet past the name timeout: she is a member and must still be served.",
                DEADLINE);
        RoomUnderTest.expectNextIsFrom(alice, bob, "yes", "Alice answers: Bob should get it.", DEADLINE);
    }

    @Order(14)
    @Test
    @Enforces("R14")
    void a_client_still_choosing_a_name_receives_no_chat_and_no_notices() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer carol = room.arrive("Carol, still choosing a name");
        carol.send("alice");
        expectRefused(carol, "alice", "Alice is in the room");
        FramedPeer bob = room.join("Bob");
        alice.send("hello everyone");
        bob.expect("[Alice] hello everyone", "Bob is in the room: he should get Alice's message.", "");
        carol.send("Carol");
        carol.expect(Expected.hello("Carol"), "Carol had not chosen a name while Bob joined and Alice spoke: "
                        + "she was not in the room, so the greeting should be the first thing she gets after the welcome.",
                "Only members (clients whose name was accepted) receive chat and notices.");
    }

    @Order(15)
    @Test
    @Enforces({"R11", "R8"})
    void a_join_is_announced_once_to_the_others_only_and_only_when_the_name_is_accepted() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer alice = room.join("Alice");
        FramedPeer bob = room.arrive("Bob");
        bob.send("SERVER");
        expectRefused(bob, "SERVER", "SERVER is the server's own name");
        bob.send("Bob");
        bob.expect(Expected.hello("Bob"), "The name Bob is free.", RoomUnderTest.NAMES);
        String notice = alice.receive("Alice should be told that Bob joined.", RoomUnderTest.JOIN_NOTICE);
        if (notice.equals(Expected.joined("Alice"))) {
            throw new AssertionError("Alice, the room's first member, received " + Bytes.quote(notice) + ": the "
                    + "newcomer was told of its own arrival. Tell the members already there, then add the newcomer.\n"
                    + RoomUnderTest.JOIN_NOTICE);
        }
        if (!notice.equals(Expected.joined("Bob"))) {
            throw new AssertionError("Alice should be told that Bob joined (and nothing about the refused name "
                    + "before).\n  expected: " + Bytes.quote(Expected.joined("Bob")) + "\n  received: "
                    + Bytes.quote(notice) + "\nAnnounce a join only once the name is accepted. " + RoomUnderTest.JOIN_NOTICE);
        }
        RoomUnderTest.expectNextIsFrom(bob, alice, "hi Alice", "Alice has been told once that Bob joined; Bob's "
                + "message should come next, not a second join notice.", "Announce each join exactly once. "
                + RoomUnderTest.JOIN_NOTICE);
        RoomUnderTest.expectNextIsFrom(alice, bob, "hi Bob", "Bob should not be told of his own arrival: Alice's "
                + "answer should be the first thing after his greeting.", RoomUnderTest.JOIN_NOTICE);
    }

    private void refusedThenValid(String name, String why) {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer client = room.arrive("client");
        client.send(name);
        expectRefused(client, name, why);
        client.send("Valid");
        client.expect(Expected.hello("Valid"), "After a refused name, an acceptable one should be taken.",
                RoomUnderTest.NAMES);
    }

    static void expectRefused(FramedPeer client, String name, String why) {
        String answer = client.receive("The name " + Bytes.quote(name) + " is not acceptable: " + why + ".",
                RoomUnderTest.NAMES);
        if (!answer.startsWith(ChatProtocol.NAME_NOT_AVAILABLE)
                || answer.substring(ChatProtocol.NAME_NOT_AVAILABLE.length()).isBlank()) {
            throw new AssertionError("The name " + Bytes.quote(name) + " is not acceptable: " + why + ".\n"
                    + "  expected: \"Name not available: <reason>\"\n  received: " + Bytes.quote(answer) + "\n"
                    + (answer.equals(Expected.hello(name.strip())) ? "The server accepted it. " : "")
                    + RoomUnderTest.NAMES);
        }
        client.expect(ChatProtocol.WELCOME, "After \"Name not available\", the welcome question again.",
                RoomUnderTest.NAMES);
    }

    private static void expectCutOff(FramedPeer client, String what) {
        String told = client.receive(what + ": it should be told why (one frame), then disconnected.", DEADLINE);
        if (told.equals(ChatProtocol.WELCOME) || told.startsWith(ChatProtocol.NAME_NOT_AVAILABLE)) {
            throw new AssertionError(what + ": it should be told that its time to choose a name is up, then be "
                    + "disconnected.\n  received: " + Bytes.quote(told) + "\n" + DEADLINE);
        }
        client.peer().expectClosed(what + ": after telling it why, the server should close the connection.", DEADLINE);
    }

    private static void expectClosedAfterRefusals(FramedPeer client) {
        client.peer().expectClosed("The naming deadline has passed and the client was told: the server should "
                + "close the connection.", DEADLINE);
    }
}
