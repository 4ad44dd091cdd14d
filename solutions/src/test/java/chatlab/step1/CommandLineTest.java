package chatlab.step1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit's own checks of what the step 1 starter already gives (options, main's wiring). They are
 * not graders: they pass on the untouched starter, by design.
 */
class CommandLineTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void server_defaults_are_the_seeds() {
        assertThat(ServerOptions.parse()).isEqualTo(new ServerOptions("127.0.0.1", 65432, false));
        assertThat(ClientOptions.parse()).isEqualTo(new ClientOptions("127.0.0.1", 65432));
    }

    @Test
    void flags_take_a_separate_or_an_attached_value() {
        assertThat(ServerOptions.parse("--host", "0.0.0.0", "--port=0", "--auto"))
                .isEqualTo(new ServerOptions("0.0.0.0", 0, true));
        assertThat(ClientOptions.parse("--port", "5555", "--host=localhost"))
                .isEqualTo(new ClientOptions("localhost", 5555));
    }

    @Test
    void bad_command_lines_say_what_is_wrong() {
        assertThatThrownBy(() -> ServerOptions.parse("--port", "70000")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "abc")).hasMessageContaining("'abc'");
        assertThatThrownBy(() -> ServerOptions.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> ServerOptions.parse("--verbose")).hasMessageContaining("unknown option: --verbose");
        assertThatThrownBy(() -> ClientOptions.parse("--auto")).hasMessageContaining("unknown option: --auto");
        assertThatThrownBy(() -> ClientOptions.parse("--host=")).hasMessageContaining("--host needs a value");
    }

    @Test
    void a_bad_flag_prints_usage_and_exits_2() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--prot", "0");
        assertThat(server.awaitExit("a bad flag ends the program")).isEqualTo(2);
        assertThat(server.output()).contains("unknown option: --prot", "usage: ChatServer");
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", "many");
        assertThat(client.awaitExit("a bad flag ends the program")).isEqualTo(2);
        assertThat(client.output()).contains("--port must be a number", "usage: ChatClient");
    }

    @Test
    void help_prints_usage_and_exits_0() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--help");
        assertThat(server.awaitExit("--help only prints usage")).isZero();
        assertThat(server.output()).contains("usage: ChatServer", "--auto");
    }

    @Test
    void a_client_with_no_server_to_reach_says_so_and_exits_1() throws Exception {
        int freePort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        JavaProgram client = lab.launch("client process", ChatClient.class, "--port", String.valueOf(freePort));
        assertThat(client.awaitExit("nothing listens there")).isEqualTo(1);
        assertThat(client.output()).contains("[ERROR] Cannot chat with 127.0.0.1:" + freePort).doesNotContain("\tat ");
    }
}
