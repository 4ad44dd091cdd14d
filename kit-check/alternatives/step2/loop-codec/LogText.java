package chatlab.step2;

/** Text from the other side, made harmless for a terminal: no control or format characters, bounded. */
final class LogText {
    static final int LIMIT = 200;

    private LogText() {
    }

    /** For the server's log: made printable and cut after {@value #LIMIT} characters. */
    static String of(String text) {
        int total = text.codePointCount(0, text.length());
        String shown = printable(total <= LIMIT ? text : text.substring(0, text.offsetByCodePoints(0, LIMIT)));
        return total <= LIMIT ? shown : shown + "… [" + total + " characters]";
    }

    /** Every control or format character, and the line and paragraph separators, becomes '?'. */
    static String printable(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().map(c -> harmful(c) ? '?' : c).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    private static boolean harmful(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || c == '\u2028' || c == '\u2029';
    }
}
