package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.common.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One connected client, from the welcome to the goodbye, in a thread of its own: it reads what
 * the client sends; everything the client receives goes through its {@link Outbox}.
 */
final class ClientSession implements Runnable {
    /** How long the client has, from connecting, to choose an acceptable name. */
    private final long nameTimeoutMillis;
    /** How far behind a client may fall (bytes waiting for it) before it is dropped as too slow. */
    static final long OUTBOX_LIMIT_BYTES = 1 << 20;
    /** How long a client may take to choose an acceptable name before it is told so and closed. */

    private final Socket socket;
    private final Framing framing;
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
     * @param room    the chat room to join
     * @param log     where to log
     * @param onEnd   told, in this session's thread, when it ends
     */
    ClientSession(Socket socket, ChatOptions options, Duration nameTimeout, ChatRoom room, PrintStream log,
                  Consumer<ClientSession> onEnd) {
        this.nameTimeoutMillis = nameTimeout.toMillis();
        this.socket = socket;
        this.framing = Framing.of(options);
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
        String name = null; // set once the client is a member of the room
        try {
            NamingDeadline input = new NamingDeadline(socket, nameTimeoutMillis);
            send(ChatProtocol.WELCOME);
            for (String message = framing.read(input); message != null; message = framing.read(input)) {
                if (ChatProtocol.endsChat(message)) {
                    log.println("[EXIT] " + who(name) + " said goodbye.");
                    outbox.closeAfter(ChatProtocol.GOODBYE, Outbox.LEAVE_GRACE_MILLIS);
                    return;
                }
                if (name != null) {
                    log.println("[" + name + "] " + Text.forLog(message));
                    room.broadcast(this, ChatProtocol.chatLine(name, ChatProtocol.sanitize(message)));
                    continue;
                }
                String wanted = Text.strip(message);
                String problem = room.join(wanted, this);
                if (problem == null) {
                    name = wanted;
                    input.lift();
                    log.println("[JOINED] " + peer + " is now " + name + ".");
                } else {
                    log.println("[NAME REFUSED] " + peer + " asked for " + Text.forLog(wanted) + ": " + problem);
                    send(ChatProtocol.NAME_NOT_AVAILABLE + problem);
                    send(ChatProtocol.WELCOME);
                }
            }
            log.println("[CLOSED] " + who(name) + " closed the connection.");
        } catch (NamingDeadline.Expired e) {
            log.println("[NAME TIMEOUT] " + peer + ": " + e.getMessage() + "; disconnecting it.");
            outbox.closeAfter(ChatProtocol.ERROR_PREFIX + e.getMessage() + "; closing the connection.");
        } catch (ProtocolException e) {
            log.println("[PROTOCOL ERROR] " + who(name) + ": " + Text.forLog(e.getMessage()));
            outbox.closeAfter(ChatProtocol.ERROR_PREFIX + Text.forLog(e.getMessage()));
        } catch (EOFException e) {
            log.println("[TRUNCATED] " + who(name) + ": " + Text.forLog(e.getMessage()));
        } catch (IOException e) {
            if (!stopping && !outbox.isClosedByServer()) {
                log.println("[LOST] " + who(name) + ": " + Text.forLog(String.valueOf(e.getMessage())));
            }
        } catch (RuntimeException e) {
            log.println("[ERROR] " + who(name) + ": " + Text.forLog(e.toString()));
        } finally {
            if (name != null) {
                room.leave(name, this);
                log.println("[LEFT] " + name + " left the chat.");
            }
            outbox.closeWhenSent();
            onEnd.accept(this);
        }
    }

    /** Queues a line for this client, dropping the client if it is too far behind to take it. */
    private void send(String line) {
        if (!deliver(line)) {
            dropAsTooSlow();
        }
    }

    private String who(String name) {
        return name == null ? peer : name + " (" + peer + ")";
    }
}
