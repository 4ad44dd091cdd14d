package chatlab.step4;

import chatlab.common.Framing;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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

    /** Guards everything below; never held while writing to the network. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<byte[]> frames = new ArrayDeque<>();
    /** Bytes in frames, waiting for the writer. */
    private long queuedBytes;
    /** No more messages are taken; the writer closes the socket once the queue is empty. */
    private boolean closing;
    /** closeNow() was called: nothing queued is sent any more. */
    private boolean cutOff;
    /** The writer thread was started (by start(), or by closeAfter() for a session that never started). */
    private boolean started;

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
        if (markStarted()) {
            writer.start();
        }
    }

    /** True the first time only: whoever gets it starts the writer. */
    private boolean markStarted() {
        lock.lock();
        try {
            boolean first = !started;
            started = true;
            return first;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a message to send, without waiting.
     *
     * @return false if the client is too far behind (the limit would be passed): the message is
     *         not queued, and the caller should drop the client
     */
    boolean offer(String message) {
        byte[] frame = framing.encode(message);
        lock.lock();
        try {
            if (closing) {
                return true; // on its way out already: nothing more is sent, and nobody needs to drop it
            }
            if (queuedBytes + frame.length > limitBytes) {
                return false;
            }
            frames.addLast(frame);
            queuedBytes += frame.length;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is queued, then this last message (whatever the limit), then closes. */
    void closeAfter(String last) {
        byte[] frame = framing.encode(last);
        lock.lock();
        try {
            if (!cutOff) {
                frames.addLast(frame);
                queuedBytes += frame.length;
            }
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // A session turned away at shutdown is stopped without being started: its writer still has
        // to send the notice and close the connection. Starting a thread never waits for it.
        start();
    }

    /** Sends what is queued, then closes. */
    void closeWhenSent() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes now, dropping whatever is queued: the client is gone, or too slow to wait for. */
    void closeNow() {
        lock.lock();
        try {
            frames.clear();
            queuedBytes = 0;
            closing = true;
            cutOff = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeSocket(); // unblocks a writer stuck in write()
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
            while (true) {
                byte[] frame = next();
                if (frame == null) {
                    break;
                }
                out.write(frame); // one write per frame: header and body together
                out.flush();
            }
        } catch (IOException e) {
            // The client is gone (or was cut off): nothing more can reach it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSocket();
        }
    }

    /** The next frame to write, waiting for one; null once closing and nothing is left. */
    private byte[] next() throws InterruptedException {
        lock.lock();
        try {
            while (frames.isEmpty() && !closing) {
                changed.await();
            }
            byte[] frame = frames.pollFirst();
            if (frame != null) {
                queuedBytes -= frame.length;
            }
            return frame;
        } finally {
            lock.unlock();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
