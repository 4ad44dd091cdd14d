package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;

/**
 * The step 2 client: sends each typed line as a frame and prints the server's answer, until the
 * user says exit (or the input ends), the server refuses us, or the connection ends.
 */
public final class ChatClient {
    private static final String PROMPT = "Enter message to send to server: ";

    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options the server's address, the header size and the message limit
     * @param console where the user types messages
     * @param out     where the client prompts and prints
     */
    public ChatClient(ChatOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /** Connects and chats; returns when the chat is over. Throws only if it cannot connect. */
    public void run() throws IOException {
        out.println("[STARTING] Client is starting...");
        Socket socket = new Socket();
        try (socket) {
            socket.connect(new InetSocketAddress(options.host(), options.port()));
            socket.setTcpNoDelay(true);
            out.println("[CONNECTED] Connected to server at " + options.host() + ":" + options.port());
            String farewell;
            try {
                farewell = new Conversation(socket.getInputStream(), socket.getOutputStream()).untilOver();
            } catch (EOFException e) {
                farewell = "The server closed the connection in the middle of an answer.";
            } catch (ProtocolException e) {
                farewell = "The server sent a broken frame (" + e.getMessage() + ").";
            } catch (IOException e) {
                farewell = "The connection was lost: " + e.getMessage();
            }
            out.println("[DISCONNECTED] " + farewell);
        }
    }

    /** The turns of one chat: a line out, an answer back. */
    private final class Conversation {
        private final InputStream in;
        private final OutputStream toServer;
        private final FrameCodec outgoing = new FrameCodec(options.headerSize(), options.maxMessageBytes());
        /** The limit is the user's, for sending; an answer only has to be sane. */
        private final FrameCodec incoming = new FrameCodec(options.headerSize(),
                Math.max(options.maxMessageBytes(), ChatOptions.DEFAULT_MAX_MESSAGE_BYTES));

        Conversation(InputStream in, OutputStream toServer) {
            this.in = in;
            this.toServer = toServer;
        }

        /** Runs turns until one ends the chat; returns what to tell the user. */
        String untilOver() throws IOException {
            while (true) {
                String line = nextLine();
                byte[] frame = frameOrNull(line);
                if (frame == null) {
                    continue;
                }
                toServer.write(frame);
                out.println("[SENT] " + line + " to server");
                String answer = incoming.read(in);
                if (answer == null) {
                    return "The server closed the connection.";
                }
                out.println("[SERVER] " + LogText.printable(answer));
                if (answer.startsWith(ChatProtocol.ERROR_PREFIX)) {
                    return "The server refused us and closed the connection.";
                }
                if (ChatProtocol.endsChat(line)) {
                    return "Disconnected from server.";
                }
            }
        }

        /** The next typed line that says something (a blank one is not a message); the end of the input says exit. */
        private String nextLine() throws IOException {
            String line;
            do {
                out.print(PROMPT);
                out.flush();
                line = console.readLine();
            } while (line != null && line.isBlank());
            if (line != null) {
                return line;
            }
            out.println(ChatProtocol.EXIT);
            return ChatProtocol.EXIT;
        }

        /** The line's frame, or null (having said why) if it is too long to send. */
        private byte[] frameOrNull(String line) {
            try {
                return outgoing.encode(line);
            } catch (IllegalArgumentException e) {
                out.println("[ERROR] Not sent, " + e.getMessage() + ".");
                return null;
            }
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
