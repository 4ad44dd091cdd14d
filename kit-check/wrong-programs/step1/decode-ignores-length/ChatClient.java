package chatlab.step1;

import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
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
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(options.host(), options.port()));
            out.println("[CONNECTED] Connected to server at " + options.host() + ":" + options.port()
                    + ". Type 'exit' to quit.");
            Wire wire = new Wire(socket.getInputStream(), socket.getOutputStream());
            try {
                converse(wire);
            } catch (IOException e) {
                out.println("Connection to the server lost: " + e.getMessage());
            }
        }
    }

    private void converse(Wire wire) throws IOException {
        while (true) {
            Turn turn = ask();
            wire.send(turn.message());
            if (turn.last()) {
                String goodbye = wire.receive();
                if (goodbye != null && !goodbye.isEmpty()) {
                    out.println("Server: " + goodbye);
                }
                out.println("Client ended the chat.");
                return;
            }
            String answer = wire.receive();
            if (answer == null) {
                out.println("The server closed the connection.");
                return;
            }
            if (ChatProtocol.isExit(answer)) {
                out.println("Server ended the chat.");
                return;
            }
            out.println("Server: " + answer);
        }
    }

    /** The user's turn: the next line worth sending. */
    private Turn ask() throws IOException {
        while (true) {
            out.print("Client: ");
            out.flush();
            String line = console.readLine();
            if (line == null) {
                return Turn.end(ChatProtocol.EXIT);
            }
            if (line.isBlank()) {
                continue;
            }
            int size = ChatProtocol.encode(line).length;
            if (size > ChatProtocol.MAX_MESSAGE_BYTES) {
                out.println("[ERROR] That message is " + size + " bytes; the limit is "
                        + ChatProtocol.MAX_MESSAGE_BYTES + " bytes. Nothing was sent.");
                continue;
            }
            return ChatProtocol.isExit(line) ? Turn.end(line) : Turn.say(line);
        }
    }

    public static void main(String[] args) {
        ClientOptions options = CommandLine.parseOrExit(args, ClientOptions.USAGE, ClientOptions::parse);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
