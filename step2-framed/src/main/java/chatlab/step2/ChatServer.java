package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The step 2 server: serves clients one after another, forever. Every message is a frame; every
 * message gets an answer; a client that breaks the protocol gets an ERROR frame and is
 * disconnected, and the server goes on to the next one.
 */
public final class ChatServer {
    private final ChatOptions options;
    private final PrintStream out;

    /**
     * @param options where to listen, the header size and the message limit
     * @param out     where the server logs
     */
    public ChatServer(ChatOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Listens, then serves one client after another, forever. Throws only if it cannot listen. */
    public void run() throws IOException {
        throw new UnsupportedOperationException("TODO(step 2): Task 3 - ChatServer.run: serve client after client, in frames");
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatServer", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.log()).run()); // a buffered log: see Terminal.log()
    }
}
