package chatlab.step4;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A client's input with a deadline for choosing a name: every read waits at most until the
 * deadline, however the client splits (or trickles) its bytes. Once the name is chosen, {@link #lift()}
 * removes the deadline and reads wait as long as the client takes.
 */
final class NamingDeadline extends FilterInputStream {
    /** Thrown by a read once the deadline has passed. */
    static final class Expired extends IOException {
        private static final long serialVersionUID = 1L;

        Expired(long millis) {
            super("no name chosen within " + TimeUnit.MILLISECONDS.toSeconds(millis) + " s");
        }
    }

    private final Socket socket;
    private final long millis;
    private final long deadline;
    private volatile boolean lifted;

    NamingDeadline(Socket socket, long millis) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.millis = millis;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The name is chosen: no more deadline. */
    void lift() throws SocketException {
        lifted = true;
        socket.setSoTimeout(0);
    }

    @Override
    public int read() throws IOException {
        armTimeout();
        try {
            return super.read();
        } catch (SocketTimeoutException e) {
            throw new Expired(millis);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        armTimeout();
        try {
            return super.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            throw new Expired(millis);
        }
    }

    private void armTimeout() throws IOException {
        if (lifted) {
            return;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new Expired(millis);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }
}
