package chatlab.step3;

import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;

/**
 * A client that has stopped reading: its receive buffer is tiny, and it floods the server with
 * messages without reading a single receipt, until the server's write to it blocks (the handler
 * then stops reading, and so this client's own writes block too: that is how the check knows).
 */
final class StuckReader {
    static final String HINT = "A client that has stopped reading blocks whoever writes to it once its buffers are "
            + "full: its handler is stuck in write(), holding the send lock. Shutdown must never wait for that lock or "
            + "that write: send each notice without waiting on the other clients (a thread per notice, say), and cut "
            + "the stuck client off: close its socket, which makes a blocked write fail at once, instead of waiting "
            + "for it.";

    private final Socket socket;
    /** More than enough to fill every buffer between the two ends; a server that reads on past it queues without bound. */
    private static final long MAX_FLOOD_BYTES = 32L << 20;

    /** When the write in progress began (System.nanoTime), or 0 between writes. */
    private volatile long writingSince;
    /** Set when flooding ended: the server cut this client off, or it read all of MAX_FLOOD_BYTES. */
    private volatile boolean done;

    StuckReader(Lab lab, int port, int headerSize) {
        Peer peer = lab.connect("client that stopped reading", port, 1024);
        this.socket = peer.socket();
        try {
            socket.setSendBufferSize(8192);
        } catch (SocketException ignored) {
            // A bigger buffer only takes a little longer to fill.
        }
        byte[] frame = Frames.encode("x".repeat(1000), headerSize);
        lab.transcript().note(peer.who() + " sends the same 1000-character message again and again, and reads nothing");
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
     * Waits until this client's writes block: the server has stopped reading it, its handler stuck
     * writing to it. A server may also cut such a client off itself, or read on and queue what it
     * owes: then there is nothing more to wait for either.
     *
     * @param serverInThisJvm whether the server runs in this JVM: then a thread of it must be seen
     *                        blocked in a socket write too (a blocked write of ours alone may only
     *                        mean that this busy machine did not run our thread for a while)
     */
    void awaitServerStuck(Lab lab, boolean serverInThisJvm) {
        long[] seenWriting = {0};
        // Long enough that a slow but moving write on a busy machine is not taken for a stuck one: a
        // server caught merely slow would send its shutdown notice and let a wrong program pass.
        long blockedFor = TimeUnit.MILLISECONDS.toNanos(serverInThisJvm ? 1000 : 1500);
        lab.await("the server to stop reading the flooding client (its handler blocked writing receipts nobody reads)",
                () -> {
                    if (done) {
                        return true;
                    }
                    long since = writingSince;
                    boolean blocked = since != 0 && System.nanoTime() - since > blockedFor;
                    if (!serverInThisJvm) {
                        return blocked;
                    }
                    // Seen at every look for 300 ms: a write that does not finish, not one caught in passing.
                    if (!serverThreadInSocketWrite()) {
                        seenWriting[0] = 0;
                        return false;
                    }
                    if (seenWriting[0] == 0) {
                        seenWriting[0] = System.nanoTime();
                    }
                    return blocked && System.nanoTime() - seenWriting[0] > TimeUnit.MILLISECONDS.toNanos(300);
                }, "The server kept reading a client that sends message after message and reads no receipt, "
                        + "slower than the check could send. Answer each message (one frame, one write) before "
                        + "reading the next.");
        lab.transcript().note(done ? "the client that stopped reading is done flooding"
                : "the server has stopped reading the client that stopped reading: it is stuck writing to it");
    }

    /** Whether a thread running the server's code is inside a socket write. */
    private static boolean serverThreadInSocketWrite() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            boolean writing = false;
            boolean server = false;
            for (StackTraceElement frame : stack) {
                String type = frame.getClassName();
                writing |= frame.getMethodName().toLowerCase().contains("write")
                        && (type.startsWith("sun.nio.ch.") || type.startsWith("java.net.Socket"));
                server |= ServerUnderTest.isServerClass(type);
            }
            if (writing && server) {
                return true;
            }
        }
        return false;
    }
}
