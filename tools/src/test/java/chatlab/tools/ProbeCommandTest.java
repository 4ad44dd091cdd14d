package chatlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code chatlab probe} run in-process against small servers on ephemeral ports that record every
 * byte and every read, and answer with scripted bytes; and once against the step 2 reference.
 */
@Timeout(60)
class ProbeCommandTest {
    private static final Path KIT = Path.of(System.getProperty("chatlab.kit", "..")).toAbsolutePath().normalize();

    // ---- what goes on the wire ----

    static Stream<Arguments> sends() {
        return Stream.of(
                Arguments.of(List.of("--header-size", "8", "--frame", "h\u00e9llo"), bytes("6       h\u00e9llo")),
                Arguments.of(List.of("--frame", "hello"), bytes("5" + " ".repeat(1023) + "hello")),
                Arguments.of(List.of("--header-size", "8", "--frame", ""), bytes("0       ")),
                Arguments.of(List.of("--header-size", "8", "--header", "99999999"), bytes("99999999")),
                Arguments.of(List.of("--header-size", "8", "--header", "+5", "--raw", "hello"), bytes("+5      hello")),
                Arguments.of(List.of("--header-size", "8", "--header", ""), bytes("        ")),
                Arguments.of(List.of("--header-size", "8", "--header", "5\\t"), bytes("5\t      ")),
                Arguments.of(List.of("--raw", "a\\n\\r\\t\\\\\\\"\\x00\\xFF\\u{e9}z"),
                        concat(bytes("a\n\r\t\\\"\0"), new byte[] {(byte) 0xff}, bytes("\u00e9z"))),
                Arguments.of(List.of("--line", "hello"), bytes("hello\n")),
                Arguments.of(List.of("--line", "exit", "--frame", "x", "--raw", "!"),
                        bytes("exit\n1" + " ".repeat(1023) + "x!")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sends")
    void sends_exactly_the_bytes_asked_for_in_the_order_given(List<String> actions, byte[] expected) throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> self.readUntilEof(client.getInputStream()))) {
            List<String> args = new ArrayList<>(List.of("--port", server.port()));
            args.addAll(actions);
            args.add("--half-close");
            Run run = probe(new ProbeCommand(), args);

            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(server.received()).isEqualTo(expected);
            assertThat(run.lines()).contains("* EOF: the server closed the connection");
        }
    }

