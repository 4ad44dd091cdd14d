package chatlab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void escapes_line_breaks_quotes_and_control_bytes_but_keeps_UTF_8_text() {
        assertThat(Bytes.quote("hi\r\n\t\"x\"\\ \u001b[31m")).isEqualTo("\"hi\\r\\n\\t\\\"x\\\"\\\\ \\x1b[31m\"");
        assertThat(Bytes.quote("héllo 👋")).isEqualTo("\"héllo 👋\"");
        // What a terminal would hide or rearrange is shown escaped: zero-width space, bidi override,
        // a tag outside the BMP, a C1 control, the line separator.
        assertThat(Bytes.quote("a\u200Bb\u202Ec\uDB40\uDC01d\u0085e\u2028f"))
                .isEqualTo("\"a\\u{200B}b\\u{202E}c\\u{E0001}d\\u{0085}e\\u{2028}f\"");
    }

    @Test
    void makes_a_check_name_printable_without_quoting_it() {
        assertThat(Bytes.printable("header \t5 and 5\r\n, \u0000, \u0085 \"é\""))
                .isEqualTo("header \\t5 and 5\\r\\n, \\x00, \\u0085 \"é\"");
    }

    @Test
    void shows_broken_UTF_8_byte_by_byte() {
        assertThat(Bytes.quote(new byte[] {'a', (byte) 0xC3, 'b', (byte) 0xFF})).isEqualTo("\"a\\xc3b\\xff\"");
    }

    @Test
    void points_a_caret_at_the_first_difference() {
        String comparison = Bytes.comparison(Bytes.utf8("Goodbye!"), Bytes.utf8("Goodbye!\n"));
        assertThat(comparison).isEqualTo(String.join("\n",
                "  expected: \"Goodbye!\"",
                "  received: \"Goodbye!\\n\"",
                "                     ^ first difference at byte 8: received has 1 byte(s) more: \"\\n\""));
        assertThat(Bytes.comparison(Bytes.utf8("abc"), Bytes.utf8("abd")))
                .endsWith("^ first difference at byte 2: expected 'c', received 'd'");
        assertThat(Bytes.comparison(Bytes.utf8("abc"), Bytes.utf8("ab")))
                .endsWith("^ first difference at byte 2: received is 1 byte(s) short");
    }

    @Test
    void previews_long_data() {
        assertThat(Bytes.preview(new byte[500])).endsWith("... (500 bytes in all)");
    }
}
