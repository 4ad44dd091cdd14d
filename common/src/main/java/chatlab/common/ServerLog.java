package chatlab.common;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Given, done: a server's log (see {@link Terminal#log()}). Many handler threads print a line per
 * message; here a line is put in a queue, and a thread of the log's own writes what is queued to
 * the terminal every few milliseconds, many lines in one write. A handler never waits for the
 * terminal, nor for the others' lines: no shared lock, no system call. Lines keep their order.
 * Only print(String), println(String), println(Object), println() and printf go through the queue;
 * the rest of PrintStream writes at once.
 */
final class ServerLog extends PrintStream {
    /** How long a logged line may wait in memory: too short to notice at a terminal. */
    private static final long FLUSH_MILLIS = 20;
    /** Beyond this many waiting lines (a terminal that does not keep up) a printer writes them itself: memory stays bounded. */
    private static final int MAX_QUEUED = 10_000;

    private final ConcurrentLinkedQueue<String> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    private ServerLog() {
        super(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
    }

    static ServerLog start() {
        ServerLog log = new ServerLog();
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(FLUSH_MILLIS);
                    log.flush();
                }
            } catch (InterruptedException e) {
                log.flush();
            }
        }, "log writer");
        writer.setDaemon(true);
        writer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(log::flush, "log flush at exit"));
        return log;
    }

    @Override
    public void print(String text) {
        queued.add(String.valueOf(text));
        if (size.incrementAndGet() > MAX_QUEUED) {
            flush();
        }
    }

    @Override
    public void println(String line) {
        print(line + System.lineSeparator());
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }

    @Override
    public void println() {
        print(System.lineSeparator());
    }

    /** Writes every line queued so far to the terminal, in order. */
    @Override
    public void flush() {
        synchronized (this) {
            for (String text = queued.poll(); text != null; text = queued.poll()) {
                size.decrementAndGet();
                super.print(text);
            }
            super.flush();
        }
    }
}
