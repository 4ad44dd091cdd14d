package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 4, number = 1, title = "ChatProtocol: names and safe text")
class Task1ProtocolTest {
    private static final String SAFE = "Replace every control character (Character.isISOControl: ESC, line breaks, "
            + "BEL, DEL, the C1 codes) so that nothing one user sends can move another user's cursor, recolour "
            + "their terminal or forge a line; keep everything else, in order.";

    @RegisterExtension
    final Lab lab = new Lab();

    @ParameterizedTest(name = "the name {0} is acceptable")
    @ValueSource(strings = {"Alice", "Zoë", "名前", "a", "Jean Luc", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "🙂🙂"})
    void names_of_1_to_32_characters_without_control_characters_are_acceptable(String name) {
        assertThat(ChatProtocol.nameProblem(name))
                .as("ChatProtocol.nameProblem(%s) should be null: the name is acceptable. %s", Bytes.quote(name),
                        RoomUnderTest.NAMES)
                .isNull();
    }

    @ParameterizedTest(name = "refused name #{index}")
    @ValueSource(strings = {"", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "Al\u001bice", "Bob\n", "tab\there", "del\u007f",
            "c1\u009b", "SERVER", "server", "Server"})
    void empty_long_control_character_and_SERVER_names_are_refused_with_a_reason(String name) {
        String problem = ChatProtocol.nameProblem(name);
        assertThat(problem)
                .as("ChatProtocol.nameProblem(%s) should give the reason this name cannot be used. %s",
                        Bytes.quote(name), RoomUnderTest.NAMES)
                .isNotNull()
                .isNotBlank();
        assertThat(problem.codePoints().noneMatch(Character::isISOControl))
                .as("The reason %s goes back to the user: it must not contain control characters itself.",
                        Bytes.quote(problem))
                .isTrue();
    }

    @ParameterizedTest(name = "sanitize, text #{index}")
    @ValueSource(strings = {"plain text", "héllo 👋 世界", "\u001b[2J\u001b[31mred\u001b[0m", "bell\u0007",
            "two\nlines\r\n", "del\u007f and c1\u009b", "fake\n[SERVER] Alice left the chat."})
    void sanitize_removes_control_characters_and_keeps_the_rest(String text) {
        String safe = ChatProtocol.sanitize(text);
        assertThat(safe.codePoints().noneMatch(Character::isISOControl))
                .as("ChatProtocol.sanitize(%s) returned %s, which still has control characters. %s",
                        Bytes.quote(text), Bytes.quote(safe), SAFE)
                .isTrue();
        String kept = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertThat(isSubsequence(kept, safe))
                .as("ChatProtocol.sanitize(%s) returned %s: it lost or reordered text that is not a control "
                        + "character. %s", Bytes.quote(text), Bytes.quote(safe), SAFE)
                .isTrue();
    }

    private static boolean isSubsequence(String needle, String haystack) {
        int[] wanted = needle.codePoints().toArray();
        int at = 0;
        for (int c : haystack.codePoints().toArray()) {
            if (at < wanted.length && wanted[at] == c) {
                at++;
            }
        }
        return at == wanted.length;
    }
}
