package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import chatlab.grading.Timeouts;
import java.util.ArrayList;
import java.util.List;

/** The step 4 server, started on a free port for one check, with helpers to enter its room. */
final class RoomUnderTest {
    static final int HEADER = ChatOptions.DEFAULT_HEADER_SIZE;
    static final String NAMES = "A name is the first message, stripped: 1 to 32 characters, no control characters, "
            + "not SERVER, and not the name of a connected user, ignoring case. Otherwise the answer is "
            + "\"Name not available: <reason>\" and the welcome question again.";

    static final String JOIN_NOTICE = "Announce \"[SERVER] <name> joined the chat.\" to the members already there, "
            + "not to the newcomer.";

    final Lab lab;
    final ScriptedConsole console;
    final ChatServer server;
    final Running running;
    final int port;
    private final List<FramedPeer> members = new ArrayList<>();

    private RoomUnderTest(Lab lab) {
        this.lab = lab;
        this.console = lab.console("server console");
        this.server = new ChatServer(new ChatOptions("127.0.0.1", 0, HEADER, ChatOptions.DEFAULT_MAX_MESSAGE_BYTES),
                console.input(), console.output());
        this.running = lab.start("ChatServer", console, server::run);
        this.port = lab.awaitListening(console);
    }

    static RoomUnderTest start(Lab lab) {
        return new RoomUnderTest(lab);
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
        client.expect(ChatProtocol.hello(name), "The name " + name + " is free: the newcomer should be greeted.", NAMES);
        for (FramedPeer member : members) {
            member.expect(ChatProtocol.joined(name), "When " + name + " joins, " + member.peer().who()
                    + " (already in the room) should be told.", JOIN_NOTICE);
        }
        members.add(client);
        return client;
    }

    /** The member has left: later joins are not announced to it. */
    void forget(FramedPeer member) {
        members.remove(member);
    }

    /** Nothing arrives for this client for a while, and its connection stays open. */
    static void expectQuiet(FramedPeer client, String what, String hint) {
        client.peer().expectNothing(Timeouts.QUIET, what, hint);
    }
}
