package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.common.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
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
    private final Duration nameTimeout;
    private final ChatRoom room;
    private final PrintStream log;
    private final Consumer<ClientSession> onEnd;
    private final String peer;
    private final Outbox outbox;
    private final Thread thread;
    /** Set by stop(): the read that fails next is the server's doing, not the client's. */
    private volatile boolean stopping;

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
        String name = null;
        try {
            InputStream in = socket.getInputStream();
            deliver(ChatProtocol.WELCOME);
            name = chooseName(in);
            if (name != null) {
                chat(in, name);
            }
        } catch (ProtocolException e) {
            log.println("[PROTOCOL ERROR] " + peer + ": " + e.getMessage());
            outbox.closeAfter(ChatProtocol.ERROR_PREFIX + e.getMessage());
        } catch (EOFException e) {
            log.println("[TRUNCATED] " + peer + ": " + e.getMessage());
        } catch (IOException e) {
            if (!stopping) {
                log.println("[CONNECTION LOST] " + peer + ": " + e.getMessage());
            }
        } finally {
            if (name != null) {
                room.leave(name, this);
                log.println("[LEFT] " + name + " (" + peer + ")");
            }
            outbox.closeWhenSent();
            onEnd.accept(this);
        }
    }

    /**
     * Asks until the client picks an acceptable name; null if it leaves first, or has not chosen one
     * when its time is up (counted from connecting, not from its last message).
     */
    private String chooseName(InputStream in) throws IOException {
        long deadline = System.nanoTime() + nameTimeout.toNanos();
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("no name in time");
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                String message = framing.read(in);
                if (message == null) {
                    return null;
                }
                if (ChatProtocol.endsChat(message)) {
                    outbox.closeAfter(ChatProtocol.GOODBYE);
                    return null;
                }
                String name = message.strip();
                String problem = room.join(name, this);
                if (problem == null) {
                    socket.setSoTimeout(0); // a member may stay quiet as long as it likes
                    log.println("[JOINED] " + name + " (" + peer + ")");
                    return name;
                }
                log.println("[NAME REFUSED] " + peer + ": " + ChatProtocol.forLog(name) + " (" + problem + ")");
                deliver(ChatProtocol.NAME_NOT_AVAILABLE + problem);
                deliver(ChatProtocol.WELCOME);
            }
        } catch (SocketTimeoutException e) {
            log.println("[NO NAME] " + peer + " chose no name within " + nameTimeout.toMillis() + " ms; disconnecting it.");
            outbox.closeAfter(ChatProtocol.NAME_TIMEOUT);
            return null;
        }
    }

    private void chat(InputStream in, String name) throws IOException {
        for (String message = framing.read(in); message != null; message = framing.read(in)) {
            if (ChatProtocol.endsChat(message)) {
                outbox.closeAfter(ChatProtocol.GOODBYE);
                return;
            }
            String line = ChatProtocol.chatLine(name, ChatProtocol.sanitize(message));
            log.println(ChatProtocol.chatLine(name, ChatProtocol.forLog(message)));
            room.broadcast(this, line);
        }
        log.println("[" + name + "] closed the connection without saying exit.");
    }
}
