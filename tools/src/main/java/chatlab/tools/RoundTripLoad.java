package chatlab.tools;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steps 1 to 3 under closed-loop load: each client thread has one connection, sends a message,
 * waits for the server's answer, and only then sends the next. Every client connects before any
 * sends, and keeps its connection until every client is done: the connections are held at once.
 */
final class RoundTripLoad {
    static final String ANSWER = "Message received by server";
    static final String STEP1_ANSWER = "Message received";
    static final String GOODBYE = "Goodbye!";

    private final BenchRun run;
    private final BenchSettings settings;
    private final BenchFrames frames;
    private final CountDownLatch connected;
    private final CountDownLatch warmedUp;
    private final CountDownLatch finished;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final Latencies[] latencies;

    RoundTripLoad(BenchRun run) {
        this.run = run;
        this.settings = run.settings;
        this.frames = new BenchFrames(settings.headerSize());
        this.connected = new CountDownLatch(settings.clients());
        this.warmedUp = new CountDownLatch(settings.clients());
        this.finished = new CountDownLatch(settings.clients());
        this.latencies = new Latencies[settings.clients()];
    }

    BenchOutcome run(String label, String server) {
        BenchProgress progress = run.progress;
        progress.phase("connecting", settings.clients(), "connections");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            int id = i + 1;
            latencies[i] = new Latencies();
            Latencies mine = latencies[i];
            threads.add(run.thread("bench client " + id, () -> client(id, mine)));
        }
        long started = 0;
        long ended = 0;
        if (run.await(connected)) {
            run.allConnected();
            progress.phase("warming up", (long) settings.clients() * settings.warmupPerClient(), "round trips");
            if (run.await(warmedUp)) {
                started = System.nanoTime();
                progress.phase("measuring", settings.expected(), settings.unit());
                if (run.await(finished)) {
                    ended = System.nanoTime();
                    run.sampleServer();
                }
            }
        }
        if (ended == 0 && run.pastDeadline()) {
            run.cutOff("after " + BenchReport.count(completed.get()) + " of " + BenchReport.count(settings.expected())
                    + " round trips"
                    + (settings.step() <= 2 && completed.get() == 0 ? " (step " + settings.step() + " serves one client "
                    + "at a time: is another one connected to it?)" : ""));
        }
        if (started != 0 && ended == 0) {
            ended = System.nanoTime();
        }
        run.join(threads);
        Latencies all = new Latencies();
        Arrays.stream(latencies).forEach(all::add);
        return new BenchOutcome(label, server, settings, run.connections(), connections.get(), served.get(),
                completed.get(), 0, ended - started, all, run.errors, run.cutOff(), 0, run.connectNanos(),
                run.peakUsage(), 0);
    }

    /** One client, from connect to goodbye. Each stage's latch is counted down whatever happened before it. */
    private void client(int id, Latencies mine) {
        Connection connection = null;
        try {
            connection = connect(id);
        } finally {
            connected.countDown();
        }
        run.await(connected);
        boolean ok = connection != null && roundTrips(connection, settings.warmupPerClient(), null);
        warmedUp.countDown();
        run.await(warmedUp);
        ok = ok && roundTrips(connection, settings.messages(), mine);
        if (ok) {
            served.incrementAndGet();
        }
        finished.countDown();
        run.await(finished); // hold the connection until every client is done
        if (ok) {
            goodbye(connection);
        }
        if (connection != null) {
            BenchRun.close(connection.socket);
        }
    }

    private Connection connect(int id) {
        try {
            Socket socket = run.connect(0);
            Connection connection = new Connection(id, socket, new BufferedInputStream(socket.getInputStream(), 8192),
                    socket.getOutputStream(), Math.max(1024, settings.headerSize()));
            connections.incrementAndGet();
            run.progress.add(1);
            return connection;
        } catch (IOException e) {
            if (!run.stopped()) {
                run.errors.count(BenchErrors.Kind.CONNECT, String.valueOf(e.getMessage()));
            }
            return null;
        }
    }

    /** Sends {@code count} messages, each after the answer to the one before; false if the connection failed. */
    private boolean roundTrips(Connection connection, int count, Latencies measured) {
        byte[] message = message(connection.id);
        for (int i = 0; i < count; i++) {
            if (run.stopped()) {
                return false;
            }
            try {
                long sent = System.nanoTime();
                connection.out.write(message);
                String answer = answer(connection);
                long took = System.nanoTime() - sent;
                if (answer == null) {
                    run.errors.count(BenchErrors.Kind.CLOSED, "client " + connection.id + ": the server closed the "
                            + "connection after " + connection.answered + " answers");
                    return false;
                }
                connection.answered++;
                String expected = settings.step() == 1 ? STEP1_ANSWER : ANSWER;
                if (!answer.equals(expected)) {
                    run.errors.count(BenchErrors.Kind.UNEXPECTED, "client " + connection.id + " expected "
                            + BenchRun.quoted(expected) + ", got " + BenchRun.quoted(answer));
                }
                if (measured != null) {
                    measured.record(took);
                    completed.incrementAndGet();
                }
                run.progress.add(1);
            } catch (IOException e) {
                failed(connection, e);
                return false;
            }
        }
        return true;
    }

    private void failed(Connection connection, IOException e) {
        if (run.stopped()) {
            return; // the run was cut off: that is counted once, not once per client
        }
        String who = "client " + connection.id + " after " + connection.answered + " answers: ";
        if (e instanceof SocketTimeoutException) {
            run.errors.count(BenchErrors.Kind.TIMEOUT, who + "no answer before the deadline");
        } else if (e instanceof ProtocolException) {
            run.errors.count(BenchErrors.Kind.PROTOCOL, who + e.getMessage());
        } else if (e instanceof EOFException) {
            run.errors.count(BenchErrors.Kind.CLOSED, who + e.getMessage());
        } else {
            run.errors.count(BenchErrors.Kind.IO, who + e.getMessage());
        }
    }

    /** The server's answer, or null if it closed the connection first. */
    private String answer(Connection connection) throws IOException {
        if (settings.step() != 1) {
            return frames.read(connection.in, connection.header);
        }
        // Step 1 has no frames: the answer is what arrives, at least as many bytes as it should have
        // (and the line break a server may add, if it is there already).
        byte[] expected = STEP1_ANSWER.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = connection.header;
        int got = 0;
        while (got < expected.length || got < buffer.length && connection.in.available() > 0) {
            int count = connection.in.read(buffer, got, buffer.length - got);
            if (count < 0) {
                return got == 0 ? null : new String(buffer, 0, got, StandardCharsets.UTF_8);
            }
            got += count;
        }
        return new String(buffer, 0, got, StandardCharsets.UTF_8).strip(); // a line break may come before or after
    }

    /** The chat's end, as the protocol says: exit, then the server's goodbye. */
    private void goodbye(Connection connection) {
        try {
            connection.socket.setSoTimeout((int) Math.min(BenchRun.END_MILLIS, Math.max(1, run.nanosLeft() / 1_000_000)));
            connection.out.write(settings.step() == 1 ? "exit".getBytes(StandardCharsets.UTF_8) : frames.encode("exit"));
            if (settings.step() == 1) {
                connection.in.read(connection.header); // Goodbye! (or the server is gone already: no matter)
            } else {
                frames.read(connection.in, connection.header);
            }
        } catch (IOException e) {
            // Every measured answer came; a server that skips its goodbye is no bench's business.
        }
    }

    /** The message a client sends, padded to the size asked for: the same bytes each time. */
    private byte[] message(int id) {
        String text = pad("bench message from client " + id + " ", settings.messageBytes());
        return settings.step() == 1 ? text.getBytes(StandardCharsets.UTF_8) : frames.encode(text);
    }

    /** The text, cut or padded with x to the size (ASCII: characters are bytes). */
    static String pad(String text, int bytes) {
        return text.length() >= bytes ? text.substring(0, bytes) : text + "x".repeat(bytes - text.length());
    }

    private static final class Connection {
        final int id;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] header;
        int answered;

        /** The buffer for a header (step 1: for an answer) is {@code bufferBytes} long. */
        Connection(int id, Socket socket, InputStream in, OutputStream out, int bufferBytes) {
            this.id = id;
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.header = new byte[bufferBytes];
        }
    }
}
