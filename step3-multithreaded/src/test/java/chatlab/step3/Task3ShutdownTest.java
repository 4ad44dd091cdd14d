package chatlab.step3;

import chatlab.grading.Enforces;
import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Leaks;
import chatlab.grading.Points;
import chatlab.grading.Running;
import chatlab.grading.StuckReader;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Order;
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

    /** The bound the rules set for a shutdown with a stuck client: 2 s (scaled like every timeout). */
    static final Duration STUCK_BOUND = Timeouts.REPLY.multipliedBy(2).dividedBy(5);

    @Order(1)
    @Test
    @Points(2)
    @Enforces("R15")
    void shutdown_tells_every_client_then_disconnects_it() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        List<FramedPeer> clients = connectThreeKinds(server);
        shutdownInBackground(server);
        for (FramedPeer client : clients) {
            expectToldAndDisconnected(client, HOW, "The notice went out, but the connection stayed open: after "
                    + "sending the notice, close the client's socket (that is what ends its handler's read()). ");
        }
    }

    @Order(2)
    @Test
    @Points(2)
    @Enforces("R16")
    void after_shutdown_run_returns_and_no_thread_of_the_server_is_left() {
        Leaks leaks = Leaks.snapshot();
        ServerUnderTest server = ServerUnderTest.start(lab);
        connectThreeKinds(server);
        Running shutdown = shutdownInBackground(server);
        lab.awaitFinished(shutdown, "shutdown() should return once the server has stopped.", HOW);
        lab.awaitFinished(server.running, "After shutdown, ChatServer.run() should return.", HOW);
        if (!server.console.printed().contains("[STOPPED]")) {
            throw new AssertionError("run() returned after shutdown without logging that the server stopped; the "
                    + "operator reads the log to know it is over. Log \"[STOPPED] Server has shut down.\" once every "
                    + "client is disconnected and every handler has ended, as the last thing run() does.");
        }
        server.console.endInput();
        lab.await("every thread the server started to end", () -> leaks.newThreads().isEmpty(),
                () -> "These threads are still alive after shutdown:\n" + leaks.describeNewThreads() + "\n" + HOW
                        + " A console thread may wait for input, but must end when the input ends.");
    }

    @Order(3)
    @Test
    @Enforces("R16")
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

    @Order(4)
    @Test
    @Points(2)
    @Enforces("R17")
    void a_client_that_stopped_reading_never_delays_the_others_notice_nor_the_end_of_run() {
        Leaks leaks = Leaks.snapshot();
        ServerUnderTest server = ServerUnderTest.start(lab);
        List<FramedPeer> others = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            others.add(server.chatting("client " + i));
        }
        StuckReader stuck = new StuckReader(lab, server.port, ServerUnderTest.HEADER);
        for (int i = 11; i <= 20; i++) {
            others.add(server.chatting("client " + i));
        }
        stuck.awaitServerStuck(lab, server.console::printedBytes, ServerUnderTest::isServerClass);
        long start = System.nanoTime();
        Running shutdown = shutdownInBackground(server);
        for (FramedPeer client : others) {
            expectToldAndDisconnected(client, ServerUnderTest.STUCK_HINT);
        }
        lab.awaitFinished(server.running, "With one client that stopped reading among 21, ChatServer.run() should "
                + "return soon after shutdown().", ServerUnderTest.STUCK_HINT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > STUCK_BOUND.toMillis()) {
            throw new AssertionError("With one client that stopped reading among 21, run() returned " + millis
                    + " ms after shutdown() began; it should within " + Timeouts.describe(STUCK_BOUND) + ".\n"
                    + ServerUnderTest.STUCK_HINT);
        }
        lab.awaitFinished(shutdown, "shutdown() should return once the server has stopped.", ServerUnderTest.STUCK_HINT);
        server.console.endInput();
        lab.await("every thread that served a client to end", () -> ServerUnderTest.busyThreads(leaks).isEmpty(),
                () -> "Still running the server's code after shutdown:\n"
                        + ServerUnderTest.describe(ServerUnderTest.busyThreads(leaks)) + "\n" + ServerUnderTest.STUCK_HINT);
    }

    @Order(5)
    @ParameterizedTest(name = "the operator types {0}")
    @ValueSource(strings = {"exit", " SHUTDOWN ", "\tShutDown", "EXIT  "})
    @Enforces("R18")
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

    @Order(6)
    @Test
    @Enforces("R18")
    void blank_and_other_lines_at_the_console_are_ignored() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer client = server.chatting("client");
        server.console.type("", "   ", "status", "shut down now");
        String hint = "Read the console line by line for as long as it lasts: a blank line, or any line that is not "
                + "exit or shutdown, is ignored, and the next line is read.";
        // The console's effects cannot be seen on the wire until something happens, so this is a
        // quiet window: no notice, no close, for a while after the lines were typed.
        client.peer().expectNothing(Timeouts.QUIET, "Blank lines and other words at the console do not shut the "
                + "server down.", hint);
        server.expectServed(client, "client", hint);
        server.console.type(" shutdown ");
        expectToldAndDisconnected(client, hint);
        lab.awaitFinished(server.running, "After the operator's shutdown, ChatServer.run() should return.", hint);
    }

    @Order(7)
    @Test
    @Enforces("R19")
    void the_end_of_console_input_does_not_shut_the_server_down() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer client = server.chatting("client");
        server.console.endInput();
        String hint = "When the console's readLine() returns null, stop reading the console and keep serving: "
                + "only exit or shutdown, or a signal, stop the server.";
        // The end of input has no effect on the wire to wait for, so this is a quiet window (then a sentinel).
        client.peer().expectNothing(Timeouts.QUIET, "The console's input ended (the server may run with stdin "
                + "closed, as a service): that does not shut it down.", hint);
        server.expectServed(client, "client", hint);
        lab.expectRunning(server.running, "The server keeps running after its console input ends.");
    }

    @Order(8)
    @Test
    @Points(2)
    @Enforces("R20")
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
                    client.peer().expectClosed("After Goodbye!, the server closes client " + i + "'s connection.",
                            "A handler that ends must close its client's socket, whatever the reason (finally): "
                                    + "else sockets are left open, one per client that has gone.");
                    client.peer().close();
                }
                case 1 -> client.peer().close();
                default -> client.peer().reset();
            }
        }
        server.awaitCount(0, "after 500 clients came and went");
        // Idle pool workers may stay (a pool keeps them on purpose); a thread still in the server's code may not.
        lab.await("the threads of 500 finished clients to be done with them",
                () -> ServerUnderTest.busyThreads(leaks).isEmpty(),
                () -> "Still running the server's code:\n" + ServerUnderTest.describe(ServerUnderTest.busyThreads(leaks))
                        + "\nEvery handler thread must return when its client has gone, closing the client's socket "
                        + "on the way out (finally).");
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
        expectToldAndDisconnected(client, hint, "");
    }

    /** {@code ifOpen} opens the hint when the notice came but the connection stayed open. */
    private static void expectToldAndDisconnected(FramedPeer client, String hint, String ifOpen) {
        client.expect(ChatProtocol.SHUTDOWN_NOTICE, "The server is shutting down: the " + client.peer().who()
                + " should be told, with the frame \"Server is shutting down.\".", hint);
        client.peer().expectClosed("After the notice, the server should close the " + client.peer().who()
                + "'s connection.", ifOpen + hint);
    }
}
