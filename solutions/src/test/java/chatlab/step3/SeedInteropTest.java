package chatlab.step3;

import chatlab.common.ChatOptions;
import chatlab.grading.FakeServer;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference server serves clients written from seed 000 (1024-byte header) and seed 002
 * (128-byte header, !DISCONNECT!) concurrently. The header size is the server's setting, so each
 * kind gets a server of its own.
 */
class SeedInteropTest {
    @RegisterExtension
    final Lab lab = new Lab();

    private int startServer(int headerSize) {
        ScriptedConsole console = lab.console("server console (" + headerSize + "-byte headers)");
        ChatServer server = new ChatServer(new ChatOptions("127.0.0.1", 0, headerSize, 65_536), console.input(),
                console.output());
        lab.start("ChatServer", console, server::run);
        return lab.awaitListening(console);
    }

    @Test
    void seed_000_and_seed_002_clients_are_served_while_others_stay_connected() {
        int seed000Port = startServer(1024);
        int seed002Port = startServer(128);
        List<FramedPeer> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(lab.connect("seed 000 client " + i, seed000Port).framed(1024));
            clients.add(lab.connect("seed 002 client " + i, seed002Port).framed(128));
        }
        for (FramedPeer client : clients) {
            client.send("Hello from " + client.peer().who());
            client.expect("Message received by server", "every connected seed client is answered", "");
        }
        for (FramedPeer client : clients) {
            client.send(client.peer().who().startsWith("seed 002") ? "!DISCONNECT!" : "exit");
            client.expect("Goodbye!", "each seed client says goodbye its own way", "");
            client.peer().expectClosed("and is disconnected", "");
        }
    }

    @Test
    void the_given_client_prints_the_shutdown_notice_and_ends() {
        ScriptedConsole user = lab.console("client console");
        user.type("hello");
        FakeServer server = lab.fakeServer("test server");
        Running client = lab.start("ChatClient", user, new ChatClient(
                new ChatOptions("127.0.0.1", server.port(), 1024, 65_536), user.input(), user.output())::run);
        FramedPeer connection = lab.accept(server).framed(1024);
        connection.expect("hello", "the typed line", "");
        connection.send(ChatProtocol.SHUTDOWN_NOTICE);
        connection.peer().close();
        lab.awaitPrinted(user, "[SERVER] " + ChatProtocol.SHUTDOWN_NOTICE, "the notice", "");
        lab.awaitFinished(client, "The client ends when the server shuts down.", "");
    }
}
