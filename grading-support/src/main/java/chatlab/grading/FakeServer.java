package chatlab.grading;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Supplier;

/** A scripted server on an ephemeral loopback port, for grading a student's client. */
public final class FakeServer implements AutoCloseable {
    private final String who;
    private final ServerSocket listener;
    private final Transcript transcript;
    /** Why to stop waiting early (the program under test crashed), or null to keep waiting. */
    private final Supplier<String> stopReason;

    FakeServer(String who, Transcript transcript, Supplier<String> stopReason) throws IOException {
        this.who = who;
        this.transcript = transcript;
        this.stopReason = stopReason;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        transcript.note(who + " listens on 127.0.0.1:" + port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Waits (bounded) for the program under test to connect. */
    public Peer accept() {
        long deadline = System.nanoTime() + Timeouts.REPLY.toNanos();
        try {
            listener.setSoTimeout(50);
            while (true) {
                try {
                    Socket socket = listener.accept();
                    transcript.note(who + " accepted a connection from port " + socket.getPort());
                    return new Peer(who, socket, transcript, stopReason);
                } catch (SocketTimeoutException slice) {
                    String stop = stopReason.get();
                    if (stop != null) {
                        throw new AssertionError("The client never connected to " + who + " at 127.0.0.1:" + port()
                                + ": " + stop + ".");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("The client did not connect to 127.0.0.1:" + port() + " within "
                                + Timeouts.describe(Timeouts.REPLY) + ". Does it use the --host and --port it was given?");
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(who + " could not accept: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
