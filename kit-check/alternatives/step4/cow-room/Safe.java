package chatlab.step4;

/** Helpers that keep a client's text harmless where the server puts it: its own log, the room's keys. */
final class Safe {
    private static final int LOGGED_CHARACTERS = 200;

    private Safe() {
    }

    /** For the operator's log: no control or format characters, at most 200 characters. */
    static String logged(String clientText) {
        String text = ChatProtocol.sanitize(clientText == null ? "" : clientText);
        if (text.codePointCount(0, text.length()) > LOGGED_CHARACTERS) {
            text = text.substring(0, text.offsetByCodePoints(0, LOGGED_CHARACTERS)) + " [...]";
        }
        return text;
    }

    /** A typed name without surrounding white space, no-break spaces included. */
    static String trimmedName(String typed) {
        int[] points = typed.codePoints().toArray();
        int from = 0;
        int to = points.length;
        while (from < to && blank(points[from])) {
            from++;
        }
        while (to > from && blank(points[to - 1])) {
            to--;
        }
        return new String(points, from, to - from);
    }

    private static boolean blank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
