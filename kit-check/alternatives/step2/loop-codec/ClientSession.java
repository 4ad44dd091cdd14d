package chatlab.step2;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.Socket;

/** One client of the step 2 server, from accept to close: reads frames, answers each one, logs how it ended. */
final class ClientSession implements AutoCloseable {
    private static final int LINGER_MILLIS = 500;
    private static final long LINGER_BYTES = 256 * 1024;

    private final Socket socket;
    private final FrameCodec reader;
    private final FrameCodec writer;
    private final PrintStream log;
    private final String name;

    /**
     * @param reader the codec for what the client sends: it holds the limit
     * @param writer the codec for the answers
     */
    ClientSession(Socket socket, FrameCodec reader, FrameCodec writer, PrintStream log) {
        this.socket = socket;
        this.reader = reader;
        this.writer = writer;
        this.log = log;
        this.name = String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Serves the client until it leaves, errs or vanishes; never throws. */
    void serve() {
        log.println("[NEW CONNECTION] " + name + " connected.");
        log.println("[ACTIVE CONNECTIONS] 1");
        try {
            socket.setTcpNoDelay(true);
            log.println("[DISCONNECTED] " + name + " " + converse());
        } catch (ProtocolException e) {
            log.println("[PROTOCOL ERROR] " + name + " " + LogText.of(e.getMessage()));
            refuse(e.getMessage());
        } catch (EOFException e) {
            log.println("[DISCONNECTED] " + name + " sent a truncated message (" + LogText.of(e.getMessage()) + ")");
        } catch (IOException e) {
            log.println("[DISCONNECTED] " + name + " lost: " + LogText.of(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            log.println("[ERROR] " + name + " dropped: " + LogText.of(String.valueOf(e)));
        } finally {
            log.println("[ACTIVE CONNECTIONS] 0");
        }
    }

    /** The frames, in turn; returns how the client left. */
    private String converse() throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        for (String message; (message = reader.read(in)) != null; ) {
            log.println("[" + name + "] Received: " + LogText.of(message));
            out.write(writer.encode(ChatProtocol.answerTo(message)));
            if (ChatProtocol.endsChat(message)) {
                finish(in);
                return "said goodbye.";
            }
        }
        return "disconnected.";
    }

    /** Sends the ERROR frame, then lets the client read it before the connection goes. */
    private void refuse(String reason) {
        try {
            socket.getOutputStream().write(writer.encode(ChatProtocol.ERROR_PREFIX + LogText.printable(reason)));
            finish(socket.getInputStream());
            log.println("[DISCONNECTED] " + name + " after the ERROR frame.");
        } catch (IOException | RuntimeException e) {
            log.println("[DISCONNECTED] " + name + " without the ERROR frame: " + LogText.of(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Half-closes, then drops what the client still sends (for a bounded time and size): closing with
     * unread bytes would make TCP reset the connection and could destroy the last frame.
     */
    private void finish(InputStream in) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MILLIS);
            long left = LINGER_BYTES;
            byte[] junk = new byte[4096];
            for (int n; left > 0 && (n = in.read(junk)) >= 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // Timed out or reset: the client had its chance.
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do with it.
        }
    }
}
