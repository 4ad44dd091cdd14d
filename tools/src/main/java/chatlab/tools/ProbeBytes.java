package chatlab.tools;

import chatlab.tools.ProbeCommand.BadInput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The probe's notation for bytes: escapes in what the user types, the same escapes in what it shows. */
final class ProbeBytes {
    /** A line shows at most about this many characters of bytes: a 64 KB message must not flood the terminal. */
    private static final int SHOWN_LIMIT = 600;
    /** Runs of spaces or escaped bytes this long are counted, not shown; a header's padding is one of them. */
    private static final int RUN = 8;
    /** Runs of another printable character this long are counted too (a test's 2000 x's). */
    private static final int LONG_RUN = 32;
    private static final String ESCAPES = "use \\n \\r \\t \\\" \\\\ \\xNN or \\u{NNNN}";

    private ProbeBytes() {
    }

    /** The bytes a TEXT stands for: its escapes decoded, every other character in UTF-8. */
    static byte[] parse(String option, String text) throws BadInput {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c != '\\') {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
                continue;
            }
            if (i + 1 == text.length()) {
                throw bad(option, text, "it ends with a lone \\; " + ESCAPES + " (\\\\ for a backslash)");
            }
            char escaped = text.charAt(i + 1);
            switch (escaped) {
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case '\\', '"' -> bytes.write(escaped);
                case 'x' -> {
                    String hex = text.substring(i + 2, Math.min(i + 4, text.length()));
                    if (!hex.matches("[0-9A-Fa-f]{2}")) {
                        throw bad(option, text, "\\x takes two hex digits (\\x0a, \\xff)");
                    }
                    bytes.write(Integer.parseInt(hex, 16));
                    i += 2;
                }
                case 'u' -> {
                    int close = text.indexOf('}', i);
                    String hex = close < 0 ? "" : text.substring(i + 2, close);
                    int codePoint = hex.matches("\\{[0-9A-Fa-f]{1,6}") ? Integer.parseInt(hex.substring(1), 16)
                            : -1;
                    if (!Character.isValidCodePoint(codePoint)
                            || Character.getType(codePoint) == Character.SURROGATE) {
                        throw bad(option, text, "\\u takes a character's hex number in braces (\\u{e9}, "
                                + "\\u{202E})");
                    }
                    bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                    i = close - 1;
                }
                default -> throw bad(option, text, "\\" + escaped + " is not an escape; " + ESCAPES);
            }
            i += 2;
        }
        return bytes.toByteArray();
    }

    private static BadInput bad(String option, String text, String why) {
        return new BadInput(option + " " + ProbeCommand.quoted(text) + ": " + why);
    }

    /** The bytes in quotes, escaped where they are not visible text, long runs counted. */
    static String shown(byte[] bytes, int from, int to) {
        List<String> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int at = from;
        int width = 0;
        while (at < to) {
            if (width >= SHOWN_LIMIT) {
                close(text, parts);
                parts.add("... (" + (to - at) + " more bytes)");
                break;
            }
            int length = utf8Length(bytes, at, to);
            if (length > 1) {
                int c = new String(bytes, at, length, StandardCharsets.UTF_8).codePointAt(0);
                String shown = visible(c) ? new String(Character.toChars(c))
                        : "\\u{" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + "}";
                text.append(shown);
                width += shown.length();
                at += length;
                continue;
            }
            int b = bytes[at] & 0xff;
            String shown = single(b);
            int run = 1;
            while (at + run < to && bytes[at + run] == bytes[at]) {
                run++;
            }
            if (run >= (b == ' ' || shown.length() > 1 ? RUN : LONG_RUN)) {
                close(text, parts);
                parts.add(b == ' ' ? "(" + run + " spaces)"
                        : "(" + run + " times " + (shown.length() > 1 ? shown : "\"" + shown + "\"") + ")");
                width += 12;
                at += run;
                continue;
            }
            text.append(shown);
            width += shown.length();
            at++;
        }
        close(text, parts);
        return parts.isEmpty() ? "\"\"" : String.join(" ", parts);
    }

    static boolean isUtf8(byte[] bytes) {
        return Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
    }

    private static void close(StringBuilder text, List<String> parts) {
        if (text.length() > 0) {
            parts.add("\"" + text + "\"");
            text.setLength(0);
        }
    }

    /** One byte that is ASCII, or not part of a character: as itself or an escape. */
    private static String single(int b) {
        return switch (b) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format(Locale.ROOT, "\\x%02x", b);
        };
    }

    /** How many bytes the UTF-8 character at {@code at} takes: 2 to 4, or 1 if it is ASCII or not UTF-8. */
    private static int utf8Length(byte[] bytes, int at, int to) {
        int b = bytes[at] & 0xff;
        int length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 1;
        if (length == 1 || at + length > to) {
            return 1;
        }
        // What decodes and encodes back to the same bytes is UTF-8 (no overlong forms, no surrogates).
        return isUtf8(Arrays.copyOfRange(bytes, at, at + length)) ? length : 1;
    }

    /** Shown as itself: not a control, format, private or unassigned character, nor a space other than ' '. */
    private static boolean visible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
