package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The step 4 server (given code), a launched process, outlives being unable to start threads (Linux:
 * a cgroup's pids limit, which holds for root too): a session that cannot start is closed, the
 * failures are logged now and then, and once threads return it welcomes again (scripts/robustness.sh).
 */
class ThreadRecoveryTest {
    private static final int HEADER = 1024;
    private static final int CLIENTS = 12;

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void the_accept_loop_outlives_running_out_of_threads() throws Exception {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        FramedPeer first = lab.connect("first client", port).framed(HEADER);
        first.expect(ChatProtocol.WELCOME, "the first client is welcomed", "");
        Optional<ThreadLimit> limit = ThreadLimit.of(server.handle());
        assumeTrue(limit.isPresent(), "only Linux, as root with a pids cgroup, lets a test take threads away");
        List<FramedPeer> welcomed = new ArrayList<>();
        int cutOff = 0;
        int mark = server.output().length();
        byte[] welcome = Frames.encode(ChatProtocol.WELCOME, HEADER);
        try {
            limit.get().allowMoreThreads(5);
            lab.transcript().note("the server process may start 5 more threads (a session needs two)");
            for (int i = 1; i <= CLIENTS; i++) {
                FramedPeer client = lab.connect("client " + i, port).framed(HEADER);
                Peer.Reading reply = client.peer().read(welcome.length, Timeouts.REPLY);
                if (reply.ending() == Peer.Ending.COMPLETE) {
                    welcomed.add(client);
                } else {
                    assertThat(reply.ending()).as("client " + i + ": welcomed, or cut off (" + reply.describe() + ")")
                            .isIn(Peer.Ending.CLOSED, Peer.Ending.RESET);
                    cutOff++;
                }
            }
        } finally {
            limit.get().restore();
        }
        lab.transcript().note("the server may start threads again; it welcomed " + welcomed.size() + " and cut off "
                + cutOff);
        ThreadLimit.expectSurvived(server, mark, cutOff);
        for (FramedPeer client : welcomed) {
            client.send("exit");
            client.expect(ChatProtocol.GOODBYE, "a client welcomed during the shortage leaves", "");
        }
        FramedPeer later = lab.connect("client after the shortage", port).framed(HEADER);
        later.expect(ChatProtocol.WELCOME, "the server welcomes as before", "");
        later.send("exit");
        later.expect(ChatProtocol.GOODBYE, "a client that leaves before choosing a name gets Goodbye!", "");
        first.send("exit");
        first.expect(ChatProtocol.GOODBYE, "the first client leaves", "");
    }
}
