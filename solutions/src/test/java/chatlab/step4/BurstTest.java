package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.grading.Burst;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.ScriptedConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The step 4 server (given code) holds a burst: 1,000 clients connecting at the same instant are
 * all connected at once, none waiting for the system's one-second retry, and all are welcomed.
 */
class BurstTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void a_thousand_clients_connecting_at_once_are_all_welcomed() throws Exception {
        ScriptedConsole console = lab.console("server console");
        ChatServer server = new ChatServer(new ChatOptions("127.0.0.1", 0, 1024, 65_536), console.input(),
                console.output());
        lab.start("ChatServer", console, server::run);
        int port = lab.awaitListening(console);
        try (Burst burst = Burst.connectAtOnce(lab, port, 1000, "The step 4 server binds with the default backlog "
                + "(50)? It needs ServerSocket.bind(address, 1024).")) {
            burst.expectEach(i -> null, Frames.encode(ChatProtocol.WELCOME, 1024), "expected the welcome question",
                    "Every connection is welcomed at once, in a session of its own.");
        }
        server.shutdown();
    }
}
