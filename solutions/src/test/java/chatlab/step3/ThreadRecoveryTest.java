package chatlab.step3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatlab.common.ChatOptions;
import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.ThreadLimit;
import chatlab.grading.Timeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The step 3 reference server, a launched process, outlives being unable to start threads (Linux: a
 * cgroup's pids limit, which holds for root too): the clients it cannot serve are cut off, the
 * failures are logged now and then, and once threads return it serves again (scripts/robustness.sh).
 */
class ThreadRecoveryTest {
    private static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    private static final int CLIENTS = 12;

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void the_accept_loop_outlives_running_out_of_threads() throws Exception {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        FramedPeer first = Chatting.client(lab, port, "first client");
        Optional<ThreadLimit> limit = ThreadLimit.of(server.handle());
        assumeTrue(limit.isPresent(), "only Linux, as root with a pids cgroup, lets a test take threads away");
        List<FramedPeer> served = new ArrayList<>();
        int cutOff = 0;
        int mark = server.output().length();
        try {
            limit.get().allowMoreThreads(5);
            lab.transcript().note("the server process may start 5 more threads");
            for (int i = 1; i <= CLIENTS; i++) {
                FramedPeer client = lab.connect("client " + i, port).framed(HEADER);
                client.peer().send(Frames.encode("hello", HEADER));
                Peer.Reading reply = client.peer().read(HEADER + ChatProtocol.RECEIVED.length(), Timeouts.REPLY);
                if (reply.ending() == Peer.Ending.COMPLETE) {
                    served.add(client);
                } else {
                    assertThat(reply.ending()).as("client " + i + ": served, or cut off (" + reply.describe() + ")")
                            .isIn(Peer.Ending.CLOSED, Peer.Ending.RESET);
                    cutOff++;
                }
            }
        } finally {
            limit.get().restore();
        }
        lab.transcript().note("the server may start threads again; it served " + served.size() + " and cut off " + cutOff);
        ThreadLimit.expectSurvived(server, mark, cutOff);
        for (FramedPeer client : served) {
            client.send("exit");
            client.expect(ChatProtocol.GOODBYE, "a client served during the shortage leaves", "");
        }
        FramedPeer later = Chatting.client(lab, port, "client after the shortage");
        later.send("exit");
        later.expect(ChatProtocol.GOODBYE, "the server serves as before", "");
        first.send("exit");
        first.expect(ChatProtocol.GOODBYE, "the first client leaves", "");
    }
}
