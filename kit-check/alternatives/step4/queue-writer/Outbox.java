package chatlab.step4;

import chatlab.common.Framing;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything on its way to one client: a queue of frames, bounded in bytes, written to the socket
 * by a thread of its own. Whoever sends to the client only adds to the queue and never waits for
 * the network, so one client that stops reading cannot stall anyone else: its queue fills up, and
 * then it is dropped.
 *
 * <p>Design: a {@link BlockingQueue} of encoded frames that the writer thread {@code take()}s from;
 * a byte count of what waits (released by the writer once a frame is written); a state that only
 * moves forward, OPEN → CLOSING (what is queued is still sent, nothing more is taken) → CLOSED.
 * A writer that does not finish within a grace period once closing began (a client that stopped
 * reading) is cut off: a shared reaper closes its socket, so that no close ever waits on a client.
 */
final class Outbox implements Runnable {
    /** How long a closing outbox may take to deliver what it holds when the server stops it. */
    static final long CLOSE_GRACE_MILLIS = 1000;
    /** How long a client that leaves by itself may take to receive its last messages. */
    static final long LEAVE_GRACE_MILLIS = 5000;
    /** How many bytes the writer gathers into one socket write when frames are waiting. */
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;
    /** Put in the queue after the last frame: the writer stops when it takes it. */
    private static final byte[] END = new byte[0];

    /** Closes the sockets of writers that outstay their grace; its one thread ends when idle. */
    private static final ScheduledThreadPoolExecutor REAPER = reaper();

    private final Socket socket;
    private final Framing framing;
    private final long limitBytes;
    private final Thread writer;
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    /** Bytes queued or being written, not yet on their way. */
    private final AtomicLong waitingBytes = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Guarded by this; written by the writer thread too when it ends. */
    private int state = OPEN;
    /** Guarded by this: the server chose to close (a last message, a drop), rather than the client vanishing. */
    private boolean closedByServer;
    /** Guarded by this: the pending cut-off, and when it is due (System.nanoTime()). */
    private ScheduledFuture<?> cutOff;
    private long cutOffAt;

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
        if (started.compareAndSet(false, true)) {
            writer.start();
        }
    }

    /**
     * Adds a message to send, without waiting.
     *
     * @return false if the client is too far behind (the limit would be passed): the message is
     *         not queued, and the caller should drop the client. A closing outbox takes nothing
     *         more but answers true: the client is on its way out, not too slow.
     */
    synchronized boolean offer(String message) {
        if (state != OPEN) {
            return true;
        }
        byte[] frame = encode(message);
        if (frame == null) {
            return true;
        }
        long waiting = waitingBytes.get();
        // One frame always fits in an empty queue, so that a limit smaller than the longest frame
        // (a large --max-message-bytes) does not drop every idle reader.
        if (waiting > 0 && waiting + frame.length > limitBytes) {
            return false;
        }
        waitingBytes.addAndGet(frame.length);
        frames.add(frame);
        return true;
    }

    /** Sends what is queued, then this last message (whatever the limit), then closes. */
    synchronized void closeAfter(String last) {
        closeAfter(last, CLOSE_GRACE_MILLIS);
    }

    /** Like {@link #closeAfter(String)}, allowing the client this long to receive it all. */
    synchronized void closeAfter(String last, long graceMillis) {
        closedByServer = true;
        if (state == OPEN) {
            state = CLOSING;
            byte[] frame = encode(last);
            if (frame != null) {
                waitingBytes.addAndGet(frame.length);
                frames.add(frame);
            }
            frames.add(END);
        }
        cutOffWithin(graceMillis);
        start(); // a session turned away before it started still gets its last message
    }

    /** Sends what is queued, then closes. */
    synchronized void closeWhenSent() {
        if (state == OPEN) {
            state = CLOSING;
            frames.add(END);
        }
        cutOffWithin(LEAVE_GRACE_MILLIS);
        start();
    }

    /** Closes now, dropping whatever is queued: the client is gone, or too slow to wait for. */
    void closeNow() {
        synchronized (this) {
            closedByServer = true;
            state = CLOSED;
            frames.clear();
            frames.add(END);
            cancelCutOff();
        }
        closeSocket(); // also ends a write that is stuck on the client
    }

    /** Whether the server chose to close this client's connection (so a failing read is no surprise). */
    synchronized boolean isClosedByServer() {
        return closedByServer;
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
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER_BYTES);
            socket.setTcpNoDelay(true);
            while (true) {
                byte[] frame = frames.take();
                if (frame == END || isClosed()) {
                    break;
                }
                out.write(frame);
                waitingBytes.addAndGet(-frame.length);
                if (frames.isEmpty()) {
                    out.flush(); // nothing more waits: send it now rather than when the buffer fills
                }
            }
            if (!isClosed()) {
                out.flush();
                socket.shutdownOutput(); // the client reads the end of the stream after the last frame
            }
        } catch (IOException e) {
            // The client is gone (reset, broken pipe) or was cut off: its session notices and logs it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                state = CLOSED;
                frames.clear();
                cancelCutOff();
            }
            closeSocket();
        }
    }

    private synchronized boolean isClosed() {
        return state == CLOSED;
    }

    /** The frame for a message, or null if it cannot be framed with this header (it is then not sent). */
    private byte[] encode(String message) {
        int length = message.getBytes(StandardCharsets.UTF_8).length;
        if (length > framing.maxMessageBytes() || String.valueOf(length).length() > framing.headerSize()) {
            return null;
        }
        return framing.encode(message);
    }

    /** Guarded by this: makes sure the socket is closed by then at the latest (never later than already due). */
    private void cutOffWithin(long millis) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (cutOff != null && cutOffAt - due <= 0) {
            return;
        }
        cancelCutOff();
        cutOffAt = due;
        cutOff = REAPER.schedule(this::closeSocket, millis, TimeUnit.MILLISECONDS);
    }

    /** Guarded by this. */
    private void cancelCutOff() {
        if (cutOff != null) {
            cutOff.cancel(false);
            cutOff = null;
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing to stop: nothing else to do.
        }
    }

    private static ScheduledThreadPoolExecutor reaper() {
        ScheduledThreadPoolExecutor reaper = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "outbox reaper");
            thread.setDaemon(true);
            return thread;
        });
        reaper.setRemoveOnCancelPolicy(true);
        reaper.setKeepAliveTime(2, TimeUnit.SECONDS);
        reaper.allowCoreThreadTimeOut(true);
        return reaper;
    }
}
