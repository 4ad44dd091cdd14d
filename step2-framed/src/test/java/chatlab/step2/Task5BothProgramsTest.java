package chatlab.step2;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Enforces;
import chatlab.grading.FramedPeer;
import chatlab.grading.Frames;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import chatlab.grading.Points;
import chatlab.grading.Task;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Task(step = 2, number = 5, title = "Both programs, run as a user runs them")
@Timeout(90)
class Task5BothProgramsTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Order(1)
    @Test
    @Points(3)
    @Enforces({"R18", "R27", "R32"})
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

    @Order(2)
    @Test
    @Points(2)
    @Enforces({"R1", "R16"})
    void both_programs_agree_on_a_128_byte_header() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0", "--header-size", "128");
        String port = String.valueOf(lab.awaitListening(server));
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", port, "--header-size", "128");
        client.type("!DISCONNECT!");
        lab.awaitOutput(client, "[SERVER] " + ChatProtocol.GOODBYE, "!DISCONNECT! should be answered with Goodbye!.");
        assertThat(client.awaitExit("the chat is over")).as("the client's exit status").isZero();
    }

    @Order(3)
    @Test
    @Points(2)
    @Enforces("R24")
    void the_real_server_logs_vanishing_clients_in_one_line_without_a_stack_trace() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--port", "0");
        int port = lab.awaitListening(server);
        FramedPeer resetAfterAnswer = lab.connect("client that resets", port).framed(1024);
        resetAfterAnswer.send("hello");
        resetAfterAnswer.expect(ChatProtocol.RECEIVED, "The server should answer.", "");
        resetAfterAnswer.peer().reset();
        FramedPeer resetBeforeAnswer = lab.connect("client that resets before the answer", port).framed(1024);
        resetBeforeAnswer.send("x".repeat(60_000));
        resetBeforeAnswer.peer().reset();
        FramedPeer cutShort = lab.connect("client that resets inside a frame", port).framed(1024);
        cutShort.peer().send(new byte[] {'5', ' ', ' '});
        cutShort.peer().reset();
        FramedPeer closedInside = lab.connect("client that closes inside a frame", port).framed(1024);
        closedInside.peer().send(new byte[] {'1', '0', ' '});
        closedInside.peer().close();
        // A client refused with an ERROR frame, that resets while the server drains what it still sends.
        FramedPeer refused = lab.connect("client that resets after its ERROR", port).framed(1024);
        refused.peer().send(Frames.header("abc", 1024));
        String error = refused.receive("The header \"abc\" is not a length: the server should answer with an ERROR "
                + "frame.", "");
        assertThat(error).as("The header \"abc\" is not a length: the server's answer").startsWith("ERROR: ");
        refused.peer().reset();
        // A sentinel: the server serves one client at a time, so once this one is answered, it has logged the others.
        FramedPeer next = lab.connect("next client", port).framed(1024);
        next.send("anyone there?");
        next.expect(ChatProtocol.RECEIVED, "The server should serve the next client as usual.", "");
        next.send("exit");
        next.expect(ChatProtocol.GOODBYE, "The next client says exit and gets Goodbye!.", "");
        // Its stdout and stderr come through one pipe: once the log of the next client shows, what came before has.
        lab.awaitOutput(server, "anyone there?", "The server should log what it receives.");
        String output = server.output();
        Optional<String> trace = output.lines()
                .filter(line -> line.matches("\\s+at [\\w.$/<>]+\\(.*\\)\\s*") || line.startsWith("Exception in thread")
                        || line.matches("\\s*Caused by: .*"))
                .findFirst();
        assertThat(trace).as("Clients vanished (a reset after the answer, a reset before it, a reset inside a frame, "
                + "a close inside a frame, a reset after an ERROR frame, while the server drains what is left). "
                + "The server process should log each in one line, but its output (stdout and stderr) holds a stack "
                + "trace, starting with the line %s. Catch the IOException per client and print one line with "
                + "e.getMessage(); never e.printStackTrace(), not even in the catch block that ends the drain after an "
                + "ERROR frame.", trace.orElse("")).isEmpty();
        assertThat(server.isAlive()).as("The server keeps serving after clients vanish.").isTrue();
    }
}
