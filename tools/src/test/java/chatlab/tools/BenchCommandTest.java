package chatlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code chatlab bench} against small servers run by the test itself: a correct framed server, one
 * that hangs up early, one that answers the wrong thing, a step 1 server, a chat room with bounded
 * queues (and a member that stops reading); a baseline server started as a command; then the
 * statistics, the histogram, and the options it refuses. No assertion on speed: only on what was
 * counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchCommandTest {
    private static final Path KIT = Path.of(System.getProperty("chatlab.kit", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEADER = 16;

    @TempDir
    Path temp;

    /** What one bench invocation did. */
    record Ran(int status, String out, String err, JsonNode json) {
    }

    private Ran bench(String... args) throws IOException {
        Path json = temp.resolve("bench-" + System.nanoTime() + ".json");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--no-progress", "--json", json.toString()));
        if (!all.contains("--timeout")) {
            all.addAll(List.of("--timeout", "20"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int status = command.execute(all.toArray(String[]::new));
        return new Ran(status, out.toString(), err.toString(), Files.exists(json) ? JSON.readTree(json.toFile()) : null);
    }

    @Test
    void measures_every_round_trip_of_a_correct_multithreaded_server() throws IOException {
        try (TestServer server = new TestServer(answerEvery("Message received by server", -1))) {
            Ran ran = bench("--step", "3", "--port", server.port(), "--clients", "3", "--messages", "40",
                    "--warmup", "9", "--header-size", String.valueOf(HEADER));
            assertThat(ran.status()).as(ran.err()).isZero();
            assertThat(ran.out()).contains("3 of 3 clients had every answer", "120 of 120 round trips", "throughput",
                    "p50", "p99", "max", "errors         none", "latency of the round trips (log scale)");
            JsonNode run = ran.json().get("runs").get(0);
            assertThat(run.get("label").asText()).isEqualTo("yours");
            assertThat(run.get("completed").asLong()).isEqualTo(120);
            assertThat(run.get("latencyMicros").get("count").asLong()).isEqualTo(120);
            assertThat(run.get("errors").get("total").asLong()).isZero();
            assertThat(run.get("throughput").asDouble()).isPositive();
            assertThat(run.get("latencyMicros").get("p99").asDouble())
                    .isGreaterThanOrEqualTo(run.get("latencyMicros").get("p50").asDouble());
            // Warm-up (9 in all: 3 each), the measured 40, and the goodbye: every client's messages reached the server.
            assertThat(server.messages()).isEqualTo(3 * (3 + 40 + 1));
        }
    }

    @Test
    void a_server_that_hangs_up_early_is_counted_not_a_crash() throws IOException {
        try (TestServer server = new TestServer(answerEvery("Message received by server", 5))) {
            Ran ran = bench("--step", "3", "--port", server.port(), "--clients", "2", "--messages", "20",
                    "--warmup", "0", "--header-size", String.valueOf(HEADER));
            assertThat(ran.status()).isEqualTo(1);
            assertThat(ran.out()).contains("0 of 2 clients had every answer", "closed early 2",
                    "the server closed the connection after 5 answers");
            assertThat(ran.out() + ran.err()).doesNotContain("Exception", "\tat ");
            JsonNode errors = ran.json().get("runs").get(0).get("errors");
            assertThat(errors.get("byKind").get("closed").asLong()).isEqualTo(2);
            assertThat(ran.json().get("runs").get(0).get("completed").asLong()).isEqualTo(10);
        }
    }

    @Test
    void wrong_answers_are_counted_and_quoted() throws IOException {
        try (TestServer server = new TestServer(answerEvery("\u001b[31mnope", -1))) {
            Ran ran = bench("--step", "3", "--port", server.port(), "--clients", "1", "--messages", "7",
                    "--warmup", "0", "--header-size", String.valueOf(HEADER));
            assertThat(ran.status()).isEqualTo(1);
            assertThat(ran.out()).contains("unexpected answer 7",
                    "expected \"Message received by server\", got \"?[31mnope\"")
                    .doesNotContain("\u001b");
        }
    }

    @Test
    void step_1_is_unframed_and_served_once() throws IOException {
        try (TestServer server = new TestServer(BenchCommandTest::stepOne)) {
            Ran ran = bench("--step", "1", "--port", server.port(), "--messages", "25", "--warmup", "5");
            assertThat(ran.status()).as(ran.out() + ran.err()).isZero();
            assertThat(ran.out()).contains("Step 1 (one-to-one)", "25 of 25 round trips", "(unframed)");
            assertThat(server.messages()).isEqualTo(5 + 25 + 1);
        }
    }

    @Test
    void step_4_members_hear_every_message_and_a_member_that_stops_reading_is_dropped() throws IOException {
        try (ChatRoom room = new ChatRoom(20)) {
            Ran ran = bench("--step", "4", "--port", room.port(), "--clients", "4", "--messages", "150", "--warmup",
                    "8", "--slow", "1", "--message-bytes", "2000", "--header-size", String.valueOf(HEADER));
            assertThat(ran.status()).as(ran.out() + ran.err()).isZero();
            assertThat(ran.out()).contains("4 of 4 members", "4 of 4 members' messages reached every other member",
                    "1,800 of 1,800 deliveries (600 messages x 3 others)", "deliveries/s", "messages/s",
                    "1 of 1 disconnected by the server");
            JsonNode run = ran.json().get("runs").get(0);
            assertThat(run.get("completed").asLong()).isEqualTo(4 * 150 * 3);
            assertThat(run.get("sent").asLong()).isEqualTo(4 * 150);
            assertThat(run.get("slowDropped").asInt()).isEqualTo(1);
            assertThat(run.get("latencyMicros").get("count").asLong()).isEqualTo(1800);
        }
    }

    @Test
    void a_wider_window_keeps_several_messages_on_their_way() throws IOException {
        try (ChatRoom room = new ChatRoom(1000)) {
            Ran ran = bench("--step", "4", "--port", room.port(), "--clients", "3", "--messages", "60", "--window",
                    "4", "--warmup", "0", "--header-size", String.valueOf(HEADER));
            assertThat(ran.status()).as(ran.out() + ran.err()).isZero();
            assertThat(ran.json().get("runs").get(0).get("completed").asLong()).isEqualTo(3 * 60 * 2);
        }
    }

    @Test
    void a_server_command_is_started_measured_and_stopped() throws IOException {
        // The baseline of scripts/bench/, through the Java source launcher.
        Path baseline = KIT.resolve("scripts/bench/Step3Baseline.java");
        String command = "\"" + BenchServer.javaCommand() + "\" \"" + baseline + "\" --port 0 --header-size " + HEADER;
        Ran ran = bench("--step", "3", "--server", command, "--clients", "2", "--messages", "30", "--warmup", "4",
                "--header-size", String.valueOf(HEADER), "--label", "baseline");
        assertThat(ran.status()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).contains("baseline: `", "2 of 2 clients had every answer");
        assertThat(ran.json().get("runs").get(0).get("completed").asLong()).isEqualTo(60);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).as("processes left running")
                .isEmpty();
    }

    @Test
    void a_server_that_is_not_there_is_a_clear_error() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Ran ran = bench("--step", "3", "--port", String.valueOf(port), "--clients", "2", "--messages", "3");
        assertThat(ran.status()).isEqualTo(1);
        assertThat(ran.err()).contains("cannot reach your server at 127.0.0.1:" + port, "is your server running")
                .doesNotContain("Exception");
    }

    @Test
    void bad_options_are_refused_with_status_2() throws IOException {
        assertRefused("--step must be 1, 2, 3 or 4", "--step", "5", "--port", "1");
        assertRefused("serves one client at a time", "--step", "2", "--port", "1", "--clients", "3");
        assertRefused("not both", "--step", "3", "--port", "1", "--server", "java X.java");
        assertRefused("--compare compares a server with the reference", "--step", "3", "--compare");
        assertRefused("are for step 4", "--step", "3", "--port", "1", "--slow", "2");
        assertRefused("needs --clients 2 or more", "--step", "4", "--port", "1", "--clients", "1");
        assertRefused("--port must be 1 to 65535", "--step", "3", "--port", "70000");
        assertRefused("--message-bytes must be 1 to 1024", "--step", "1", "--port", "1", "--message-bytes", "2000");
        assertRefused("--timeout must be at least 1", "--step", "3", "--port", "1", "--timeout", "0");
        assertThat(bench("--step", "3", "--clients", "many").status()).isEqualTo(2);
        assertThat(bench("--clients", "3").status()).isEqualTo(2);
    }

    private void assertRefused(String why, String... args) throws IOException {
        Ran ran = bench(args);
        assertThat(ran.status()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(ran.err().strip()).as(String.join(" ", args)).startsWith("chatlab bench: ").contains(why)
                .doesNotContain("\n");
    }

    @Test
    void without_the_reference_a_student_edition_says_so() throws IOException {
        Path edition = Files.createDirectories(temp.resolve("edition"));
        Files.writeString(edition.resolve("pom.xml"), "<project/>");
        Files.createDirectories(edition.resolve("step3-multithreaded"));
        Files.writeString(edition.resolve("step3-multithreaded/pom.xml"), "<project/>");
        String before = System.getProperty("chatlab.kit");
        System.setProperty("chatlab.kit", edition.toString());
        try {
            Ran alone = bench("--step", "3", "--clients", "2");
            assertThat(alone.status()).isEqualTo(2);
            assertThat(alone.err()).contains("the reference solution is not in this kit");
            Ran compared = bench("--step", "3", "--port", "1", "--compare");
            assertThat(compared.status()).isEqualTo(2);
            assertThat(compared.err()).contains("not in this kit", "without --compare");
        } finally {
            if (before == null) {
                System.clearProperty("chatlab.kit");
            } else {
                System.setProperty("chatlab.kit", before);
            }
        }
    }

    @Test
    void percentiles_of_known_samples() {
        Latencies small = new Latencies();
        for (int i = 1; i <= 100; i++) {
            small.record(i); // below 128 ns every value has a bucket of its own: exact
        }
        assertThat(small.percentile(50)).isEqualTo(50);
        assertThat(small.percentile(99)).isEqualTo(99);
        assertThat(small.percentile(100)).isEqualTo(100);
        assertThat(small.min()).isEqualTo(1);
        assertThat(small.mean()).isEqualTo(50.5);

        Latencies micros = new Latencies();
        Latencies more = new Latencies();
        for (int i = 1; i <= 1000; i++) {
            (i % 2 == 0 ? micros : more).record(i * 1000L); // 1 us to 1 ms, in two recorders
        }
        micros.add(more);
        assertThat(micros.count()).isEqualTo(1000);
        assertThat((double) micros.percentile(50)).isCloseTo(500_000, within(500_000 / 64.0));
        assertThat((double) micros.percentile(90)).isCloseTo(900_000, within(900_000 / 64.0));
        assertThat((double) micros.percentile(99)).isCloseTo(990_000, within(990_000 / 64.0));
        assertThat(micros.max()).isEqualTo(1_000_000);
        assertThat(micros.percentile(100)).isEqualTo(1_000_000);
        assertThat(micros.min()).isEqualTo(1000);
        assertThat(new Latencies().percentile(50)).isZero();
    }

    @Test
    void every_bucket_holds_its_own_values() {
        for (long value : new long[] {0, 1, 127, 128, 129, 255, 256, 1000, 123_456_789, Long.MAX_VALUE / 3}) {
            int index = Latencies.index(value);
            assertThat(value).as("bucket %d", index).isBetween(Latencies.lowest(index), Latencies.highest(index));
            assertThat(Latencies.highest(index) - Latencies.lowest(index)).isLessThanOrEqualTo(Math.max(0, value / 64));
        }
    }

    @Test
    void the_histogram_has_log_scale_buckets_with_bars() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 100; i++) {
            latencies.record(150_000); // 150 us
        }
        for (int i = 0; i < 50; i++) {
            latencies.record(3_000_000); // 3 ms
        }
        List<String> rows = BenchReport.histogram(latencies).lines().toList();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).contains(" 100 us -  200 us |" + "#".repeat(40) + "|", "100", "66.7%");
        assertThat(rows.get(1)).contains(" 200 us -  500 us |" + " ".repeat(40) + "|", " 0 ", "0.0%");
        assertThat(rows.get(2)).contains("500 us -    1 ms");
        assertThat(rows.get(3)).contains("1 ms -    2 ms");
        assertThat(rows.get(4)).contains("2 ms -    5 ms |" + "#".repeat(20) + " ".repeat(20) + "|", "50", "33.3%");
    }

    @Test
    void durations_are_shown_in_units_that_suit_them() {
        assertThat(BenchReport.time(812)).isEqualTo("812 ns");
        assertThat(BenchReport.time(45_300)).isEqualTo("45.3 us");
        assertThat(BenchReport.time(1_000_000)).isEqualTo("1 ms");
        assertThat(BenchReport.time(1_204_000)).isEqualTo("1.2 ms");
        assertThat(BenchReport.time(2_500_000_000L)).isEqualTo("2.5 s");
    }

    @Test
    void a_server_command_is_split_into_words_like_a_shell_would() {
        assertThat(BenchServer.words("java  \"My Server.java\" --port 0 'a b'"))
                .containsExactly("java", "My Server.java", "--port", "0", "a b");
        assertThat(BenchServer.LISTENING.matcher("[LISTENING] Server is listening on 127.0.0.1:5555").find()).isTrue();
    }

    // ---- the servers of the test ----

    /** A server on an ephemeral port that runs a handler per connection, each in a thread of its own. */
    static class TestServer implements AutoCloseable {
        interface Handler {
            void serve(Socket client, TestServer server) throws IOException;
        }

        private final ServerSocket listener;
        private final List<Socket> clients = new ArrayList<>();
        private int messages;

        TestServer(Handler handler) throws IOException {
            listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket client = listener.accept();
                        synchronized (clients) {
                            clients.add(client);
                        }
                        Thread thread = new Thread(() -> {
                            try (client) {
                                handler.serve(client, this);
                            } catch (IOException e) {
                                // The bench hung up.
                            }
                        });
                        thread.setDaemon(true);
                        thread.start();
                    }
                } catch (IOException e) {
                    // Closed: the test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String port() {
            return String.valueOf(listener.getLocalPort());
        }

        synchronized void counted() {
            messages++;
        }

        synchronized int messages() {
            return messages;
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (clients) {
                for (Socket client : clients) {
                    client.close();
                }
            }
        }
    }

    /** Step 2's protocol, framed with {@link #HEADER}-byte headers: {@code answer} to every message, Goodbye! to exit. */
    private static TestServer.Handler answerEvery(String answer, int hangUpAfter) {
        return (client, server) -> {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            OutputStream out = client.getOutputStream();
            for (int answered = 0; answered != hangUpAfter; answered++) {
                String message = readFrame(in);
                if (message == null) {
                    return;
                }
                server.counted();
                boolean exit = message.equals("exit");
                out.write(frame(exit ? "Goodbye!" : answer));
                if (exit) {
                    return;
                }
            }
        };
    }

    /** Step 1's protocol: one read is one message, "Message received" to each, "Goodbye!" to exit. */
    private static void stepOne(Socket client, TestServer server) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buffer = new byte[1024];
        for (int count = in.read(buffer); count > 0; count = in.read(buffer)) {
            server.counted();
            boolean exit = new String(buffer, 0, count, StandardCharsets.UTF_8).strip().equals("exit");
            out.write((exit ? "Goodbye!" : "Message received").getBytes(StandardCharsets.UTF_8));
            if (exit) {
                return;
            }
        }
    }

    /**
     * A step 4 chat room: welcome, name, hello and join notices; every message to the others through
     * each member's bounded queue, written by a thread of its own; a member whose queue is full is
     * disconnected and the others told it left.
     */
    static final class ChatRoom implements AutoCloseable {
        private record Member(BlockingQueue<byte[]> queue, Socket socket) {
        }

        private final Map<String, Member> members = new ConcurrentHashMap<>();
        private final TestServer server;

        ChatRoom(int queueFrames) throws IOException {
            server = new TestServer((client, ignored) -> member(client, queueFrames));
        }

        String port() {
            return server.port();
        }

        private void member(Socket client, int queueFrames) throws IOException {
            // A fixed send buffer (the system would grow it to megabytes), so that a member that stops
            // reading fills its queue soon; no Nagle, so that back-to-back frames do not wait for ACKs.
            client.setSendBufferSize(8192);
            client.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            OutputStream out = client.getOutputStream();
            BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(queueFrames);
            Member me = new Member(queue, client);
            Thread writer = new Thread(() -> {
                try {
                    for (byte[] frame = queue.take(); frame.length > 0; frame = queue.take()) {
                        out.write(frame);
                    }
                } catch (IOException | InterruptedException e) {
                    // Gone, or dropped.
                } finally {
                    closeQuietly(client);
                }
            });
            writer.setDaemon(true);
            writer.start();
            String name = null;
            try {
                queue.add(frame("Welcome to the chat server! What's your name?"));
                name = readFrame(in);
                if (name == null) {
                    return;
                }
                synchronized (members) {
                    queue.add(frame("Hello " + name + ", you are now connected!"));
                    toAll("[SERVER] " + name + " joined the chat.");
                    members.put(name, me);
                }
                for (String message = readFrame(in); message != null; message = readFrame(in)) {
                    synchronized (members) {
                        for (Map.Entry<String, Member> member : members.entrySet()) {
                            if (!member.getKey().equals(name)) {
                                deliver(member.getKey(), member.getValue(), "[" + name + "] " + message);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // Gone, or dropped.
            } finally {
                synchronized (members) {
                    if (name != null && members.remove(name, me)) {
                        toAll("[SERVER] " + name + " left the chat.");
                    }
                }
                queue.clear();
                queue.offer(new byte[0]);
            }
        }

        /** Guarded by members. */
        private void toAll(String line) {
            for (Map.Entry<String, Member> member : Map.copyOf(members).entrySet()) {
                deliver(member.getKey(), member.getValue(), line);
            }
        }

        /** Guarded by members: a member too far behind is dropped (its writer ends, its reader fails). */
        private void deliver(String name, Member member, String line) {
            if (!member.queue().offer(frame(line)) && members.remove(name, member)) {
                closeQuietly(member.socket()); // unblocks its writer, stuck in a write nobody reads
                toAll("[SERVER] " + name + " left the chat.");
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    private static byte[] frame(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[HEADER + body.length];
        byte[] length = String.format("%-" + HEADER + "d", body.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(length, 0, frame, 0, HEADER);
        System.arraycopy(body, 0, frame, HEADER, body.length);
        return frame;
    }

    /** The next frame's body; null at the end of the stream. */
    private static String readFrame(DataInputStream in) throws IOException {
        byte[] header = new byte[HEADER];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return null;
        }
        byte[] body = new byte[Integer.parseInt(new String(header, StandardCharsets.US_ASCII).strip())];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }
}
