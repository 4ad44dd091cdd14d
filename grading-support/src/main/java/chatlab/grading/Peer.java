package chatlab.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The test's end of one TCP connection to the program under test: a scripted client talking to a
 * student's server, or a scripted server's side of a student's client. Every read is bounded, and
 * every byte either way goes into the transcript.
 */
public final class Peer implements AutoCloseable {
    /** How a read ended. */
    public enum Ending { COMPLETE, CLOSED, RESET, TIMED_OUT, ABORTED }

    /** What a bounded read got, and why it stopped. */
    public record Reading(byte[] data, Ending ending, String detail) {
        public String describe() {
            return describe(Bytes::quote);
        }

        /** Like {@link #describe()}, with the bytes shown by {@code render}. */
        public String describe(java.util.function.Function<byte[], String> render) {
            String got = data.length == 0 ? "nothing" : render.apply(data);
            return switch (ending) {
                case COMPLETE -> got;
                case CLOSED -> got + ", then the connection was closed";
                case RESET -> got + ", then the connection was reset (" + detail + ")";
                case TIMED_OUT -> got + " (then nothing more for " + detail + ")";
                case ABORTED -> got + " before the program under test stopped: " + detail;
            };
        }
    }

    private static final int SLICE_MILLIS = 50;

    private final String who;
    private final Socket socket;
    private final Transcript transcript;
    /** Why to stop waiting early (the program under test crashed), or null to keep waiting. */
    private final Supplier<String> stopReason;

    Peer(String who, Socket socket, Transcript transcript, Supplier<String> stopReason) {
        this.who = who;
        this.socket = socket;
        this.transcript = transcript;
        this.stopReason = stopReason;
    }

    Transcript transcript() {
        return transcript;
    }

    public String who() {
        return who;
    }

    public Socket socket() {
        return socket;
    }

    /** Sends the text as UTF-8, in one write. */
    public void send(String text) {
        send(Bytes.utf8(text));
    }

    /** Sends the bytes in one write. */
    public void send(byte[] data) {
        transcript.sent(who, data);
        write(data);
    }

