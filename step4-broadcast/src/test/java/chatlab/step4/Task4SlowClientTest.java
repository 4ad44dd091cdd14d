package chatlab.step4;

import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    @Points(4)
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
            if (line.equals(ChatProtocol.left("Slow"))) {
                slowLeft = true;
                i--;
            } else if (line.equals(ChatProtocol.chatLine("Sender", i + ":" + BODY))) {
                window.release();
            } else {
                throw new AssertionError("Fast should receive Sender's message " + i + " next, but received a line "
                        + "starting " + line.substring(0, Math.min(40, line.length())) + "...\n" + OUTBOX);
            }
        }
        if (!slowLeft) {
            fast.expect(ChatProtocol.left("Slow"), "Slow read nothing while about 5 MB were sent to it: it should have "
                    + "been disconnected, and the others told that it left.", BOUNDED);
        }
    }
}
