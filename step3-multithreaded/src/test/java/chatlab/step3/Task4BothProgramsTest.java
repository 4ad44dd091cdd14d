package chatlab.step3;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.common.ChatOptions;
import chatlab.grading.FramedPeer;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 3, number = 4, title = "The real server, stopped as an operator stops it")
@Timeout(90)
class Task4BothProgramsTest {
    private static final String ON_SIGNAL = "Ctrl-C and SIGTERM run the JVM's shutdown hooks: main() registers one "
            + "that calls shutdown() and then exits with status 0 (Runtime.halt(0)), so that a signal stops the "
            + "server as cleanly as the console's shutdown.";

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    @Points(3)
    void sigterm_tells_the_connected_clients_and_the_server_exits_0() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        FramedPeer first = chatting(port, "first client");
        FramedPeer second = chatting(port, "second client");
        server.terminate();
        for (FramedPeer client : new FramedPeer[] {first, second}) {
            client.expect(ChatProtocol.SHUTDOWN_NOTICE, "SIGTERM: the " + client.peer().who() + " should be told.",
                    ON_SIGNAL);
            client.peer().expectClosed("Then its connection should be closed.", ON_SIGNAL);
        }
        assertThat(server.awaitExit("SIGTERM stops the server")).as("the server's exit status after SIGTERM. " + ON_SIGNAL)
                .isZero();
    }

    @Test
    @Points(2)
    void shutdown_typed_at_the_server_console_tells_the_clients_and_exits_0() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        FramedPeer client = chatting(lab.awaitListening(server), "client");
        server.type("shutdown");
        client.expect(ChatProtocol.SHUTDOWN_NOTICE, "The operator typed shutdown: the client should be told.",
                Task3ShutdownTest.HOW);
        assertThat(server.awaitExit("the operator shut it down")).as("the server's exit status").isZero();
    }

    private FramedPeer chatting(int port, String who) {
        FramedPeer client = lab.connect(who, port).framed(ChatOptions.DEFAULT_HEADER_SIZE);
        client.send("hello from the " + who);
        client.expect(ChatProtocol.RECEIVED, "The " + who + " should get its receipt.", ServerUnderTest.OWN_THREAD);
        return client;
    }
}
