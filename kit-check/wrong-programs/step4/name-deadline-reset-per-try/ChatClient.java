package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.common.Framing;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
        try (Socket socket = new Socket(options.host(), options.port())) {
            Framing sending = Framing.of(options);
            Framing receiving = new Framing(options.headerSize(), ChatProtocol.maxLineBytes(options.maxMessageBytes()));
            OutputStream toServer = socket.getOutputStream();
            Thread typing = new Thread(() -> type(sending, toServer), "console");
            typing.setDaemon(true);
            typing.start();
            InputStream fromServer = socket.getInputStream();
            try {
                for (String message = receiving.read(fromServer); message != null; message = receiving.read(fromServer)) {
                    show(ChatProtocol.sanitize(message));
                }
            } catch (IOException e) {
                // Reset, cut off or a broken frame: the connection is over either way.
            }
            show("Connection closed.");
        }
    }

    /** The console thread: each typed line is one frame; the end of input leaves with exit. */
    private void type(Framing framing, OutputStream toServer) {
        try {
            while (true) {
                String line = console.readLine();
                if (line == null) {
                    send(framing, toServer, ChatProtocol.EXIT);
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                boolean leaving = line.strip().equalsIgnoreCase(ChatProtocol.EXIT);
                String message = leaving ? ChatProtocol.EXIT : line;
                byte[] frame;
                try {
                    frame = framing.encode(message);
                } catch (IllegalArgumentException e) {
                    show("[ERROR] Not sent: " + e.getMessage() + ".");
                    continue;
                }
                synchronized (toServer) {
                    toServer.write(frame);
                    toServer.flush();
                }
                if (leaving) {
                    return;
                }
            }
        } catch (IOException e) {
            // The console or the connection is gone; the reading thread reports the end.
        }
    }

    private static void send(Framing framing, OutputStream toServer, String message) throws IOException {
        byte[] frame = framing.encode(message);
        synchronized (toServer) {
            toServer.write(frame);
            toServer.flush();
        }
    }

    /** One whole line, at once, flushed: lines from both threads never mix. */
    private void show(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