    /**
     * Sends without a transcript entry: the caller records what the bytes mean. A failed write is
     * noted, not thrown: the peer has gone, and the check's next expectation says so, with its hint.
     */
    void write(byte[] data) {
        try {
            socket.getOutputStream().write(data);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            transcript.note(who + " could not send: the connection is closed (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads until at least {@code wanted} bytes have arrived, the connection ends, or the time is up.
     * Bytes that arrive in the same read beyond {@code wanted} are kept too, so extra bytes show.
     */
    public Reading read(int wanted, Duration timeout) {
        return read(wanted, timeout, false, true);
    }

    /** Reads exactly {@code count} bytes, never more (the rest stays for the next read), within the time. */
    public Reading readExactly(int count, Duration timeout) {
        return read(count, timeout, true, true);
    }

    /** Like {@link #readExactly}, without a transcript entry: the caller records what the bytes mean. */
    Reading readExactlyUnrecorded(int count, Duration timeout) {
        return read(count, timeout, true, false);
    }

    private Reading read(int wanted, Duration timeout, boolean exact, boolean record) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[exact ? Math.min(wanted, 65_536) : Math.max(wanted, 8192)];
        try {
            InputStream in = socket.getInputStream();
            while (got.size() < wanted) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return done(got, Ending.TIMED_OUT, Timeouts.describe(timeout), record);
                }
                String stop = stopReason.get();
                if (stop != null) {
                    return done(got, Ending.ABORTED, stop, record);
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(left, SLICE_MILLIS)));
                try {
                    int count = in.read(buffer, 0, exact ? Math.min(buffer.length, wanted - got.size()) : buffer.length);
                    if (count == -1) {
                        return done(got, Ending.CLOSED, "", record);
                    }
                    got.write(buffer, 0, count);
                } catch (SocketTimeoutException slice) {
                    // Nothing yet; look at the clock and the program, then read again.
                }
            }
            return done(got, Ending.COMPLETE, "", record);
        } catch (SocketException e) {
            return done(got, Ending.RESET, e.getMessage(), record);
        } catch (IOException e) {
            return done(got, Ending.RESET, e.toString(), record);
        }
    }

    /** Reads whatever arrives within the window (it ends TIMED_OUT unless the connection ends). */
    public Reading listen(Duration window) {
        return read(Integer.MAX_VALUE / 2, window);
    }

    /**
     * Expects exactly these bytes next.
     *
     * @param what a sentence saying what should happen, e.g. "The server should answer exit with Goodbye!"
     * @param hint the likely cause when it does not, e.g. "compare with equalsIgnoreCase"
     */
    public void expect(byte[] expected, String what, String hint) {
        Reading reading = read(expected.length, Timeouts.REPLY);
        if (reading.ending() == Ending.COMPLETE && Arrays.equals(expected, reading.data())) {
            return;
        }
        StringBuilder message = new StringBuilder(what).append('\n');
        if (reading.data().length == 0) {
            message.append("  expected: ").append(Bytes.quote(expected)).append('\n')
                    .append("  received: ").append(reading.describe()).append('\n');
            message.append(silence(reading));
        } else {
            message.append(Bytes.comparison(expected, reading.data())).append('\n');
            if (reading.ending() != Ending.COMPLETE) {
                message.append("  (after that: ").append(reading.describe()).append(")\n");
            }
        }
        throw new AssertionError(message.append(hint).toString().strip());
    }

    public void expect(String expected, String what, String hint) {
        expect(Bytes.utf8(expected), what, hint);
    }

    /** The likely causes when nothing at all arrived in time; empty for any other reading. */
    static String silence(Reading reading) {
        return reading.ending() == Ending.TIMED_OUT && reading.data().length == 0
                ? "Nothing arrived within " + reading.detail() + ". If your code wrote it, did you flush? "
                + "Is it still waiting to read something?\n"
                : "";
    }

    /** Expects the other side to close the connection (an end of stream, or a reset). */
    public void expectClosed(String what, String hint) {
        Reading reading = read(1, Timeouts.REPLY);
        if (reading.data().length == 0 && (reading.ending() == Ending.CLOSED || reading.ending() == Ending.RESET)) {
            transcript.note(who + ": connection closed by the other side");
            return;
        }
        String got = reading.ending() == Ending.TIMED_OUT && reading.data().length == 0
                ? "the connection is still open after " + Timeouts.describe(Timeouts.REPLY)
                : "received " + reading.describe();
        throw new AssertionError(what + "\n  expected: the connection to be closed\n  but: " + got + "\n" + hint);
    }

    /** Expects nothing to happen for a while: no bytes arrive, and the connection stays open. */
    public void expectNothing(Duration window, String what, String hint) {
        Reading reading = listen(window);
        if (reading.data().length > 0 || reading.ending() != Ending.TIMED_OUT) {
            throw new AssertionError(what + "\n  expected: nothing for " + Timeouts.describe(window)
                    + ", the connection still open\n  received: " + reading.describe() + "\n" + hint);
        }
    }

    /** Talks in frames of {@code headerSize}-byte headers (steps 2 to 4) over this connection. */
    public FramedPeer framed(int headerSize) {
        return new FramedPeer(this, headerSize);
    }

    /** Closes so that the other side sees a reset (RST), as when a program is killed mid-chat. */
    public void reset() {
        transcript.note(who + " resets the connection (RST)");
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // Already gone: that is what a reset wanted anyway.
        }
    }

    /** Closes normally (FIN), as a program that ends without saying goodbye. */
    @Override
    public void close() {
        if (!socket.isClosed()) {
            transcript.note(who + " closes the connection");
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the check has its answer.
        }
    }

    private Reading done(ByteArrayOutputStream got, Ending ending, String detail, boolean record) {
        byte[] data = got.toByteArray();
        if (record && data.length > 0) {
            transcript.received(who, data);
        }
        return new Reading(data, ending, detail);
    }
}
