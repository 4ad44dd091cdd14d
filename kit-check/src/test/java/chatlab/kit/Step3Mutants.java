package chatlab.kit;

import java.util.List;
import java.util.Map;

/** Step 3: the classic concurrency and shutdown mistakes, each one caught deterministically. */
final class Step3Mutants {
    private Step3Mutants() {
    }

    /** Rules that no deterministic mutant can break, each with the reason. */
    static final Map<String, String> WITHOUT_MUTANT = Map.of();

    /** The shutdown notice, sent in a thread of its own (ClientHandler.stop). */
    private static final String TELLER = "Thread teller = new Thread(() -> {\n"
            + "            trySend(notice);\n"
            + "            close();\n"
            + "        }, \"notice to \" + peer);\n"
            + "        teller.setDaemon(true);\n"
            + "        teller.start();";

    static final List<Mutant> ALL = List.of(
            new Mutant("R1", "listening-line-shows-the-configured-port",
                    "prints the port it was asked for (0) instead of the port it really bound",
                    "ChatServer.java",
                    "options.host() + \":\" + socket.getLocalPort());",
                    "options.host() + \":\" + options.port());",
                    "port it really bound"),
            new Mutant("R2", "echoes-the-message",
                    "answers each message with the message itself instead of the receipt",
                    "ClientHandler.java",
                    "send(ChatProtocol.answerTo(message));",
                    "send(ChatProtocol.endsChat(message) ? ChatProtocol.GOODBYE : message);",
                    "echoed back"),
            new Mutant("R3", "header-and-body-in-two-writes",
                    "writes the header, then the body: two small writes, and Nagle holds the second for an ACK",
                    "ClientHandler.java",
                    "socket.getOutputStream().write(framing.encode(message));",
                    """
                            byte[] frame = framing.encode(message);
                                    socket.getOutputStream().write(frame, 0, framing.headerSize());
                                    socket.getOutputStream().write(frame, framing.headerSize(), frame.length - framing.headerSize());""",
                    "Nagle"),
            new Mutant("R4", "serves-one-client-at-a-time",
                    "runs each handler in the accept loop's own thread, so clients are served one at a time",
                    "ChatServer.java",
                    "client.start();",
                    "client.run();",
                    "thread of its own"),
            new Mutant("R5", "fixed-pool-of-ten",
                    "runs the handlers in a fixed pool of 10 threads: 10 idle clients hold them all",
                    "ChatServer.java",
                    List.of(new Mutant.Edit("private ServerSocket listener;", """
                                    private ServerSocket listener;
                                        private final java.util.concurrent.ExecutorService workers =
                                                java.util.concurrent.Executors.newFixedThreadPool(10);"""),
                            new Mutant.Edit("client.start();", "workers.execute(client);")),
                    "fixed pool"),
            new Mutant("R6", "default-backlog",
                    "binds with the default listen backlog (50), so a burst of clients overflows it",
                    "ChatServer.java",
                    "socket.bind(new InetSocketAddress(options.host(), options.port()), BACKLOG);",
                    "socket.bind(new InetSocketAddress(options.host(), options.port()));",
                    "backlog"),
            new Mutant("R7", "failed-accept-retried-at-once-and-logged-every-time",
                    "logs every failed accept() and retries at once: out of file descriptors, it spins and floods the log",
                    "ChatServer.java",
                    "failures.report(e);",
                    "out.println(\"[ERROR] accept failed: \" + e.getMessage());",
                    "flooding the log"),
            new Mutant("R7", "failed-accept-stops-the-server",
                    "takes a failed accept() for the end: the accept loop returns and the server stops",
                    "ChatServer.java",
                    "failures.report(e);",
                    "return;",
                    "keep listening"),
            new Mutant("R8", "one-exit-stops-everyone",
                    "shuts the whole server down when any client leaves (as seed 003 did)",
                    "ChatServer.java",
                    """
                            if (clients.remove(client)) {
                                        out.println("[DISCONNECTED] " + client.peer() + " disconnected.");""",
                    """
                            if (clients.remove(client)) {
                                        new Thread(this::shutdown).start();
                                        out.println("[DISCONNECTED] " + client.peer() + " disconnected.");""",
                    "Saying exit ends that client's chat only"),
            new Mutant("R8", "exit-only-in-lower-case",
                    "ends the chat only on exactly \"exit\" (or \"!DISCONNECT!\"), not on EXIT or \" exit \"",
                    "ClientHandler.java",
                    """
                            send(ChatProtocol.answerTo(message));
                                            if (ChatProtocol.endsChat(message)) {""",
                    """
                            boolean ends = message.equals("exit") || message.equals("!DISCONNECT!");
                                            send(ends ? ChatProtocol.GOODBYE : ChatProtocol.RECEIVED);
                                            if (ends) {""",
                    "ignoring case"),
            new Mutant("R9", "disconnect-ignores-case",
                    "takes !disconnect! (any case) for !DISCONNECT!",
                    "ClientHandler.java",
                    """
                            send(ChatProtocol.answerTo(message));
                                            if (ChatProtocol.endsChat(message)) {""",
                    """
                            boolean ends = ChatProtocol.endsChat(message) || message.strip().equalsIgnoreCase("!DISCONNECT!");
                                            send(ends ? ChatProtocol.GOODBYE : ChatProtocol.RECEIVED);
                                            if (ends) {""",
                    "case-sensitively"),
            new Mutant("R10", "bad-header-closes-without-error",
                    "closes the connection on a bad header without sending ERROR: <reason>",
                    "ClientHandler.java",
                    "trySend(ChatProtocol.ERROR_PREFIX + e.getMessage());",
                    "",
                    "ERROR: <reason>"),
            new Mutant("R10", "no-message-limit",
                    "builds its codec without the --max-message-bytes limit, so it waits for a body of any length",
                    "ChatServer.java",
                    "acceptUntilShutdown(socket, Framing.of(options));",
                    "acceptUntilShutdown(socket, new Framing(options.headerSize(), Integer.MAX_VALUE));",
                    "--max-message-bytes"),
            new Mutant("R11", "stack-trace-when-a-client-vanishes",
                    "prints the stack trace of the IOException when a client vanishes",
                    "ClientHandler.java",
                    "            if (!stopping) {\n",
                    "            e.printStackTrace();\n            if (!stopping) {\n",
                    "stack trace"),
            new Mutant("R11", "lost-connection-escapes-the-handler",
                    "lets the IOException of a lost connection escape the handler's thread",
                    "ClientHandler.java",
                    "            if (!stopping) {\n",
                    "            if (!stopping) {\n                throw new java.io.UncheckedIOException(e);\n            }\n"
                            + "            if (!stopping) {\n",
                    "stack trace"),
            new Mutant("R12", "count-kept-when-a-client-vanishes",
                    "takes a client off the count only when it says exit, not when it vanishes or resets",
                    "ClientHandler.java",
                    List.of(
                            new Mutant.Edit("""
                                    out.println("[DISCONNECTING] " + peer + " sent " + ChatProtocol.forLog(message.strip()) + ".");
                                                        return;""", """
                                    out.println("[DISCONNECTING] " + peer + " sent " + ChatProtocol.forLog(message.strip()) + ".");
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
            new Mutant("R13", "count-kept-by-hand",
                    "keeps the count in a plain int, and counts a leaving client outside the lock: reads it, logs "
                            + "the new value, then writes it back",
                    "ChatServer.java",
                    List.of(new Mutant.Edit("private synchronized void left(ClientHandler client) {",
                                    "private void left(ClientHandler client) {"),
                            new Mutant.Edit("private ServerSocket listener;", """
                                    private ServerSocket listener;
                                        private int active;"""),
                            new Mutant.Edit("return clients.size();", "return active;"),
                            new Mutant.Edit("""
                                    clients.add(client);
                                            out.println("[NEW CONNECTION] " + client.peer() + " connected.");
                                            out.println("[ACTIVE CONNECTIONS] " + clients.size());""", """
                                    clients.add(client);
                                            active++;
                                            out.println("[NEW CONNECTION] " + client.peer() + " connected.");
                                            out.println("[ACTIVE CONNECTIONS] " + active);"""),
                            new Mutant.Edit("out.println(\"[DISCONNECTED] \" + client.peer() + \" disconnected.\");\n"
                                    + "            out.println(\"[ACTIVE CONNECTIONS] \" + clients.size());",
                                    "out.println(\"[DISCONNECTED] \" + client.peer() + \" disconnected.\");\n"
                                    + "            int now = active - 1;\n"
                                    + "            out.println(\"[ACTIVE CONNECTIONS] \" + now);\n"
                                    + "            active = now;")),
                    "loses updates"),
            new Mutant("R14", "logs-client-text-raw",
                    "logs what a client sent as it is: escape sequences, line breaks, bidi overrides and all",
                    "ClientHandler.java",
                    "out.println(\"[\" + peer + \"] Received: \" + ChatProtocol.forLog(message));",
                    "out.println(\"[\" + peer + \"] Received: \" + message);",
                    "control and format characters"),
            new Mutant("R14", "logs-client-text-uncut",
                    "sanitizes what it logs but never cuts it: a 5000-character message floods the log",
                    "ClientHandler.java",
                    "out.println(\"[\" + peer + \"] Received: \" + ChatProtocol.forLog(message));",
                    "out.println(\"[\" + peer + \"] Received: \" + message.replaceAll(\"[\\\\p{Cc}\\\\p{Cf}\\\\u2028\\\\u2029]\", \"?\"));",
                    "bounded length"),
            new Mutant("R15", "shutdown-leaves-connections-open",
                    "sends the shutdown notice but never closes the clients' sockets, so their handler threads "
                            + "stay blocked in read()",
                    "ClientHandler.java",
                    List.of(new Mutant.Edit("""
                                    trySend(notice);
                                                close();""", "trySend(notice);"),
                            new Mutant.Edit("""
                                    stopping = true;
                                            close();""", "stopping = true;")),
                    "the connection stayed open"),
            new Mutant("R12", "log-lines-name-nobody",
                    "logs connections and departures without saying which client",
                    "ClientHandler.java",
                    "        return peer;",
                    "        return \"a client\";",
                    "names the client"),
            new Mutant("R14", "messages-not-logged",
                    "logs no message it receives (step 2's log line is gone), so a client's text never shows",
                    "ClientHandler.java",
                    "out.println(\"[\" + peer + \"] Received: \" + ChatProtocol.forLog(message));",
                    "",
                    "message is not in the log"),
            new Mutant("R14", "logs-messages-without-the-client",
                    "logs the text of each message it receives, but not which client sent it",
                    "ClientHandler.java",
                    "out.println(\"[\" + peer + \"] Received: \" + ChatProtocol.forLog(message));",
                    "out.println(\"Received: \" + ChatProtocol.forLog(message));",
                    "the client who sent it"),
            new Mutant("R15", "shutdown-without-notice",
                    "closes every connection on shutdown without telling the clients why",
                    "ClientHandler.java",
                    """
                            trySend(notice);
                                        close();""",
                    "close();",
                    "send the frame \"Server is shutting down.\""),
            new Mutant("R16", "shutdown-keeps-accepting",
                    "never closes the ServerSocket, so accept() stays blocked and the server never stops",
                    "ChatServer.java",
                    "closeQuietly(listener); // unblocks accept() in run()",
                    "",
                    "unblocks accept()"),
            new Mutant("R16", "cached-pool-never-shut-down",
                    "runs the handlers in a cached pool and never shuts it down: its idle workers outlive the server",
                    "ChatServer.java",
                    List.of(new Mutant.Edit("private ServerSocket listener;", """
                                    private ServerSocket listener;
                                        private final java.util.concurrent.ExecutorService workers =
                                                java.util.concurrent.Executors.newCachedThreadPool();"""),
                            new Mutant.Edit("client.start();", "workers.execute(client);")),
                    "still alive after shutdown"),
            new Mutant("R16", "stop-not-logged",
                    "returns from run() after shutdown without logging that the server stopped",
                    "ChatServer.java",
                    "out.println(\"[STOPPED] Server has shut down.\");",
                    "",
                    "logging that the server stopped"),
            new Mutant("R17", "notice-waits-for-the-send-lock",
                    "tells the clients one after the other, each notice waiting for the send lock that a handler "
                            + "blocked writing to a stuck client holds",
                    "ClientHandler.java",
                    TELLER,
                    "trySend(notice);\n        close();",
                    "cut the stuck client off"),
            new Mutant("R17", "stuck-client-never-cut-off",
                    "sends the notices in parallel but waits for a stuck client instead of cutting it off",
                    "ChatServer.java",
                    "client.cutOff();",
                    "",
                    "cut the stuck client off"),
            new Mutant("R18", "console-knows-only-exit",
                    "shuts down on \"exit\" typed exactly, but not on \"shutdown\" or other cases",
                    "ChatServer.java",
                    "if (ChatProtocol.isShutdownCommand(line)) {",
                    "if (line.equals(\"exit\")) {",
                    "isShutdownCommand"),
            new Mutant("R18", "console-stops-at-a-blank-line",
                    "stops reading the console at the first blank line, so a later shutdown is never read",
                    "ChatServer.java",
                    "line != null; line = console.readLine()",
                    "line != null && !line.isBlank(); line = console.readLine()",
                    "blank line"),
            new Mutant("R19", "console-eof-shuts-down",
                    "takes the end of console input as a shutdown command",
                    "ChatServer.java",
                    "out.println(\"[CONSOLE] Input closed; the server keeps running.\");",
                    "shutdown();",
                    "keep serving"),
            new Mutant("R20", "handler-leaves-its-socket-open",
                    "never closes a client's socket when its handler ends",
                    "ClientHandler.java",
                    """
                            } finally {
                                        close();
                                        onEnd.accept(this);""",
                    """
                            } finally {
                                        onEnd.accept(this);""",
                    "sockets are left open"),
            new Mutant("R21", "signal-exits-with-143",
                    "registers no shutdown hook: SIGTERM kills the server without telling anyone",
                    "ChatServer.java",
                    "Runtime.getRuntime().addShutdownHook(onSignal);",
                    "",
                    "shutdown hook"),
            new Mutant("R22", "bind-failure-swallowed",
                    "catches the failure to bind, logs it and returns, so the process ends with status 0",
                    "ChatServer.java",
                    "socket.bind(new InetSocketAddress(options.host(), options.port()), BACKLOG);",
                    """
                            try {
                                            socket.bind(new InetSocketAddress(options.host(), options.port()), BACKLOG);
                                        } catch (IOException e) {
                                            out.println("[ERROR] Cannot listen: " + e.getMessage());
                                            return;
                                        }""",
                    "status 0"));
}
