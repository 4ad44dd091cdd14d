package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.common.Framing;
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
import java.nio.charset.StandardCharsets;

/**
 * The chat room client: one thread prints every frame the moment it arrives; another reads the
 * console and sends each line. The first line is the name the server asks for; exit, or the end
 * of input, leaves. It ends when the server closes the connection.
 *
 * <p>Design: {@link #run()}'s own thread is the receiver; the console is read by a daemon thread,
 * which may stay blocked on the keyboard after the chat ended without keeping the program alive.
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
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(options.host(), options.port()));
            socket.setTcpNoDelay(true);
            OutputStream toServer = socket.getOutputStream();
            InputStream fromServer = socket.getInputStream();
            Thread typing = new Thread(() -> sendTypedLines(toServer), "console");
            typing.setDaemon(true);
            typing.start();
            printArrivals(fromServer);
        } catch (IOException e) {
            if (!socket.isConnected()) {
                throw e;
            }
            out.println("[ERROR] " + ChatProtocol.sanitize(String.valueOf(e.getMessage())));
        } finally {
            socket.close();
        }
        out.println("Connection closed.");
    }

    /** In run()'s thread: prints every frame as it arrives, until the server closes the connection. */
    private void printArrivals(InputStream fromServer) {
        Framing lines = new Framing(options.headerSize(), ChatProtocol.maxLineBytes(options.maxMessageBytes()));
        try {
            for (String line = lines.read(fromServer); line != null; line = lines.read(fromServer)) {
                out.println(ChatProtocol.sanitize(line)); // never trust the other end with our terminal
            }
        } catch (ProtocolException e) {
            out.println("[ERROR] The server sent something that is not a frame: " + e.getMessage());
        } catch (EOFException e) {
            out.println("[ERROR] The server closed the connection in the middle of a message.");
        } catch (IOException e) {
            // Reset, or closed under us: the connection is over either way.
        }
    }

    /** In the console thread: sends each typed line; the end of input is exit; after exit, stops. */
    private void sendTypedLines(OutputStream toServer) {
        Framing framing = Framing.of(options);
        try {
            while (true) {
                String line = readLine();
                String message = line == null ? ChatProtocol.EXIT : line;
                if (message.isBlank()) {
                    continue; // nothing to say: a blank line is not sent
                }
                int bytes = message.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > options.maxMessageBytes()) {
                    out.println("[ERROR] Not sent: the message is " + bytes + " bytes in UTF-8; the limit is "
                            + options.maxMessageBytes() + " bytes.");
                    continue;
                }
                toServer.write(framing.encode(message)); // header and message in one write
                toServer.flush();
                if (ChatProtocol.endsChat(message)) {
                    return; // the server answers Goodbye! and closes; the receiver then ends run()
                }
            }
        } catch (IOException e) {
            // The connection is gone: the receiver says so and ends run().
        }
    }

    /** A line from the console, or null at its end (a console that cannot be read has ended too). */
    private String readLine() {
        try {
            return console.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
