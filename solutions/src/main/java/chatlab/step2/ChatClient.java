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
    static final String PROMPT = "Enter message to send to server: ";

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
        FrameCodec codec = new FrameCodec(options.headerSize(), options.maxMessageBytes());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(options.host(), options.port()));
            out.println("[CONNECTED] Connected to server at " + options.host() + ":" + options.port());
            try {
                chat(socket.getInputStream(), socket.getOutputStream(), codec);
            } catch (ProtocolException e) {
                out.println("[ERROR] The server broke the protocol: " + e.getMessage());
            } catch (EOFException e) {
                out.println("[ERROR] The server's answer was cut off: " + e.getMessage());
            } catch (IOException e) {
                out.println("[CONNECTION LOST] " + e.getMessage());
            }
        }
        out.println("[DISCONNECTED] Disconnected from server.");
    }

    private void chat(InputStream fromServer, OutputStream toServer, FrameCodec codec) throws IOException {
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = console.readLine();
            if (line == null) {
                out.println();
            } else if (line.isBlank()) {
                // Nothing to say: a key pressed by mistake is not a message. Ask again.
                continue;
            }
            String message = line == null ? ChatProtocol.EXIT : line;
            byte[] frame;
            try {
                frame = codec.encode(message);
            } catch (IllegalArgumentException tooLong) {
                out.println("[ERROR] Not sent: " + tooLong.getMessage() + ".");
                continue;
            }
            toServer.write(frame);
            out.println("[SENT] " + message + " to server");
            String answer = codec.read(fromServer);
            if (answer == null) {
                out.println("[SERVER] closed the connection.");
                return;
            }
            out.println("[SERVER] " + answer);
            if (ChatProtocol.endsChat(message) || answer.startsWith(ChatProtocol.ERROR_PREFIX)) {
                return;
            }
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
