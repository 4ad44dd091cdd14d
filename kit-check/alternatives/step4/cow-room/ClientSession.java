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
    /** How long a connection may stay without an acceptable name. */

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
    /** Set in this session's thread once the room has let it in. */
    private String member;

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
        try {
            NamingClock input = new NamingClock(socket, nameTimeoutMillis);
            tell(ChatProtocol.WELCOME);
            String name = chooseName(input);
            if (name != null) {
                member = name;
                input.stop();
                chat(input, name);
            }
        } catch (NamingClock.TimeUp e) {
            log.println("[NAME TIMEOUT] " + peer + ": " + e.getMessage() + ".");
            outbox.closeAfter(ChatProtocol.ERROR_PREFIX + e.getMessage() + "; goodbye.");
        } catch (ProtocolException e) {
            String reason = Safe.logged(e.getMessage());
            log.println("[PROTOCOL ERROR] " + describe() + ": " + reason);
            outbox.closeAfter(ChatProtocol.ERROR_PREFIX + reason);
        } catch (EOFException e) {
            log.println("[TRUNCATED] " + describe() + ": " + Safe.logged(e.getMessage()));
        } catch (IOException e) {
            if (!stopping && !outbox.closedByServer()) {
                log.println("[LOST] " + describe() + ": " + Safe.logged(e.getMessage()));
            }
        } catch (RuntimeException e) {
            log.println("[ERROR] " + describe() + ": " + Safe.logged(e.toString()));
        } finally {
            if (member != null) {
                room.leave(member, this);
                log.println("[LEFT] " + member + " (" + peer + ") left the chat.");
            }
            outbox.closeWhenSent();
            onEnd.accept(this);
        }
    }

    /**
     * The naming phase: asks until the room takes a name.
     *
     * @return the name the client joined under, or null if it left (exit, or closing) before choosing one
     */
    private String chooseName(NamingClock input) throws IOException {
        while (true) {
            String message = framing.read(input);
            if (message == null) {
                log.println("[CLOSED] " + peer + " left before choosing a name.");
                return null;
            }
            if (ChatProtocol.endsChat(message)) {
                sayGoodbye();
                return null;
            }
            String name = Safe.trimmedName(message);
            String problem = room.join(name, this);
            if (problem == null) {
                log.println("[JOINED] " + peer + " is " + name + ".");
                return name;
            }
            log.println("[NAME REFUSED] " + peer + " (" + Safe.logged(name) + "): " + problem);
            tell(ChatProtocol.NAME_NOT_AVAILABLE + problem);
            tell(ChatProtocol.WELCOME);
        }
    }

    /** The chat phase: every message to the others, until exit or the end of the connection. */
    private void chat(NamingClock input, String name) throws IOException {
        while (true) {
            String message = framing.read(input);
            if (message == null) {
                log.println("[CLOSED] " + describe() + " closed the connection.");
                return;
            }
            if (ChatProtocol.endsChat(message)) {
                sayGoodbye();
                return;
            }
            log.println("[" + name + "] " + Safe.logged(message));
            room.broadcast(this, ChatProtocol.chatLine(name, ChatProtocol.sanitize(message)));
        }
    }

    private void sayGoodbye() {
        log.println("[EXIT] " + describe() + " said goodbye.");
        outbox.closeAfter(ChatProtocol.GOODBYE);
    }

    /** Queues a line for this client; one that cannot keep up even with that is dropped. */
    private void tell(String line) {
        if (!deliver(line)) {
            dropAsTooSlow();
        }
    }

    private String describe() {
        return member == null ? peer : member + " (" + peer + ")";
    }
}
