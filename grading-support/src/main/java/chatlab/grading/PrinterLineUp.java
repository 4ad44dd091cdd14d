package chatlab.grading;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A program's screen that can line its printing threads up: while armed, a thread that prints
 * waits until {@code parties} threads are waiting to print (or a short patience has run out), and
 * then all of them go on at once. Many threads that each log a line and then change shared state
 * thus change it at the same instant, in every run: a race between them shows every time, not
 * one run in ten. A correct program is only delayed, once at most by the patience: if fewer threads
 * come, the line-up ends. The wait is outside the stream's own lock, so waiting threads never
 * queue behind one another.
 */
final class PrinterLineUp extends PrintStream {
    private final Object gate = new Object();
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    private int parties;
    private long patienceNanos;
    private int waiting;
    private long generation;
    private long firstArrival;

    PrinterLineUp(OutputStream out) {
        super(out, true, StandardCharsets.UTF_8);
    }

    /** Arms the line-up; the returned handle disarms it (and lets every waiting thread go). */
    AutoCloseable arm(int parties, Duration patience) {
        synchronized (gate) {
            this.parties = parties;
            this.patienceNanos = patience.toNanos();
            gate.notifyAll();
        }
        return () -> {
            synchronized (gate) {
                this.parties = 0;
                generation++;
                waiting = 0;
                gate.notifyAll();
            }
        };
    }

    private void lineUp() {
        if (depth.get() > 0) {
            return;
        }
        synchronized (gate) {
            if (parties <= 0) {
                return;
            }
            long mine = generation;
            if (waiting++ == 0) {
                firstArrival = System.nanoTime();
            }
            if (waiting >= parties) {
                release();
                return;
            }
            boolean interrupted = false;
            while (generation == mine && parties > 0) {
                long left = firstArrival + patienceNanos - System.nanoTime();
                if (left <= 0) {
                    // Fewer threads came than expected: this program does not print that way (it may
                    // print under a lock of its own). Stop lining up, so it is delayed once, not per line.
                    parties = 0;
                    release();
                    break;
                }
                try {
                    gate.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void release() {
        generation++;
        waiting = 0;
        gate.notifyAll();
    }

    private void enter() {
        lineUp();
        depth.set(depth.get() + 1);
    }

    private void leave() {
        depth.set(depth.get() - 1);
    }

    @Override
    public void println(String x) {
        enter();
        try {
            super.println(x);
        } finally {
            leave();
        }
    }

    @Override
    public void println(Object x) {
        enter();
        try {
            super.println(x);
        } finally {
            leave();
        }
    }

    @Override
    public void println() {
        enter();
        try {
            super.println();
        } finally {
            leave();
        }
    }

    @Override
    public void print(String s) {
        enter();
        try {
            super.print(s);
        } finally {
            leave();
        }
    }

    @Override
    public void print(Object obj) {
        enter();
        try {
            super.print(obj);
        } finally {
            leave();
        }
    }

    @Override
    public PrintStream format(String format, Object... args) {
        enter();
        try {
            return super.format(format, args);
        } finally {
            leave();
        }
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        enter();
        try {
            return super.format(l, format, args);
        } finally {
            leave();
        }
    }
}
