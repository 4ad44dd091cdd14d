package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Given, done (step 3 built it): the chat server's plumbing. Every client gets a
 * {@link ClientSession} in threads of its own; they all share one {@link ChatRoom}. The operator
 * stops the server by typing exit or shutdown, or with Ctrl-C / SIGTERM: then every client is told,
 * every connection closed, every session's threads ended.
 */
public final class ChatServer {
    /** How long shutdown waits for the clients to take their notice before it cuts the rest off. */
    private static final long STOP_GRACE_MILLIS = 1000;
    /** How long shutdown then waits for the sessions' threads to end. */
    private static final long STOP_WAIT_MILLIS = 2000;
    /**
     * Connections the system may queue while accept() is busy. The default (50) turns a burst of
     * clients away: once the queue is full, the system drops their connection requests, and each
     * of them retries only a second later (then 3 s, 7 s, ...).
     */
    private static final int BACKLOG = 1024;
    /** The longest pause after a failed accept() or session start, while resources are short. */
    private static final long MAX_BACKOFF_MILLIS = 1000;
    /** How long a new connection has to choose an acceptable name (--name-timeout, in seconds). */
    public static final Duration DEFAULT_NAME_TIMEOUT = Duration.ofSeconds(60);

    private final ChatOptions options;
    private final Duration nameTimeout;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * The clients being served, named or not, with their connections. Sessions leave it themselves;
     * shutdown() reads it too, and closes the connection of a client that does not take its notice.
     */
    private final Map<ClientSession, Socket> clients = new ConcurrentHashMap<>();
    private final ChatRoom room = new ChatRoom();
    /** Counted down when run() has stopped everything; shutdown() waits for it. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Guarded by this: a client either joins before shutdown begins, or is turned away. */
    private boolean shuttingDown;
    private boolean running;
    private ServerSocket listener;

    /**
     * @param options where to listen, the header size and the message limit
     * @param console where the operator types exit or shutdown
     * @param out     where the server logs
     */
    public ChatServer(ChatOptions options, BufferedReader console, PrintStream out) {
        this(options, DEFAULT_NAME_TIMEOUT, console, out);
    }

    /**
     * @param options     where to listen, the header size and the message limit
     * @param nameTimeout how long a new connection has to choose an acceptable name before it is closed
     * @param console     where the operator types exit or shutdown
     * @param out         where the server logs
     */
    public ChatServer(ChatOptions options, Duration nameTimeout, BufferedReader console, PrintStream out) {
        this.options = options;
        this.nameTimeout = nameTimeout;
        this.console = console;
        this.out = out;
    }

