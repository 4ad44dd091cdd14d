package chatlab.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What every load shares: the run's deadline, its connections (closed all at once when the deadline
 * passes, which unblocks every thread stuck in a read), and its errors. Nothing in a run waits
 * past the deadline.
 */
final class BenchRun {
    /** Client threads need little stack: a thousand of them must fit anywhere. */
    static final long STACK_BYTES = 256 * 1024;
    /** How long threads get to end once the run is over or cut off. */
    static final long END_MILLIS = 5000;

    final BenchSettings settings;
    final InetSocketAddress address;
    final BenchProgress progress;
    final BenchErrors errors = new BenchErrors();
    private final long deadline;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean stopped;
    private volatile boolean cutOff;

    /** What the server's process holds: threads, and resident memory in kilobytes. */
    record Usage(int threads, long kilobytes) {
        Usage max(Usage other) {
            return other == null ? this : new Usage(Math.max(threads, other.threads), Math.max(kilobytes, other.kilobytes));
        }
    }

    private final Supplier<Usage> usage;
    private Usage peak;
    private final long started = System.nanoTime();
    private long connectNanos;

    /**
     * @param usage what the server's process holds, when the bench started it (else null)
     */
    BenchRun(BenchSettings settings, InetSocketAddress address, BenchProgress progress, Supplier<Usage> usage) {
        this.settings = settings;
        this.address = address;
        this.progress = progress;
        this.usage = usage;
        this.deadline = started + settings.timeout().toNanos();
    }

    /** Every connection is up (step 4: every member has joined): how long that took, and what the server holds. */
    void allConnected() {
        connectNanos = System.nanoTime() - started;
        sampleServer();
    }

    long connectNanos() {
        return connectNanos;
    }

    /** Notes what the server's process holds now, keeping the most seen. */
    synchronized void sampleServer() {
        Usage now = usage == null ? null : usage.get();
        peak = now == null ? peak : now.max(peak);
    }

    /** The most the server's process held when sampled; null if unknown (a server the bench did not start). */
    synchronized Usage peakUsage() {
        return peak;
    }

    /** Nanoseconds left before the deadline (at least 1, so that it can be a timeout). */
    long nanosLeft() {
        return Math.max(1, deadline - System.nanoTime());
    }

    boolean pastDeadline() {
        return System.nanoTime() - deadline >= 0;
    }

    /**
     * A connection to the server, with a read timeout: a server that stops answering cannot hold a
     * thread past the deadline even if no one closes the socket.
     *
     * @param receiveBuffer the receive buffer's size, or 0 for the system's
     */
    Socket connect(int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        open.add(socket);
        if (stopped) {
            socket.close();
            throw new IOException("the run is over");
        }
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connecting: it sets the window offered
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanosLeft()))));
        socket.connect(address, (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanosLeft()))));
        connections.incrementAndGet();
        return socket;
    }

    /** How many connections got through to the server. */
    int connections() {
        return connections.get();
    }

    /** Whether the run has been stopped (cut off, or over): a failing read then is no server's fault. */
    boolean stopped() {
        return stopped;
    }

    boolean cutOff() {
        return cutOff;
    }

    /** Ends the run: every connection closed, so that every thread blocked on one returns. */
    void stop() {
        stopped = true;
        for (Socket socket : open) {
            close(socket);
        }
    }

    /** The deadline passed: ends the run, and says so once. */
    void cutOff(String what) {
        if (!cutOff) {
            cutOff = true;
            errors.count(BenchErrors.Kind.TIMEOUT, "the run was cut off by --timeout " + settings.timeout().toSeconds()
                    + " s " + what);
        }
        stop();
    }

    /** Waits for the latch until the deadline; false if it passed first, or the run was stopped. */
    boolean await(CountDownLatch latch) {
        try {
            while (!stopped) {
                if (latch.await(Math.min(nanosLeft(), TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS)) {
                    return true;
                }
                if (pastDeadline()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return latch.getCount() == 0;
    }

    Thread thread(String name, Runnable body) {
        Thread thread = new Thread(null, body, name, STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for the threads to end, a bounded time; then cuts off any that are still blocked. */
    void join(Iterable<Thread> threads) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(END_MILLIS);
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        stop();
    }

    static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing to end the run: nothing else to do.
        }
    }

    /** A server's text as a report may quote it: no control characters, cut short. */
    static String quoted(String text) {
        StringBuilder shown = new StringBuilder("\"");
        text.codePoints().limit(80).forEach(c -> shown.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return shown.append(text.codePointCount(0, text.length()) > 80 ? "...\"" : "\"").toString();
    }
}
