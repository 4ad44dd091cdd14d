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
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The step 3 server: step 2's protocol, every client served at once in a thread of its own. The
 * operator stops it by typing exit or shutdown, or with Ctrl-C / SIGTERM: then every client is
 * told, every connection closed, every handler thread ended.
 *
 * <p>Design: the handlers run on a <em>cached</em> thread pool. It has no upper bound and no queue (a
 * hand-off), so a new client always gets a thread at once, however many idle clients hold theirs,
 * and a thread freed by a client that left is reused by the next one. The clients are kept in a
 * {@link CopyOnWriteArrayList}: shutdown iterates over a snapshot while handlers remove themselves.
 * Shutdown tells every client in parallel (one pool task each, {@code invokeAll} with a deadline),
 * so a client that has stopped reading delays nobody; whoever is left at the deadline is cut off.
 */
public final class ChatServer {
    /** Pending connections the system may queue: room for a burst of a thousand clients at once. */
    static final int BACKLOG = 1024;
    /** How long shutdown gives the notices to go out before it cuts the remaining clients off. */
    static final long NOTICE_MILLIS = 1_000;
    /** How long, then, it waits for the handler threads to end (their sockets are closed by then). */
    static final long END_MILLIS = 500;

    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;
    /** The frame codec, made by run(); used by the accept thread only. */
    private Framing framing;

