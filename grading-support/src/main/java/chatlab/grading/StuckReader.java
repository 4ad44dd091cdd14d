package chatlab.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * A client that has stopped reading: it floods the server with messages without reading a single
 * receipt, until the server's write to it blocks (the handler then stops reading, and so this
 * client's own writes block too). Its socket keeps the system's buffer sizes: with a tiny receive
 * buffer, Linux on loopback sometimes stalls the connection the other way round (measured: 2 runs
 * in 8), the server's handler waiting in read() for flood bytes that never come, holding no lock.
 */
public final class StuckReader {
    /**
     * How long the server must show no progress before it counts as stuck. A first stall is not
     * enough: Linux lets a blocked writer on loopback go on once more, some 200 to 400 ms after it
     * first blocked (measured); a check that shut down during that pause would see a wrong server unblock
     * and pass. After that second stall, nothing moves.
     */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

    private final Socket socket;
    /** More than enough to fill every buffer between the two ends; a server that reads on past it queues without bound. */
    private static final long MAX_FLOOD_BYTES = 64L << 20;

    /** When the write in progress began (System.nanoTime), or 0 between writes. */
    private volatile long writingSince;
    /** Set when flooding ended: the server cut this client off, or it read all of MAX_FLOOD_BYTES. */
    private volatile boolean done;

    public StuckReader(Lab lab, int port, int headerSize) {
        Peer peer = lab.connect("client that stopped reading", port);
        this.socket = peer.socket();
        // Short, so that the server gets through the thousands of messages (megabytes of receipts) it
        // takes to fill the buffers quickly, even on a busy machine.
        byte[] frame = Frames.encode("stuck? no, just busy", headerSize);
        lab.transcript().note(peer.who() + " sends the same message again and again, and reads nothing");
        Thread flood = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (long sent = 0; sent < MAX_FLOOD_BYTES; sent += frame.length) {
                    writingSince = System.nanoTime();
                    out.write(frame);
                    writingSince = 0;
                }
            } catch (IOException cutOff) {
                // The server closed this connection: it dealt with the stuck client itself.
            } finally {
                writingSince = 0;
                done = true;
            }
        }, "junit: client that stopped reading");
        flood.setDaemon(true);
        flood.start();
    }

    /**
     * Waits until the server is stuck writing to this client: this client's write has been blocked
     * (the server stopped reading it) and the server's log has not grown (it read no other message
     * of this client) for {@link #STALL_NANOS}. A server may also cut such a client off itself, or
     * read on and queue what it owes: then there is nothing more to wait for either.
     *
     * @param serverLog       how many bytes the server has logged so far (it logs every message it reads)
     * @param serverClass     for a server in this JVM, which classes are its code: then a thread of it
     *                        must also be seen inside a socket write at every look during the stall;
     *                        null for a server in a process of its own
     */
    public void awaitServerStuck(Lab lab, IntSupplier serverLog, Predicate<String> serverClass) {
        long[] quiet = {System.nanoTime(), serverLog.getAsInt()};
        long[] seenWriting = {0};
        lab.await("the server to stop reading the flooding client (its handler blocked writing receipts nobody reads)",
                Timeouts.REPLY.multipliedBy(3), () -> {
                    if (done) {
                        return true;
                    }
                    long now = System.nanoTime();
                    int logged = serverLog.getAsInt();
                    if (logged != quiet[1]) {
                        quiet[0] = now;
                        quiet[1] = logged;
                    }
                    long since = writingSince;
                    boolean stalled = since != 0 && now - since > STALL_NANOS && now - quiet[0] > STALL_NANOS;
                    if (serverClass == null) {
                        return stalled;
                    }
                    if (!serverThreadInSocketWrite(serverClass)) {
                        seenWriting[0] = 0;
                        return false;
                    }
                    if (seenWriting[0] == 0) {
                        seenWriting[0] = now;
                    }
                    return stalled && now - seenWriting[0] > STALL_NANOS;
                }, "The server kept reading a client that sends message after message and reads no receipt, "
                        + "slower than the check could send. Answer each message (one frame, one write) before "
                        + "reading the next.");
        lab.transcript().note(done ? "the client that stopped reading is done flooding"
                : "the server has stopped reading the client that stopped reading: it is stuck writing to it");
    }

    /** Whether a thread running the server's code is inside a socket write. */
    private static boolean serverThreadInSocketWrite(Predicate<String> serverClass) {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            boolean writing = false;
            boolean server = false;
            for (StackTraceElement frame : stack) {
                String type = frame.getClassName();
                writing |= frame.getMethodName().toLowerCase(Locale.ROOT).contains("write")
                        && (type.startsWith("sun.nio.ch.") || type.startsWith("java.net.Socket"));
                server |= serverClass.test(type);
            }
            if (writing && server) {
                return true;
            }
        }
        return false;
    }
}
