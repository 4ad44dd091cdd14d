package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatlab.grading.FileLimit;
import chatlab.grading.FramedPeer;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The step 4 server (given code, a launched process) outlives running out of file descriptors
 * (Linux: prlimit): its accept loop logs the failures now and then, backs off, and welcomes again
 * once descriptors return.
 */
class RecoveryTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void the_accept_loop_outlives_running_out_of_file_descriptors() throws Exception {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        FramedPeer first = lab.connect("first client", port).framed(1024);
        first.expect(ChatProtocol.WELCOME, "the first client is welcomed", "");
        Optional<FileLimit> limit = FileLimit.of(ChatServer.class);
        assumeTrue(limit.isPresent(), "only Linux (prlimit, /proc) lets a test take a process's descriptors away");
        limit.get().exhaust();
        int mark = server.output().length();
        // accept() already waiting holds its descriptor: the next connection after it meets the shortage.
        FramedPeer early = lab.connect("client taking the descriptor accept() already held", port).framed(1024);
        FramedPeer waiting = lab.connect("client connecting while the server has no file left", port).framed(1024);
        // Nothing on the wire marks the end of a shortage: this is a plain bounded wait while it lasts.
        new CountDownLatch(1).await(1500, TimeUnit.MILLISECONDS);
        long lines = server.output().substring(mark).lines().count();
        limit.get().restore();
        assertThat(server.isAlive()).as("the server process is still running").isTrue();
        assertThat(lines).as("lines logged in 1.5 s of failing accept(): at most one a second, not one per retry")
                .isLessThanOrEqualTo(10);
        early.expect(ChatProtocol.WELCOME, "the client that got the last descriptor is welcomed", "");
        waiting.expect(ChatProtocol.WELCOME, "descriptors are back: the waiting connection is welcomed", "");
        FramedPeer later = lab.connect("client connecting after the shortage", port).framed(1024);
        later.expect(ChatProtocol.WELCOME, "the server serves as before", "");
        later.send("exit");
        later.expect(ChatProtocol.GOODBYE, "a client that leaves before choosing a name gets Goodbye!", "");
    }
}
