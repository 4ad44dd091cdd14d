package chatlab.step1;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 1, number = 1, title = "ChatProtocol: bytes, line breaks, exit")
class Task1ProtocolTest {
    @RegisterExtension
    final Lab lab = new Lab();

    @Enforces({"R1"})
    @Order(1)
    @ParameterizedTest(name = "isExit({0}) is true")
    @ValueSource(strings = {"exit", "EXIT", "Exit", "  exit  ", "\texit\r\n", " eXiT\t"})
    void exit_counts_in_any_case_and_with_surrounding_whitespace(String message) {
        assertThat(ChatProtocol.isExit(message))
                .as("ChatProtocol.isExit(%s) returned false. \"exit\" counts in any case and with whitespace "
                        + "around it: strip() the message, then compare with equalsIgnoreCase.", Bytes.quote(message))
                .isTrue();
    }

    @Enforces({"R1"})
    @Order(2)
    @ParameterizedTest(name = "isExit({0}) is false")
    @ValueSource(strings = {"hello", "exit now", "exits", "e xit", "", "Goodbye!"})
    void other_messages_do_not_end_the_chat(String message) {
        assertThat(ChatProtocol.isExit(message))
                .as("ChatProtocol.isExit(%s) returned true, but only the word exit itself ends the chat "
                        + "(compare the whole stripped message, not startsWith or contains).", Bytes.quote(message))
                .isFalse();
    }

    @Enforces({"R3"})
    @Order(3)
    @ParameterizedTest(name = "encode({0})")
    @ValueSource(strings = {"hello", "", "two words"})
    void encode_gives_the_UTF_8_bytes_and_nothing_more(String message) {
        byte[] expected = message.getBytes(StandardCharsets.UTF_8);
        byte[] actual = ChatProtocol.encode(message);
        assertThat(actual)
                .as("ChatProtocol.encode(%s) should be its UTF-8 bytes, with no line break or padding added:%n%s%n"
                        + "Use getBytes(StandardCharsets.UTF_8): the default charset differs from machine to machine.",
                        Bytes.quote(message), Bytes.comparison(expected, actual))
                .isEqualTo(expected);
    }

    @Enforces({"R2"})
    @Order(4)
    @ParameterizedTest(name = "encode({0}) gives its UTF-8 bytes")
    @ValueSource(strings = {"héllo", "👋 世界"})
    void encode_writes_non_ASCII_text_as_UTF_8(String message) {
        byte[] expected = message.getBytes(StandardCharsets.UTF_8);
        byte[] actual = ChatProtocol.encode(message);
        assertThat(actual)
                .as("ChatProtocol.encode(%s) should be its UTF-8 bytes:%n%s%n"
                        + "Use getBytes(StandardCharsets.UTF_8): the default charset differs from machine to machine.",
                        Bytes.quote(message), Bytes.comparison(expected, actual))
                .isEqualTo(expected);
    }

    @Enforces({"R5"})
    @Order(5)
    @Test
    void decode_removes_one_trailing_line_break_as_netcat_sends_it() {
        expectDecoded("hello\n", "hello");
        expectDecoded("hello\r\n", "hello");
        expectDecoded("hello", "hello");
        expectDecoded("two\nlines\n", "two\nlines");
        expectDecoded("hello\n\n", "hello\n");
        expectDecoded("  spaced out  \n", "  spaced out  ");
        expectDecoded("hello\r", "hello\r");
    }

    @Enforces({"R2"})
    @Order(6)
    @Test
    void decode_reads_UTF_8() {
        byte[] data = Bytes.utf8("héllo 👋 世界");
        String decoded = ChatProtocol.decode(data, data.length);
        assertThat(decoded)
                .as("ChatProtocol.decode(%s) gave %s: the bytes were not decoded as UTF-8. "
                        + "Use new String(data, 0, length, StandardCharsets.UTF_8), never another or the default charset.",
                        Bytes.quote(data), Bytes.quote(decoded))
                .isEqualTo("héllo 👋 世界");
    }

    @Enforces({"R4"})
    @Order(7)
    @Test
    void decode_uses_only_the_bytes_that_were_read() {
        byte[] buffer = Arrays.copyOf(Bytes.utf8("ça va"), 1024);
        Arrays.fill(buffer, Bytes.utf8("ça va").length, buffer.length, (byte) 'x');
        String decoded = ChatProtocol.decode(buffer, Bytes.utf8("ça va").length);
        assertThat(decoded)
                .as("ChatProtocol.decode(buffer, 6) must use only the first 6 bytes of the 1024-byte buffer "
                        + "(the ones read() filled), but returned %s.", Bytes.quote(decoded))
                .isEqualTo("ça va");
    }

    private static void expectDecoded(String sent, String expected) {
        byte[] data = Bytes.utf8(sent);
        String decoded = ChatProtocol.decode(data, data.length);
        assertThat(decoded)
                .as("ChatProtocol.decode(%s) should give %s but gave %s. Remove one trailing line break (\\n or "
                        + "\\r\\n), and only one: a line typed into netcat arrives with its Enter key.%s",
                        Bytes.quote(sent), Bytes.quote(expected), Bytes.quote(decoded),
                        sent.endsWith("\r") && !sent.endsWith("\n") ? " A lone \\r is not a line break: keep it "
                                + "(look for \\n first, then for one \\r just before it)." : "")
                .isEqualTo(expected);
    }
}
