package chatlab.step3;

import chatlab.common.Framing;
import java.io.IOException;
import java.io.PrintStream;
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
        throw new UnsupportedOperationException("TODO(step 3): Task 1 - ClientHandler.run: serve one client, then tell onEnd");
    }

    /** Sends one frame. Shutdown sends its notice from another thread while this one answers: guard it. */
    synchronized void send(String message) throws IOException {
        throw new UnsupportedOperationException("TODO(step 3): Task 1 - ClientHandler.send: one frame, one write");
    }

    /**
     * Tells the client (the shutdown notice) and disconnects it; run() then ends in its own thread.
     * Never waits on a client that has stopped reading: a write to it blocks once its buffers are
     * full, and so does whoever waits for the lock that writer holds (see the lesson, Task 3).
     */
    void stop(String notice) {
        throw new UnsupportedOperationException("TODO(step 3): Task 3 - ClientHandler.stop: notice, then close");
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