    @Test
    void shows_what_it_sends_escaped_and_counts_the_writes() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> self.readUntilEof(client.getInputStream()))) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--header-size", "8", "--frame", "hello",
                    "--frame", "hi", "--half-close");

            assertThat(run.lines()).containsExactly(
                    "* connected to 127.0.0.1:" + server.port() + "; reading frames with an 8-byte header",
                    "> 13 bytes: \"5       hello\"",
                    "> 10 bytes: \"2       hi\"",
                    "> half-close: the probe sends nothing more; the server reads the end of the stream",
                    "* EOF: the server closed the connection",
                    "* sent 23 bytes in 2 writes; received 0 bytes in 0 reads");
        }
    }

    @Test
    void bytewise_makes_every_byte_a_write_that_the_server_reads_on_its_own() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> self.readUntilEof(client.getInputStream()))) {
            ProbeCommand probe = new ProbeCommand();
            // The next byte goes only once the server has read the last one: each read can only hold one byte.
            probe.betweenPieces = server::awaitARead;
            Run run = probe(probe, "--port", server.port(), "--header-size", "8", "--bytewise", "--frame", "hello",
                    "--half-close");

            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(server.received()).isEqualTo(bytes("5       hello"));
            assertThat(server.reads()).hasSize(13).containsOnly(1);
            assertThat(run.lines()).contains("> 13 bytes, one per write: \"5       hello\"",
                    "* sent 13 bytes in 13 writes; received 0 bytes in 0 reads");
        }
    }

    @Test
    void split_makes_writes_of_that_many_bytes() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> self.readUntilEof(client.getInputStream()))) {
            ProbeCommand probe = new ProbeCommand();
            probe.betweenPieces = server::awaitARead;
            Run run = probe(probe, "--port", server.port(), "--header-size", "8", "--split", "5", "--frame", "hello",
                    "--half-close");

            assertThat(server.reads()).containsExactly(5, 5, 3);
            assertThat(run.lines()).contains("> 13 bytes, in writes of 5: \"5       hello\"");
        }
    }

    @Test
    void bytewise_really_pauses_between_bytes_on_the_wire() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> self.readUntilEof(client.getInputStream()))) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--bytewise", "--raw", "x".repeat(20),
                    "--half-close");

            assertThat(run.status()).isZero();
            assertThat(server.received()).isEqualTo(bytes("x".repeat(20)));
            // 5 ms apart, the bytes arrive one by one; a loaded machine may merge some (the test above is exact).
            assertThat(server.reads()).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void half_close_gives_the_server_the_end_of_the_stream_and_the_probe_still_reads_the_answer() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> {
            self.readUntilEof(client.getInputStream());
            client.getOutputStream().write(bytes("bye after your EOF"));
        })) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--line", "hi", "--half-close", "--wait",
                    "20s");

            assertThat(server.sawEof.getCount()).isZero();
            assertThat(run.lines()).containsSubsequence(
                    "> half-close: the probe sends nothing more; the server reads the end of the stream",
                    "< 18 bytes: \"bye after your EOF\"",
                    "* EOF: the server closed the connection");
        }
    }

    // ---- what comes back ----

    @Test
    void shows_a_reply_escaped_and_cut_into_frames() throws Exception {
        byte[] reply = concat(bytes("10      \u00e9\t\u0001"), bytes("\u202E"), bytes("ok\n"), bytes("3       ab"));
        try (RecordingServer server = new RecordingServer((client, self) -> client.getOutputStream().write(reply))) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--header-size", "8", "--wait", "20s");

            assertThat(run.status()).isZero();
            assertThat(run.lines()).containsExactly(
                    "* connected to 127.0.0.1:" + server.port() + "; reading frames with an 8-byte header",
                    "< 28 bytes: \"10      \u00e9\\t\\x01\\u{202E}ok\\n3       ab\"",
                    "<   frame: length 10: \"\u00e9\\t\\x01\\u{202E}ok\\n\"",
                    "<   incomplete frame: length 3, 2 bytes of it arrived",
                    "* EOF: the server closed the connection",
                    "* sent 0 bytes in 0 writes; received 28 bytes in 1 read");
        }
    }

    @Test
    void shows_a_kilobyte_of_padding_as_a_count_and_a_header_as_its_number() throws Exception {
        byte[] reply = bytes("26" + " ".repeat(1022) + "Message received by server");
        try (RecordingServer server = new RecordingServer((client, self) -> client.getOutputStream().write(reply))) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--header-size", "1024", "--wait", "20s");

            assertThat(run.out()).contains("\"26\" (1022 spaces) \"Message received by server\"",
                    "<   frame: length 26: \"Message received by server\"");
        }
    }

    @Test
    void without_frames_a_reply_is_only_bytes() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> {
            self.readOnce(client.getInputStream());
            client.getOutputStream().write(bytes("Message received"));
        })) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--line", "hello", "--wait", "20s");

            assertThat(run.lines()).containsExactly(
                    "* connected to 127.0.0.1:" + server.port(),
                    "> 6 bytes: \"hello\\n\"",
                    "< 16 bytes: \"Message received\"",
                    "* EOF: the server closed the connection",
                    "* sent 6 bytes in 1 write; received 16 bytes in 1 read");
        }
    }

    @Test
    void await_waits_for_the_answer_before_the_next_action() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> {
            // A step 1 server with --auto: one read is one message.
            while (true) {
                byte[] message = self.readOnce(client.getInputStream());
                boolean exit = new String(message, StandardCharsets.UTF_8).strip().equals("exit");
                client.getOutputStream().write(bytes(exit ? "Goodbye!" : "Message received"));
                if (exit) {
                    return;
                }
            }
        })) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--line", "hello", "--await", "--line", "exit",
                    "--wait", "20s");

            assertThat(server.reads()).containsExactly(6, 5);
            assertThat(run.lines()).containsExactly(
                    "* connected to 127.0.0.1:" + server.port(),
                    "> 6 bytes: \"hello\\n\"",
                    "< 16 bytes: \"Message received\"",
                    "> 5 bytes: \"exit\\n\"",
                    "< 8 bytes: \"Goodbye!\"",
                    "* EOF: the server closed the connection",
                    "* sent 11 bytes in 2 writes; received 24 bytes in 2 reads");
        }
    }

    @Test
    void a_server_that_stays_quiet_is_hung_up_on_after_the_wait() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> self.readUntilEof(client.getInputStream()))) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--line", "hello", "--wait", "200ms");

            assertThat(run.status()).isZero();
            assertThat(run.lines()).contains("* quiet: nothing more came for 200ms; the probe hangs up (the server had "
                    + "not closed the connection)");
            // The probe's hang-up is the server's end of stream.
            assertThat(server.sawEof.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.received()).isEqualTo(bytes("hello\n"));
        }
    }

    @Test
    void a_reset_is_told_apart_from_a_close() throws Exception {
        try (RecordingServer server = new RecordingServer((client, self) -> {
            self.readOnce(client.getInputStream());
            client.setSoLinger(true, 0);
        })) {
            Run run = probe(new ProbeCommand(), "--port", server.port(), "--line", "hello", "--wait", "20s");

            assertThat(run.status()).isZero();
            assertThat(run.lines()).contains("* reset: the server aborted the connection (TCP RST)")
                    .doesNotContain("* EOF: the server closed the connection");
        }
    }

    // ---- bad input and no server ----

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("--raw", "a\\q"), "--raw 'a\\q': \\q is not an escape"),
                Arguments.of(List.of("--raw", "a\\x4"), "\\x takes two hex digits"),
                Arguments.of(List.of("--raw", "a\\"), "it ends with a lone \\"),
                Arguments.of(List.of("--line", "\\u{D800}"), "\\u takes a character's hex number"),
                Arguments.of(List.of("--header-size", "4", "--header", "12345"),
                        "--header: --header '12345' (5 bytes) does not fit in a 4-byte header"),
                Arguments.of(List.of("--header-size", "2", "--frame", "x".repeat(100)),
                        "--frame: the length 100 (3 bytes) does not fit in a 2-byte header"),
                Arguments.of(List.of("--wait", "soon"), "--wait 'soon' is not a duration"),
                Arguments.of(List.of("--pause", "5"), "--pause '5' is not a duration"),
                Arguments.of(List.of("--half-close", "--line", "late"), "--line after --half-close"),
                Arguments.of(List.of("--bytewise", "--split", "3"), "--bytewise and --split 3"),
                Arguments.of(List.of("--header-size", "0"), "--header-size 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void bad_input_is_one_line_and_status_2_before_connecting(List<String> actions, String message) {
        List<String> args = new ArrayList<>(List.of("--port", "1"));
        args.addAll(actions);
        Run run = probe(new ProbeCommand(), args);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("chatlab probe: ").contains(message);
    }

    @Test
    void no_port_is_bad_input() {
        Run run = probe(new ProbeCommand(), "--frame", "hello");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "chatlab probe: --port is missing: the port the server prints in its \"listening on\" line");
    }

    @Test
    void an_unknown_option_is_status_2_too() {
        assertThat(probe(new ProbeCommand(), "--port", "1", "--fram", "hello").status()).isEqualTo(2);
    }

    @Test
    void no_server_is_status_1_with_a_clear_message() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        Run run = probe(new ProbeCommand(), "--port", String.valueOf(port), "--frame", "hello");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().lines().toList()).containsExactly("chatlab probe: cannot connect to 127.0.0.1:" + port
                + ": connection refused: nothing listens there (is the server running? it prints its port)");
    }

    @Test
    void help_shows_the_examples() {
        Run run = probe(new ProbeCommand(), "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Examples", "--line hello --await --line exit", "--header 99999999",
                "--bytewise --frame hello --half-close", "--header-size 128", "Exit status");
    }

    // ---- the notation, and frames however they are split ----

    @Test
    void bytes_are_shown_as_text_escapes_and_counted_runs() {
        assertThat(shown(bytes("say \"hi\" \\ ok"))).isEqualTo("\"say \\\"hi\\\" \\\\ ok\"");
        assertThat(shown(new byte[0])).isEqualTo("\"\"");
        assertThat(shown(bytes("5" + " ".repeat(7) + "hello"))).isEqualTo("\"5       hello\"");
        assertThat(shown(bytes("99999999" + " ".repeat(1016)))).isEqualTo("\"99999999\" (1016 spaces)");
        assertThat(shown(new byte[10])).isEqualTo("(10 times \\x00)");
        assertThat(shown(bytes("x".repeat(2000)))).isEqualTo("(2000 times \"x\")");
        // A lone lead byte, an overlong form, a surrogate: not UTF-8, so bytes.
        assertThat(shown(new byte[] {(byte) 0xc3, '('})).isEqualTo("\"\\xc3(\"");
        assertThat(shown(new byte[] {(byte) 0xc0, (byte) 0x80})).isEqualTo("\"\\xc0\\x80\"");
        assertThat(shown(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isEqualTo("\"\\xed\\xa0\\x80\"");
        // Text is text; what would be invisible or fool the eye is named.
        assertThat(shown(bytes("\u00e9\u4e16\ud83d\ude00"))).isEqualTo("\"\u00e9\u4e16\ud83d\ude00\"");
        assertThat(shown(bytes("a\u00a0b\u200bc\u001b[31m"))).isEqualTo("\"a\\u{A0}b\\u{200B}c\\x1b[31m\"");
        assertThat(shown(bytes("y".repeat(700)))).isEqualTo("(700 times \"y\")");
        assertThat(shown(bytes("ab".repeat(400)))).startsWith("\"abab").endsWith("\" ... (200 more bytes)");
    }

    @Test
    void what_it_shows_it_can_send() throws Exception {
        byte[] tricky = concat(bytes("say \"hi\" \\ \u00e9\u200b\t\n"), new byte[] {(byte) 0xff, 0});
        String shown = shown(tricky);
        String inQuotes = shown.substring(1, shown.length() - 1);
        assertThat(ProbeBytes.parse("--raw", inQuotes)).isEqualTo(tricky);
    }

    @Test
    void frames_are_put_together_however_the_reads_split_them() {
        ProbeFrames frames = new ProbeFrames(8);
        byte[] stream = bytes("5       hello2       hi0       ");
        List<String> lines = new ArrayList<>();
        for (byte b : stream) {
            lines.addAll(frames.accept(new byte[] {b}, 1));
        }
        assertThat(lines).containsExactly("frame: length 5: \"hello\"", "frame: length 2: \"hi\"",
                "frame: length 0: \"\"");
        assertThat(frames.unfinished()).isNull();

        assertThat(frames.accept(bytes("3    "), 5)).isEmpty();
        assertThat(frames.unfinished()).isEqualTo("incomplete header: 5 of 8 bytes arrived");
    }

    @Test
    void a_header_that_holds_no_length_stops_the_cutting() {
        ProbeFrames frames = new ProbeFrames(8);
        byte[] stream = bytes("+5      hello5       hello");

        assertThat(frames.accept(stream, stream.length)).containsExactly(
                "not a frame: the header \"+5      \" holds no length; what follows is shown as bytes only");
        assertThat(frames.unfinished()).isNull();
        assertThat(new ProbeFrames(2).accept(new byte[] {'2', ' ', (byte) 0xff, (byte) 0xfe}, 4))
                .containsExactly("frame: length 2 (not UTF-8): \"\\xff\\xfe\"");
    }

    @Test
    void durations_are_written_as_people_write_them() throws Exception {
        assertThat(ProbeCommand.durationOf("--wait", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ProbeCommand.durationOf("--wait", "2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ProbeCommand.durationOf("--wait", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ProbeCommand.durationOf("--wait", "1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ProbeCommand.durationOf("--wait", "PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ProbeCommand.durationOf("--wait", "0")).isEqualTo(Duration.ZERO);
    }

    // ---- the real thing ----

    @Test
    void against_the_step_2_reference_server() throws Exception {
        List<Path> classes = Stream.of("solutions", "step2-framed", "common")
                .map(module -> KIT.resolve(module).resolve("target/classes")).toList();
        assumeTrue(classes.stream().allMatch(folder -> Files.isDirectory(folder.resolve("chatlab"))),
                "the kit is built (solutions, step2-framed, common)");
        String classPath = String.join(java.io.File.pathSeparator, classes.stream().map(Path::toString).toList());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(java.toString(), "-cp", classPath, "chatlab.step2.ChatServer", "--port",
                "0").redirectErrorStream(true).start();
        try {
            String port = listeningPort(server);

            Run frame = probe(new ProbeCommand(), "--port", port, "--frame", "hello", "--half-close", "--wait", "20s");
            assertThat(frame.lines()).containsExactly(
                    "* connected to 127.0.0.1:" + port + "; reading frames with a 1024-byte header",
                    "> 1029 bytes: \"5\" (1023 spaces) \"hello\"",
                    "> half-close: the probe sends nothing more; the server reads the end of the stream",
                    "< 1050 bytes: \"26\" (1022 spaces) \"Message received by server\"",
                    "<   frame: length 26: \"Message received by server\"",
                    "* EOF: the server closed the connection",
                    "* sent 1029 bytes in 1 write; received 1050 bytes in 1 read");

            Run lie = probe(new ProbeCommand(), "--port", port, "--header", "99999999", "--wait", "20s");
            assertThat(lie.out()).contains("<   frame: length 69: \"ERROR: a message of \\\"99999999\\\" bytes is over "
                    + "the limit of 65536 bytes\"", "* EOF: the server closed the connection");
        } finally {
            server.destroy();
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The port in the server's "listening on HOST:PORT" line, read within a bounded time. */
    private static String listeningPort(Process server) throws Exception {
        Pattern listening = Pattern.compile("listening on [^\\s:]+:(\\d+)");
        CompletableFuture<String> port = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher found = listening.matcher(line);
                    if (found.find()) {
                        // Keep draining, so that the server never blocks on a full pipe.
                        Thread drain = new Thread(() -> {
                            try {
                                lines.transferTo(Writer.nullWriter());
                            } catch (IOException e) {
                                // The server ended.
                            }
                        });
                        drain.setDaemon(true);
                        drain.start();
                        return found.group(1);
                    }
                }
                throw new IllegalStateException("the server ended without listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return port.get(30, TimeUnit.SECONDS);
    }

    // ---- helpers ----

    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run probe(ProbeCommand command, String... args) {
        return probe(command, List.of(args));
    }

    private static Run probe(ProbeCommand command, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int status = line.execute(args.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    private static String shown(byte[] bytes) {
        return ProbeBytes.shown(bytes, 0, bytes.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** A server for one connection, on an ephemeral port: runs a script, records every read, then closes. */
    static final class RecordingServer implements AutoCloseable {
        interface Script {
            void run(Socket client, RecordingServer self) throws Exception;
        }

        final CountDownLatch sawEof = new CountDownLatch(1);
        private final ServerSocket listener;
        private final Thread thread;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final List<Integer> reads = new CopyOnWriteArrayList<>();
        private final Semaphore readsDone = new Semaphore(0);
        private volatile Socket client;

        RecordingServer(Script script) throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket accepted = listener.accept()) {
                    client = accepted;
                    script.run(accepted, this);
                } catch (Exception e) {
                    // The test closed the server, or the probe went away: what was recorded is the result.
                }
            }, "test server");
            thread.setDaemon(true);
            thread.start();
        }

        String port() {
            return String.valueOf(listener.getLocalPort());
        }

        /** Reads and records until the end of the stream. */
        void readUntilEof(InputStream in) throws IOException {
            while (readOnce(in) != null) {
                // Recorded.
            }
        }

        /** One read, recorded; null at the end of the stream. */
        byte[] readOnce(InputStream in) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            int count = in.read(buffer);
            if (count < 0) {
                sawEof.countDown();
                return null;
            }
            synchronized (this) {
                received.write(buffer, 0, count);
            }
            reads.add(count);
            readsDone.release();
            return Arrays.copyOf(buffer, count);
        }

        /** The probe's pause between two pieces: until this server has read the last one. */
        void awaitARead() throws InterruptedException {
            if (!readsDone.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test server read nothing for 10 s");
            }
        }

        synchronized byte[] received() {
            return received.toByteArray();
        }

        List<Integer> reads() {
            return reads;
        }

        @Override
        public void close() throws IOException {
            listener.close();
            Socket accepted = client;
            if (accepted != null) {
                accepted.close();
            }
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
