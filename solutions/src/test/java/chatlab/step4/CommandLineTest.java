package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.common.ChatOptions;
import chatlab.grading.JavaProgram;
import chatlab.grading.Lab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit's own checks of step 4's given wiring. Not graders. */
class CommandLineTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void the_chat_room_listens_on_seed_003s_port_by_default() {
        assertThat(ChatOptions.parse(ChatProtocol.DEFAULT_PORT)).isEqualTo(new ChatOptions("127.0.0.1", 5555, 1024, 65_536));
    }

    @Test
    void a_bad_flag_prints_usage_and_exits_2() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--name", "x");
        assertThat(server.awaitExit("a bad flag ends the program")).isEqualTo(2);
        assertThat(server.output()).contains("unknown option: --name", "usage: ChatServer", "default 5555");
    }

    @Test
    void the_name_timeout_is_60_seconds_by_default_and_set_by_name_timeout() {
        assertThat(ChatServer.Settings.parse().nameTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        ChatServer.Settings settings = ChatServer.Settings.parse("--port", "0", "--name-timeout", "5", "--header-size", "128");
        assertThat(settings.nameTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(settings.options()).isEqualTo(new ChatOptions("127.0.0.1", 0, 128, 65_536));
        assertThat(ChatServer.Settings.parse("--name-timeout=7").nameTimeout()).isEqualTo(java.time.Duration.ofSeconds(7));
    }

    @Test
    void a_bad_name_timeout_prints_usage_and_exits_2() {
        JavaProgram server = lab.launch("server process", ChatServer.class, "--name-timeout", "0");
        assertThat(server.awaitExit("a bad flag ends the program")).isEqualTo(2);
        assertThat(server.output()).contains("--name-timeout", "usage: ChatServer");
    }

    @Test
    void the_longest_line_still_fits_the_header() {
        int longest = ChatProtocol.maxLineBytes(ChatOptions.DEFAULT_MAX_MESSAGE_BYTES);
        assertThat(String.valueOf(longest).length()).isLessThanOrEqualTo(128);
        assertThat(longest).isGreaterThanOrEqualTo(
                ChatProtocol.chatLine("x".repeat(ChatProtocol.MAX_NAME_LENGTH), "").getBytes().length + 65_536);
    }
}
