package chatlab.step1;

import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The step 1 client: connects, then sends what the user types and prints the server's answer,
 * turn by turn, until either side says exit or the server goes away.
 */
public final class ChatClient {
    private final ClientOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options which server to connect to
     * @param console where the user types messages
     * @param out     where the client prompts and prints answers
     */
    public ChatClient(ClientOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /** Connects and chats; returns when the chat is over. Throws only if it cannot connect. */
    public void run() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(options.host(), options.port()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        out.println("[CONNECTED] Connected to server at " + options.host() + ":" + options.port()
                + ". Type 'exit' to quit.");
        try (socket) {
            chat(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            out.println("[DISCONNECTED] Connection to the server lost: " + e.getMessage());
        }
    }

    /** Turn by turn: send one typed line, print the one answer, until the chat ends. */
    private void chat(InputStream in, OutputStream wire) {
        byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];
        while (true) {
            String line = nextMessage();
            boolean leaving = ChatProtocol.isExit(line);
            int count;
            try {
                wire.write(ChatProtocol.encode(line));
                count = in.read(buffer);
            } catch (IOException e) {
                count = -1;
            }
            if (count < 0) {
                // After exit, a server may close without a goodbye (seed 001): that is fine.
                out.println(leaving ? "Client ended the chat." : "[DISCONNECTED] The server closed the connection.");
                return;
            }
            String answer = ChatProtocol.decode(buffer, count);
            out.println("Server: " + answer);
            if (leaving) {
                out.println("Client ended the chat.");
                return;
            }
            if (ChatProtocol.isExit(answer)) {
                out.println("Server ended the chat.");
                return;
            }
        }
    }

    /**
     * The next line to send: never blank, never over the limit. The console's end counts as exit.
     */
    private String nextMessage() {
        while (true) {
            out.print("Client: ");
            out.flush();
            String line = typedLine();
            if (line == null) {
                out.println(ChatProtocol.EXIT);
                return ChatProtocol.EXIT;
            }
            int size = ChatProtocol.encode(line).length;
            if (size > ChatProtocol.MAX_MESSAGE_BYTES) {
                out.println("[ERROR] That message is " + size + " bytes; the limit is "
                        + ChatProtocol.MAX_MESSAGE_BYTES + " bytes. Not sent: type a shorter one.");
            } else if (!line.isBlank()) {
                return line;
            }
        }
    }

    /** The user's next line, or null when the console has ended (or failed). */
    private String typedLine() {
        try {
            return console.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    public static void main(String[] args) {
        ClientOptions options = CommandLine.parseOrExit(args, ClientOptions.USAGE, ClientOptions::parse);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
