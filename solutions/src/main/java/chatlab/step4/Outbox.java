package chatlab.step4;

import chatlab.common.Framing;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Everything on its way to one client: a queue of frames, bounded in bytes, written to the socket
 * by a thread of its own. Whoever sends to the client only adds to the queue and never waits for
 * the network, so one client that stops reading cannot stall anyone else: its queue fills up, and
 * then it is dropped.
 */
final class Outbox implements Runnable {
    /** The most the writer sends in one write: enough to take many frames, small enough to copy cheaply. */
    private static final int BATCH_BYTES = 64 * 1024;

    private final Socket socket;
    private final Framing framing;
    private final long limitBytes;
    private final Thread writer;

    /** Guarded by this. */
    private final Deque<byte[]> frames = new ArrayDeque<>();
    private long queuedBytes;
    private boolean closing;

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
        if (closing) {
            return true; // Closing already: nothing more goes out, and that is no one's fault.
        }
        byte[] frame = framing.encode(message);
        if (queuedBytes + frame.length > limitBytes) {
            return false;
        }
        frames.addLast(frame);
        queuedBytes += frame.length;
        notifyAll();
        return true;
    }

    /** Sends what is queued, then this last message (whatever the limit), then closes. */
    synchronized void closeAfter(String last) {
        if (!closing) {
            frames.addLast(framing.encode(last));
            closing = true;
            notifyAll();
        }
    }

    /** Sends what is queued, then closes. */
    synchronized void closeWhenSent() {
        closing = true;
        notifyAll();
    }

    /** Closes now, dropping whatever is queued: the client is gone, or too slow to wait for. */
    void closeNow() {
        synchronized (this) {
            closing = true;
            frames.clear();
            notifyAll();
        }
        closeSocket();
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
            for (byte[] frames = next(); frames != null; frames = next()) {
                out.write(frames); // outside the lock: only this thread ever waits for the network
            }
        } catch (IOException e) {
            // The client is gone: its session notices on its own side and leaves the room.
        } finally {
            closeSocket();
        }
    }

    /**
     * Every frame queued so far, in one array for one write (up to {@link #BATCH_BYTES}, or one
     * frame if it is longer), or null once closing and empty. A busy room then costs one system
     * call per batch instead of one per frame.
     */
    private synchronized byte[] next() {
        while (frames.isEmpty() && !closing) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        byte[] first = frames.pollFirst();
        if (first == null) {
            return null;
        }
        int size = first.length;
        for (byte[] frame : frames) {
            if (size + frame.length > BATCH_BYTES) {
                break;
            }
            size += frame.length;
        }
        byte[] batch = Arrays.copyOf(first, size);
        for (int at = first.length; at < size; ) {
            byte[] frame = frames.pollFirst();
            System.arraycopy(frame, 0, batch, at, frame.length);
            at += frame.length;
        }
        queuedBytes -= size;
        return batch;
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing on the way out: nothing else to do.
        }
    }
}
