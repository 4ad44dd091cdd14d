package chatlab.step3;

import chatlab.common.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    /** Set when the server stops this client: its read then fails because we closed the socket. */
    private volatile boolean stopping;

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
                String message;
                try {
                    message = framing.read(in);
                } catch (ProtocolException e) {
                    out.println("[PROTOCOL ERROR] " + peer + ": " + ChatProtocol.forLog(String.valueOf(e.getMessage())));
                    send(ChatProtocol.ERROR_PREFIX + e.getMessage());
                    closeGently();
                    break;
                }
                if (message == null) {
                    out.println("[DISCONNECTED] " + peer + " closed the connection.");
                    break;
                }
                out.println("[" + peer + "] " + ChatProtocol.forLog(message));
                String answer = ChatProtocol.answerTo(message);
                send(answer);
                if (ChatProtocol.GOODBYE.equals(answer)) {
                    out.println("[DISCONNECTED] " + peer + " said goodbye.");
                    break;
                }
            }
        } catch (EOFException e) {
            out.println("[DISCONNECTED] " + peer + " left inside a frame: " + e.getMessage());
        } catch (IOException e) {
            if (stopping) {
                out.println("[DISCONNECTED] " + peer + ": the server is shutting down.");
            } else {
                out.println("[CONNECTION LOST] " + peer + ": " + e.getMessage());
            }
        } catch (RuntimeException | Error e) {
            out.println("[ERROR] " + peer + ": " + e);
        } finally {
            cutOff();
            onEnd.accept(this);
        }
    }

    /** After an error frame: let it reach the client before the close (unread input would reset it). */
    private void closeGently() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(250);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long drained = 0;
            while (drained < 1_000_000) {
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                drained += n;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Sends one frame. Shutdown sends its notice from another thread while this one answers: guard it. */
    synchronized void send(String message) throws IOException {
        OutputStream toClient = socket.getOutputStream();
        toClient.write(framing.encode(message));
        toClient.flush();
    }

    /**
     * Tells the client (the shutdown notice) and disconnects it; run() then ends in its own thread.
     * Never waits on a client that has stopped reading: a write to it blocks once its buffers are
     * full, and so does whoever waits for the lock that writer holds (see the lesson, Task 3).
     */
    void stop(String notice) {
        stopping = true;
        try {
            send(notice);
        } catch (IOException | RuntimeException ignored) {
            // the client is gone
        }
        thread.interrupt(); // wake the handler up: its read loop ends
    }

    /** Closes the connection at once: a read or write blocked on it fails, and run() ends. */
    void cutOff() {
        stopping = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    /** Waits, at most this long, for the handler's thread to end. */
    void awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
