package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.common.Framing;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The chat room client: one thread prints every frame the moment it arrives; another reads the
 * console and sends each line. The first line is the name the server asks for; exit, or the end
 * of input, leaves. It ends when the server closes the connection.
 */
public final class ChatClient {
    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options the server's address, the header size and the message limit
     * @param console where the user types a name, then messages
     * @param out     where the client prints what arrives
     */
    public ChatClient(ChatOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /** Connects and chats; returns when the server closes the connection. Throws only if it cannot connect. */
    public void run() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(options.host(), options.port()));
            // The console thread may wait for a line forever (the user walked away): a daemon does not
            // keep the program alive once the server has closed the connection.
            Thread typing = new Thread(() -> sendTypedLines(socket), "console");
            typing.setDaemon(true);
            typing.start();
            printArrivals(socket);
        }
    }

    /** Prints each frame as a whole line the moment it arrives, until the connection ends. */
    private void printArrivals(Socket socket) {
        Framing lines = new Framing(options.headerSize(), ChatProtocol.maxLineBytes(options.maxMessageBytes()));
        try {
            InputStream fromServer = socket.getInputStream();
            for (String line = lines.read(fromServer); line != null; line = lines.read(fromServer)) {
                // println is one call: a line is never split by what the other thread prints.
                out.println(ChatProtocol.sanitize(line));
            }
        } catch (IOException e) {
            out.println("[ERROR] " + e.getMessage());
        }
        out.println("Connection closed.");
    }

    /** Sends each typed line; exit, or the end of input, is the last. */
    private void sendTypedLines(Socket socket) {
        Framing framing = Framing.of(options);
        try {
            OutputStream toServer = socket.getOutputStream();
            while (true) {
                String line = console.readLine();
                if (line != null && line.isBlank()) {
                    continue; // nothing to say: an empty frame would only be broadcast as "[name] "
                }
                String message = line == null ? ChatProtocol.EXIT : line;
                byte[] frame;
                try {
                    frame = framing.encode(message);
                } catch (IllegalArgumentException tooLong) {
                    out.println("[ERROR] Not sent: " + tooLong.getMessage() + ".");
                    continue;
                }
                toServer.write(frame);
                if (ChatProtocol.endsChat(message)) {
                    return; // the server answers Goodbye! and closes: the printing side then ends
                }
            }
        } catch (IOException e) {
            // The connection is gone: the printing side says so.
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
