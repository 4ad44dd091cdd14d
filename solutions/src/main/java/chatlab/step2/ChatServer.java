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
    /** How much of a client's text the log shows: a client never floods the operator's terminal. */
    private static final int LOGGED_CHARACTERS = 200;

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
        // --max-message-bytes limits what the server receives. Its own answers are short and never refused:
        // with "--max-message-bytes 10", the 26-byte receipt must still go out.
        FrameCodec codec = new FrameCodec(options.headerSize(), options.maxMessageBytes());
        FrameCodec answers = new FrameCodec(options.headerSize(), Integer.MAX_VALUE);
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(options.host(), options.port()));
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + listener.getLocalPort());
            while (true) {
                try (Socket client = listener.accept()) {
                    serve(client, codec, answers);
                }
            }
        }
    }

    /** One client, from connect to disconnect. Whatever it does, it cannot stop the server. */
    private void serve(Socket client, FrameCodec codec, FrameCodec answers) {
        String peer = client.getInetAddress().getHostAddress() + ":" + client.getPort();
        out.println("[NEW CONNECTION] " + peer + " connected.");
        out.println("[ACTIVE CONNECTIONS] 1");
        try {
            chat(client, codec, answers, peer);
        } catch (ProtocolException e) {
            out.println("[PROTOCOL ERROR] " + peer + ": " + logged(e.getMessage()));
            refuse(client, answers, e.getMessage());
        } catch (EOFException e) {
            out.println("[TRUNCATED] " + peer + ": " + e.getMessage());
        } catch (IOException e) {
            // A reset or a broken pipe: the client vanished. One line, never a stack trace.
            out.println("[CONNECTION LOST] " + peer + ": " + logged(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            // Nothing one client does may end the loop, not even a bug of ours.
            out.println("[ERROR] " + peer + ": " + logged(String.valueOf(e)));
        }
        out.println("[DISCONNECTED] " + peer + " disconnected.");
        out.println("[ACTIVE CONNECTIONS] 0");
    }

    private void chat(Socket client, FrameCodec codec, FrameCodec answers, String peer) throws IOException {
        InputStream fromClient = client.getInputStream();
        OutputStream toClient = client.getOutputStream();
        while (true) {
            String message = codec.read(fromClient);
            if (message == null) {
                out.println("[" + peer + "] closed the connection without saying exit.");
                return;
            }
            out.println("[" + peer + "] Received: " + logged(message));
            String answer = ChatProtocol.answerTo(message);
            // Header and message in one write: two small writes would wait on Nagle's algorithm.
            toClient.write(answers.encode(answer));
            out.println("[" + peer + "] Sent response: '" + answer + "'");
            if (ChatProtocol.endsChat(message)) {
                out.println("[DISCONNECTING] " + peer + " sent " + logged(message.strip()) + ".");
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

    /**
     * A client's text as the log shows it: control and format characters (ESC, BEL, line breaks, bidi
     * controls, zero-width characters) become '?', so that a client can neither recolour the
     * operator's terminal nor forge log lines; and at most LOGGED_CHARACTERS characters.
     */
    private static String logged(String text) {
        StringBuilder shown = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (count == LOGGED_CHARACTERS) {
                return shown + "... (" + text.codePointCount(0, text.length()) + " characters)";
            }
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            shown.appendCodePoint(unsafe ? '?' : c);
            count++;
        }
        return shown.toString();
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatServer", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.log()).run()); // a buffered log: see Terminal.log()
    }
}
