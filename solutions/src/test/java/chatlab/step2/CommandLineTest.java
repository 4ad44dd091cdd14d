package chatlab.step2;

import chatlab.common.ChatOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit's own checks of the step 2 options, which the starter gives. Not graders. */
class CommandLineTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void defaults_are_seed_000s() {
        assertThat(ChatOptions.parse(ChatProtocol.DEFAULT_PORT)).isEqualTo(new ChatOptions("127.0.0.1", 12360, 1024, 65_536));
    }

    @Test
    void seed_002_needs_only_a_header_size() {
        assertThat(ChatOptions.parse(ChatProtocol.DEFAULT_PORT, "--header-size", "128").headerSize()).isEqualTo(128);
    }

    @Test
    void a_header_too_small_for_the_longest_length_is_refused() {
        assertThatThrownBy(() -> ChatOptions.parse(ChatProtocol.DEFAULT_PORT, "--header-size", "4"))
                .hasMessageContaining("--header-size 4 cannot hold a length of up to 65536 (5 digits)");
        assertThat(ChatOptions.parse(ChatProtocol.DEFAULT_PORT, "--header-size", "4", "--max-message-bytes", "9999").headerSize()).isEqualTo(4);
        assertThatThrownBy(() -> ChatOptions.parse(ChatProtocol.DEFAULT_PORT, "--header-size", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ChatOptions.parse(ChatProtocol.DEFAULT_PORT, "--max-message-bytes", "-1")).hasMessageContaining("at least 0");
    }

    @Test
    void a_bad_flag_prints_usage_and_exits_2() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--header-size", "big");
        assertThat(server.awaitExit("a bad flag ends the program")).isEqualTo(2);
        assertThat(server.output()).contains("--header-size must be a whole number", "usage: ChatServer");
        JavaProgram client = lab.launch("client process", ChatClient.class, "--auto");
        assertThat(client.awaitExit("a bad flag ends the program")).isEqualTo(2);
        assertThat(client.output()).contains("unknown option: --auto", "usage: ChatClient");
    }
}
