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
    /** Whose move it is in the chat. */
    private enum Turn { USER_TYPES, AWAIT_ANSWER, AWAIT_GOODBYE, OVER }

    private final ClientOptions options;
    private final Typist user;
    private final PrintStream out;

    /**
     * @param options which server to connect to
     * @param console where the user types messages
     * @param out     where the client prompts and prints answers
     */
    public ChatClient(ClientOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.user = new Typist(console, out);
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
        try (Link link = new Link(socket)) {
            out.println("[CONNECTED] Connected to server at " + options.host() + ":" + options.port()
                    + ". Type 'exit' to quit.");
            chat(link);
        } catch (IOException e) {
            out.println("[DISCONNECTED] Lost the connection to the server: " + Link.why(e) + ".");
        }
    }

    /** The turn-taking, as a state machine; throws if the connection breaks mid-chat. */
    private void chat(Link link) throws IOException {
        Turn turn = Turn.USER_TYPES;
        while (turn != Turn.OVER) {
            turn = switch (turn) {
                case USER_TYPES -> {
                    String message = user.message("Client: ");
                    boolean leaving = ChatProtocol.isExit(message);
                    if (leaving) {
                        link.sendLast(ChatProtocol.EXIT);
                        yield Turn.AWAIT_GOODBYE;
                    }
                    link.send(message);
                    yield Turn.AWAIT_ANSWER;
                }
                case AWAIT_ANSWER -> {
                    String answer = link.receive();
                    if (answer == null) {
                        out.println("[DISCONNECTED] The server closed the connection.");
                        yield Turn.OVER;
                    }
                    out.println("Server: " + answer);
                    if (ChatProtocol.isExit(answer)) {
                        out.println("Server ended the chat.");
                        yield Turn.OVER;
                    }
                    yield Turn.USER_TYPES;
                }
                case AWAIT_GOODBYE -> {
                    goodbye(link);
                    out.println("Client ended the chat.");
                    yield Turn.OVER;
                }
                case OVER -> Turn.OVER;
            };
        }
    }

    /** Prints the server's goodbye, if it sends one: a server may just close (seed 001), or reset. */
    private void goodbye(Link link) {
        try {
            String answer = link.receive();
            if (answer != null) {
                out.println("Server: " + answer);
            }
        } catch (IOException e) {
            // The chat is over either way.
        }
    }

    public static void main(String[] args) {
        ClientOptions options = CommandLine.parseOrExit(args, ClientOptions.USAGE, ClientOptions::parse);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