    /** Guards started, stopping, listener and admission: a client joins before shutdown begins, or is turned away. */
    private final Object lock = new Object();
    private boolean started;
    private boolean stopping;
    private ServerSocket listener;
    /** Counted down when shutdown begins: wakes the accept loop from a back-off pause. */
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** Counted down when run() has finished stopping (or will never start). */
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The connected clients; its monitor also orders membership changes with their log lines. */
    private final List<ClientHandler> clients = new CopyOnWriteArrayList<>();
    private volatile ExecutorService pool;

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
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("run() has already been called on this server");
            }
            started = true;
            if (stopping) {
                // shutdown() came first: there is nothing to serve.
                stopped.countDown();
                return;
            }
        }
        boolean interrupted = false;
        try {
            out.println("[STARTING] Server is starting...");
            prepareForShortages();
            framing = Framing.of(options);
            ServerSocket bound = listen();
            if (bound == null) {
                return;
            }
            pool = Executors.newCachedThreadPool(new Workers());
            out.println("[LISTENING] Server is listening on " + bound.getInetAddress().getHostAddress() + ":"
                    + bound.getLocalPort());
            startConsole();
            interrupted = acceptUntilShutdown(bound);
        } catch (RuntimeException | Error unexpected) {
            // Never let a crash pass for a clean stop: main reports an IOException with exit status 1.
            throw new IOException("the server stopped on an unexpected failure: " + unexpected, unexpected);
        } finally {
            interrupted |= stopEveryone();
            if (pool != null) {
                out.println("[STOPPED] Server has shut down.");
            }
            stopped.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
            if (!started) {
                stopping = true;
                return;
            }
            if (!stopping) {
                stopping = true;
                stopRequested.countDown();
                closeQuietly(listener); // unblocks accept()
            }
        }
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // run()'s stop is bounded: finish waiting, then pass the interrupt on
            }
        }
        if (interrupted) {
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
        }
    }

    // ---------------------------------------------------------------- listening and accepting

    /**
     * When file descriptors run out, whatever is done for the first time fails with them: loading a
     * class (it opens the class file), or the JDK's first socket close (it sets up its closing
     * machinery then, with descriptors of its own, and if that fails no socket closes ever again).
     * So do both now: load what the failure paths use, and close one (unbound: no port) socket.
     */
    private static void prepareForShortages() {
        LogText.of("");
        ClientHandler.class.getName();
        FailureLog.class.getName();
        try (ServerSocket warmUp = new ServerSocket()) {
            warmUp.setReuseAddress(true); // creates the socket, so that close() really closes one
        } catch (IOException ignored) {
            // Only a warm-up.
        }
    }

    /** Binds the listener, or returns null if shutdown began meanwhile. */
    private ServerSocket listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(options.host(), options.port()), BACKLOG);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
        synchronized (lock) {
            if (stopping) {
                closeQuietly(socket);
                return null;
            }
            listener = socket;
        }
        return socket;
    }

    /** Accepts until shutdown closes the listener. Survives any single failure. Returns whether it was interrupted. */
    private boolean acceptUntilShutdown(ServerSocket bound) {
        FailureLog failures = new FailureLog(out);
        boolean interrupted = false;
        while (!isStopping()) {
            Socket socket;
            try {
                socket = bound.accept();
            } catch (Throwable t) {
                if (isStopping() || bound.isClosed()) {
                    break;
                }
                failures.report("accepting a connection", t);
                interrupted |= failures.pause(stopRequested);
                continue;
            }
            try {
                admit(socket);
                failures.recovered();
            } catch (Throwable t) {
                closeQuietly(socket);
                failures.report("starting a handler for a new connection", t);
                interrupted |= failures.pause(stopRequested);
            }
        }
        return interrupted;
    }

    /** Registers the client and hands it to a pool thread, unless shutdown has begun: then it is turned away. */
    private void admit(Socket socket) {
        ClientHandler handler = new ClientHandler(socket, framing, out, this::leave);
        synchronized (lock) {
            if (stopping) {
                closeQuietly(socket);
                return;
            }
            synchronized (clients) {
                clients.add(handler);
                out.println("[NEW CONNECTION] " + handler.peer() + " connected.");
                out.println("[ACTIVE CONNECTIONS] " + clients.size());
            }
            try {
                pool.execute(() -> serveNamed(handler));
            } catch (RuntimeException | Error e) {
                leave(handler);
                throw e;
            }
        }
    }

    /** Runs the handler on a pool thread that carries the client's name meanwhile (for thread dumps). */
    private static void serveNamed(ClientHandler handler) {
        Thread worker = Thread.currentThread();
        String idleName = worker.getName();
        worker.setName("client " + handler.peer());
        try {
            handler.run();
        } finally {
            worker.setName(idleName);
        }
    }

    /** A handler has ended (in its own thread): forget the client. */
    private void leave(ClientHandler handler) {
        synchronized (clients) {
            if (clients.remove(handler)) {
                out.println("[ACTIVE CONNECTIONS] " + clients.size());
            }
        }
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    // ---------------------------------------------------------------- the console

    private void startConsole() {
        if (console == null) {
            return;
        }
        try {
            Thread reader = new Thread(this::readConsole, "server console");
            reader.setDaemon(true); // it may wait in readLine() forever
            reader.start();
        } catch (RuntimeException | Error e) {
            out.println("[ERROR] Cannot read the console (" + e + "); stop the server with Ctrl-C or SIGTERM.");
        }
    }

    private void readConsole() {
        try {
            String line;
            while ((line = console.readLine()) != null) {
                if (ChatProtocol.isShutdownCommand(line)) {
                    out.println("[SHUTDOWN] The operator asked the server to shut down.");
                    shutdown();
                    return;
                }
                if (!line.isBlank()) {
                    out.println("[CONSOLE] Type exit or shutdown to stop the server.");
                }
            }
            out.println("[CONSOLE] Console input ended; the server keeps running (stop it with Ctrl-C or SIGTERM).");
        } catch (IOException e) {
            out.println("[CONSOLE] Cannot read the console any more (" + LogText.of(String.valueOf(e.getMessage()))
                    + "); the server keeps running.");
        }
    }

    // ---------------------------------------------------------------- stopping

    /** Tells every client, closes every connection, ends every handler thread. Returns whether it was interrupted. */
    private boolean stopEveryone() {
        synchronized (lock) {
            stopping = true;
            stopRequested.countDown();
            closeQuietly(listener);
        }
        ExecutorService workers = pool;
        if (workers == null) {
            return false;
        }
        boolean interrupted = false;
        List<ClientHandler> connected = List.copyOf(clients); // nobody joins any more
        if (!connected.isEmpty()) {
            out.println("[SHUTDOWN] Telling " + connected.size() + " client(s) that the server is shutting down.");
            List<Callable<Void>> notices = new ArrayList<>(connected.size());
            for (ClientHandler handler : connected) {
                notices.add(() -> {
                    handler.stop(ChatProtocol.SHUTDOWN_NOTICE);
                    return null;
                });
            }
            try {
                // In parallel: a client that has stopped reading holds up its own notice only.
                workers.invokeAll(notices, NOTICE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (RuntimeException | Error e) {
                out.println("[ERROR] Could not tell every client (" + e + "); disconnecting them.");
            }
        }
        for (ClientHandler handler : connected) {
            handler.abort(); // whoever is still connected now is cut off: closing also unblocks a stuck write
        }
        workers.shutdown();
        interrupted |= awaitTermination(workers);
        if (!workers.isTerminated()) {
            workers.shutdownNow();
            interrupted |= awaitTermination(workers);
        }
        return interrupted;
    }

    private static boolean awaitTermination(ExecutorService workers) {
        try {
            workers.awaitTermination(END_MILLIS, TimeUnit.MILLISECONDS);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException | RuntimeException | Error ignored) {
                // Closing to stop: nothing more to do.
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException | RuntimeException | Error ignored) {
            // Closing to stop: nothing more to do.
        }
    }

    /** The pool's threads: named, and not daemons (run() ends them itself). */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            return new Thread(task, "chat worker " + count.incrementAndGet());
        }
    }
}
