package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Enforces;
import chatlab.grading.FramedPeer;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 4, number = 6, title = "Three real clients chat through the real server")
@Timeout(120)
class Task6BothProgramsTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Order(1)
    @Test
    @Points(4)
    @Enforces("R30")
    void three_client_processes_chat_through_the_server_process() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        String port = String.valueOf(lab.awaitListening(server));
        JavaProgram alice = join("alice", port);
        JavaProgram bob = join("bob", port);
        JavaProgram carol = join("carol", port);
        lab.awaitOutput(alice, Expected.joined("carol"), "Alice should see Carol join.");
        alice.type("hello everyone");
        lab.awaitOutput(bob, "[alice] hello everyone", "Bob should see Alice's message.");
        lab.awaitOutput(carol, "[alice] hello everyone", "Carol should see Alice's message.");
        // A peer that vanishes mid-chat (a reset, as when a laptop loses its network): one line in the
        // server's log, never a stack trace.
        FramedPeer dave = lab.connect("Dave (a scripted client)", Integer.parseInt(port)).framed(1024);
        dave.expect(ChatProtocol.WELCOME, "The scripted client should be asked for its name.", "");
        dave.send("dave");
        dave.expect(Expected.hello("dave"), "The name dave is free.", "");
        lab.awaitOutput(alice, Expected.joined("dave"), "Alice should see Dave join.");
        dave.peer().reset();
        lab.awaitOutput(alice, Expected.left("dave"), "Dave's connection was reset: Alice should see him leave.");
        bob.type("exit");
        lab.awaitOutput(bob, ChatProtocol.GOODBYE, "Bob should get Goodbye!.");
        assertThat(bob.awaitExit("Bob said exit")).as("Bob's exit status").isZero();
        lab.awaitOutput(carol, Expected.left("bob"), "Carol should be told that Bob left.");
        server.terminate();
        for (JavaProgram client : new JavaProgram[] {alice, carol}) {
            lab.awaitOutput(client, "Connection closed.", "When the server stops, the client says so and ends.");
            assertThat(client.awaitExit("the server stopped, and it printed Connection closed.; a thread that is not a "
                    + "daemon (the console reader, still waiting for a line) keeps the JVM alive: make it a daemon"))
                    .as(client.name() + "'s exit status").isZero();
        }
        assertThat(server.awaitExit("SIGTERM")).as("the server's exit status after SIGTERM").isZero();
        for (JavaProgram program : new JavaProgram[] {server, alice, bob, carol}) {
            assertThat(program.output())
                    .as("What %s printed (stdout and stderr): a vanished peer (Dave's reset) or the end of the chat "
                            + "is logged in one line, never a stack trace: log e.getMessage(), not e.printStackTrace().",
                            program.name())
                    .doesNotContain("\tat ", "Exception in thread");
        }
    }

    private JavaProgram join(String name, String port) {
        JavaProgram client = lab.launch(name + "'s client process", ChatClient.class, "--port", port);
        lab.awaitOutput(client, ChatProtocol.WELCOME, "The client should show the server's question.");
        client.type(name);
        lab.awaitOutput(client, Expected.hello(name), "The client should show the greeting.");
        return client;
    }
}
