package chatlab.step3;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.common.ChatOptions;
import chatlab.grading.FramedPeer;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.StuckReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The step 3 reference server, a launched process, shut down while one of its 50 clients has stopped
 * reading (its handler blocked in a write): the 49 others get the notice, {@code [STOPPED]} is logged
 * and the process exits 0 within 2 s. The graders check the same with 21 clients in their JVM and 11
 * against the real program; this is the full case (scripts/robustness.sh).
 */
class StuckShutdownTest {
    private static final int CLIENTS = 50;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(2);

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void one_stuck_reader_among_50_clients_delays_neither_the_notice_nor_the_exit() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        List<FramedPeer> others = new ArrayList<>();
        for (int i = 1; i < CLIENTS / 2; i++) {
            others.add(Chatting.client(lab, port, "client " + i));
        }
        StuckReader stuck = new StuckReader(lab, port, ChatOptions.DEFAULT_HEADER_SIZE);
        for (int i = CLIENTS / 2; i < CLIENTS; i++) {
            others.add(Chatting.client(lab, port, "client " + i));
        }
        stuck.awaitServerStuck(lab, server::outputBytes, null);
        long start = System.nanoTime();
        server.type("shutdown");
        for (FramedPeer client : others) {
            client.expect(ChatProtocol.SHUTDOWN_NOTICE, "the " + client.peer().who() + " is told", "");
            client.peer().expectClosed("then its connection is closed", "");
        }
        Awaitility.await("the server process to end").atMost(EXIT_WITHIN).pollInterval(Duration.ofMillis(10))
                .until(() -> !server.isAlive());
        long millis = (System.nanoTime() - start) / 1_000_000;
        lab.transcript().note("the server process ended " + millis + " ms after shutdown was typed");
        assertThat(server.awaitExit("the operator shut it down")).as("exit status").isZero();
        assertThat(server.output()).as("the server's log").contains("[STOPPED]");
    }
}
