package chatlab.step3;

import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 3, number = 2, title = "Each client's end is its own, and counted")
class Task2ClientsTest {
    private static final String ONLY_THAT_CLIENT = "However a client ends (exit, !DISCONNECT!, a bad header, a "
            + "close, a reset), that ends that client only: its handler thread returns, the others keep going. "
            + "(Seed 003's server shut down for everyone when one client said exit: ours does not.)";

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void exit_or_DISCONNECT_ends_that_client_only() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer leaving = server.chatting("leaving client");
        FramedPeer disconnecting = server.chatting("disconnecting client");
        FramedPeer staying = server.chatting("staying client");
        leaving.send("exit");
        leaving.expect(ChatProtocol.GOODBYE, "exit gets Goodbye!.", ONLY_THAT_CLIENT);
        leaving.peer().expectClosed("After Goodbye! the server closes that connection.", ONLY_THAT_CLIENT);
        server.expectUndisturbed(staying, "staying client", ONLY_THAT_CLIENT);
        disconnecting.send("!DISCONNECT!");
        disconnecting.expect(ChatProtocol.GOODBYE, "!DISCONNECT! gets Goodbye!.", ONLY_THAT_CLIENT);
        disconnecting.peer().expectClosed("After Goodbye! the server closes that connection.", ONLY_THAT_CLIENT);
        server.expectUndisturbed(staying, "staying client", ONLY_THAT_CLIENT);
        server.awaitCount(1, "after two of three clients left");
    }

    @Test
    void a_bad_header_ends_that_client_only() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer staying = server.chatting("staying client");
        FramedPeer broken = server.connect("broken client");
        broken.peer().send(Frames.header("lots", ServerUnderTest.HEADER));
        broken.expectErrorAndClose("The header \"lots\" is not a length: that client gets \"ERROR: <reason>\" and is "
                + "disconnected.", ONLY_THAT_CLIENT);
        server.expectUndisturbed(staying, "staying client", ONLY_THAT_CLIENT);
        server.awaitCount(1, "after the broken client was disconnected");
    }

    @Test
    void a_client_that_vanishes_or_resets_ends_that_client_only() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer vanishing = server.chatting("vanishing client");
        FramedPeer resetting = server.chatting("resetting client");
        FramedPeer staying = server.chatting("staying client");
        vanishing.peer().close();
        resetting.peer().reset();
        server.expectUndisturbed(staying, "staying client", ONLY_THAT_CLIENT);
        server.awaitCount(1, "after one client closed and one reset its connection");
    }

    @Test
    void counts_connections_exactly_as_clients_come_and_go() {
        ServerUnderTest server = ServerUnderTest.start(lab);
        FramedPeer first = server.chatting("first client");
        FramedPeer second = server.chatting("second client");
        FramedPeer third = server.chatting("third client");
        server.awaitCount(3, "with three clients connected");
        first.send("exit");
        first.expect(ChatProtocol.GOODBYE, "The first client says exit.", "");
        server.awaitCount(2, "after a client said exit");
        second.peer().close();
        server.awaitCount(1, "after a client closed its connection without exit");
        third.peer().reset();
        server.awaitCount(0, "after a client's connection was reset");
    }
}
