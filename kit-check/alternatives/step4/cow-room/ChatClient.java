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
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The chat room client: one thread prints every frame the moment it arrives; another reads the
 * console and sends each line. The first line is the name the server asks for; exit, or the end
 * of input, leaves. It ends when the server closes the connection.
 *
 * <p>Design: {@link #run()} only supervises. It starts a receiving thread and a typing thread, both
 * daemons, and waits until the receiver has seen the connection end; then it closes the socket,
 * says so and returns, whatever the typing thread is waiting for.
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
            socket.setTcpNoDelay(true);
            CountDownLatch over = new CountDownLatch(1);
            Thread receiver = daemon("receiver", () -> {
                try {
                    receive(socket);
                } finally {
                    over.countDown();
                }
            });
            Thread typist = daemon("typist", () -> type(socket));
            receiver.start();
            typist.start();
            try {
                over.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        out.println("Connection closed.");
    }

    /** Receiver thread: prints each frame as it arrives, until the connection ends. */
    private void receive(Socket socket) {
        Framing incoming = new Framing(options.headerSize(), ChatProtocol.maxLineBytes(options.maxMessageBytes()));
        try {
            InputStream fromServer = socket.getInputStream();
            String line;
            while ((line = incoming.read(fromServer)) != null) {
                out.println(ChatProtocol.sanitize(line)); // the server is another program: trust it no more
            }
        } catch (ProtocolException e) {
            out.println("[ERROR] Unreadable frame from the server: " + e.getMessage());
        } catch (EOFException e) {
            out.println("[ERROR] The connection ended inside a message.");
        } catch (IOException e) {
            // Reset or closed: the chat is over.
        }
    }

    /** Typist thread: the name, then messages; the end of input counts as exit; exit is the last line sent. */
    private void type(Socket socket) {
        Framing outgoing = Framing.of(options);
        try {
            OutputStream toServer = socket.getOutputStream();
            boolean leaving = false;
            while (!leaving) {
                String line = nextLine();
                if (line == null) {
                    line = ChatProtocol.EXIT;
                }
                if (line.isBlank()) {
                    continue; // nothing to say: a blank line is not sent
                }
                int size = line.getBytes(StandardCharsets.UTF_8).length;
                if (size > options.maxMessageBytes()) {
                    out.println("[ERROR] That message is " + size + " bytes long (UTF-8); messages may have at most "
                            + options.maxMessageBytes() + " bytes. It was not sent.");
                    continue;
                }
                toServer.write(outgoing.encode(line));
                toServer.flush();
                leaving = ChatProtocol.endsChat(line);
            }
        } catch (IOException e) {
            // The connection is gone; the receiver ends the client.
        }
    }

    private String nextLine() {
        try {
            return console.readLine();
        } catch (IOException e) {
            return null; // an unreadable console has ended
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "chat client " + name);
        thread.setDaemon(true);
        return thread;
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
