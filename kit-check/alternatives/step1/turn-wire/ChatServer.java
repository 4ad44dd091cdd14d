package chatlab.step1;

import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The step 1 server: waits for one client, then chats turn by turn until either side says exit
 * or the client goes away. Then the program ends.
 */
public final class ChatServer {
    private final ServerOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options where to listen, and whether to answer automatically
     * @param console where the operator types the answers
     * @param out     where the server logs and prompts
     */
    public ChatServer(ServerOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /** Listens, serves one chat, and returns when it is over. Throws only if it cannot listen. */
    public void run() throws IOException {
        out.println("[STARTING] Server is starting...");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(options.host(), options.port()));
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + listener.getLocalPort());
            try (Socket client = listener.accept()) {
                String who = client.getInetAddress().getHostAddress() + ":" + client.getPort();
                out.println("[NEW CONNECTION] " + who + " connected.");
                try {
                    converse(new Wire(client.getInputStream(), client.getOutputStream()));
                } catch (IOException e) {
                    out.println("Connection lost: " + e.getMessage());
                }
                out.println("[DISCONNECTED] " + who + " disconnected.");
            }
        }
    }

    private void converse(Wire wire) throws IOException {
        while (true) {
            String message = wire.receive();
            if (message == null) {
                out.println("The client closed the connection.");
                return;
            }
            out.println("Client: " + Safe.text(message));
            if (ChatProtocol.isExit(message)) {
                try {
                    wire.send(ChatProtocol.GOODBYE);
                } catch (IOException e) {
                    // The client may leave without reading the goodbye.
                }
                out.println("Client ended the chat.");
                return;
            }
            Turn answer = answer();
            wire.send(answer.message());
            if (answer.last()) {
                out.println("Server ended the chat.");
                return;
            }
        }
    }

    /** The server's turn: the automatic reply, or the next non-blank line of the operator. */
    private Turn answer() throws IOException {
        if (options.auto()) {
            return Turn.say(ChatProtocol.AUTO_REPLY);
        }
        while (true) {
            out.print("Server: ");
            out.flush();
            String line = console.readLine();
            if (line == null || ChatProtocol.isExit(line)) {
                return Turn.end(ChatProtocol.EXIT);
            }
            if (!line.isBlank()) {
                return Turn.say(line);
            }
        }
    }

    public static void main(String[] args) {
        ServerOptions options = CommandLine.parseOrExit(args, ServerOptions.USAGE, ServerOptions::parse);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
