package chatlab.step1;

import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;

/**
 * The step 1 server: waits for one client, then chats turn by turn until either side says exit
 * or the client goes away. Then the program ends.
 */
public final class ChatServer {
    /** Whose move it is in the chat. */
    private enum Turn { CLIENT_SPEAKS, SERVER_ANSWERS, SAY_GOODBYE, HANG_UP, OVER }

    private final ServerOptions options;
    private final Typist operator;
    private final PrintStream out;

    /**
     * @param options where to listen, and whether to answer automatically
     * @param console where the operator types the answers
     * @param out     where the server logs and prompts
     */
    public ChatServer(ServerOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.operator = new Typist(console, out);
        this.out = out;
    }

    /** Listens, serves one chat, and returns when it is over. Throws only if it cannot listen. */
    public void run() throws IOException {
        out.println("[STARTING] Server is starting...");
        Socket client;
        // One chat only: stop listening as soon as the client is in, so a second one is refused
        // at once instead of waiting in the backlog for a chat that never comes.
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(options.host(), options.port()));
            out.println("[LISTENING] Server is listening on "
                    + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort());
            client = listener.accept();
        }
        String peer = client.getInetAddress().getHostAddress() + ":" + client.getPort();
        try (Link link = new Link(client)) {
            out.println("[NEW CONNECTION] " + peer + " connected.");
            chat(link);
            out.println("[DISCONNECTED] " + peer + " disconnected.");
        } catch (IOException e) {
            out.println("[DISCONNECTED] " + peer + " vanished: " + Link.why(e) + ".");
        }
    }

    /** The turn-taking, as a state machine; throws if the client vanishes mid-chat. */
    private void chat(Link link) throws IOException {
        Turn turn = Turn.CLIENT_SPEAKS;
        while (turn != Turn.OVER) {
            turn = switch (turn) {
                case CLIENT_SPEAKS -> listen(link);
                case SERVER_ANSWERS -> answer(link);
                case SAY_GOODBYE -> {
                    out.println("Client ended the chat.");
                    link.sendLast(ChatProtocol.GOODBYE);
                    yield Turn.OVER;
                }
                case HANG_UP -> {
                    out.println("Server ended the chat.");
                    link.sendLast(ChatProtocol.EXIT);
                    yield Turn.OVER;
                }
                case OVER -> Turn.OVER;
            };
        }
    }

    private Turn listen(Link link) throws IOException {
        String message = link.receive();
        if (message == null) {
            out.println("Client left without saying exit.");
            return Turn.OVER;
        }
        out.println("Client: " + Sanitized.text(message));
        return ChatProtocol.isExit(message) ? Turn.SAY_GOODBYE : Turn.SERVER_ANSWERS;
    }

    private Turn answer(Link link) throws IOException {
        Optional<String> answer = options.auto() ? Optional.of(autoAnswer()) : operatorAnswer();
        if (answer.isEmpty() || ChatProtocol.isExit(answer.get())) {
            return Turn.HANG_UP;
        }
        link.send(answer.get());
        return Turn.CLIENT_SPEAKS;
    }

    private String autoAnswer() {
        out.println("Server: " + ChatProtocol.AUTO_REPLY);
        return ChatProtocol.AUTO_REPLY;
    }

    /** What the operator types; empty once the console has ended. Too long is asked again. */
    private Optional<String> operatorAnswer() {
        while (true) {
            Optional<String> line = operator.ask("Server: ");
            if (line.isEmpty() || ChatProtocol.fits(line.get())) {
                return line;
            }
            out.println(ChatProtocol.tooLong(line.get()));
        }
    }

    public static void main(String[] args) {
        ServerOptions options = CommandLine.parseOrExit(args, ServerOptions.USAGE, ServerOptions::parse);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
