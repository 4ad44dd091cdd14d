package chatlab.step1;

import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

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
        throw new UnsupportedOperationException("TODO(step 1): Task 2 - ChatServer.run: listen, accept one client, chat");
    }

    public static void main(String[] args) {
        ServerOptions options = CommandLine.parseOrExit(args, ServerOptions.USAGE, ServerOptions::parse);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                // With --auto nobody types: the log may be buffered (Terminal.log()), a line costs a copy.
                // Otherwise the operator's prompt must show at once.
                () -> new ChatServer(options, Terminal.keyboard(), options.auto() ? Terminal.log() : Terminal.screen())
                        .run());
    }
}
