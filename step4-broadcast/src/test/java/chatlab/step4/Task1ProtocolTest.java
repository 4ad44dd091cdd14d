package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 4, number = 1, title = "ChatProtocol: names and safe text")
class Task1ProtocolTest {
    static final String SAFE = "Replace every unsafe code point - a control character (Cc: ESC, CR, LF, BEL, DEL, "
            + "the C1 codes), a format character (Cf: bidi controls such as U+202E and U+2066-U+2069, zero-width "
            + "characters such as U+200B, the BOM U+FEFF) or U+2028/U+2029 - with one '?'. Character.getType(c) "
            + "tells CONTROL and FORMAT; Character.isISOControl alone misses the format characters. Keep "
            + "everything else, in order: a private-use character (Co, such as U+E000 or U+F8FF) is safe and stays "
            + "as it was, so \\p{C} (Unicode's whole \"Other\" group: Cc, Cf, but also Co, Cs and the unassigned Cn) "
            + "is too wide a class to replace.";

    /**
     * The likely cause when a supplementary unsafe character (a tag character, U+E0000-U+E007F, is a
     * format character outside the BMP) gets through: the name was looked at in UTF-16 units.
     */
    static final String OUTSIDE_THE_BMP = " (a format character outside the BMP, such as the tags U+E0001 and "
            + "U+E0020, is invisible and is two UTF-16 units, a surrogate pair: look at name.codePoints(), not "
            + "name.chars(), whose surrogates are never CONTROL or FORMAT)";

    @RegisterExtension
    final Lab lab = new Lab();

    @Order(1)
    @ParameterizedTest(name = "the name {0} is acceptable")
    @ValueSource(strings = {"Alice", "Zoë", "名前", "a", "Jean Luc", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "Servers", "O'Brien", "a-b_c.d"})
    @Enforces({"R3", "R4", "R5", "R6"})
    void names_of_1_to_32_code_points_without_unsafe_characters_are_acceptable(String name) {
        assertThat(ChatProtocol.nameProblem(name))
                .as("ChatProtocol.nameProblem(%s) should be null: the name is acceptable (%s code points, %s UTF-16 "
                                + "units, %s UTF-8 bytes: count code points, with codePointCount). %s",
                        Bytes.quote(name), name.codePointCount(0, name.length()), name.length(),
                        Bytes.utf8(name).length, RoomUnderTest.NAMES)
                .isNull();
    }

    @Order(2)
    @ParameterizedTest(name = "a name of the wrong length is refused, #{index}")
    @ValueSource(strings = {"", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"})
    @Enforces("R3")
    void names_that_are_empty_or_over_32_code_points_are_refused(String name) {
        expectRefused(name, "it has " + name.codePointCount(0, name.length()) + " characters (code points); a name "
                + "has 1 to 32 of them");
    }

    @Order(3)
    @ParameterizedTest(name = "a name with an unsafe character is refused, #{index}")
    @ValueSource(strings = {"Al\u001bice", "Bob\n", "tab\there", "del\u007f", "c1\u009b", "nel\u0085",
            "evil\u202Eecila", "iso\u2066late\u2069", "zero\u200Bwidth", "\uFEFFbom", "joiner\u200D",
            "line\u2028sep", "para\u2029sep", "Alice\uDB40\uDC01", "SERVER\uDB40\uDC20"})
    @Enforces("R4")
    void names_with_control_or_format_characters_or_separators_are_refused(String name) {
        expectRefused(name, "it contains an unsafe character (Cc, Cf, U+2028 or U+2029)" + OUTSIDE_THE_BMP);
    }

    @Order(4)
    @ParameterizedTest(name = "a name with brackets or nothing visible is refused, #{index}")
    @ValueSource(strings = {"[alice]", "SERVER] alice", "a[b", "[alice", "]bob", "\u00A0", "\u00A0\u2007\u202F"})
    @Enforces("R5")
    void names_with_brackets_or_without_a_visible_character_are_refused(String name) {
        expectRefused(name, "it contains [ or ], or no visible character at all");
    }

    @Order(5)
    @ParameterizedTest(name = "SERVER in another form is refused, #{index}")
    @ValueSource(strings = {"SERVER", "server", "Server", "sErVeR", "ＳＥＲＶＥＲ", "ｓｅｒｖｅｒ"})
    @Enforces("R6")
    void SERVER_in_any_case_or_compatibility_form_is_refused(String name) {
        expectRefused(name, "it reads as SERVER: compare ChatProtocol.key(name) with ChatProtocol.key(\"SERVER\") "
                + "(NFKC, then case folding), not the raw text");
    }

    @Order(6)
    @ParameterizedTest(name = "sanitize, text #{index}")
    @ValueSource(strings = {"plain text", "héllo 👋 世界 [brackets] are fine", "\u001b[2J\u001b[31mred\u001b[0m",
            "bell\u0007", "two\nlines\r\n", "del\u007f and c1\u009b", "fake\n[SERVER] Alice left the chat.",
            "bidi \u202Eesrever\u202C and \u2066isolate\u2069", "zero\u200Bwidth\u200D and \uFEFFbom",
            "line\u2028para\u2029end", "private use \uE000 \uE0B0 \uF8FF and bell\u0007 and \uDB40\uDC01tag"})
    @Enforces("R18")
    void sanitize_replaces_each_unsafe_character_by_a_question_mark_and_keeps_the_rest(String text) {
        String safe = ChatProtocol.sanitize(text);
        String expected = expectedSafe(text);
        assertThat(safe)
                .as("ChatProtocol.sanitize(%s) returned %s; expected %s. %s", Bytes.quote(text), Bytes.quote(safe),
                        Bytes.quote(expected), SAFE)
                .isEqualTo(expected);
    }

    /** The text as the protocol says it must reach others: each Cc, Cf, U+2028, U+2029 one '?'. */
    static String expectedSafe(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || c == 0x2028 || c == 0x2029;
            out.appendCodePoint(unsafe ? '?' : c);
        });
        return out.toString();
    }

    private static void expectRefused(String name, String why) {
        String problem = ChatProtocol.nameProblem(name);
        assertThat(problem)
                .as("ChatProtocol.nameProblem(%s) should give the reason this name cannot be used: %s. %s",
                        Bytes.quote(name), why, RoomUnderTest.NAMES)
                .isNotNull()
                .isNotBlank();
        assertThat(problem.equals(expectedSafe(problem)))
                .as("The reason %s goes back to the user: it must not contain unsafe characters itself.",
                        Bytes.quote(problem))
                .isTrue();
    }
}
