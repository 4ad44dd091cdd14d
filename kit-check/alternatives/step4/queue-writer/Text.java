package chatlab.step4;

/** What the server does to text before it reaches a terminal or a log, and to names before it checks them. */
final class Text {
    /** How much of a client's text the server's log shows. */
    static final int LOG_LIMIT = 200;

    private Text() {
    }

    /**
     * The text without surrounding white space, where white space includes the no-break spaces
     * ({@link String#strip()} keeps U+00A0, so "Alice\u00A0" would look just like "Alice").
     */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end) {
            int c = text.codePointAt(start);
            if (!isSpace(c)) {
                break;
            }
            start += Character.charCount(c);
        }
        while (end > start) {
            int c = text.codePointBefore(end);
            if (!isSpace(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Client text as the operator's log may show it: sanitized, and cut to a bounded length. */
    static String forLog(String text) {
        if (text == null) {
            return "";
        }
        String safe = ChatProtocol.sanitize(text);
        int points = safe.codePointCount(0, safe.length());
        if (points <= LOG_LIMIT) {
            return safe;
        }
        return safe.substring(0, safe.offsetByCodePoints(0, LOG_LIMIT)) + "... (" + points + " characters)";
    }
}
