package chatlab.step3;

import chatlab.common.Framing;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One connected client, served in a thread of its own: step 2's conversation, start to end.
 *
 * <p>Design: only this handler's thread ever writes to the socket. {@link #stop} does not write: it
 * leaves the notice for the handler, whose reads wake up every {@link #POLL_MILLIS} ms (a socket
 * timeout, retried without losing a byte) to look for it; the handler then sends it as its last
 * frame and hangs up. So shutdown tells every client in parallel, each from its own thread, and
 * never waits on a client that stopped reading: the server cuts such a handler off
 * ({@link #cutOff}) by closing its socket, which also unblocks its stuck write. The send lock only
 * guards against a future caller from another thread.
 */
final class ClientHandler implements Runnable {
    /** How often a handler waiting for its client looks for a stop request. */
    static final int POLL_MILLIS = 250;

    private final Socket socket;
    private final Framing framing;
    private final PrintStream out;
    private final Consumer<ClientHandler> onEnd;
    private final String peer;
    private final Thread thread;

    private final ReentrantLock sendLock = new ReentrantLock();
    /** The last frame to send, set by stop(); the handler's thread delivers it. */
    private volatile String farewell;
    /** Set when the server closed the socket under the handler: the failure that follows is expected. */
    private volatile boolean severed;

    /**
     * @param socket  the client's connection
     * @param framing the frame codec
     * @param out     where to log
     * @param onEnd   told, in this handler's thread, when it ends
     */
    ClientHandler(Socket socket, Framing framing, PrintStream out, Consumer<ClientHandler> onEnd) {
        this.socket = socket;
        this.framing = framing;
        this.out = out;
        this.onEnd = onEnd;
        this.peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        this.thread = new Thread(this, "client " + peer);
    }

    /** Loads the classes a handler needs, while file descriptors are plentiful (see ChatServer). */
    static void prepare() {
        StopAwareInput.class.getName();
        StopRequested.class.getName();
    }

    String peer() {
        return peer;
    }

    /** Serves the client in its own thread. */
    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            socket.setSoTimeout(POLL_MILLIS);
            converse(new StopAwareInput(socket.getInputStream()));
        } catch (StopRequested stop) {
            sayFarewell(stop.notice);
        } catch (ProtocolException e) {
            out.println("[PROTOCOL ERROR] " + peer + ": " + Sanitized.text(String.valueOf(e.getMessage()))
                    + " (disconnected).");
            sendLast(ChatProtocol.ERROR_PREFIX + e.getMessage());
        } catch (EOFException e) {
            out.println("[DISCONNECTED] " + peer + ": truncated message, "
                    + Sanitized.text(String.valueOf(e.getMessage())) + ".");
        } catch (IOException e) {
            out.println(severed ? "[DISCONNECTED] " + peer + ": cut off at shutdown (it had stopped reading)."
                    : "[DISCONNECTED] " + peer + ": connection lost (" + Sanitized.text(String.valueOf(e.getMessage()))
                            + ").");
        } catch (RuntimeException | Error e) {
            out.println("[ERROR] " + peer + ": handler failed: " + Sanitized.text(e.toString()) + " (disconnected).");
        } finally {
            closeSocket();
            onEnd.accept(this);
        }
    }

    private void converse(InputStream in) throws IOException {
        for (String message = framing.read(in); message != null; message = framing.read(in)) {
            out.println("[" + peer + "] " + Sanitized.text(message));
            send(ChatProtocol.answerTo(message));
            if (ChatProtocol.endsChat(message)) {
                out.println("[DISCONNECTED] " + peer + " left (said " + Sanitized.text(message.strip()) + ").");
                return;
            }
        }
        out.println("[DISCONNECTED] " + peer + " closed the connection.");
    }

    /** Sends one frame. Shutdown sends its notice from another thread while this one answers: guard it. */
    void send(String message) throws IOException {
        byte[] frame = framing.encode(message);
        sendLock.lock();
        try {
            socket.getOutputStream().write(frame); // header and body in one write
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Tells the client (the shutdown notice) and disconnects it; run() then ends in its own thread.
     * Returns at once: the handler's thread sends the notice and closes within {@link #POLL_MILLIS}
     * ms, or, if its client does not read, is cut off by the server.
     */
    void stop(String notice) {
        if (farewell == null) {
            farewell = notice;
        }
    }

    /**
     * If the handler's thread has not ended, closes the socket under it (which also fails a write
     * that a client who stopped reading holds up) and returns true.
     */
    boolean cutOff() {
        if (!thread.isAlive()) {
            return false;
        }
        severed = true;
        closeSocket();
        return true;
    }

    /** Waits, at most this long, for the handler's thread to end. */
    void awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sayFarewell(String notice) {
        if (sendLast(notice)) {
            out.println("[DISCONNECTED] " + peer + ": told the server is shutting down.");
        } else if (severed) {
            out.println("[DISCONNECTED] " + peer + ": cut off at shutdown (it had stopped reading).");
        } else {
            out.println("[DISCONNECTED] " + peer + ": gone before the shutdown notice.");
        }
    }

    /** Sends a last frame, then an orderly end of stream. Whether it went out. */
    private boolean sendLast(String message) {
        try {
            send(message);
            socket.shutdownOutput();
            return true;
        } catch (IOException | IllegalArgumentException gone) {
            return false;
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException | RuntimeException | Error ignored) {
            // Closing to end: nothing more to do.
        }
    }

    /** The socket's input, read with a timeout so the handler can look for a stop request while its client is quiet. */
    private final class StopAwareInput extends FilterInputStream {
        StopAwareInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            while (true) {
                checkStop();
                try {
                    return super.read();
                } catch (SocketTimeoutException quiet) {
                    // No byte yet, none lost: look for a stop request, then wait again.
                }
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (true) {
                checkStop();
                try {
                    return super.read(buffer, offset, length);
                } catch (SocketTimeoutException quiet) {
                    // No byte yet, none lost: look for a stop request, then wait again.
                }
            }
        }

        private void checkStop() throws StopRequested {
            String notice = farewell;
            if (notice != null) {
                throw new StopRequested(notice);
            }
        }
    }

    /** The server is shutting down: thrown out of a read, so the conversation ends wherever it was. */
    private static final class StopRequested extends SocketException {
        private static final long serialVersionUID = 1L;
        final transient String notice;

        StopRequested(String notice) {
            super("the server is shutting down");
            this.notice = notice;
        }
    }
}
