package chatlab.step3;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.common.ChatOptions;
import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.FileLimit;
import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.Points;
import chatlab.grading.StuckReader;
import chatlab.grading.Task;
import chatlab.grading.ThreadLimit;
import chatlab.grading.Timeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
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

    @Order(1)
    @Test
    @Points(3)
    @Enforces("R21")
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

    @Order(2)
    @Test
    @Points(2)
    @Enforces({"R18", "R21"})
    void shutdown_typed_at_the_server_console_tells_the_clients_and_exits_0() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        FramedPeer client = chatting(lab.awaitListening(server), "client");
        server.type("shutdown");
        client.expect(ChatProtocol.SHUTDOWN_NOTICE, "The operator typed shutdown: the client should be told.",
                Task3ShutdownTest.HOW);
        assertThat(server.awaitExit("the operator shut it down")).as("the server's exit status").isZero();
    }

    @Order(3)
    @Test
    @Points(2)
    @Enforces("R17")
    void with_a_client_that_stopped_reading_the_real_server_still_exits_0_within_2_s() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        List<FramedPeer> others = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            others.add(chatting(port, "client " + i));
        }
        StuckReader stuck = new StuckReader(lab, port, ChatOptions.DEFAULT_HEADER_SIZE);
        for (int i = 6; i <= 10; i++) {
            others.add(chatting(port, "client " + i));
        }
        stuck.awaitServerStuck(lab, server::outputBytes, null);
        long start = System.nanoTime();
        server.type("shutdown");
        for (FramedPeer client : others) {
            client.expect(ChatProtocol.SHUTDOWN_NOTICE, "The operator typed shutdown: the " + client.peer().who()
                    + " should be told, whatever the client that stopped reading does.", ServerUnderTest.STUCK_HINT);
        }
        try {
            Awaitility.await("the server process to end").atMost(Task3ShutdownTest.STUCK_BOUND)
                    .pollInterval(java.time.Duration.ofMillis(10)).until(() -> !server.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("With one client that stopped reading among 11, the server process was still "
                    + "running " + (System.nanoTime() - start) / 1_000_000 + " ms after the operator typed shutdown; "
                    + "it should end within " + Timeouts.describe(Task3ShutdownTest.STUCK_BOUND) + ".\n"
                    + server.threadDump() + ServerUnderTest.STUCK_HINT);
        }
        assertThat(server.awaitExit("the operator shut it down")).as("the server's exit status").isZero();
    }

    @Order(4)
    @Test
    @Enforces("R11")
    void clients_that_vanish_are_logged_without_a_stack_trace_by_the_real_server() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        FramedPeer closing = chatting(port, "client that closes");
        FramedPeer resetting = chatting(port, "client that resets");
        FramedPeer truncating = chatting(port, "client that closes inside a frame");
        FramedPeer resettingInside = chatting(port, "client that resets inside a frame");
        byte[] half = Arrays.copyOf(Frames.encode("hello", ChatOptions.DEFAULT_HEADER_SIZE),
                ChatOptions.DEFAULT_HEADER_SIZE + 2);
        truncating.peer().send(half);
        resettingInside.peer().send(half);
        closing.peer().close();
        resetting.peer().reset();
        truncating.peer().close();
        resettingInside.peer().reset();
        FramedPeer staying = chatting(port, "staying client");
        lab.awaitOutput(server, "[ACTIVE CONNECTIONS] 1", "Log \"[ACTIVE CONNECTIONS] N\" each time a client leaves.");
        staying.send("exit");
        staying.expect(ChatProtocol.GOODBYE, "The staying client says exit.", "");
        // The server has dealt with the four before it dealt with the last client: the count says so.
        lab.awaitOutput(server, "[ACTIVE CONNECTIONS] 0", "Log \"[ACTIVE CONNECTIONS] N\" each time a client leaves.");
        String trace = ServerUnderTest.stackTraceIn(server.output());
        if (trace != null) {
            throw new AssertionError("Four clients vanished (a close and a reset, between frames and inside one); "
                    + "the server printed a stack trace (stdout or stderr):\n  " + trace + "\nA client that vanishes "
                    + "is logged in one line: catch the IOException (EOFException, SocketException) and print who "
                    + "and e.getMessage(), never e.printStackTrace(), and let no exception escape the handler.");
        }
    }

    @Order(5)
    @Test
    @Enforces("R22")
    void a_server_that_cannot_listen_says_so_and_exits_with_a_non_zero_status() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JavaProgram server = lab.launch("server process", ChatServer.class, "--port",
                    String.valueOf(taken.getLocalPort()));
            int status = server.awaitExit("its port is taken");
            String todo = server.output().lines().filter(line -> line.contains("TODO(step 3)")).findFirst().orElse(null);
            if (todo != null) {
                throw new AssertionError("The server did not get as far as listening: " + todo);
            }
            String hint = "When the port is taken, bind() throws a BindException: let it out of run() (run() throws "
                    + "only if it cannot listen); main then prints one line and exits 1. A run() that catches it and "
                    + "returns ends the process with status 0, as if all went well.";
            if (status == 0) {
                throw new AssertionError("The port " + taken.getLocalPort() + " was taken, so the server could not "
                        + "listen; it exited with status 0, as if all went well.\n" + hint);
            }
            String trace = ServerUnderTest.stackTraceIn(server.output());
            if (trace != null) {
                throw new AssertionError("The server could not listen and printed a stack trace:\n  " + trace
                        + "\n" + hint);
            }
        }
    }

    @Order(6)
    @Test
    @Points(2)
    @Enforces("R7")
    void the_accept_loop_outlives_running_out_of_file_descriptors() throws Exception {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        FramedPeer first = chatting(port, "first client");
        Optional<FileLimit> limit = FileLimit.of(ChatServer.class);
        if (limit.isEmpty()) {
            // Only Linux lets a check take a process's file descriptors away; elsewhere this check has nothing to do.
            lab.transcript().note("this system cannot limit the server's open files: nothing to check here");
            return;
        }
        String hint = "When accept() fails (\"Too many open files\", or a handler that cannot start: \"unable to "
                + "create native thread\"), the waiting connection stays queued, and the next accept() fails at once "
                + "again: catch the exception (and Errors) in the loop, close what was opened, log it at most about "
                + "once a second (count the rest), pause a little (longer each time, up to a second), and keep "
                + "listening: the server serves again as soon as resources return.";
        limit.get().exhaust();
        lab.transcript().note("the server process may open no more files (prlimit --nofile)");
        int mark = server.output().length();
        // A blocking accept() that is already waiting got its descriptor before the limit: the first
        // connection still gets in. The next one is the first to meet the shortage.
        FramedPeer early = lab.connect("client taking the descriptor accept() already held", port)
                .framed(ChatOptions.DEFAULT_HEADER_SIZE);
        early.send("hello from the client that came first");
        FramedPeer waiting = lab.connect("client connecting while the server has no file left", port)
                .framed(ChatOptions.DEFAULT_HEADER_SIZE);
        waiting.send("hello while the server has no file left");
        // Hold the shortage for a while: the accept loop meets it again and again meanwhile. Nothing
        // on the wire can mark the end of that time, so this is a plain bounded wait.
        new CountDownLatch(1).await(1500, TimeUnit.MILLISECONDS);
        long lines = server.output().substring(mark).lines().count();
        limit.get().restore();
        if (!server.isAlive()) {
            throw new AssertionError("While it could open no file, the server process ended: its accept loop took "
                    + "the failed accept() for the end of the server.\n" + hint);
        }
        lab.transcript().note("the server process may open files again");
        // A loop that backs off and logs now and then prints a few lines; one that retries at once and
        // logs every failure prints thousands.
        if (lines > 50) {
            throw new AssertionError("For 1.5 s the server could open no file, so every accept() failed; it printed "
                    + lines + " lines meanwhile, such as " + Bytes.quote(server.output().substring(mark).lines()
                    .findFirst().orElse("")) + ": it logs every failure and retries at once, flooding the log and "
                    + "spinning the CPU. Log at most about once a second, and pause between retries.\n" + hint);
        }
        early.expect(ChatProtocol.RECEIVED, "The client that came first gets its receipt.", hint);
        waiting.expect(ChatProtocol.RECEIVED, "Files are available again: the connection that waited should be "
                + "accepted and answered.", hint);
        FramedPeer later = chatting(port, "client connecting after the shortage");
        later.send("exit");
        later.expect(ChatProtocol.GOODBYE, "The server serves as before.", hint);
        first.send("exit");
        first.expect(ChatProtocol.GOODBYE, "The first client, connected before the shortage, is still served.", hint);
        outlivesRunningOutOfThreads(server, port);
    }

    /**
     * The same loop, out of threads: starting a handler throws OutOfMemoryError ("unable to create
     * native thread"), an Error, not an Exception. Linux, as root, with a pids cgroup only.
     */
    private void outlivesRunningOutOfThreads(JavaProgram server, int port) throws Exception {
        Optional<ThreadLimit> limit = ThreadLimit.of(server.handle());
        if (limit.isEmpty()) {
            lab.transcript().note("this system cannot limit the server's threads (a pids cgroup, as root): no "
                    + "thread shortage to check here");
            return;
        }
        String hint = "Starting a handler when the process can start no more threads throws "
                + "java.lang.OutOfMemoryError: unable to create native thread. That is an Error, not an Exception: an "
                + "accept loop that catches only Exception (or IOException) lets it through, and the whole server "
                + "ends. The likely mistake: catch (Exception e) around accept() and starting the handler; catch "
                + "Throwable there (or Exception and Error), close that one connection, log it at most about once a "
                + "second, back off, and keep listening: threads come back when other clients leave.";
        List<Peer> clients = new ArrayList<>();
        int cutOff = 0;
        try {
            limit.get().allowMoreThreads(5);
            lab.transcript().note("the server process may start 5 more threads");
            for (int i = 1; i <= 16 && server.isAlive(); i++) {
                Peer client;
                try {
                    client = lab.connect("client " + i + " connecting while the server can start few threads", port);
                } catch (AssertionError refused) {
                    break; // nobody listens any more: the verdict below says why
                }
                clients.add(client);
                client.send(Frames.encode("hello", ChatOptions.DEFAULT_HEADER_SIZE));
                Peer.Reading reply = client.read(ChatOptions.DEFAULT_HEADER_SIZE + ChatProtocol.RECEIVED.length(),
                        Timeouts.REPLY);
                if (reply.ending() != Peer.Ending.COMPLETE) {
                    cutOff++;
                }
            }
        } finally {
            limit.get().restore();
        }
        lab.transcript().note("the server process may start threads again (" + cutOff + " clients were not served)");
        for (Peer client : clients) {
            client.close();
        }
        // The sentinel: a client after the shortage is served. If not, did the server end?
        try {
            FramedPeer after = chatting(port, "client connecting after the thread shortage");
            after.send("exit");
            after.expect(ChatProtocol.GOODBYE, "The server serves as before the thread shortage.", hint);
        } catch (AssertionError notServed) {
            boolean ended;
            try {
                server.handle().onExit().get(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
                ended = true;
            } catch (TimeoutException stillRunning) {
                ended = false;
            }
            if (ended) {
                throw new AssertionError("While it could start no more threads (" + cutOff + (cutOff == 1 ? " client was"
                        : " clients were") + " not served), the server process ended, so nobody is served once threads return; it printed:\n"
                        + lastLines(server.output(), 6) + "\n" + hint, notServed);
            }
            throw new AssertionError(notServed.getMessage() + "\n" + hint, notServed);
        }
    }

    private static String lastLines(String output, int count) {
        List<String> lines = output.lines().toList();
        return "  | " + String.join("\n  | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private FramedPeer chatting(int port, String who) {
        FramedPeer client = lab.connect(who, port).framed(ChatOptions.DEFAULT_HEADER_SIZE);
        client.send("hello from the " + who);
        client.expect(ChatProtocol.RECEIVED, "The " + who + " should get its receipt.", ServerUnderTest.OWN_THREAD);
        return client;
    }
}
