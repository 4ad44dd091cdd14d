package chatlab.step3;

import chatlab.common.ChatOptions;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Timeouts;

/** The student's step 3 server, started on a free port for one check, with helpers to talk to it. */
final class ServerUnderTest {
    static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    static final String OWN_THREAD = "Serve each client in a thread of its own: the accept loop hands the new "
            + "connection to a handler thread and goes straight back to accept().";

    final Lab lab;
    final ScriptedConsole console;
    final ChatServer server;
    final Running running;
    final int port;

    private ServerUnderTest(Lab lab) {
        this.lab = lab;
        this.console = lab.console("server console");
        this.server = new ChatServer(new ChatOptions("127.0.0.1", 0, HEADER, ChatOptions.DEFAULT_MAX_MESSAGE_BYTES),
                console.input(), console.output());
        this.running = lab.start("ChatServer", console, server::run);
        this.port = lab.awaitListening(console);
    }

    static ServerUnderTest start(Lab lab) {
        return new ServerUnderTest(lab);
    }

    FramedPeer connect(String who) {
        return lab.connect(who, port).framed(HEADER);
    }

    /** Connects and has one exchange: the client is being served. */
    FramedPeer chatting(String who) {
        FramedPeer client = connect(who);
        expectServed(client, who);
        return client;
    }

    /** One message, one receipt: this client is served now. */
    void expectServed(FramedPeer client, String who) {
        expectServed(client, who, OWN_THREAD);
    }

    void expectServed(FramedPeer client, String who, String hint) {
        client.send("hello from " + who);
        client.expect(ChatProtocol.RECEIVED, "The " + who + " should get its receipt, whatever the other clients do.",
                hint);
    }

    /**
     * After another client has gone: this one hears nothing and stays connected for a while (far
     * longer than a server needs to act on that departure), then is served as before.
     */
    void expectUndisturbed(FramedPeer client, String who, String hint) {
        client.peer().expectNothing(Timeouts.QUIET, "Another client has gone; the " + who + " should hear nothing "
                + "and stay connected.", hint);
        expectServed(client, who, hint);
    }

    /** Waits until the server reports this many connections, through its API and its log. */
    void awaitCount(int expected, String after) {
        lab.await("activeConnections() to be " + expected + " " + after, () -> server.activeConnections() == expected,
                () -> "Count in one place every thread sees alike (a concurrent set of handlers, or an AtomicInteger). "
                        + "A handler leaves it in a finally block, however its client ended: exit, a close, a reset, "
                        + "a protocol error. activeConnections() is now " + safeCount() + ".");
        lab.await("the log line \"[ACTIVE CONNECTIONS] " + expected + "\" " + after,
                () -> console.printed().contains("[ACTIVE CONNECTIONS] " + expected),
                "Log \"[ACTIVE CONNECTIONS] N\" each time a client connects or leaves.");
    }

    private String safeCount() {
        try {
            return String.valueOf(server.activeConnections());
        } catch (RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }
}
