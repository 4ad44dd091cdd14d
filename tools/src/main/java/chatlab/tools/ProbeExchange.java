package chatlab.tools;

import chatlab.tools.ProbeCommand.Action;
import chatlab.tools.ProbeCommand.Await;
import chatlab.tools.ProbeCommand.Pacing;
import chatlab.tools.ProbeCommand.Pause;
import chatlab.tools.ProbeCommand.Send;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One connection: the actions on the caller's thread, what arrives on a reader thread, both
 * printed the moment they happen so the output is the exchange's timeline.
 */
final class ProbeExchange {
    private final Socket socket;
    private final PrintWriter out;
    private final ProbeFrames frames;
    private final int piece;
    private final Pacing betweenPieces;
    private final Thread reader;
    // Guarded by this: what the reader has seen, and how the connection ended.
    private long received;
    private long reads;
    private long lastArrival;
    private long progressAtLastSend;
    private boolean ended;
    private boolean hangingUp;
    // Only the caller's thread touches these.
    private long sent;
    private long writes;

    ProbeExchange(Socket socket, PrintWriter out, ProbeFrames frames, int piece, Pacing betweenPieces) {
        this.socket = socket;
        this.out = out;
        this.frames = frames;
        this.piece = piece;
        this.betweenPieces = betweenPieces;
        this.lastArrival = System.nanoTime();
        this.reader = new Thread(this::readAll, "probe reader");
        reader.setDaemon(true);
    }

    void run(List<Action> plan, Duration quiet, String quietText) throws InterruptedException {
        reader.start();
        try {
            for (Action action : plan) {
                if (!perform(action, quiet, quietText)) {
                    break;
                }
            }
            if (untilQuiet(quiet)) {
                print(leftover("* quiet: nothing more came for " + quietText
                        + "; the probe hangs up (the server had not closed the connection)"));
            }
        } finally {
            hangUp();
        }
        print("* sent " + count(sent, "byte") + " in " + count(writes, "write") + "; received "
                + count(received(), "byte") + " in " + count(reads(), "read"));
    }

    private boolean perform(Action action, Duration quiet, String quietText) throws InterruptedException {
        if (action instanceof Send send) {
            return send(send.bytes());
        }
        if (action instanceof Pause pause) {
            print("* pause " + pause.length().toMillis() + " ms");
            Thread.sleep(pause.length().toMillis());
        } else if (action instanceof Await) {
            if (!awaitAnswer(quiet)) {
                print("* nothing came within " + quietText + "; going on");
            }
        } else {
            // Said before it is done, as a send is: the answer to the EOF may come back at once.
            print("> half-close: the probe sends nothing more; the server reads the end of the stream");
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                print("* half-close failed: " + e.getMessage());
                return false;
            }
        }
        return true;
    }

    /** Sends the bytes in pieces, a pause between two; false if the connection broke. */
    private boolean send(byte[] bytes) throws InterruptedException {
        long pieces = bytes.length == 0 ? 0 : (bytes.length + (long) piece - 1) / piece;
        String how = bytes.length == 0 ? " (nothing goes on the wire)"
                : pieces == 1 ? "" : piece == 1 ? ", one per write" : ", in writes of " + piece;
        print("> " + count(bytes.length, "byte") + how + ": " + ProbeBytes.shown(bytes, 0, bytes.length));
        synchronized (this) {
            progressAtLastSend = progress();
        }
        int done = 0;
        try {
            OutputStream to = socket.getOutputStream();
            while (done < bytes.length) {
                if (done > 0) {
                    betweenPieces.pause();
                }
                int length = Math.min(piece, bytes.length - done);
                to.write(bytes, done, length);
                to.flush();
                done += length;
                sent += length;
                writes++;
            }
            return true;
        } catch (IOException e) {
            print("* sending failed after " + done + " of " + count(bytes.length, "byte") + ": the connection is "
                    + "gone (" + e.getMessage() + ")");
            return false;
        }
    }

    /** Waits for something new since the last send: true if it came, false after the wait. */
    private synchronized boolean awaitAnswer(Duration most) throws InterruptedException {
        long deadline = System.nanoTime() + most.toNanos();
        while (!ended && progress() == progressAtLastSend) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Waits until the connection ends (false) or nothing arrives for the quiet time (true). */
    private synchronized boolean untilQuiet(Duration quiet) throws InterruptedException {
        long actionsDone = System.nanoTime();
        while (!ended) {
            // nanoTime() may be negative: compare by difference, never with Math.max.
            long since = lastArrival - actionsDone > 0 ? lastArrival : actionsDone;
            long left = since + quiet.toNanos() - System.nanoTime();
            if (left <= 0) {
                // Decided under the lock: the reader now stays silent about the close that follows.
                hangingUp = true;
                return true;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return false;
    }

    private void hangUp() throws InterruptedException {
        synchronized (this) {
            hangingUp = true;
        }
        ProbeCommand.closeQuietly(socket);
        reader.join(TimeUnit.SECONDS.toMillis(2));
    }

    private void readAll() {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int count = in.read(buffer);
                if (count < 0) {
                    end(leftover("* EOF: the server closed the connection"));
                    return;
                }
                List<String> lines = new ArrayList<>();
                lines.add("< " + count(count, "byte") + ": " + ProbeBytes.shown(buffer, 0, count));
                if (frames != null) {
                    for (String frame : frames.accept(buffer, count)) {
                        lines.add("<   " + frame);
                    }
                }
                print(lines.toArray(String[]::new));
                synchronized (this) {
                    received += count;
                    reads++;
                    lastArrival = System.nanoTime();
                    notifyAll();
                }
            }
        } catch (IOException e) {
            boolean reset = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset");
            end(leftover(reset ? "* reset: the server aborted the connection (TCP RST)"
                    : "* the connection failed: " + e.getMessage()));
        }
    }

    /** Says how the connection ended, unless the probe itself is hanging up. */
    private void end(String... lines) {
        synchronized (this) {
            if (hangingUp) {
                return;
            }
            ended = true;
            notifyAll();
        }
        print(lines);
    }

    /** The ending, after a word on a frame that had begun to arrive and never finished. */
    private String[] leftover(String ending) {
        String unfinished = frames == null ? null : frames.unfinished();
        return unfinished == null ? new String[] {ending} : new String[] {"<   " + unfinished, ending};
    }

    private long progress() {
        return frames != null ? frames.count() : reads;
    }

    private synchronized long received() {
        return received;
    }

    private synchronized long reads() {
        return reads;
    }

    void print(String... lines) {
        synchronized (out) {
            for (String line : lines) {
                out.println(line);
            }
            out.flush();
        }
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
