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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The step 3 server: step 2's protocol, every client served at once in a thread of its own. The
 * operator stops it by typing exit or shutdown, or with Ctrl-C / SIGTERM: then every client is
 * told, every connection closed, every handler thread ended.
 */
public final class ChatServer {
    private static final int BACKLOG = 1024;
    private static final long NOTICE_GRACE_MILLIS = 500;
    private static final long JOIN_MILLIS = 1000;

    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;
    private final Framing framing;

    /** The connected clients: the accept thread adds, each handler removes itself, shutdown reads all. */
    private final Set<ClientHandler> clients = ConcurrentHashMap.newKeySet();
    /** Keeps a change of the set and its log line together, so the log's last count is the true one. */
    private final Object countLog = new Object();

    /** Guards shuttingDown, listener and running. */
    private final Object lock = new Object();
    private boolean shuttingDown;
    private boolean running;
    private ServerSocket listener;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param options where to listen, the header size and the message limit
     * @param console where the operator types exit or shutdown
     * @param out     where the server logs
     */
    public ChatServer(ChatOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
        this.framing = Framing.of(options);
    }

    /**
     * Listens and serves every client at once until shutdown: then returns, with every client told,
     * every connection closed and every handler thread ended. Throws only if it cannot listen.
     */
    public void run() throws IOException {
        out.println("[STARTING] Server is starting...");
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.bind(new InetSocketAddress(options.host(), options.port()), BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        synchronized (lock) {
            if (shuttingDown) {
                serverSocket.close();
                stopped.countDown();
                return;
            }
            listener = serverSocket;
            running = true;
        }
        try {
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + serverSocket.getLocalPort());
            Thread consoleThread = new Thread(this::readConsole, "server console");
            consoleThread.setDaemon(true);
            consoleThread.start();
            acceptLoop(serverSocket);
            stopClients();
        } finally {
            try {
                serverSocket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            out.println("[STOPPED] Server stopped.");
            stopped.countDown();
        }
    }

    private void acceptLoop(ServerSocket serverSocket) {
        long backoff = 10;
        long lastLogged = 0;
        int unlogged = 0;
        while (!isShuttingDown()) {
            Socket socket = null;
            ClientHandler handler = null;
            try {
                socket = serverSocket.accept();
                handler = new ClientHandler(socket, framing, out, this::forget);
                synchronized (lock) {
                    if (shuttingDown) {
                        socket.close();
                        break;
                    }
                    synchronized (countLog) {
                        clients.add(handler);
                        out.println("[NEW CONNECTION] " + handler.peer() + " connected.");
                        out.println("[ACTIVE CONNECTIONS] " + clients.size());
                    }
                }
                handler.start();
                backoff = 10;
            } catch (IOException | RuntimeException | Error e) {
                if (isShuttingDown()) {
                    break;
                }
                if (handler != null) {
                    synchronized (countLog) {
                        if (clients.remove(handler)) {
                            out.println("[ACTIVE CONNECTIONS] " + clients.size());
                        }
                    }
                }
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException | RuntimeException ignored) {
                        // it is gone either way
                    }
                }
                long now = System.currentTimeMillis();
                if (now - lastLogged >= 1000) {
                    out.println("[ERROR] Cannot accept or serve a connection: " + e
                            + (unlogged > 0 ? " (" + unlogged + " more failures not logged)" : ""));
                    lastLogged = now;
                    unlogged = 0;
                } else {
                    unlogged++;
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, 1000);
            }
        }
    }

    /** Waits a little before the next accept(); shutdown() cuts the pause short. */
    private void pause(long millis) {
        synchronized (lock) {
            long end = System.currentTimeMillis() + millis;
            long left = millis;
            while (!shuttingDown && left > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                left = end - System.currentTimeMillis();
            }
        }
    }

    /** Tells every client, gives them a moment, cuts off the rest, and waits for every handler. */
    private void stopClients() {
        List<ClientHandler> all = new ArrayList<>(clients);
        List<Thread> notices = new ArrayList<>();
        for (ClientHandler handler : all) {
            try {
                Thread notice = new Thread(() -> handler.stop(ChatProtocol.SHUTDOWN_NOTICE), "notice " + handler.peer());
                notice.setDaemon(true);
                notice.start();
                notices.add(notice);
            } catch (RuntimeException | Error e) {
                handler.cutOff();
            }
        }
        long deadline = System.currentTimeMillis() + NOTICE_GRACE_MILLIS;
        for (ClientHandler handler : all) {
            long left = deadline - System.currentTimeMillis();
            if (left > 0) {
                handler.awaitEnd(left);
            }
        }
        for (ClientHandler handler : all) {
            handler.awaitEnd(JOIN_MILLIS);
        }
        for (Thread notice : notices) {
            try {
                notice.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void readConsole() {
        try {
            String line;
            while ((line = console.readLine()) != null) {
                if (ChatProtocol.isShutdownCommand(line)) {
                    shutdown();
                    return;
                }
            }
            out.println("[CONSOLE] The console input ended; the server keeps serving.");
        } catch (IOException | RuntimeException e) {
            out.println("[CONSOLE] Cannot read the console any more: " + e.getMessage() + "; the server keeps serving.");
        }
    }

    /** A handler's end: in its own thread. */
    private void forget(ClientHandler handler) {
        synchronized (countLog) {
            clients.remove(handler);
            out.println("[ACTIVE CONNECTIONS] " + clients.size());
        }
    }

    private boolean isShuttingDown() {
        synchronized (lock) {
            return shuttingDown;
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
        synchronized (lock) {
            if (!shuttingDown) {
                shuttingDown = true;
                out.println("[SHUTTING DOWN] Telling every client and closing.");
            }
            if (listener != null) {
                try {
                    listener.close();
                } catch (IOException ignored) {
                    // closed either way
                }
            }
            lock.notifyAll();
            if (!running) {
                return;
            }
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatServer", ChatProtocol.DEFAULT_PORT, args);
        ChatServer server = new ChatServer(options, Terminal.keyboard(), Terminal.screen());
        // Ctrl-C or SIGTERM: shut down cleanly, then exit 0 (a signal's own status would be 130 or 143).
        Thread onSignal = new Thread(() -> {
            server.shutdown();
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
