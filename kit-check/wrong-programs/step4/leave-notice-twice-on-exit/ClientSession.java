package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.common.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connected client, from the welcome to the goodbye, in a thread of its own: it reads what
 * the client sends; everything the client receives goes through its {@link Outbox}.
 */
final class ClientSession implements Runnable {
    /** How far behind a client may fall (bytes waiting for it) before it is dropped as too slow. */
    static final long OUTBOX_LIMIT_BYTES = 1 << 20;

    private final Socket socket;
    private final Framing framing;
    /** How long the client has, from connecting, to choose an acceptable name. */
    private final Duration nameTimeout;
    private final ChatRoom room;
    private final PrintStream log;
    private final Consumer<ClientSession> onEnd;
    private final String peer;
    private final Outbox outbox;
    private final Thread thread;
    /** Set by stop(): the read that fails next is the server's doing, not the client's. */
    volatile boolean stopping;

    /**
     * @param socket  the client's connection
     * @param options the header size and the message limit
     * @param nameTimeout how long the client has, from connecting, to choose an acceptable name
     * @param room    the chat room to join
     * @param log     where to log
     * @param onEnd   told, in this session's thread, when it ends
     */
    ClientSession(Socket socket, ChatOptions options, Duration nameTimeout, ChatRoom room, PrintStream log,
                  Consumer<ClientSession> onEnd) {
        this.socket = socket;
        this.framing = Framing.of(options);
        this.nameTimeout = nameTimeout;
        this.room = room;
        this.log = log;
        this.onEnd = onEnd;
        this.peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        Framing lines = new Framing(options.headerSize(), ChatProtocol.maxLineBytes(options.maxMessageBytes()));
        this.outbox = new Outbox(socket, lines, OUTBOX_LIMIT_BYTES, peer);
        this.thread = new Thread(this, "client " + peer);
    }

    String peer() {
        return peer;
    }

    /** Starts the session's two threads: this one reads, the outbox's writes. */
    void start() {
        outbox.start();
        thread.start();
    }

    /** Queues a line for the client; false if it is too far behind to take more. */
    boolean deliver(String line) {
        return outbox.offer(line);
    }

    /** Disconnects a client that stopped reading; its session then leaves the room. */
    void dropAsTooSlow() {
        log.println("[TOO SLOW] " + peer + " stopped reading; disconnecting it.");
        outbox.closeNow();
    }

    /** Tells the client (the shutdown notice) and disconnects it; run() then ends in its own thread. */
    void stop(String notice) {
        stopping = true;
        outbox.closeAfter(notice);
    }

    /** Waits, at most this long, for both of the session's threads to end. */
    void awaitEnd(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.awaitEnd(Math.max(1, deadline - System.currentTimeMillis()));
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + nameTimeout.toNanos();
        String name = null;
        try {
            InputStream in = socket.getInputStream();
            if (!deliver(ChatProtocol.WELCOME)) {
                return;
            }
            while (name == null) {
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0) {
                    timedOut();
                    return;
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
                String message;
                try {
                    message = framing.read(in);
                } catch (SocketTimeoutException e) {
                    timedOut();
                    return;
                }
                if (message == null) {
                    log.println("[LEFT] " + peer + " closed the connection before choosing a name.");
                    return;
                }
                if (ChatProtocol.endsChat(message)) {
                    log.println("[EXIT] " + peer + " left before choosing a name.");
                    outbox.closeAfter(ChatProtocol.GOODBYE);
                    return;
                }
                String candidate = message.strip();
                String problem = room.join(candidate, this);
                if (problem == null) {
                    name = candidate;
                } else {
                    log.println("[NAME REFUSED] " + peer + ": " + ChatProtocol.forLog(candidate) + " ("
                            + ChatProtocol.forLog(problem) + ")");
                    if (!deliver(ChatProtocol.NAME_NOT_AVAILABLE + problem) || !deliver(ChatProtocol.WELCOME)) {
                        dropAsTooSlow();
                        return;
                    }
                }
            }
            socket.setSoTimeout(0); // a member may stay quiet as long as it likes
            log.println("[JOINED] " + peer + " is " + ChatProtocol.forLog(name) + ".");
            while (true) {
                String message = framing.read(in);
                if (message == null) {
                    log.println("[LEFT] " + peer + " (" + ChatProtocol.forLog(name) + ") closed the connection.");
                    return;
                }
                if (ChatProtocol.endsChat(message)) {
                    log.println("[EXIT] " + peer + " (" + ChatProtocol.forLog(name) + ") left the chat.");
                    outbox.closeAfter(ChatProtocol.GOODBYE);
                    room.leave(name, this); // tell the others right away
                    return;
                }
                log.println("[MESSAGE] " + ChatProtocol.chatLine(name, ChatProtocol.forLog(message)));
                room.broadcast(this, ChatProtocol.chatLine(name, ChatProtocol.sanitize(message)));
            }
        } catch (ProtocolException e) {
            log.println("[PROTOCOL ERROR] " + peer + ": " + e.getMessage());
            outbox.closeAfter(ChatProtocol.ERROR_PREFIX + e.getMessage());
        } catch (EOFException e) {
            log.println("[TRUNCATED] " + peer + ": " + e.getMessage());
        } catch (IOException e) {
            if (stopping) {
                log.println("[STOPPED] " + peer + " was disconnected by the shutdown.");
            } else {
                log.println("[LOST] " + peer + ": " + e.getMessage());
            }
        } finally {
            if (name != null) {
                room.leave(name, this);
            }
            outbox.closeWhenSent();
            onEnd.accept(this);
        }
    }

    /** The naming deadline has passed: say why, then close. */
    private void timedOut() {
        log.println("[NAME TIMEOUT] " + peer + " chose no name in " + nameTimeout.toSeconds() + " s; disconnecting it.");
        outbox.closeAfter(ChatProtocol.NAME_TIMEOUT);
    }
}
