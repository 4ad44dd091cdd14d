package chatlab.step4;

import chatlab.common.Framing;
import java.net.Socket;
import java.net.SocketException;

/**
 * Everything on its way to one client: a queue of frames, bounded in bytes, written to the socket
 * by a thread of its own. Whoever sends to the client only adds to the queue and never waits for
 * the network, so one client that stops reading cannot stall anyone else: its queue fills up, and
 * then it is dropped.
 */
final class Outbox implements Runnable {
    private final Socket socket;
    private final Framing framing;
    private final long limitBytes;
    private final Thread writer;

    /**
     * @param socket     the client's connection, closed when the outbox is
     * @param framing    how to frame what is sent
     * @param limitBytes how many bytes may wait for the client before it counts as too slow
     * @param clientName  who the client is, to name the writer thread
     */
    Outbox(Socket socket, Framing framing, long limitBytes, String clientName) {
        this.socket = socket;
        this.framing = framing;
        this.limitBytes = limitBytes;
        this.writer = new Thread(this, "outbox " + clientName);
        try {
            // Frames to one member go out back to back and the member answers none of them: with
            // Nagle's algorithm each small frame would wait for the ACK of the last (up to 40 ms).
            socket.setTcpNoDelay(true);
        } catch (SocketException e) {
            // The connection is already gone: the first write will say so.
        }
    }

    void start() {
        writer.start();
    }

    /**
     * Adds a message to send, without waiting.
     *
     * @return false if the client is too far behind (the limit would be passed): the message is
     *         not queued, and the caller should drop the client
     */
    synchronized boolean offer(String message) {
        throw new UnsupportedOperationException("TODO(step 4): Task 4 - Outbox.offer: queue it, unless the client is too far behind");
    }

    /** Sends what is queued, then this last message (whatever the limit), then closes. */
    synchronized void closeAfter(String last) {
        throw new UnsupportedOperationException("TODO(step 4): Task 4 - Outbox.closeAfter: a last message, then close");
    }

    /** Sends what is queued, then closes. */
    synchronized void closeWhenSent() {
        throw new UnsupportedOperationException("TODO(step 4): Task 4 - Outbox.closeWhenSent: close once the queue is empty");
    }

    /** Closes now, dropping whatever is queued: the client is gone, or too slow to wait for. */
    void closeNow() {
        throw new UnsupportedOperationException("TODO(step 4): Task 4 - Outbox.closeNow: drop the queue, close the socket");
    }

    /** Waits, at most this long, for the writer thread to finish. */
    void awaitEnd(long millis) {
        try {
            writer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("TODO(step 4): Task 4 - Outbox.run: write frame after frame, in this thread only");
    }
}
