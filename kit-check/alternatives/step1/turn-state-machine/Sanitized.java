package chatlab.step1;

/**
 * Peer text as it may appear in a log: nothing in it can move the cursor, recolour, reorder or
 * break the operator's lines, and it is at most {@value #LIMIT} characters long.
 */
final class Sanitized {
    static final int LIMIT = 200;
    private static final String CUT = "…";

    private Sanitized() {
    }

    static String text(String raw) {
        StringBuilder shown = new StringBuilder();
        raw.codePoints().limit(LIMIT).forEach(c -> shown.appendCodePoint(harmless(c) ? c : '?'));
        if (raw.codePointCount(0, raw.length()) > LIMIT) {
            shown.setLength(shown.offsetByCodePoints(0, LIMIT - CUT.length()));
            shown.append(CUT);
        }
        return shown.toString();
    }

    private static boolean harmless(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }
}
