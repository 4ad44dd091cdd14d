package chatlab.step3;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The step 3 server: step 2's protocol, every client served at once in a thread of its own. The
 * operator stops it by typing exit or shutdown, or with Ctrl-C / SIGTERM: then every client is
 * told, every connection closed, every handler thread ended.
 */
public final class ChatServer {
    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options where to listen, the header size and the message limit
     * @param console where the operator types exit or shutdown
     * @param out     where the server logs
     */
    public ChatServer(ChatOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /**
     * Listens and serves every client at once until shutdown: then returns, with every client told,
     * every connection closed and every handler thread ended. Throws only if it cannot listen.
     */
    public void run() throws IOException {
        throw new UnsupportedOperationException("TODO(step 3): Task 1 - ChatServer.run: a thread for every client");
    }

    /** How many clients are connected right now. */
    public int activeConnections() {
        throw new UnsupportedOperationException("TODO(step 3): Task 2 - ChatServer.activeConnections: the live count");
    }

    /**
     * Shuts the server down: no new connections; every connected client gets the shutdown notice and
     * is disconnected; every handler thread ends. Any thread may call it, more than once; it returns
     * when run() has finished stopping (or at once if the server is not running).
     */
    public void shutdown() {
        throw new UnsupportedOperationException("TODO(step 3): Task 3 - ChatServer.shutdown: tell everyone, close, join");
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatServer", ChatProtocol.DEFAULT_PORT, args);
        // The log is buffered (Terminal.log()): a line per message costs a copy, not a write to the terminal.
        PrintStream log = Terminal.log();
        ChatServer server = new ChatServer(options, Terminal.keyboard(), log);
        // Ctrl-C or SIGTERM: shut down cleanly, then exit 0 (a signal's own status would be 130 or 143).
        Thread onSignal = new Thread(() -> {
            server.shutdown();
            log.flush(); // halt() runs no other hook: the last lines would be lost
            Runtime.getRuntime().halt(0);
        }, "shutdown on signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            server.run();
        } catch (IOException e) {
            Runtime.getRuntime().removeShutdownHook(onSignal);
            System.err.println("[ERROR] Cannot serve on " + options.host() + ":" + options.port() + ": " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException | Error e) {
            // A crash is never reported as a clean stop: without this, the hook would exit with 0.
            Runtime.getRuntime().removeShutdownHook(onSignal);
            System.err.println("[ERROR] The server crashed: " + e);
            System.exit(1);
        }
    }
}
