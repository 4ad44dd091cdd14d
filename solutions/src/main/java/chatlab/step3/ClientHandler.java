package chatlab.step3;

import chatlab.common.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.util.function.Consumer;

/** One connected client, served in a thread of its own: step 2's conversation, start to end. */
final class ClientHandler implements Runnable {
    private final Socket socket;
    private final Framing framing;
    private final PrintStream out;
    private final Consumer<ClientHandler> onEnd;
    private final String peer;
    private final Thread thread;
    /** Set by stop(): the read that fails next is the server's doing, not the client's. */
    private volatile boolean stopping;
    /** The thread that sends the shutdown notice, once stop() has started it. */
    private volatile Thread teller;

    /**
     * @param socket  the client's connection
     * @param framing the frame codec
     * @param out     where to log
     * @param onEnd   told, in this handler's thread, when it ends
     */
    ClientHandler(Socket socket, Framing framing, PrintStream out, Consumer<ClientHandler> onEnd) {
        this.socket = socket;
        this.framing = framing;
        this.out = out;
        this.onEnd = onEnd;
        this.peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        this.thread = new Thread(this, "client " + peer);
    }

    String peer() {
        return peer;
    }

    /** Serves the client in its own thread. */
    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                String message = framing.read(in);
                if (message == null) {
                    out.println("[" + peer + "] closed the connection without saying exit.");
                    return;
                }
                out.println("[" + peer + "] Received: " + ChatProtocol.forLog(message));
                send(ChatProtocol.answerTo(message));
                if (ChatProtocol.endsChat(message)) {
                    out.println("[DISCONNECTING] " + peer + " sent " + ChatProtocol.forLog(message.strip()) + ".");
                    return;
                }
            }
        } catch (ProtocolException e) {
            out.println("[PROTOCOL ERROR] " + peer + ": " + ChatProtocol.forLog(String.valueOf(e.getMessage())));
            trySend(ChatProtocol.ERROR_PREFIX + e.getMessage());
        } catch (EOFException e) {
            out.println("[TRUNCATED] " + peer + ": " + ChatProtocol.forLog(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            if (!stopping) {
                out.println("[CONNECTION LOST] " + peer + ": " + ChatProtocol.forLog(String.valueOf(e.getMessage())));
            }
        } finally {
            close();
            onEnd.accept(this);
        }
    }

    /**
     * Sends one frame. Synchronized: this handler answers and shutdown() sends its notice from
     * another thread; two unsynchronized writes could interleave their bytes into garbage.
     */
    synchronized void send(String message) throws IOException {
        socket.getOutputStream().write(framing.encode(message));
    }

    /**
     * Tells the client (the shutdown notice) and disconnects it; run() then ends in its own thread.
     * Returns at once: the notice goes out in a thread of its own, since a client that has stopped
     * reading blocks whoever writes to it (and whoever waits for the send lock that writer holds).
     */
    void stop(String notice) {
        stopping = true;
        Thread teller = new Thread(() -> {
            trySend(notice);
            close();
        }, "notice to " + peer);
        teller.setDaemon(true);
        teller.start();
        this.teller = teller;
    }

    /** Waits, at most this long, until the notice of stop() has gone out (or failed). */
    void awaitNotice(long millis) {
        Thread sending = teller;
        if (sending != null) {
            try {
                sending.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Disconnects the client now, whatever its threads are doing: a blocked write to it fails at once. */
    void cutOff() {
        stopping = true;
        close();
    }

    /** Waits, at most this long, for the handler's thread to end. */
    void awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void trySend(String message) {
        try {
            send(message);
        } catch (IOException e) {
            // The client is gone already: there is no one left to tell.
        }
    }

    private void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing on the way out: nothing else to do.
        }
    }
}
