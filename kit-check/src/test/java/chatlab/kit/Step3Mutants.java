package chatlab.kit;

import java.util.List;
import java.util.Map;

/** Step 3: the classic concurrency and shutdown mistakes, each one caught deterministically. */
final class Step3Mutants {
    private Step3Mutants() {
    }

    /** Rules that no deterministic mutant can break, each with the reason. */
    static final Map<String, String> WITHOUT_MUTANT = Map.of();

    static final List<Mutant> ALL = List.of(
            new Mutant("R?", "serves-one-client-at-a-time",
                    "runs each handler in the accept loop's own thread, so clients are served one at a time",
                    "ChatServer.java",
                    """
                            if (join(client)) {
                                            client.start();""",
                    """
                            if (join(client)) {
                                            client.run();""",
                    "thread of its own"),
            new Mutant("R?", "count-kept-when-a-client-vanishes",
                    "takes a client off the count only when it says exit, not when it vanishes or resets",
                    "ClientHandler.java",
                    List.of(
                            new Mutant.Edit("""
                                    out.println("[DISCONNECTING] " + peer + " sent " + message.strip() + ".");
                                                        return;""", """
                                    out.println("[DISCONNECTING] " + peer + " sent " + message.strip() + ".");
                                                        close();
                                                        onEnd.accept(this);
                                                        return;"""),
                            new Mutant.Edit("""
                                    } finally {
                                                close();
                                                onEnd.accept(this);
                                            }""", """
                                    } finally {
                                                close();
                                            }""")),
                    "finally"),
            new Mutant("R?", "shutdown-leaves-connections-open",
                    "sends the shutdown notice but never closes the clients' sockets, so their handler threads "
                            + "stay blocked in read()",
                    "ClientHandler.java",
                    """
                            trySend(notice);
                                    close();""",
                    "trySend(notice);",
                    "close its socket"),
            new Mutant("R?", "shutdown-without-notice",
                    "closes every connection on shutdown without telling the clients why",
                    "ClientHandler.java",
                    """
                            trySend(notice);
                                    close();""",
                    "close();",
                    "send the frame \"Server is shutting down.\""),
            new Mutant("R?", "shutdown-keeps-accepting",
                    "never closes the ServerSocket, so accept() stays blocked and the server never stops",
                    "ChatServer.java",
                    "closeQuietly(listener); // unblocks accept() in run()",
                    "",
                    "unblocks accept()"),
            new Mutant("R?", "console-eof-shuts-down",
                    "takes the end of console input as a shutdown command",
                    "ChatServer.java",
                    "out.println(\"[CONSOLE] Input closed; the server keeps running.\");",
                    "shutdown();",
                    "keep serving"),
            new Mutant("R?", "console-knows-only-exit",
                    "shuts down on \"exit\" typed exactly, but not on \"shutdown\" or other cases",
                    "ChatServer.java",
                    "if (ChatProtocol.isShutdownCommand(line)) {",
                    "if (line.equals(\"exit\")) {",
                    "isShutdownCommand"),
            new Mutant("R?", "one-exit-stops-everyone",
                    "shuts the whole server down when any client leaves (as seed 003 did)",
                    "ChatServer.java",
                    """
                            if (clients.remove(client)) {
                                        out.println("[DISCONNECTED] " + client.peer() + " disconnected.");""",
                    """
                            if (clients.remove(client)) {
                                        new Thread(this::shutdown).start();
                                        out.println("[DISCONNECTED] " + client.peer() + " disconnected.");""",
                    "that ends that client only"),
            new Mutant("R?", "signal-exits-with-143",
                    "registers no shutdown hook: SIGTERM kills the server without telling anyone",
                    "ChatServer.java",
                    "Runtime.getRuntime().addShutdownHook(onSignal);",
                    "",
                    "shutdown hook"));
}
