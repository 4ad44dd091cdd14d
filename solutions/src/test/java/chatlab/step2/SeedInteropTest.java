package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.grading.FakeServer;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference solution talks to programs written from seed 000 (1024-byte header) and seed 002
 * (128-byte header, !DISCONNECT!): their peers here frame exactly as the seeds describe.
 */
class SeedInteropTest {
    @RegisterExtension
    final Lab lab = new Lab();

    private int startServer(int headerSize) {
        ScriptedConsole log = lab.console("server log");
        lab.start("ChatServer", log, new ChatServer(new ChatOptions("127.0.0.1", 0, headerSize, 65_536), log.output())::run);
        return lab.awaitListening(log);
    }

    @Test
    void seed_000_clients_chat_with_the_solution_server_one_after_the_other() {
        int port = startServer(1024);
        for (String who : new String[] {"seed 000 client", "another seed 000 client"}) {
            FramedPeer client = lab.connect(who, port).framed(1024);
            client.send("Hello Server!");
            client.expect("Message received by server", "[SERVER] Message received by server", "");
            client.send("exit");
            client.expect("Goodbye!", "[SERVER] Goodbye!", "");
            client.peer().expectClosed("[DISCONNECTED] Disconnected from server", "");
        }
    }

    @Test
    void seed_002_client_says_DISCONNECT_with_a_128_byte_header() {
        FramedPeer client = lab.connect("seed 002 client", startServer(128)).framed(128);
        client.send("Hello World!");
        client.expect("Message received by server", "the receipt, in a 128-byte header", "");
        client.send("!DISCONNECT!");
        client.expect("Goodbye!", "the goodbye", "");
        client.peer().expectClosed("the server closes after !DISCONNECT!", "");
    }

    @Test
    void solution_client_chats_with_a_seed_000_server() {
        ScriptedConsole user = lab.console("client console");
        user.type("Hello Server!", "exit");
        FakeServer seedServer = lab.fakeServer("seed 000 server");
        Running client = lab.start("ChatClient", user, new ChatClient(
                new ChatOptions("127.0.0.1", seedServer.port(), 1024, 65_536), user.input(), user.output())::run);
        FramedPeer conn = lab.accept(seedServer).framed(1024);
        conn.expect("Hello Server!", "[('127.0.0.1', …)] Received: Hello Server!", "");
        conn.send("Message received by server");
        conn.expect("exit", "[('127.0.0.1', …)] Received: exit", "");
        conn.send("Goodbye!");
        conn.peer().close();
        lab.awaitFinished(client, "The client ends after its exit is answered.", "");
        lab.awaitPrinted(user, "[SERVER] Goodbye!", "the seed server's goodbye", "");
    }
}
