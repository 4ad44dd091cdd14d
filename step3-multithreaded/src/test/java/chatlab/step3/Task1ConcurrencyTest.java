package chatlab.step3;

import chatlab.grading.Bytes;
import chatlab.grading.Burst;
import chatlab.grading.Enforces;
import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import chatlab.grading.Timeouts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 3, number = 1, title = "Serve every client at once")
class Task1ConcurrencyTest {
    @RegisterExtension
    final Lab lab = new Lab();

    private static final String POOL = "A blocking server holds a thread for the whole life of each client: with a fixed "
            + "pool of N threads, N idle clients hold them all and the next client waits in the pool's queue, "
            + "unanswered. Use a thread per client, or a pool that grows with the clients (Executors.newCachedThreadPool()).";
    private static final String BACKLOG = "The listen backlog is too small for a burst: while it is full, the system drops "
            + "new connection requests, and each of those clients retries only a second later. Bind with a backlog of at "
            + "least 1000 (serverSocket.bind(address, 1024)); the default is 50.";
    private static final String ONE_WRITE = "About 40 ms per answer is Nagle's algorithm meeting the client's delayed ACK: "
            + "the header and the body went out in two writes, and the second waits for the ACK of the first. Encode "
            + "header and body into one byte array and write it once (or call socket.setTcpNoDelay(true)).";

    @Order(1)
    @Test
    @Enforces({"R1", "R2", "R4"})
    void serves_two_clients_whose_messages_interleave() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        lab.expectListeningOnlyOn127001(server.port);
        FramedPeer first = server.chatting("first client");
        FramedPeer second = server.connect("second client");
        server.expectServed(second, "second client");
        server.expectServed(first, "first client");
        server.expectServed(second, "second client");
    }

    @Order(2)
    @Test
    @Enforces("R4")
    void a_client_that_sends_nothing_never_delays_another() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        server.connect("idle client");
        FramedPeer busy = server.chatting("busy client");
        busy.send("exit");
        busy.expect(ChatProtocol.GOODBYE, "The busy client says exit while the idle one still waits.",
                ServerUnderTest.OWN_THREAD);
    }

    @Order(3)
    @Test
    @Enforces("R4")
    void a_client_stuck_in_the_middle_of_a_frame_never_delays_another() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer slow = server.connect("slow client");
        slow.peer().send(Arrays.copyOf(Frames.encode("hello", ServerUnderTest.HEADER), 100));
        server.chatting("quick client");
    }

    @Order(4)
    @Test
    @Points(3)
    @Enforces("R4")
    void fifty_clients_sending_twenty_messages_each_at_once_all_get_every_answer() throws Exception {
        ServerUnderTest server = ServerUnderTest.start(lab);
        List<FramedPeer> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(server.connect("client " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (FramedPeer client : clients) {
                done.add(pool.submit(() -> {
                    for (int message = 0; message < 20; message++) {
                        client.send(client.peer().who() + ", message " + message);
                        client.expect(ChatProtocol.RECEIVED, client.peer().who() + " should get a receipt for each "
                                + "of its 20 messages, on its own connection.", ServerUnderTest.OWN_THREAD);
                    }
                    client.send("exit");
                    client.expect(ChatProtocol.GOODBYE, client.peer().who() + " says exit after its 20 messages.",
                            ServerUnderTest.OWN_THREAD);
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get(25, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("50 clients sending 20 messages each did not all get their answers within 25 s. "
                    + ServerUnderTest.OWN_THREAD, e);
        } finally {
            pool.shutdownNow();
        }
        server.awaitCount(0, "after all 50 clients said exit");
    }

    @Order(5)
    @Test
    @Enforces("R2")
    void every_message_gets_exactly_one_receipt() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer client = server.connect("client");
        String hint = "Answer every message with exactly one frame: \"Message received by server\" (exit and "
                + "!DISCONNECT! get \"Goodbye!\"), written as the protocol says: a header holding the body's length "
                + "in bytes, padded with spaces, then the body.";
        // An empty frame (header "0") and one of spaces are messages too: each gets its receipt.
        for (String message : new String[] {"first message", "", "second message", "   ", "third message"}) {
            client.send(message);
            String got = client.receive("The server should answer " + Bytes.quote(message) + " with its receipt.",
                    message.isBlank() ? "An empty or all-blank message is a message like any other: it gets its "
                            + "receipt too. The likely mistake: skipping it (if (message.isBlank()) continue;), or "
                            + "taking an empty body for the end of the stream. Only the end of the stream (the client "
                            + "closed) ends the loop without an answer.\n" + hint : hint);
            if (!got.equals(ChatProtocol.RECEIVED)) {
                throw new AssertionError("The server should answer " + Bytes.quote(message) + " with its receipt.\n"
                        + "  expected: " + Bytes.quote(ChatProtocol.RECEIVED) + "\n  received: " + Bytes.quote(got) + "\n"
                        + (got.equals(message) ? "That is the message itself, echoed back: the answer is the receipt, "
                        + "\"Message received by server\".\n" : "") + hint);
            }
        }
        // Exactly one answer each: the next frame after the five receipts must be exit's Goodbye!.
        client.send("exit");
        client.expect(ChatProtocol.GOODBYE, "After five receipts, exit gets Goodbye! (one answer per message, "
                + "nothing more).", hint);
        client.peer().expectClosed("After Goodbye! the server closes the connection.", hint);
    }

    @Order(6)
    @Test
    @Enforces("R5")
    void thirty_idle_clients_never_starve_a_thirty_first() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        for (int i = 1; i <= 30; i++) {
            server.connect("idle client " + i);
        }
        FramedPeer late = server.connect("31st client");
        server.expectServed(late, "31st client, connected after 30 idle ones,", POOL);
    }

    @Order(7)
    @Test
    @Enforces("R3")
    void answers_never_stall_for_the_forty_milliseconds_of_two_small_writes() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer client = server.chatting("client");
        long[] millis = new long[21];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            client.send("ping " + i);
            client.expect(ChatProtocol.RECEIVED, "Each ping gets its receipt.", ServerUnderTest.OWN_THREAD);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        // A correct server answers in well under a millisecond; the stall is 40 ms or more. 25 ms is far
        // from both, so a busy machine neither fails a correct server nor hides the stall.
        if (median > 25) {
            throw new AssertionError("21 messages, each answered before the next was sent: the median round trip was "
                    + median + " ms (each, in ms: " + Arrays.toString(millis) + ").\n" + ONE_WRITE);
        }
    }

    @Order(8)
    @Test
    @Points(2)
    @Enforces("R6")
    void a_thousand_clients_connecting_at_the_same_instant_are_all_connected_at_once_and_served() throws IOException {
        ServerUnderTest server = ServerUnderTest.start(lab);
        try (Burst burst = Burst.connectAtOnce(lab, server.port, 1000, BACKLOG)) {
            burst.expectEach(i -> Frames.encode("hello from client " + i, ServerUnderTest.HEADER),
                    Frames.encode(ChatProtocol.RECEIVED, ServerUnderTest.HEADER), "sent a message and expected its "
                            + "receipt", ServerUnderTest.OWN_THREAD);
        }
    }
}
