package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Lockstep;
import chatlab.grading.LockstepClasses;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Timeouts;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The step 4 server, started on a free port for one check, with helpers to enter its room. */
final class RoomUnderTest {
    static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    static final String NAMES = "A name is the first message, stripped of surrounding whitespace: 1 to 32 characters "
            + "(code points), no control or format character (Cc, Cf) nor U+2028/U+2029, no [ or ], at least one "
            + "visible character, not SERVER, and not the name of a connected user - SERVER and taken names compared "
            + "after NFKC normalization and case folding (ChatProtocol.key). Otherwise the answer is "
            + "\"Name not available: <reason>\" and the welcome question again.";

    static final String JOIN_NOTICE = "Announce \"[SERVER] <name> joined the chat.\" to the members already there, "
            + "not to the newcomer.";

    final Lab lab;
    final ScriptedConsole console;
    final Running running;
    final int port;
    private final Running.Body shutdown;
    private final List<FramedPeer> members = new ArrayList<>();

    private RoomUnderTest(Lab lab, Duration nameTimeout, boolean inLockstep) {
        this.lab = lab;
        this.console = lab.console("server console");
        ChatOptions options = new ChatOptions("127.0.0.1", 0, HEADER, ChatOptions.DEFAULT_MAX_MESSAGE_BYTES);
        Running.Body run;
        if (inLockstep) {
            Object server = lockstepServer(options, nameTimeout, console);
            run = call(server, "run");
            this.shutdown = call(server, "shutdown");
        } else {
            ChatServer server = new ChatServer(options, nameTimeout, console.input(), console.output());
            run = server::run;
            this.shutdown = server::shutdown;
        }
        this.running = lab.start("ChatServer", console, run);
        this.port = lab.awaitListening(console);
    }

    static RoomUnderTest start(Lab lab) {
        return new RoomUnderTest(lab, ChatServer.DEFAULT_NAME_TIMEOUT, false);
    }

    /** A server whose connections have only this long to choose a name. */
    static RoomUnderTest start(Lab lab, Duration nameTimeout) {
        return new RoomUnderTest(lab, nameTimeout, false);
    }

    /**
     * A server whose classes (the student's and the given ones) are loaded by {@link LockstepClasses}:
     * while a {@link Lockstep} of the room is on, the threads that enter the room take their steps
     * in lockstep.
     */
    static RoomUnderTest startInLockstep(Lab lab) {
        return new RoomUnderTest(lab, ChatServer.DEFAULT_NAME_TIMEOUT, true);
    }

    /** ChatServer.shutdown(), whatever loaded the server. */
    void shutdown() throws Exception {
        shutdown.run();
    }

    private static Object lockstepServer(ChatOptions options, Duration nameTimeout, ScriptedConsole console) {
        try {
            ClassLoader classes = new LockstepClasses(RoomUnderTest.class.getClassLoader(), "chatlab.step4");
            return Class.forName(ChatServer.class.getName(), true, classes)
                    .getConstructor(ChatOptions.class, Duration.class, BufferedReader.class, PrintStream.class)
                    .newInstance(options, nameTimeout, console.input(), console.output());
        } catch (InvocationTargetException e) {
            throw new AssertionError("The server could not be made: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the given ChatServer has changed: " + e, e);
        }
    }

    /** A public method of the server, called by reflection; it throws what the method throws. */
    private static Running.Body call(Object server, String method) {
        return () -> {
            try {
                server.getClass().getMethod(method).invoke(server);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception exception) {
                    throw exception;
                }
                throw (Error) e.getCause();
            }
        };
    }

    /** Connects and receives the welcome question: a client still choosing its name. */
    FramedPeer arrive(String who) {
        return arrive(who, 0);
    }

    FramedPeer arrive(String who, int receiveBufferBytes) {
        FramedPeer client = lab.connect(who, port, receiveBufferBytes).framed(HEADER);
        client.expect(ChatProtocol.WELCOME, "On connecting, the " + who + " should be asked for its name.",
                "Send the welcome question as the session's first frame.");
        return client;
    }

    /** Enters the room under the name: every member already there is told, exactly once. */
    FramedPeer join(String name) {
        return join(name, 0);
    }

    FramedPeer join(String name, int receiveBufferBytes) {
        FramedPeer client = arrive(name, receiveBufferBytes);
        client.send(name);
        client.expect(Expected.hello(name), "The name " + name + " is free: the newcomer should be greeted.", NAMES);
        for (FramedPeer member : members) {
            member.expect(Expected.joined(name), "When " + name + " joins, " + member.peer().who()
                    + " (already in the room) should be told.", JOIN_NOTICE);
        }
        members.add(client);
        return client;
    }

    /** The member has left: later joins are not announced to it. */
    void forget(FramedPeer member) {
        members.remove(member);
    }

    /**
     * Waits until the server has finished with this client's session: the given server logs
     * "[DISCONNECTED] HOST:PORT disconnected." once the session's thread has run to its end (its
     * finally block included). Whatever the session announces as it ends has been queued by then.
     */
    void awaitSessionEnded(FramedPeer client, String why) {
        String line = "[DISCONNECTED] 127.0.0.1:" + client.peer().socket().getLocalPort() + " disconnected.";
        lab.awaitPrinted(console, line, why, "ClientSession.run() should return (and call onEnd) once the client "
                + "has gone: does it still wait for something?");
    }

    /**
     * Proves that nothing else is queued for {@code receiver}: {@code sender} (a member) says
     * {@code text}, and that must be the receiver's very next frame. Whatever the server sent the
     * receiver before it would arrive first.
     */
    static void expectNextIsFrom(FramedPeer sender, FramedPeer receiver, String text, String what, String hint) {
        sender.send(text);
        String line = receiver.receive(what, hint);
        String expected = Expected.chatLine(sender.peer().who(), text);
        if (!line.equals(expected)) {
            throw new AssertionError(what + "\n  expected next: " + chatlab.grading.Bytes.quote(expected)
                    + " (sent by " + sender.peer().who() + " just now, to show what was still queued before it)"
                    + "\n  received:      " + chatlab.grading.Bytes.quote(line) + "\n" + hint);
        }
    }

    /** Nothing arrives for this client for a while, and its connection stays open. */
    static void expectQuiet(FramedPeer client, String what, String hint) {
        client.peer().expectNothing(Timeouts.QUIET, what, hint);
    }
}
