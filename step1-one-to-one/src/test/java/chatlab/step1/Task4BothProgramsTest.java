package chatlab.step1;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Enforces;
import chatlab.grading.FakeServer;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.Points;
import chatlab.grading.Task;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 1, number = 4, title = "Both programs, run as a user runs them")
@Timeout(90)
class Task4BothProgramsTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Enforces({"R13", "R21"})
    @Order(1)
    @Test
    @Points(3)
    void the_real_server_and_client_chat_with_each_other() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0", "--auto");
        int port = lab.awaitListening(server);
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", String.valueOf(port));
        client.type("hello");
        lab.awaitOutput(client, ChatProtocol.AUTO_REPLY, "The client should print the server's answer.", server);
        client.type("exit");
        lab.awaitOutput(client, ChatProtocol.GOODBYE, "After exit, the client should print the server's Goodbye!.",
                server);
        assertThat(client.awaitExit("the chat is over")).as("the client's exit status after a normal chat").isZero();
        assertThat(server.awaitExit("the step 1 server serves one chat, then ends"))
                .as("the server's exit status after a normal chat").isZero();
    }

    @Enforces({"R10", "R14", "R22"})
    @Order(2)
    @Test
    @Points(3)
    void the_operator_answers_and_ends_the_chat_from_the_server_console() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", String.valueOf(port));
        client.type("hello from the client");
        lab.awaitOutput(server, "hello from the client", "The server should print what the client sent.", client);
        server.type("hello from the operator");
        lab.awaitOutput(client, "hello from the operator", "The client should print the operator's answer.", server);
        client.type("bye?");
        lab.awaitOutput(server, "bye?", "The server should print the client's second message.", client);
        server.type(" Exit\t");
        assertThat(client.awaitExit("the operator ended the chat")).as("the client's exit status").isZero();
        assertThat(server.awaitExit("the operator ended the chat")).as("the server's exit status").isZero();
    }

    @Enforces({"R15"})
    @Order(3)
    @Test
    @Points(2)
    void the_real_server_ends_with_status_0_and_no_stack_trace_when_its_client_is_reset() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0", "--auto");
        Peer client = lab.connect("test client", lab.awaitListening(server));
        client.send("hello");
        client.expect(ChatProtocol.AUTO_REPLY, "The server should answer the first message.", "");
        client.reset();
        int status = server.awaitExit("its client was reset, so the chat is over");
        expectNoStackTrace(server, "the client's connection was reset");
        assertThat(status).as("The server's exit status after its client vanished: a vanished client is an ordinary "
                + "end of the chat, not an error.").isZero();
    }

    @Enforces({"R23"})
    @Order(4)
    @Test
    @Points(2)
    void the_real_client_ends_with_status_0_and_no_stack_trace_when_its_server_is_reset() {
        FakeServer fakeServer = lab.fakeServer("test server");
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", String.valueOf(fakeServer.port()));
        Peer server = lab.accept(fakeServer);
        client.type("hello");
        server.expect("hello", "The client should send the typed line.", "");
        server.reset();
        int status = client.awaitExit("its server was reset, so the chat is over");
        expectNoStackTrace(client, "the server's connection was reset");
        assertThat(status).as("The client's exit status after its server vanished: a vanished server is an ordinary "
                + "end of the chat, not an error.").isZero();
    }

    private static void expectNoStackTrace(JavaProgram program, String what) {
        assertThat(program.output())
                .as("The %s printed a stack trace when %s. A peer that goes away is an ordinary event: catch the "
                        + "IOException and log it in one line (never printStackTrace(): it goes to stderr, which "
                        + "the user sees too).", program.name(), what)
                .doesNotContain("\tat ", "Exception in thread");
    }
}
