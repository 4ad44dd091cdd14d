package chatlab.step3;

import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Leaks;
import chatlab.grading.Points;
import chatlab.grading.Running;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 3, number = 3, title = "Shut down cleanly")
class Task3ShutdownTest {
    static final String HOW = "To shut down: close the ServerSocket (that is what unblocks accept()); then, for "
            + "every connected client, send the frame \"Server is shutting down.\" and close its socket (that is "
            + "what unblocks its handler's read()); then wait for every handler thread to end (join).";

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    @Points(2)
    void shutdown_tells_every_client_then_disconnects_it() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        List<FramedPeer> clients = connectThreeKinds(server);
        shutdownInBackground(server);
        for (FramedPeer client : clients) {
            expectToldAndDisconnected(client, HOW);
        }
    }

    @Test
    @Points(2)
    void after_shutdown_run_returns_and_no_thread_of_the_server_is_left() {
        Leaks leaks = Leaks.snapshot();
        ServerUnderTest server = ServerUnderTest.start(lab);
        connectThreeKinds(server);
        Running shutdown = shutdownInBackground(server);
        lab.awaitFinished(shutdown, "shutdown() should return once the server has stopped.", HOW);
        lab.awaitFinished(server.running, "After shutdown, ChatServer.run() should return.", HOW);
        server.console.endInput();
        lab.await("every thread the server started to end", () -> leaks.newThreads().isEmpty(),
                () -> "These threads are still alive after shutdown:\n" + leaks.describeNewThreads() + "\n" + HOW
                        + " A console thread may wait for input, but must end when the input ends.");
    }

    @Test
    void after_shutdown_no_client_can_connect_and_the_port_is_free() throws IOException {
        ServerUnderTest server = ServerUnderTest.start(lab);
        server.chatting("client");
        Running shutdown = shutdownInBackground(server);
        lab.awaitFinished(shutdown, "shutdown() should return once the server has stopped.", HOW);
        try (Socket late = new Socket()) {
            late.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port), 1000);
            throw new AssertionError("A new client could still connect to port " + server.port + " after shutdown()."
                    + "\n" + HOW);
        } catch (IOException refused) {
            // As it should be: nobody listens there any more.
        }
        try (ServerSocket again = new ServerSocket(server.port, 50, InetAddress.getLoopbackAddress())) {
            lab.transcript().note("the test listened on port " + again.getLocalPort() + " again: it is free");
        }
    }

    @ParameterizedTest(name = "the operator types {0}")
    @ValueSource(strings = {"exit", " SHUTDOWN "})
    void typing_exit_or_shutdown_at_the_console_shuts_the_server_down(String command) {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer client = server.chatting("client");
        server.console.type(command);
        String hint = "Read the console in a thread of its own (run() is busy accepting); when a line is exit or "
                + "shutdown, in any case, with spaces around it (ChatProtocol.isShutdownCommand), call shutdown().";
        expectToldAndDisconnected(client, hint);
        lab.awaitFinished(server.running, "After the operator's " + command.strip() + ", ChatServer.run() should return.",
                hint);
    }

    @Test
    void the_end_of_console_input_does_not_shut_the_server_down() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer client = server.chatting("client");
        server.console.endInput();
        String hint = "When the console's readLine() returns null, stop reading the console and keep serving: "
                + "only exit or shutdown, or a signal, stop the server.";
        client.peer().expectNothing(Timeouts.QUIET, "The console's input ended (the server may run with stdin "
                + "closed, as a service): that does not shut it down.", hint);
        server.expectServed(client, "client", hint);
        lab.expectRunning(server.running, "The server keeps running after its console input ends.");
    }

    @Test
    @Points(2)
    void five_hundred_clients_coming_and_going_leave_no_thread_or_socket_behind() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        server.chatting("warm-up client").peer().close();
        server.awaitCount(0, "after the warm-up client left");
        Leaks leaks = Leaks.snapshot();
        OptionalLong filesBefore = Leaks.openFileDescriptors();
        for (int i = 0; i < 500; i++) {
            FramedPeer client = server.connect("client " + i);
            switch (i % 3) {
                case 0 -> {
                    client.send("exit");
                    client.expect(ChatProtocol.GOODBYE, "Client " + i + " says exit.", "");
                    client.peer().close();
                }
                case 1 -> client.peer().close();
                default -> client.peer().reset();
            }
        }
        server.awaitCount(0, "after 500 clients came and went");
        lab.await("the threads of 500 finished clients to end", () -> leaks.newThreads().isEmpty(),
                () -> "Still alive:\n" + leaks.describeNewThreads() + "\nEvery handler thread must return when its "
                        + "client has gone, closing the client's socket on the way out (finally).");
        if (filesBefore.isPresent()) {
            long allowed = filesBefore.getAsLong() + 10;
            lab.await("open files (sockets) to come back to about " + filesBefore.getAsLong(),
                    () -> Leaks.openFileDescriptors().getAsLong() <= allowed,
                    () -> "The process has " + Leaks.openFileDescriptors().getAsLong() + " open files, "
                            + filesBefore.getAsLong() + " before the 500 clients: sockets are left open. Close every "
                            + "client's socket when its handler ends, whatever the reason (finally).");
        }
    }

    /** An idle client, a client that has chatted, and one stuck in the middle of a frame. */
    private static List<FramedPeer> connectThreeKinds(ServerUnderTest server) {
        FramedPeer idle = server.connect("idle client");
        FramedPeer chatting = server.chatting("chatting client");
        FramedPeer halfway = server.connect("halfway client");
        halfway.peer().send(Arrays.copyOf(Frames.encode("hello", ServerUnderTest.HEADER), 10));
        server.awaitCount(3, "with three clients connected");
        return List.of(idle, chatting, halfway);
    }

    private Running shutdownInBackground(ServerUnderTest server) {
        return lab.start("ChatServer.shutdown()", null, server.server::shutdown);
    }

    private static void expectToldAndDisconnected(FramedPeer client, String hint) {
        client.expect(ChatProtocol.SHUTDOWN_NOTICE, "The server is shutting down: the " + client.peer().who()
                + " should be told, with the frame \"Server is shutting down.\".", hint);
        client.peer().expectClosed("After the notice, the server should close the " + client.peer().who()
                + "'s connection.", hint);
    }
}
