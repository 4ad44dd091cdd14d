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

/**
 * The step 2 server: serves clients one after another, forever. Every message is a frame; every
 * message gets an answer; a client that breaks the protocol gets an ERROR frame and is
 * disconnected, and the server goes on to the next one.
 */
public final class ChatServer {
    private static final int MAX_LOGGED = 200;

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
        FrameCodec writer = new FrameCodec(options.headerSize(), Integer.MAX_VALUE);
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()));
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + listener.getLocalPort());
            while (true) {
                try (Socket client = listener.accept()) {
                    serve(client, reader, writer);
                } catch (IOException e) {
                    out.println("[ERROR] " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client, FrameCodec reader, FrameCodec writer) {
        String who = client.getRemoteSocketAddress().toString();
        out.println("[NEW CONNECTION] " + who + " connected.");
        out.println("[ACTIVE CONNECTIONS] 1");
        try {
            InputStream in = client.getInputStream();
            OutputStream os = client.getOutputStream();
            while (true) {
                String message;
                try {
                    message = reader.read(in);
                } catch (ProtocolException e) {
                    out.println("[PROTOCOL ERROR] " + who + ": " + sanitize(e.getMessage()));
                    os.write(writer.encode(ChatProtocol.ERROR_PREFIX + e.getMessage()));
                    os.flush();
                    drain(client, in);
                    break;
                }
                if (message == null) {
                    out.println("[LEFT] " + who + " closed the connection.");
                    break;
                }
                out.println("[" + who + "] Received: " + sanitize(message));
                String answer = ChatProtocol.answerTo(message);
                os.write(writer.encode(answer));
                os.flush();
                if (ChatProtocol.endsChat(message)) {
                    break;
                }
            }
        } catch (EOFException e) {
            out.println("[TRUNCATED] " + who + ": truncated message: " + e.getMessage());
        } catch (IOException e) {
            out.println("[CONNECTION LOST] " + who + ": " + e.getMessage());
        }
        out.println("[DISCONNECTED] " + who + " disconnected.");
        out.println("[ACTIVE CONNECTIONS] 0");
    }

    /** After an error: stop sending, then read and throw away a bounded amount, so close sends no reset. */
    private static void drain(Socket client, InputStream in) {
        try {
            client.shutdownOutput();
            client.setSoTimeout(1000);
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while (total < 1_000_000 && (n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // Nothing more to do: the connection is closing anyway.
        }
    }

    static String sanitize(String text) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < text.length() && sb.length() < MAX_LOGGED) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE) {
                sb.append('?');
            } else if (sb.length() + Character.charCount(cp) <= MAX_LOGGED) {
                sb.appendCodePoint(cp);
            } else {
                break;
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatServer", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.screen()).run());
    }
}
