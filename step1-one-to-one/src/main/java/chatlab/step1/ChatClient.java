package chatlab.step1;

import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

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
        throw new UnsupportedOperationException("TODO(step 1): Task 3 - ChatClient.run: connect, send what is typed, print answers");
    }

    public static void main(String[] args) {
        ClientOptions options = CommandLine.parseOrExit(args, ClientOptions.USAGE, ClientOptions::parse);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
