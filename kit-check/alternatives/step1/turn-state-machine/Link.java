package chatlab.step1;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One side of the step 1 connection: a message is what one read returns, and goes out in one
 * write. The link keeps the one receive buffer it needs.
 */
final class Link implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream wire;
    private final byte[] inbox = new byte[ChatProtocol.MAX_MESSAGE_BYTES];

    Link(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.wire = socket.getOutputStream();
    }

    /** The other side's address, as HOST:PORT. */
    String peer() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /** The next message, or null if the other side has closed the connection. */
    String receive() throws IOException {
        int count = in.read(inbox, 0, inbox.length);
        return count < 0 ? null : ChatProtocol.decode(inbox, count);
    }

    void send(String message) throws IOException {
        wire.write(ChatProtocol.encode(message));
    }

    /** Sends the chat's last message; if the other side has already gone, nobody is left to tell. */
    void sendLast(String message) {
        try {
            send(message);
        } catch (IOException ignored) {
            // Broken pipe or reset: the other side closed first, which it is allowed to do.
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to do with a socket that will not close.
        }
    }

    /** One short line about what went wrong on the wire, for a log. */
    static String why(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
