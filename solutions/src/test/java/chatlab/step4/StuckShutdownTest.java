package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.FramedPeer;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.LoopbackBuffers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The step 4 server (given server, reference sessions), a launched process, shut down while one of its
 * 50 members has stopped reading, its outbox's writer blocked in a write with half a megabyte still
 * queued (under the limit, so it has not been dropped): the 49 others get the notice and the process
 * exits 0 within 2 s (scripts/robustness.sh). The graders check the same with fewer members in their JVM.
 */
class StuckShutdownTest {
    private static final int MEMBERS = 50;
    private static final int HEADER = 1024;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(2);
    private static final String BODY = "x".repeat(8000);

    @RegisterExtension
    final Lab lab = new Lab();

    private final List<FramedPeer> reading = new ArrayList<>();

    @Test
    void one_stuck_member_among_50_delays_neither_the_notice_nor_the_exit() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        FramedPeer sender = join(port, "Sender", 0);
        FramedPeer fast = join(port, "Fast", 0);
        join(port, "Slow", 4096);
        reading.remove(reading.size() - 1); // Slow reads nothing from here on
        // Enough to fill the loopback between the server and Slow, plus half the outbox's 1 MiB limit.
        long buffered = LoopbackBuffers.takenInBeforeAWriteBlocks(4096);
        int frameBytes = HEADER + ChatProtocol.chatLine("Sender", "999:" + BODY).length();
        int messages = (int) ((buffered + 512 * 1024) / frameBytes) + 1;
        lab.transcript().note("Sender sends " + messages + " messages of 8000 bytes that Slow does not read");
        for (int i = 0; i < messages; i++) {
            sender.send(i + ":" + BODY);
            // Slow's leave may come first if this machine buffered less than measured: then it was dropped.
            fast.expectAfter(ChatProtocol.chatLine("Sender", i + ":" + BODY), line -> line.equals(ChatProtocol.left("Slow")),
                    "Fast receives message " + i, "");
        }
        for (int i = reading.size(); i < MEMBERS - 1; i++) {
            join(port, "member" + i, 0);
        }
        long start = System.nanoTime();
        server.type("shutdown");
        for (FramedPeer member : reading) {
            // Leave notices may come first: a member whose notice went out already has left the room.
            member.expectAfter(ChatProtocol.SHUTDOWN_NOTICE, line -> line.endsWith(" left the chat."),
                    member.peer().who() + " is told the server is shutting down", "");
            member.peer().expectClosed("then its connection is closed", "");
        }
        Awaitility.await("the server process to end").atMost(EXIT_WITHIN).pollInterval(Duration.ofMillis(10))
                .until(() -> !server.isAlive());
        lab.transcript().note("the server process ended " + (System.nanoTime() - start) / 1_000_000
                + " ms after shutdown was typed");
        assertThat(server.awaitExit("the operator shut it down")).as("exit status").isZero();
    }

    /** A member joins; those already reading are told. */
    private FramedPeer join(int port, String name, int receiveBufferBytes) {
        FramedPeer member = (receiveBufferBytes > 0 ? lab.connect(name, port, receiveBufferBytes)
                : lab.connect(name, port)).framed(HEADER);
        member.expect(ChatProtocol.WELCOME, name + " is welcomed", "");
        member.send(name);
        member.expect(ChatProtocol.hello(name), name + " is greeted", "");
        for (FramedPeer other : reading) {
            other.expect(ChatProtocol.joined(name), other.peer().who() + " is told " + name + " joined", "");
        }
        reading.add(member);
        return member;
    }
}
