package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.Socket;

/**
 * The step 2 client: sends each typed line as a frame and prints the server's answer, until the
 * user says exit (or the input ends), the server refuses us, or the connection ends.
 */
public final class ChatClient {
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
        try (Socket socket = new Socket(options.host(), options.port())) {
            out.println("[CONNECTED] Connected to server at " + options.host() + ":" + options.port());
            InputStream in = socket.getInputStream();
            OutputStream os = socket.getOutputStream();
            try {
                while (true) {
                    out.print("Enter message to send to server: ");
                    out.flush();
                    String line = console.readLine();
                    if (line == null) {
                        out.println();
                        line = ChatProtocol.EXIT;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    byte[] frame;
                    try {
                        frame = codec.encode(line);
                    } catch (IllegalArgumentException e) {
                        out.println("[NOT SENT] " + e.getMessage() + " (limit: " + options.maxMessageBytes() + " bytes)");
                        continue;
                    }
                    os.write(frame);
                    os.flush();
                    out.println("[SENT] " + line + " to server");
                    String answer;
                    try {
                        answer = codec.read(in);
                    } catch (ProtocolException e) {
                        out.println("[ERROR] The server's answer breaks the protocol: " + e.getMessage());
                        break;
                    }
                    if (answer == null) {
                        out.println("[CLOSED] The server closed the connection.");
                        break;
                    }
                    out.println("[SERVER] " + answer);
                    if (answer.startsWith(ChatProtocol.ERROR_PREFIX) || ChatProtocol.endsChat(line)) {
                        break;
                    }
                }
            } catch (IOException e) {
                out.println("[ERROR] Connection lost: " + e.getMessage());
            }
        }
        out.println("[DISCONNECTED] Disconnected from server.");
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
