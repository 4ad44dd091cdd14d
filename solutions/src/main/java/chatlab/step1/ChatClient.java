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
    private static final int GOODBYE_WAIT_MILLIS = 2000;

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
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(options.host(), options.port()));
            out.println("[CONNECTED] Connected to server at " + options.host() + ":" + options.port()
                    + ". Type 'exit' to quit.");
            try {
                chat(socket);
            } catch (IOException e) {
                out.println("[CONNECTION LOST] " + e.getMessage());
            }
        }
    }

    private void chat(Socket socket) throws IOException {
        InputStream fromServer = socket.getInputStream();
        OutputStream toServer = socket.getOutputStream();
        byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];
        while (true) {
            String message = nextMessage();
            byte[] bytes = ChatProtocol.encode(message);
            if (bytes.length > ChatProtocol.MAX_MESSAGE_BYTES) {
                out.println("[ERROR] That message is " + bytes.length + " bytes; the limit is "
                        + ChatProtocol.MAX_MESSAGE_BYTES + " bytes. It was not sent.");
                continue;
            }
            toServer.write(bytes);
            if (ChatProtocol.isExit(message)) {
                printGoodbye(socket, buffer);
                out.println("Client ended the chat.");
                return;
            }
            int count = fromServer.read(buffer);
            if (count == -1) {
                out.println("Server closed the connection.");
                return;
            }
            String answer = ChatProtocol.decode(buffer, count);
            out.println("Server: " + answer);
            if (ChatProtocol.isExit(answer)) {
                out.println("Server ended the chat.");
                return;
            }
        }
    }

    /** The next line worth sending; the end of input (Ctrl-D) counts as exit. */
    private String nextMessage() throws IOException {
        while (true) {
            out.print("Client: ");
            out.flush();
            String line = console.readLine();
            if (line == null) {
                out.println();
                return ChatProtocol.EXIT;
            }
            // An empty message would be a write of zero bytes: the server would never answer it.
            if (!line.isBlank()) {
                return line;
            }
        }
    }

    /**
     * After exit the server says goodbye, or just closes (seed 001's server does): either is fine.
     * The wait is bounded, so a server that does neither cannot keep the client from ending.
     */
    private void printGoodbye(Socket socket, byte[] buffer) {
        try {
            socket.setSoTimeout(GOODBYE_WAIT_MILLIS);
            int count = socket.getInputStream().read(buffer);
            if (count > 0) {
                out.println("Server: " + ChatProtocol.decode(buffer, count));
            }
        } catch (IOException e) {
            // No goodbye (closed, reset or silent): the chat is over all the same.
        }
    }

    public static void main(String[] args) {
        ClientOptions options = CommandLine.parseOrExit(args, ClientOptions.USAGE, ClientOptions::parse);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
