package chatlab.step3;

import chatlab.common.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;

/** One connected client, served in a thread of its own: step 2's conversation, start to end. */
final class ClientHandler implements Runnable {
    private final Socket socket;
    private final Framing framing;
    private final PrintStream out;
    private final Consumer<ClientHandler> onEnd;
    private final String peer;
    private final Thread thread;

    /** Set once the server ends this connection (shutdown): the failures that follow are expected. */
    private volatile boolean stopping;
    /** Once true, nothing more is written: the shutdown notice is the last frame a client gets. Guarded by this. */
    private boolean sendingClosed;

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
            converse();
        } catch (ProtocolException e) {
            String reason = String.valueOf(e.getMessage());
            out.println("[PROTOCOL ERROR] " + peer + ": " + LogText.of(reason) + "; disconnecting it.");
            refuse(reason);
        } catch (EOFException e) {
            out.println("[DISCONNECTED] " + peer + " sent a truncated message: " + LogText.of(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            if (stopping) {
                out.println("[DISCONNECTED] " + peer + " (server shutting down).");
            } else {
                out.println("[DISCONNECTED] " + peer + " lost the connection: " + LogText.of(String.valueOf(e.getMessage())));
            }
        } catch (RuntimeException | Error e) {
            out.println("[ERROR] " + peer + ": the handler failed (" + LogText.of(e.toString()) + "); disconnecting it.");
        } finally {
            close();
            onEnd.accept(this);
        }
    }

    /** Step 2's conversation: a receipt for every message, Goodbye! for exit. */
    private void converse() throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            String message = framing.read(in);
            if (message == null) {
                out.println("[DISCONNECTED] " + peer + " closed the connection.");
                return;
            }
            out.println("[" + peer + "] " + LogText.of(message));
            send(ChatProtocol.answerTo(message));
            if (ChatProtocol.endsChat(message)) {
                out.println("[DISCONNECTED] " + peer + " said goodbye.");
                return;
            }
        }
    }

    /** Sends one frame. Shutdown sends its notice from another thread while this one answers: guard it. */
    synchronized void send(String message) throws IOException {
        byte[] frame = framing.encode(message);
        if (sendingClosed) {
            throw new SocketException("the server has closed this connection");
        }
        socket.getOutputStream().write(frame); // header and body in one write
    }

    /** Tells the client (the shutdown notice) and disconnects it; run() then ends in its own thread. */
    void stop(String notice) {
        stopping = true;
        synchronized (this) {
            if (!sendingClosed) {
                try {
                    send(notice);
                    socket.shutdownOutput(); // the notice, then an orderly end of stream
                } catch (IOException gone) {
                    // The client has gone already: nothing to tell.
                }
                sendingClosed = true;
            }
        }
        close();
    }

    /** Disconnects the client at once, without a word. Never waits: closing also unblocks a write in progress. */
    void abort() {
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

    /** After a protocol error: tell the client why, then end the connection. */
    private void refuse(String reason) {
        try {
            send(ChatProtocol.ERROR_PREFIX + reason);
            socket.shutdownOutput();
        } catch (IOException | IllegalArgumentException gone) {
            // The client has gone, or the reason cannot be framed: it is disconnected either way.
        }
    }

    private void close() {
        try {
            socket.close();
        } catch (IOException | RuntimeException | Error ignored) {
            // Closing to end: nothing more to do.
        }
    }
}
