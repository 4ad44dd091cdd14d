package chatlab.step1;

import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The step 1 server: waits for one client, then chats turn by turn until either side says exit
 * or the client goes away. Then the program ends.
 */
public final class ChatServer {
    /** The most characters of a client's text that the server prints. */
    private static final int LOG_LIMIT = 200;

    private final ServerOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options where to listen, and whether to answer automatically
     * @param console where the operator types the answers
     * @param out     where the server logs and prompts
     */
    public ChatServer(ServerOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /** Listens, serves one chat, and returns when it is over. Throws only if it cannot listen. */
    public void run() throws IOException {
        out.println("[STARTING] Server is starting...");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(options.host(), options.port()));
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + listener.getLocalPort());
            try (Socket client = listener.accept()) {
                String peer = client.getInetAddress().getHostAddress() + ":" + client.getPort();
                out.println("[NEW CONNECTION] " + peer + " connected.");
                try {
                    chat(client.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    // The client vanished (reset, broken pipe): that ends this chat, not the program badly.
                    out.println("[CONNECTION LOST] " + peer + ": " + e.getMessage());
                }
                out.println("[DISCONNECTED] " + peer + " disconnected.");
            }
        }
    }

    private void chat(InputStream fromClient, OutputStream toClient) throws IOException {
        byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];
        while (true) {
            // One read is taken as one message: the naive model of the seeds, which step 2 fixes.
            int count = fromClient.read(buffer);
            if (count == -1) {
                out.println("Client left without saying exit.");
                return;
            }
            String message = ChatProtocol.decode(buffer, count);
            out.println("Client: " + forLog(message));
            if (ChatProtocol.isExit(message)) {
                out.println("Client ended the chat.");
                toClient.write(ChatProtocol.encode(ChatProtocol.GOODBYE));
                return;
            }
            String answer = answer();
            if (answer == null) {
                toClient.write(ChatProtocol.encode(ChatProtocol.EXIT));
                out.println("Server ended the chat.");
                return;
            }
            toClient.write(ChatProtocol.encode(answer));
        }
    }

    /**
     * Client text made safe to print: a control or format character (ESC, BEL, a bidi override, a
     * zero-width space...) becomes '?', so a client cannot recolour or rewrite the operator's
     * terminal; and the text is cut to {@value #LOG_LIMIT} characters, so it cannot flood it.
     */
    private static String forLog(String text) {
        StringBuilder safe = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (shown == LOG_LIMIT) {
                return safe.append("... (").append(text.codePointCount(0, text.length())).append(" characters)").toString();
            }
            int type = Character.getType(c);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT;
            safe.appendCodePoint(unsafe ? '?' : c);
            shown++;
        }
        return safe.toString();
    }

    /** The answer to send: automatic, or typed by the operator; null when the operator ends the chat. */
    private String answer() throws IOException {
        if (options.auto()) {
            out.println("Server: " + ChatProtocol.AUTO_REPLY);
            return ChatProtocol.AUTO_REPLY;
        }
        while (true) {
            out.print("Server: ");
            out.flush();
            String line = console.readLine();
            if (line == null || ChatProtocol.isExit(line)) {
                return null;
            }
            // An empty answer would be a write of zero bytes: nothing would reach the client.
            if (!line.isBlank()) {
                return line;
            }
        }
    }

    public static void main(String[] args) {
        ServerOptions options = CommandLine.parseOrExit(args, ServerOptions.USAGE, ServerOptions::parse);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                // With --auto nobody types: the log may be buffered (Terminal.log()), a line costs a copy.
                // Otherwise the operator's prompt must show at once.
                () -> new ChatServer(options, Terminal.keyboard(), options.auto() ? Terminal.log() : Terminal.screen())
                        .run());
    }
}
