package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The step 2 server: serves clients one after another, forever. Every message is a frame; every
 * message gets an answer; a client that breaks the protocol gets an ERROR frame and is
 * disconnected, and the server goes on to the next one.
 */
public final class ChatServer {
    /** After the last frame: how long, and how much, the server reads and drops before closing. */
    private static final int DRAIN_MILLIS = 1_000;
    private static final int DRAIN_BYTES = 1 << 20;

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
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 50);
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + listener.getLocalPort());
            while (true) {
                Socket client;
                try {
                    client = listener.accept();
                } catch (IOException e) {
                    if (listener.isClosed()) {
                        throw e;
                    }
                    out.println("[ERROR] accept failed: " + e.getMessage());
                    pause();
                    continue;
                }
                serve(client);
            }
        }
    }

    /** One client, from connection to close. Nothing it does escapes: the loop goes on. */
    private void serve(Socket client) {
        String who = String.valueOf(client.getRemoteSocketAddress());
        out.println("[NEW CONNECTION] " + who + " connected.");
        out.println("[ACTIVE CONNECTIONS] 1");
        // The receiver honours the limit; our own answers are short and never refused for it.
        FrameCodec receiving = new FrameCodec(options.headerSize(), options.maxMessageBytes());
        FrameCodec sending = new FrameCodec(options.headerSize(), Integer.MAX_VALUE);
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            while (true) {
                String message;
                try {
                    message = receiving.read(in);
                } catch (ProtocolException e) {
                    String reason = Quote.safe(e.getMessage());
                    out.println("[PROTOCOL ERROR] " + who + ": " + reason + " - sent ERROR, closing.");
                    toClient.write(sending.encode(ChatProtocol.ERROR_PREFIX + reason));
                    closeGently(client);
                    out.println("[DISCONNECTED] " + who + " (protocol error).");
                    return;
                }
                if (message == null) {
                    out.println("[DISCONNECTED] " + who + " disconnected.");
                    return;
                }
                out.println("[" + who + "] Received: " + Quote.safe(message));
                String answer = ChatProtocol.answerTo(message);
                toClient.write(sending.encode(answer));
                if (ChatProtocol.endsChat(message)) {
                    closeGently(client);
                    out.println("[DISCONNECTED] " + who + " said goodbye.");
                    return;
                }
            }
        } catch (EOFException e) {
            out.println("[DISCONNECTED] " + who + ": truncated message, " + Quote.safe(e.getMessage()) + ".");
        } catch (IOException e) {
            out.println("[DISCONNECTED] " + who + " vanished: " + Quote.safe(String.valueOf(e.getMessage())) + ".");
        } catch (RuntimeException e) {
            out.println("[ERROR] " + who + ": " + e + "; connection closed.");
        } finally {
            out.println("[ACTIVE CONNECTIONS] 0");
        }
    }

    /**
     * Closing a socket with unread bytes sends a reset that can destroy the last frame before the
     * client reads it: end our side first, then read and drop what is left (bounded) before closing.
     */
    private static void closeGently(Socket client) {
        try {
            client.shutdownOutput();
            client.setSoTimeout(DRAIN_MILLIS);
            InputStream in = client.getInputStream();
            byte[] sink = new byte[8192];
            long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
            int dropped = 0;
            int n;
            while (dropped < DRAIN_BYTES && System.nanoTime() < deadline && (n = in.read(sink)) >= 0) {
                dropped += n;
            }
        } catch (IOException e) {
            // The client is gone or silent: nothing more to save.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatServer", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.screen()).run());
    }
}
