package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The step 2 server: serves clients one after another, forever. Every message is a frame; every
 * message gets an answer; a client that breaks the protocol gets an ERROR frame and is
 * disconnected, and the server goes on to the next one.
 */
public final class ChatServer {
    /** After refusing a client, how long to read and discard what it still sends (see refuse()). */
    private static final int DRAIN_MILLIS = 1000;
    private static final int DRAIN_MAX_BYTES = 1 << 20;

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
        FrameCodec codec = new FrameCodec(options.headerSize(), options.maxMessageBytes());
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(options.host(), options.port()));
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + listener.getLocalPort());
            while (true) {
                try (Socket client = listener.accept()) {
                    serve(client, codec);
                }
            }
        }
    }

    /** One client, from connect to disconnect. Whatever it does, it cannot stop the server. */
    private void serve(Socket client, FrameCodec codec) {
        String peer = client.getInetAddress().getHostAddress() + ":" + client.getPort();
        out.println("[NEW CONNECTION] " + peer + " connected.");
        out.println("[ACTIVE CONNECTIONS] 1");
        try {
            chat(client, codec, peer);
        } catch (ProtocolException e) {
            out.println("[PROTOCOL ERROR] " + peer + ": " + e.getMessage());
            refuse(client, codec, e.getMessage());
        } catch (EOFException e) {
            out.println("[TRUNCATED] " + peer + ": " + e.getMessage());
        } catch (IOException e) {
            out.println("[CONNECTION LOST] " + peer + ": " + e.getMessage());
        }
        out.println("[DISCONNECTED] " + peer + " disconnected.");
        out.println("[ACTIVE CONNECTIONS] 0");
    }

    private void chat(Socket client, FrameCodec codec, String peer) throws IOException {
        InputStream fromClient = client.getInputStream();
        OutputStream toClient = client.getOutputStream();
        while (true) {
            String message = codec.read(fromClient);
            if (message == null) {
                out.println("[" + peer + "] closed the connection without saying exit.");
                return;
            }
            out.println("[" + peer + "] Received: " + message);
            String answer = ChatProtocol.answerTo(message);
            // Header and message in one write: two small writes would wait on Nagle's algorithm.
            toClient.write(codec.encode(answer));
            out.println("[" + peer + "] Sent response: '" + answer + "'");
            if (ChatProtocol.endsChat(message)) {
                out.println("[DISCONNECTING] " + peer + " sent " + message.strip() + ".");
                return;
            }
        }
    }

    /**
     * Sends the ERROR frame and closes. Closing a socket with unread input makes TCP send a reset,
     * which can destroy the ERROR frame before the client reads it; so first end our side, then
     * read and discard what the client still sends (bounded), then close.
     */
    private void refuse(Socket client, FrameCodec codec, String reason) {
        try {
            client.getOutputStream().write(codec.encode(ChatProtocol.ERROR_PREFIX + reason));
            client.shutdownOutput();
            client.setSoTimeout(DRAIN_MILLIS);
            InputStream rest = client.getInputStream();
            byte[] discard = new byte[8192];
            long discarded = 0;
            int count;
            while (discarded < DRAIN_MAX_BYTES && (count = rest.read(discard)) != -1) {
                discarded += count;
            }
        } catch (IOException e) {
            // The client is gone, or still talking after the drain: either way it is closed next.
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatServer", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.screen()).run());
    }
}
