package chatlab.step2;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 2, number = 5, title = "Both programs, run as a user runs them")
@Timeout(90)
class Task5BothProgramsTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    @Points(3)
    void the_real_server_serves_two_real_clients_one_after_the_other() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        String port = String.valueOf(lab.awaitListening(server));
        for (String name : new String[] {"first client process", "second client process"}) {
            JavaProgram client = lab.launch(name, ChatClient.class, "--port", port);
            client.type("hello from the " + name);
            lab.awaitOutput(client, "[SERVER] " + ChatProtocol.RECEIVED, "The client should print the server's receipt.");
            client.type("exit");
            lab.awaitOutput(client, "[SERVER] " + ChatProtocol.GOODBYE, "The client should print the Goodbye!.");
            assertThat(client.awaitExit("the chat is over")).as("the exit status of the " + name).isZero();
        }
        lab.awaitOutput(server, "hello from the second client process", "The server should log what it receives.");
        assertThat(server.isAlive()).as("The server keeps serving after its clients leave.").isTrue();
    }

    @Test
    @Points(2)
    void both_programs_agree_on_a_128_byte_header() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0", "--header-size", "128");
        String port = String.valueOf(lab.awaitListening(server));
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", port, "--header-size", "128");
        client.type("!DISCONNECT!");
        lab.awaitOutput(client, "[SERVER] " + ChatProtocol.GOODBYE, "!DISCONNECT! should be answered with Goodbye!.");
        assertThat(client.awaitExit("the chat is over")).as("the client's exit status").isZero();
    }
}