    /**
     * Listens and serves every client at once until shutdown: then returns, with every client told,
     * every connection closed and every session's threads ended. Throws only if it cannot listen.
     */
    public void run() throws IOException {
        out.println("[STARTING] Server is starting...");
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(options.host(), options.port()), BACKLOG);
            if (!startListening(socket)) {
                return;
            }
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + socket.getLocalPort());
            watchConsole();
            acceptUntilShutdown(socket);
            stopClients();
        } finally {
            stopped.countDown();
        }
    }

    /** How many clients are connected right now, named or still choosing a name. */
    public int activeConnections() {
        return clients.size();
    }

    /**
     * Shuts the server down: no new connections; every connected client gets the shutdown notice and
     * is disconnected; every session's threads end. Any thread may call it, more than once; it returns
     * when run() has finished stopping (or at once if the server is not running).
     */
    public void shutdown() {
        synchronized (this) {
            if (!shuttingDown) {
                shuttingDown = true;
                out.println("[SHUTTING DOWN] No new connections; telling every client.");
                closeQuietly(listener); // unblocks accept() in run()
            }
            if (!running) {
                return;
            }
        }
        try {
            stopped.await(2 * STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptUntilShutdown(ServerSocket socket) {
        Failures failures = new Failures();
        while (true) {
            Socket connection = null;
            ClientSession client = null;
            try {
                connection = socket.accept();
                client = new ClientSession(connection, options, nameTimeout, room, out, this::left);
                if (!join(client, connection)) {
                    client.stop(ChatProtocol.SHUTDOWN_NOTICE);
                    continue;
                }
                client.start();
                failures.none();
            } catch (IOException | RuntimeException | Error e) {
                // Out of file descriptors or threads, a client that reset in the backlog, ...: that one
                // connection is lost, the server is not. A session that could not start is closed, and
                // its outbox told to stop, so that no half-started thread waits forever.
                abandon(client, connection);
                if (isShuttingDown()) {
                    return;
                }
                failures.report(e);
            }
        }
    }

    /** Closes a connection whose session could not start, and lets its outbox's writer (if it runs) end. */
    private void abandon(ClientSession client, Socket connection) {
        closeQuietly(connection);
        if (client != null) {
            left(client);
            try {
                client.stop(ChatProtocol.SHUTDOWN_NOTICE);
            } catch (RuntimeException e) {
                // An outbox that is not written yet (a TODO) has no writer to end.
            }
        }
    }

    /** Failed accepts and session starts: logged at most once a second, with a growing pause after each. */
    private final class Failures {
        private long backoffMillis;
        private long lastLogged;
        private int unlogged;

        void none() {
            backoffMillis = 0;
        }

        void report(Throwable e) {
            long now = System.nanoTime();
            if (lastLogged == 0 || now - lastLogged >= TimeUnit.SECONDS.toNanos(1)) {
                out.println("[ERROR] Cannot accept a connection: " + e
                        + (unlogged > 0 ? " (and " + unlogged + " more failures)" : "") + "; still listening.");
                lastLogged = now;
                unlogged = 0;
            } else {
                unlogged++;
            }
            // A failure that repeats (the resource is still short) must neither spin the CPU nor flood the log.
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(10, backoffMillis * 2));
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Publishes the listener for shutdown() to close, unless shutdown has already begun. */
    private synchronized boolean startListening(ServerSocket socket) {
        if (shuttingDown) {
            return false;
        }
        listener = socket;
        running = true;
        return true;
    }

    /** Adds a client, unless shutdown has begun: then stopClients() might already have run. */
    private synchronized boolean join(ClientSession client, Socket connection) {
        if (shuttingDown) {
            return false;
        }
        clients.put(client, connection);
        out.println("[NEW CONNECTION] " + client.peer() + " connected.");
        out.println("[ACTIVE CONNECTIONS] " + clients.size());
        return true;
    }

    /** Called by each session, in its own thread, as it ends. */
    private void left(ClientSession client) {
        if (clients.remove(client) != null) {
            out.println("[DISCONNECTED] " + client.peer() + " disconnected.");
            out.println("[ACTIVE CONNECTIONS] " + clients.size());
        }
    }

    /**
     * Tells every client and waits a little for them to take the notice; a client that has stopped
     * reading (its outbox's writer is stuck in a write) is then cut off by closing its connection, so
     * that no client ever delays the shutdown.
     */
    private void stopClients() {
        Map<ClientSession, Socket> remaining = Map.copyOf(clients);
        for (ClientSession client : remaining.keySet()) {
            client.stop(ChatProtocol.SHUTDOWN_NOTICE);
        }
        long graceEnd = System.currentTimeMillis() + STOP_GRACE_MILLIS;
        for (ClientSession client : remaining.keySet()) {
            client.awaitEnd(Math.max(1, graceEnd - System.currentTimeMillis()));
        }
        List<ClientSession> stuck = new ArrayList<>();
        for (Map.Entry<ClientSession, Socket> entry : remaining.entrySet()) {
            if (clients.containsKey(entry.getKey())) {
                stuck.add(entry.getKey());
                closeQuietly(entry.getValue()); // unblocks both of its threads: the write and the read fail
            }
        }
        if (!stuck.isEmpty()) {
            out.println("[SHUTTING DOWN] Cut off " + stuck.size() + " client(s) that did not take the notice.");
        }
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        for (ClientSession client : stuck) {
            client.awaitEnd(Math.max(1, deadline - System.currentTimeMillis()));
        }
        out.println("[STOPPED] Server has shut down.");
    }

    /** The operator's console, read in a thread of its own so that run() can keep accepting. */
    private void watchConsole() {
        Thread watcher = new Thread(() -> {
            try {
                for (String line = console.readLine(); line != null; line = console.readLine()) {
                    if (ChatProtocol.isShutdownCommand(line)) {
                        shutdown();
                        return;
                    }
                    out.println("[CONSOLE] Type exit or shutdown to stop the server.");
                }
                // No console (stdin closed, or a service): keep serving; Ctrl-C or SIGTERM stops it.
                out.println("[CONSOLE] Input closed; the server keeps running.");
            } catch (IOException e) {
                out.println("[CONSOLE] Cannot read the console (" + e.getMessage() + "); the server keeps running.");
            }
        }, "console");
        watcher.setDaemon(true);
        watcher.start();
    }

    private synchronized boolean isShuttingDown() {
        return shuttingDown;
    }

    private static void closeQuietly(AutoCloseable socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (Exception e) {
            // Closing to stop: nothing else to do.
        }
    }

    /** The server's command line: the framed steps' options, and --name-timeout S. */
    record Settings(ChatOptions options, Duration nameTimeout) {
        static String usage() {
            return ChatOptions.usage("ChatServer", ChatProtocol.DEFAULT_PORT) + "\n"
                    + "  --name-timeout S         seconds a new connection has to choose a name (default "
                    + DEFAULT_NAME_TIMEOUT.toSeconds() + ")";
        }

        /** Reads the command line; throws IllegalArgumentException saying what is wrong with it. */
        static Settings parse(String... args) {
            List<String> rest = new ArrayList<>();
            List<String> own = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--name-timeout") || args[i].startsWith("--name-timeout=")) {
                    own.add(args[i]);
                    if (args[i].equals("--name-timeout") && i + 1 < args.length) {
                        own.add(args[++i]);
                    }
                } else {
                    rest.add(args[i]);
                }
            }
            CommandLine line = CommandLine.parse(own.toArray(String[]::new), Set.of("--name-timeout"), Set.of());
            Duration nameTimeout = Duration.ofSeconds(
                    line.atLeast("--name-timeout", 1, (int) DEFAULT_NAME_TIMEOUT.toSeconds()));
            return new Settings(ChatOptions.parse(ChatProtocol.DEFAULT_PORT, rest.toArray(String[]::new)), nameTimeout);
        }
    }

    public static void main(String[] args) {
        Settings settings = CommandLine.parseOrExit(args, Settings.usage(), Settings::parse);
        ChatOptions options = settings.options();
        // The log is buffered (Terminal.log()): a line per message costs a copy, not a write to the terminal.
        PrintStream log = Terminal.log();
        ChatServer server = new ChatServer(options, settings.nameTimeout(), Terminal.keyboard(), log);
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
