package chatlab.step2;

import java.nio.charset.StandardCharsets;

/** Makes text that came from the other side safe to print or to quote back: no control characters, bounded. */
final class Quote {
    /** The longest piece of client text that goes into a log line, in code points. */
    static final int MAX_LOGGED = 200;

    private Quote() {
    }

    /** For a log line: control and format characters (and line/paragraph separators) become '?'; long text is cut. */
    static String safe(String text) {
        return printable(text, MAX_LOGGED);
    }

    /** Control and format characters (and line/paragraph separators) become '?'; the text is cut after max code points. */
    static String printable(String text, int max) {
        StringBuilder safe = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (count++ == max) {
                return safe.append("... (").append(text.codePointCount(0, text.length())).append(" characters)")
                        .toString();
            }
            safe.appendCodePoint(isHarmless(c) ? c : '?');
        }
        return safe.toString();
    }

    private static boolean isHarmless(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> false;
            default -> true;
        };
    }

    /** A header's text as it may be quoted in an ERROR frame: printable ASCII only, at most 20 characters. */
    static String header(byte[] header) {
        StringBuilder shown = new StringBuilder("\"");
        int end = header.length;
        while (end > 0 && header[end - 1] == ' ') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (i == 20) {
                return shown.append("...\"").toString();
            }
            int b = header[i] & 0xff;
            shown.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return shown.append('"').toString();
    }
}
