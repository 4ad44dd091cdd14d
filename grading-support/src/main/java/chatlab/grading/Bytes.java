package chatlab.grading;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Shows bytes the way a student can read them in a failure message: printable text as is, line
 * breaks and control bytes escaped, valid UTF-8 as its characters (those that a terminal would not
 * show, such as a zero-width space or a bidi override, as &#92;u{200B}), anything else as
 * {@code \xNN}.
 */
public final class Bytes {
    static final int PREVIEW_BYTES = 120;

    private Bytes() {
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes in double quotes, escaped: {@code "hello\r\n"}. */
    public static String quote(byte[] data) {
        return '"' + escape(data) + '"';
    }

    /** Like {@link #quote(byte[])}, cut after {@value #PREVIEW_BYTES} bytes so a transcript stays readable. */
    public static String preview(byte[] data) {
        if (data.length <= PREVIEW_BYTES) {
            return quote(data);
        }
        return quote(Arrays.copyOf(data, PREVIEW_BYTES)) + "... (" + data.length + " bytes in all)";
    }

    public static String quote(String text) {
        return quote(utf8(text));
    }

    /**
     * The text with its control characters escaped ({@code \t}, {@code \r}, {@code \x00}) and the
     * rest as is: for a check's name, which a raw CR or TAB would garble on a terminal.
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (!Character.isISOControl(c)) {
                out.appendCodePoint(c);
            } else if (c < 0x80) {
                out.append(escapeByte(c));
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            }
        });
        return out.toString();
    }

    public static String escape(byte[] data) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xFF;
            if (b >= 0x80) {
                int length = utf8SequenceLength(data, i);
                if (length > 0) {
                    String character = new String(data, i, length, StandardCharsets.UTF_8);
                    out.append(invisible(character.codePointAt(0))
                            ? String.format(Locale.ROOT, "\\u{%04X}", character.codePointAt(0)) : character);
                    i += length;
                    continue;
                }
            }
            out.append(escapeByte(b));
            i++;
        }
        return out.toString();
    }

    /** Where two byte strings first differ, or -1 when they are equal. */
    public static int firstDifference(byte[] expected, byte[] actual) {
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return expected.length == actual.length ? -1 : common;
    }

    /**
     * Lines that show both values, escaped, with a caret under the first byte that differs:
     * <pre>
     *   expected: "Goodbye!"
     *   received: "Goodbye!\n"
     *                      ^ differs at byte 8: received has 1 byte more
     * </pre>
     */
    public static String comparison(byte[] expected, byte[] actual) {
        String expectedLine = "  expected: " + quote(expected);
        String actualLine = "  received: " + quote(actual);
        int at = firstDifference(expected, actual);
        if (at < 0) {
            return expectedLine + "\n" + actualLine;
        }
        String before = escape(Arrays.copyOf(actual, Math.min(at, actual.length)));
        int column = "  received: \"".length() + before.codePointCount(0, before.length());
        String why;
        if (at >= actual.length) {
            why = "received is " + (expected.length - actual.length) + " byte(s) short";
        } else if (at >= expected.length) {
            why = "received has " + (actual.length - expected.length) + " byte(s) more: " + quote(Arrays.copyOfRange(actual, at, actual.length));
        } else {
            why = "expected '" + escapeByte(expected[at] & 0xFF) + "', received '" + escapeByte(actual[at] & 0xFF) + "'";
        }
        return expectedLine + "\n" + actualLine + "\n" + " ".repeat(column) + "^ first difference at byte " + at + ": " + why;
    }

    private static String escapeByte(int b) {
        switch (b) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '"': return "\\\"";
            case '\\': return "\\\\";
            default:
                return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format(Locale.ROOT, "\\x%02x", b);
        }
    }

    /**
     * A character a terminal would not show as itself, or that would rearrange what follows: C1
     * controls, format characters (zero-width, bidi controls, the BOM, tags) and the line and
     * paragraph separators. A report shows them escaped, so a student sees what was really sent.
     */
    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The length of the well-formed UTF-8 sequence starting at {@code start}, or 0 if it is not one. */
    private static int utf8SequenceLength(byte[] data, int start) {
        int lead = data[start] & 0xFF;
        int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
        if (length == 0 || start + length > data.length) {
            return 0;
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            strict.decode(ByteBuffer.wrap(data, start, length));
            return length;
        } catch (CharacterCodingException e) {
            return 0;
        }
    }
}
