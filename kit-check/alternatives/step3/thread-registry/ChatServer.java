package chatlab.step3;

import chatlab.common.ChatOptions;
import chatlab.common.Framing;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The step 3 server: step 2's protocol, every client served at once in a thread of its own. The
 * operator stops it by typing exit or shutdown, or with Ctrl-C / SIGTERM: then every client is
 * told, every connection closed, every handler thread ended.
 *
 * <p>Design: a thread per client (the handler's own, {@link ClientHandler#start()}); a registry of
 * the connected clients, a {@link ConcurrentHashMap} keyed by a connection number; the server's
 * life as a small state machine under a {@link ReentrantLock}, with conditions for "stop requested"
 * and "stopped". At shutdown each handler says goodbye <em>itself</em>, in its own thread (see
 * {@link ClientHandler}): the notices go out in parallel and no two threads ever write to one
 * socket. A handler that has not ended by the deadline (its client stopped reading) is cut off.
 */
public final class ChatServer {
    /** Pending connections the system may queue: room for a burst of well over a thousand clients. */
    static final int BACKLOG = 2048;
    /** How long the handlers get to tell their clients before the stragglers are cut off. */
    static final long NOTICE_MILLIS = 1_000;
    /** How long, once every socket is closed, the handler threads get to return. */
    static final long END_MILLIS = 500;

    private enum Phase { NEW, OPENING, SERVING, STOPPING, DONE }

    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;
    /** The frame codec, made by run(); used by the accept thread only. */
    private Framing framing;

    private final ReentrantLock state = new ReentrantLock();
    /** Signalled when shutdown is requested: wakes the accept loop from a back-off pause. */
    private final Condition stopRequested = state.newCondition();
    /** Signalled when the phase becomes DONE. */
    private final Condition done = state.newCondition();
    private Phase phase = Phase.NEW; // guarded by state
    private ServerSocket listener; // guarded by state

    private final ConcurrentMap<Long, ClientHandler> clients = new ConcurrentHashMap<>();
    private final AtomicLong connectionNumbers = new AtomicLong();
    /** Orders each change of the registry with its "[ACTIVE CONNECTIONS] N" line, so the log never lies. */
    private final Object rollCall = new Object();

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
        state.lock();
        try {
            switch (phase) {
                case NEW -> phase = Phase.OPENING;
                case DONE -> {
                    return; // shut down already (perhaps before it ever ran): nothing to serve
                }
                default -> throw new IllegalStateException("this server is already running");
            }
        } finally {
            state.unlock();
        }
        try {
            out.println("[STARTING] Server is starting...");
            prepareForShortages();
            framing = Framing.of(options);
            ServerSocket bound = open();
            if (bound != null) {
                out.println("[LISTENING] Server is listening on " + bound.getInetAddress().getHostAddress() + ":"
                        + bound.getLocalPort());
                listenToOperator();
                serve(bound);
            }
        } catch (RuntimeException | Error unexpected) {
            // A crash must not pass for a clean stop: main turns an IOException into exit status 1.
            throw new IOException("the server stopped on an unexpected failure: " + unexpected, unexpected);
        } finally {
            try {
                disconnectEveryone();
            } finally {
                finish();
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
        state.lock();
        try {
            switch (phase) {
                case NEW -> {
                    phase = Phase.DONE; // never ran: a later run() returns at once
                    done.signalAll();
                    return;
                }
                case OPENING, SERVING -> {
                    phase = Phase.STOPPING;
                    closeQuietly(listener); // unblocks accept()
                    stopRequested.signalAll();
                }
                default -> {
                    // STOPPING or DONE: someone asked already; wait with them.
                }
            }
            while (phase != Phase.DONE) {
                done.awaitUninterruptibly(); // run()'s stop is bounded (deadlines below)
            }
        } finally {
            state.unlock();
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

    // ---------------------------------------------------------------- serving

    /**
     * Does now what the failure paths would otherwise do for the first time when file descriptors
     * run out, and fail: load this server's classes (each load opens a class file), and let the JDK
     * set up how it closes sockets (it does that on the first close, and needs descriptors for it;
     * if that fails, no socket can ever be closed again). An unbound server socket takes no port.
     */
    private static void prepareForShortages() {
        Sanitized.text("");
        ClientHandler.prepare();
        try (ServerSocket warmUp = new ServerSocket()) {
            warmUp.setReuseAddress(true); // creates the socket, so that close() really closes one
        } catch (IOException ignored) {
            // Not fatal: this only warms up the socket machinery.
        }
    }

    /** Binds; returns null if shutdown came first. */
    private ServerSocket open() throws IOException {
        ServerSocket bound = new ServerSocket(options.port(), BACKLOG, InetAddress.getByName(options.host()));
        state.lock();
        try {
            if (phase != Phase.OPENING) {
                closeQuietly(bound);
                return null;
            }
            listener = bound;
            phase = Phase.SERVING;
            return bound;
        } finally {
            state.unlock();
        }
    }

    /** The accept loop: ends only when shutdown closes the listener; any other failure is logged, waited out, survived. */
    private void serve(ServerSocket bound) {
        AcceptTrouble trouble = new AcceptTrouble(out);
        while (serving()) {
            Socket socket;
            try {
                socket = bound.accept();
            } catch (Throwable t) {
                if (!serving() || bound.isClosed()) {
                    return;
                }
                trouble.failed("accept() failed", t);
                backOff(trouble.pauseMillis());
                continue;
            }
            try {
                admit(socket);
                trouble.succeeded();
            } catch (Throwable t) {
                closeQuietly(socket);
                trouble.failed("could not start serving a new connection", t);
                backOff(trouble.pauseMillis());
            }
        }
    }

    /** Registers and starts the client's handler, or turns it away if the server is stopping. */
    private void admit(Socket socket) {
        long number = connectionNumbers.incrementAndGet();
        ClientHandler handler = new ClientHandler(socket, framing, out, ended -> forget(number));
        state.lock();
        try {
            if (phase != Phase.SERVING) {
                closeQuietly(socket);
                return;
            }
            synchronized (rollCall) {
                clients.put(number, handler);
                out.println("[NEW CONNECTION] " + handler.peer() + " connected.");
                out.println("[ACTIVE CONNECTIONS] " + clients.size());
            }
            try {
                handler.start();
            } catch (RuntimeException | Error e) {
                forget(number); // e.g. "unable to create native thread": the caller closes the socket
                throw e;
            }
        } finally {
            state.unlock();
        }
    }

    /** Told by a handler, in its own thread, that it has ended. */
    private void forget(long number) {
        synchronized (rollCall) {
            if (clients.remove(number) != null) {
                out.println("[ACTIVE CONNECTIONS] " + clients.size());
            }
        }
    }

    private boolean serving() {
        state.lock();
        try {
            return phase == Phase.SERVING;
        } finally {
            state.unlock();
        }
    }

    /** Waits before accepting again, unless shutdown is requested meanwhile. Interrupts do not cut it short. */
    private void backOff(long millis) {
        long left = TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        state.lock();
        try {
            while (phase == Phase.SERVING && left > 0) {
                try {
                    left = stopRequested.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            state.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the operator

    private void listenToOperator() {
        if (console == null) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                for (String line = console.readLine(); line != null; line = console.readLine()) {
                    if (ChatProtocol.isShutdownCommand(line)) {
                        out.println("[SHUTDOWN] Shutdown requested at the console.");
                        shutdown();
                        return;
                    }
                    if (!line.isBlank()) {
                        out.println("[CONSOLE] Unknown command; type shutdown (or exit) to stop the server.");
                    }
                }
                out.println("[CONSOLE] End of console input: still serving (stop with Ctrl-C or SIGTERM).");
            } catch (IOException e) {
                out.println("[CONSOLE] The console failed (" + Sanitized.text(String.valueOf(e.getMessage()))
                        + "): still serving.");
            }
        }, "operator console");
        thread.setDaemon(true); // may block in readLine() for ever; must not keep the JVM alive
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            out.println("[CONSOLE] Cannot read the console (" + e + "): stop with Ctrl-C or SIGTERM.");
        }
    }

    // ---------------------------------------------------------------- stopping

    private void disconnectEveryone() {
        state.lock();
        try {
            if (phase != Phase.DONE) {
                phase = Phase.STOPPING; // from here on every new connection is turned away
            }
            closeQuietly(listener);
            stopRequested.signalAll();
        } finally {
            state.unlock();
        }
        List<ClientHandler> connected = List.copyOf(clients.values());
        if (connected.isEmpty()) {
            return;
        }
        out.println("[SHUTDOWN] Telling " + connected.size() + " client(s) the server is shutting down.");
        long start = System.nanoTime();
        for (ClientHandler handler : connected) {
            handler.stop(ChatProtocol.SHUTDOWN_NOTICE); // asks; each handler tells its client in its own thread
        }
        long noticeDeadline = start + TimeUnit.MILLISECONDS.toNanos(NOTICE_MILLIS);
        for (ClientHandler handler : connected) {
            handler.awaitEnd(millisUntil(noticeDeadline));
        }
        int cut = 0;
        for (ClientHandler handler : connected) {
            cut += handler.cutOff() ? 1 : 0; // not done by now: its client stopped reading
        }
        if (cut > 0) {
            out.println("[SHUTDOWN] Cut off " + cut + " client(s) that did not take the notice in time.");
        }
        long endDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(END_MILLIS);
        for (ClientHandler handler : connected) {
            handler.awaitEnd(millisUntil(endDeadline));
        }
    }

    private void finish() {
        state.lock();
        try {
            if (listener != null) {
                out.println("[STOPPED] Server has shut down.");
            }
            phase = Phase.DONE;
            done.signalAll();
        } finally {
            state.unlock();
        }
    }

    /** At least 1: join(0) would wait for ever. */
    private static long millisUntil(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception | Error ignored) {
                // Closing to stop: nothing more to do (an Error here must not end the accept loop or the stop).
            }
        }
    }
}
