package chatlab.step3;

import chatlab.common.ChatOptions;
import chatlab.common.Framing;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The step 3 server: step 2's protocol, every client served at once in a thread of its own. The
 * operator stops it by typing exit or shutdown, or with Ctrl-C / SIGTERM: then every client is
 * told, every connection closed, every handler thread ended.
 */
public final class ChatServer {
    /** How long shutdown waits for the handler threads to end. */
    private static final long STOP_WAIT_MILLIS = 5000;
    /** How long shutdown lets each client take its notice before it cuts off those that have stopped reading. */
    private static final long NOTICE_WAIT_MILLIS = 500;
    /**
     * Connections the system may queue while accept() is busy. The default (50) turns a burst of
     * clients away: once the queue is full, the system drops their connection requests, and each
     * of them retries only a second later (then 3 s, 7 s, ...).
     */
    private static final int BACKLOG = 1024;
    /** The longest pause after a failed accept() or handler start, while resources are short. */
    private static final long MAX_BACKOFF_MILLIS = 1000;

    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /** The clients being served. Handlers leave it themselves; shutdown() reads it from another thread. */
    private final Set<ClientHandler> clients = ConcurrentHashMap.newKeySet();
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
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /**
     * Listens and serves every client at once until shutdown: then returns, with every client told,
     * every connection closed and every handler thread ended. Throws only if it cannot listen.
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
            acceptUntilShutdown(socket, Framing.of(options));
            stopClients();
        } finally {
            stopped.countDown();
        }
    }

    /** How many clients are connected right now. */
    public int activeConnections() {
        return clients.size();
    }

    /**
     * Shuts the server down: no new connections; every connected client gets the shutdown notice and
     * is disconnected; every handler thread ends. Any thread may call it, more than once; it returns
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

    private void acceptUntilShutdown(ServerSocket socket, Framing framing) {
        Failures failures = new Failures();
        while (true) {
            Socket connection = null;
            try {
                connection = socket.accept();
                ClientHandler client = new ClientHandler(connection, framing, out, this::left);
                if (!join(client)) {
                    client.stop(ChatProtocol.SHUTDOWN_NOTICE);
                    continue;
                }
                try {
                    client.start();
                } catch (RuntimeException | Error e) {
                    left(client); // it never ran: take it off the count again
                    throw e;
                }
                failures.none();
            } catch (IOException | RuntimeException | Error e) {
                if (isShuttingDown()) {
                    closeQuietly(connection);
                    return;
                }
                // Out of file descriptors or threads, a client that reset in the backlog, ...: that one
                // connection is lost, the server is not. Pause, so that a failure that repeats (the
                // resource is still short) neither spins the CPU nor floods the log.
                closeQuietly(connection);
                failures.report(e);
            }
        }
    }

    /** Failed accepts and handler starts: logged at most once a second, with a growing pause after each. */
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
    private synchronized boolean join(ClientHandler client) {
        if (shuttingDown) {
            return false;
        }
        clients.add(client);
        out.println("[NEW CONNECTION] " + client.peer() + " connected.");
        out.println("[ACTIVE CONNECTIONS] " + clients.size());
        return true;
    }

    /**
     * Called by each handler, in its own thread, as it ends. Under the same lock as join(): a change
     * of the set and the count line it prints stay together, so the last count printed is true.
     */
    private synchronized void left(ClientHandler client) {
        if (clients.remove(client)) {
            out.println("[DISCONNECTED] " + client.peer() + " disconnected.");
            out.println("[ACTIVE CONNECTIONS] " + clients.size());
        }
    }

    private void stopClients() {
        List<ClientHandler> remaining = List.copyOf(clients);
        // Every notice goes out in a thread of its own: a client that has stopped reading blocks
        // nobody's notice but its own.
        for (ClientHandler client : remaining) {
            client.stop(ChatProtocol.SHUTDOWN_NOTICE);
        }
        long noticeDeadline = System.currentTimeMillis() + NOTICE_WAIT_MILLIS;
        for (ClientHandler client : remaining) {
            client.awaitNotice(Math.max(1, noticeDeadline - System.currentTimeMillis()));
        }
        // Whoever has not taken the notice by now has stopped reading: cut it off. Closing its socket
        // unblocks the write its threads are stuck in.
        for (ClientHandler client : remaining) {
            client.cutOff();
        }
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        for (ClientHandler client : remaining) {
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

    private static void closeQuietly(java.io.Closeable socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // Closing to stop: nothing else to do.
        }
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
