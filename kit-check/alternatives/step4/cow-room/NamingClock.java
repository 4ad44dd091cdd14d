package chatlab.step4;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The client's input while it chooses a name: reads wait in short slices and give up for good at
 * the naming deadline, however slowly the client trickles its bytes. {@link #stop()} ends the
 * clock: from then on reads wait as long as the client takes.
 */
final class NamingClock extends FilterInputStream {
    /** The client took too long to choose a name. */
    static final class TimeUp extends IOException {
        private static final long serialVersionUID = 1L;

        TimeUp(String message) {
            super(message);
        }
    }

    private static final int SLICE_MILLIS = 500;

    private final Socket socket;
    private final long deadlineNanos;
    private final String timeUp;
    private boolean running = true;

    NamingClock(Socket socket, long millis) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.deadlineNanos = System.nanoTime() + millis * 1_000_000L;
        this.timeUp = "no acceptable name was chosen within " + (millis / 1000) + " seconds";
        socket.setSoTimeout(SLICE_MILLIS);
    }

    /** The name is chosen. Only the session's own thread reads, and calls this. */
    void stop() throws IOException {
        running = false;
        socket.setSoTimeout(0);
    }

    @Override
    public int read() throws IOException {
        while (true) {
            checkTime();
            try {
                return in.read();
            } catch (SocketTimeoutException e) {
                // One slice is over; the deadline decides.
            }
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            checkTime();
            try {
                return in.read(buffer, offset, length);
            } catch (SocketTimeoutException e) {
                // One slice is over; the deadline decides.
            }
        }
    }

    private void checkTime() throws TimeUp {
        if (running && System.nanoTime() - deadlineNanos >= 0) {
            throw new TimeUp(timeUp);
        }
    }
}
