package chatlab.step4;

import chatlab.common.Framing;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything on its way to one client: a queue of frames, bounded in bytes, written to the socket
 * by a thread of its own. Whoever sends to the client only adds to the queue and never waits for
 * the network, so one client that stops reading cannot stall anyone else: its queue fills up, and
 * then it is dropped.
 *
 * <p>Design: an {@link ArrayDeque} of encoded frames and a count of the bytes they hold, guarded by
 * a {@link ReentrantLock}; the writer waits on a {@link Condition} while there is nothing to send.
 * Once closing is asked for, a short-lived watchdog thread gives the writer {@link #GRACE_MILLIS}
 * to finish and then closes the socket: a client that stopped reading never holds up a close.
 */
final class Outbox implements Runnable {
    /** How long a closing outbox may spend delivering what it still holds. */
    static final long GRACE_MILLIS = 1000;

    private final Socket socket;
    private final Framing framing;
    private final long limitBytes;
    private final Thread writer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock: frames not yet written. */
    private final Deque<byte[]> queue = new ArrayDeque<>();
    /** Guarded by lock: the bytes in the queue plus the frame being written. */
    private long pendingBytes;
    /** Guarded by lock: no more offers are taken; the writer ends once the queue is empty. */
    private boolean closing;
    /** Guarded by lock: drop the queue, write nothing more. */
    private boolean abandoned;
    /** Guarded by lock: the server decided to close (a last message, a drop); not the client vanishing. */
    private boolean serverClosed;
    private boolean writerStarted;
    private boolean watchdogStarted;

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
    }

    void start() {
        lock.lock();
        try {
            startWriter();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a message to send, without waiting.
     *
     * @return false if the client is too far behind (the limit would be passed): the message is
     *         not queued, and the caller should drop the client. Once closing, nothing more is
     *         queued, and the answer is true: a client on its way out is not "too slow".
     */
    boolean offer(String message) {
        byte[] frame = frameOf(message);
        lock.lock();
        try {
            if (closing || frame == null) {
                return true;
            }
            // An empty queue takes any frame, so that one message longer than the limit is not a drop.
            if (pendingBytes > 0 && pendingBytes + frame.length > limitBytes) {
                return false;
            }
            queue.addLast(frame);
            pendingBytes += frame.length;
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is queued, then this last message (whatever the limit), then closes. */
    void closeAfter(String last) {
        byte[] frame = frameOf(last);
        lock.lock();
        try {
            serverClosed = true;
            if (!closing && frame != null) {
                queue.addLast(frame);
                pendingBytes += frame.length;
            }
            beginClosing();
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is queued, then closes. */
    void closeWhenSent() {
        lock.lock();
        try {
            beginClosing();
        } finally {
            lock.unlock();
        }
    }

    /** Closes now, dropping whatever is queued: the client is gone, or too slow to wait for. */
    void closeNow() {
        lock.lock();
        try {
            serverClosed = true;
            closing = true;
            abandoned = true;
            queue.clear();
            changed.signal();
        } finally {
            lock.unlock();
        }
        closeSocket(); // a write stuck on the client fails at once
    }

    /** Whether the server chose to close the connection, so that a failing read there is expected. */
    boolean closedByServer() {
        lock.lock();
        try {
            return serverClosed;
        } finally {
            lock.unlock();
        }
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
        try {
            OutputStream out = socket.getOutputStream();
            socket.setTcpNoDelay(true);
            for (byte[] frame = next(); frame != null; frame = next()) {
                out.write(frame); // header and message in one write
                written(frame);
            }
            if (!isAbandoned()) {
                socket.shutdownOutput(); // the end of the stream follows the last frame
            }
        } catch (IOException e) {
            // The client is gone, or was cut off: its session sees the same and says so.
        } finally {
            closeSocket();
        }
    }

    /** The next frame to write, waiting for one; null when the outbox is done. */
    private byte[] next() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                changed.awaitUninterruptibly();
            }
            return abandoned ? null : queue.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    private void written(byte[] frame) {
        lock.lock();
        try {
            pendingBytes -= frame.length;
        } finally {
            lock.unlock();
        }
    }

    private boolean isAbandoned() {
        lock.lock();
        try {
            return abandoned;
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held: no more offers; the writer finishes the queue, within the grace period. */
    private void beginClosing() {
        closing = true;
        changed.signal();
        startWriter(); // a client turned away before its session started still gets the last message
        if (!watchdogStarted) {
            watchdogStarted = true;
            Thread watchdog = new Thread(this::cutOffLateWriter, writer.getName() + " watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    /** In the watchdog thread: a writer still busy after the grace period is stuck on the client. */
    private void cutOffLateWriter() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        try {
            for (long left = GRACE_MILLIS; left > 0 && writer.isAlive();
                    left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                writer.join(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            closeSocket();
        }
    }

    /** With the lock held. */
    private void startWriter() {
        if (!writerStarted) {
            writerStarted = true;
            writer.start();
        }
    }

    /** The frame, or null if this framing cannot carry it (it is then not sent). */
    private byte[] frameOf(String message) {
        int bytes = message.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > framing.maxMessageBytes() || Integer.toString(bytes).length() > framing.headerSize()) {
            return null;
        }
        return framing.encode(message);
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing to stop: nothing else to do.
        }
    }
}
