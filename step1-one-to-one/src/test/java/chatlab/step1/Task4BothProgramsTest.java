package chatlab.step1;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 1, number = 4, title = "Both programs, run as a user runs them")
@Timeout(90)
class Task4BothProgramsTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    @Points(3)
    void the_real_server_and_client_chat_with_each_other() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0", "--auto");
        int port = lab.awaitListening(server);
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", String.valueOf(port));
        client.type("hello");
        lab.awaitOutput(client, ChatProtocol.AUTO_REPLY, "The client should print the server's answer.");
        client.type("exit");
        lab.awaitOutput(client, ChatProtocol.GOODBYE, "After exit, the client should print the server's Goodbye!.");
        assertThat(client.awaitExit("the chat is over")).as("the client's exit status after a normal chat").isZero();
        assertThat(server.awaitExit("the step 1 server serves one chat, then ends"))
                .as("the server's exit status after a normal chat").isZero();
    }

    @Test
    @Points(3)
    void the_operator_answers_and_ends_the_chat_from_the_server_console() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", String.valueOf(port));
        client.type("hello from the client");
        lab.awaitOutput(server, "hello from the client", "The server should print what the client sent.");
        server.type("hello from the operator");
        lab.awaitOutput(client, "hello from the operator", "The client should print the operator's answer.");
        client.type("bye?");
        lab.awaitOutput(server, "bye?", "The server should print the client's second message.");
        server.type("exit");
        assertThat(client.awaitExit("the operator ended the chat")).as("the client's exit status").isZero();
        assertThat(server.awaitExit("the operator ended the chat")).as("the server's exit status").isZero();
    }
}
