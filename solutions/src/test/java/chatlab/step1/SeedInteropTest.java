package chatlab.step1;

import chatlab.grading.FakeServer;
import chatlab.grading.Lab;
import chatlab.grading.Peer;
import chatlab.grading.Running;
import chatlab.grading.ScriptedConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference solution talks to programs written from the seeds (PROTOCOL.md, "The seeds"): each peer here does
 * byte for byte what seed 001's client.py / server.py and seed 004's client do, line by line.
 */
class SeedInteropTest {
    @RegisterExtension
    final Lab lab = new Lab();

    private Running startServer(ScriptedConsole console, boolean auto) {
        return lab.start("ChatServer", console,
                new ChatServer(new ServerOptions("127.0.0.1", 0, auto), console.input(), console.output())::run);
    }

    @Test
    void seed_001_client_chats_with_the_solution_server_and_leaves_without_reading_the_goodbye() {
        ScriptedConsole operator = lab.console("server console");
        operator.type("hi, seed client");
        Running server = startServer(operator, false);
        Peer seedClient = lab.connect("seed 001 client", lab.awaitListening(operator)); // s.connect((HOST, PORT))
        seedClient.send("hello");                                                   // s.sendall(message.encode())
        seedClient.expect("hi, seed client", "data = s.recv(1024).decode()", "");
        seedClient.send("exit");                                                    // if message.lower() == "exit":
        seedClient.close();                                                         //     break  (the with-block closes)
        lab.awaitFinished(server, "The server ends its one chat cleanly.", "");
    }

    @Test
    void seed_001_client_stops_when_the_solution_operator_types_exit() {
        ScriptedConsole operator = lab.console("server console");
        operator.type("exit");
        Running server = startServer(operator, false);
        Peer seedClient = lab.connect("seed 001 client", lab.awaitListening(operator));
        seedClient.send("hello");
        // The seed compares data.lower() == "exit" with no strip(): the server must send exactly "exit".
        seedClient.expect("exit", "data = s.recv(1024).decode(); if data.lower() == \"exit\": break", "");
        lab.awaitFinished(server, "The server ends its one chat cleanly.", "");
    }

    @Test
    void solution_client_chats_with_a_seed_001_server_that_closes_on_exit_without_goodbye() {
        ScriptedConsole user = lab.console("client console");
        user.type("hello", "exit");
        FakeServer seedServer = lab.fakeServer("seed 001 server");                  // s.bind(...); s.listen()
        Running client = lab.start("ChatClient", user,
                new ChatClient(new ClientOptions("127.0.0.1", seedServer.port()), user.input(), user.output())::run);
        Peer conn = lab.accept(seedServer);                                         // conn, addr = s.accept()
        conn.expect("hello", "data = conn.recv(1024).decode()", "");
        conn.send("hi, solution client");                                           // conn.sendall(reply.encode())
        conn.expect("exit", "data = conn.recv(1024).decode()", "");
        conn.close();                                                               // if data.lower() == "exit": break
        lab.awaitFinished(client, "The client ends cleanly when the seed server closes instead of saying goodbye.", "");
        lab.awaitPrinted(user, "hi, solution client", "the seed server's answer", "");
    }

    @Test
    void seed_004_client_gets_the_automatic_answers_and_the_goodbye() {
        ScriptedConsole log = lab.console("server console");
        Running server = startServer(log, true);
        Peer seedClient = lab.connect("seed 004 client", lab.awaitListening(log));
        seedClient.send("Hello Server!");
        seedClient.expect("Message received", "Server: Message received", "");
        seedClient.send("exit");
        seedClient.expect("Goodbye!", "Server: Goodbye!", "");
        seedClient.expectClosed("Connection closed.", "");
        lab.awaitFinished(server, "The server shuts down when the chat ends (seed 004).", "");
    }
}
