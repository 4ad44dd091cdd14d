package chatlab.step4;

import chatlab.grading.Enforces;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.LoopbackBuffers;
import chatlab.grading.Points;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 4, number = 4, title = "Outbox: a slow client never stalls the others")
class Task4SlowClientTest {
    private static final int MESSAGES = 600;
    private static final int WINDOW = 32;
    private static final String BODY = "x".repeat(8000);
    private static final String OUTBOX = "Never write to another client's socket from the sender's thread: a client "
            + "that stops reading then blocks that write, and with it the sender and the whole room. Queue each "
            + "member's messages in its own Outbox, written by its own thread.";
    private static final String BOUNDED = "Bound each Outbox (bytes waiting): when a member's outbox is full, it "
            + "stopped reading; disconnect it, and the others are told it left.";

    private static final String STUCK = "Shutdown must never wait on a client that stopped reading: its outbox's "
            + "writer may be stuck in a write for good. Never hold the outbox's lock while writing (closeAfter, "
            + "offer and closeNow must not wait for the network); the given server cuts off a client that has not "
            + "taken its notice after a moment, by closing its socket.";

    @RegisterExtension
    final Lab lab = new Lab();

    @Order(1)
    @Test
    @Points(4)
    @Enforces("R21")
    void a_member_that_stops_reading_never_stalls_the_others_and_is_dropped() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer slow = room.join("Slow", 4096);
        FramedPeer fast = room.join("Fast");
        FramedPeer sender = room.join("Sender");
        lab.transcript().note("Slow stops reading from here on");
        // The sender stays at most WINDOW messages ahead of Fast (about 256 KB), so that only a member
        // that really stops reading falls behind, whatever the speed of this machine.
        Semaphore window = new Semaphore(WINDOW);
        lab.start("Sender sending " + MESSAGES + " messages of 8000 bytes", null, () -> {
            for (int i = 0; i < MESSAGES && window.tryAcquire(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS); i++) {
                sender.send(i + ":" + BODY);
            }
        });
        boolean slowLeft = false;
        for (int i = 0; i < MESSAGES; i++) {
            String line = fast.receive("Fast keeps reading: it should receive all " + MESSAGES + " messages of "
                    + "8000 bytes (about 5 MB) while Slow reads nothing; it has " + i + " so far.", OUTBOX);
            if (line.equals(Expected.left("Slow"))) {
                slowLeft = true;
                i--;
            } else if (line.equals(Expected.chatLine("Sender", i + ":" + BODY))) {
                window.release();
            } else {
                throw new AssertionError("Fast should receive Sender's message " + i + " next, but received a line "
                        + "starting " + line.substring(0, Math.min(40, line.length())) + "...\n" + OUTBOX);
            }
        }
        if (!slowLeft) {
            fast.expect(Expected.left("Slow"), "Slow read nothing while about 5 MB were sent to it: it should have "
                    + "been disconnected, and the others told that it left.", BOUNDED);
        }
    }

    @Order(2)
    @Test
    @Points(2)
    @Enforces("R22")
    void shutdown_is_never_held_up_by_a_member_that_stopped_reading() {
        RoomUnderTest room = RoomUnderTest.start(lab);
        FramedPeer slow = room.join("Slow", 4096);
        FramedPeer fast = room.join("Fast");
        FramedPeer sender = room.join("Sender");
        FramedPeer waiting = room.arrive("client still choosing a name");
        // What this machine's loopback takes in before a writer to a reader that stopped blocks, plus half
        // the outbox limit: Slow's connection is full, so its outbox's writer is stuck in a write when
        // shutdown begins, with about 512 KB still queued (under the 1 MiB limit, so it is not dropped).
        long buffered = LoopbackBuffers.takenInBeforeAWriteBlocks(4096);
        int frameBytes = RoomUnderTest.HEADER + Expected.chatLine("Sender", "999:" + BODY).length();
        int messages = (int) ((buffered + 512 * 1024) / frameBytes) + 1;
        lab.transcript().note("Slow stops reading from here on; the loopback buffers " + buffered + " bytes, so Sender "
                + "sends " + messages + " messages");
        Semaphore window = new Semaphore(WINDOW);
        lab.start("Sender sending " + messages + " messages of 8000 bytes", null, () -> {
            for (int i = 0; i < messages && window.tryAcquire(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS); i++) {
                sender.send(i + ":" + BODY);
            }
        });
        for (int i = 0; i < messages; i++) {
            String line = fast.receive("Fast keeps reading: it should receive all " + messages + " messages while Slow "
                    + "reads nothing; it has " + i + " so far.", OUTBOX);
            if (line.equals(Expected.left("Slow"))) {
                i--; // this machine buffered less than measured: Slow was dropped, which is right too
            } else if (line.equals(Expected.chatLine("Sender", i + ":" + BODY))) {
                window.release();
            } else {
                throw new AssertionError("Fast should receive Sender's message " + i + " next, but received a line "
                        + "starting " + line.substring(0, Math.min(40, line.length())) + "...\n" + OUTBOX);
            }
        }
        lab.start("ChatServer.shutdown()", null, room::shutdown);
        for (FramedPeer client : new FramedPeer[] {fast, sender, waiting}) {
            // Leave notices may come first: a member whose notice went out already has left the room.
            client.expectAfter(ChatProtocol.SHUTDOWN_NOTICE, line -> line.endsWith(" left the chat."),
                    "The server is shutting down while Slow has stopped reading: " + client.peer().who()
                            + " should still be told at once.", STUCK);
            client.peer().expectClosed("Then its connection should be closed.", STUCK);
        }
        lab.awaitFinished(room.running, "Shutdown should end (run() returns) even though Slow reads nothing.", STUCK);
    }
}
