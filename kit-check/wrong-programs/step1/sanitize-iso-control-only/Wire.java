package chatlab.step1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The socket plumbing of one side of a chat: one read is one message, one write is one message. */
final class Wire {
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];

    Wire(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The next message, or null if the other side has closed the connection. */
    String receive() throws IOException {
        int count = in.read(buffer);
        if (count < 0) {
            return null;
        }
        return ChatProtocol.decode(buffer, count);
    }

    void send(String message) throws IOException {
        out.write(ChatProtocol.encode(message));
        out.flush();
    }
}
