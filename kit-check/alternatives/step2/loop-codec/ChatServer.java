package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The step 2 server: serves clients one after another, forever. Every message is a frame; every
 * message gets an answer; a client that breaks the protocol gets an ERROR frame and is
 * disconnected, and the server goes on to the next one.
 */
public final class ChatServer {
    private final ChatOptions options;
    private final PrintStream out;

    /**
     * @param options where to listen, the header size and the message limit
     * @param out     where the server logs
     */
    public ChatServer(ChatOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Listens, then serves one client after another, forever. Throws only if it cannot listen. */
    public void run() throws IOException {
        out.println("[STARTING] Server is starting...");
        FrameCodec reader = new FrameCodec(options.headerSize(), options.maxMessageBytes());
        // The limit is on what the server receives: its own answers always go out.
        FrameCodec writer = new FrameCodec(options.headerSize(), Integer.MAX_VALUE);
        try (ServerSocket listener = new ServerSocket(options.port(), 50, InetAddress.getByName(options.host()))) {
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + listener.getLocalPort());
            while (!listener.isClosed()) {
                Socket socket = acceptNext(listener);
                if (socket != null) {
                    try (ClientSession session = new ClientSession(socket, reader, writer, out)) {
                        session.serve();
                    }
                }
            }
        }
    }

    /** The next client, or null if accepting failed for now (logged; the server keeps listening). */
    private Socket acceptNext(ServerSocket listener) throws IOException {
        try {
            return listener.accept();
        } catch (IOException e) {
            if (listener.isClosed()) {
                throw e;
            }
            out.println("[ERROR] Could not accept a connection: " + e.getMessage());
            try {
                Thread.sleep(100);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while listening", stop);
            }
            return null;
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatServer", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.screen()).run());
    }
}
