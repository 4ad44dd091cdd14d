package chatlab.step3;

import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 3, number = 1, title = "Serve every client at once")
class Task1ConcurrencyTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void serves_two_clients_whose_messages_interleave() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer first = server.chatting("first client");
        FramedPeer second = server.connect("second client");
        server.expectServed(second, "second client");
        server.expectServed(first, "first client");
        server.expectServed(second, "second client");
    }

    @Test
    void a_client_that_sends_nothing_never_delays_another() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        server.connect("idle client");
        FramedPeer busy = server.chatting("busy client");
        busy.send("exit");
        busy.expect(ChatProtocol.GOODBYE, "The busy client says exit while the idle one still waits.",
                ServerUnderTest.OWN_THREAD);
    }

    @Test
    void a_client_stuck_in_the_middle_of_a_frame_never_delays_another() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer slow = server.connect("slow client");
        slow.peer().send(Arrays.copyOf(Frames.encode("hello", ServerUnderTest.HEADER), 100));
        server.chatting("quick client");
    }

    @Test
    @Points(3)
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
}
