package chatlab.step3;

/**
 * Client text as the server may log it: control and format characters (ESC, BEL, bidi overrides,
 * zero-width characters, BOM) and line/paragraph separators become {@code ?}, and the text is cut to
 * a bounded length, so that a client can neither recolour nor flood the operator's terminal.
 */
final class LogText {
    /** The most code points of client text one log line shows. */
    static final int MAX_CODE_POINTS = 200;

    private LogText() {
    }

    static String of(String text) {
        StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS + 16));
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (count == MAX_CODE_POINTS) {
                int left = text.codePointCount(i - Character.charCount(codePoint), text.length());
                shown.append("... (").append(left).append(" more characters)");
                break;
            }
            shown.appendCodePoint(isSafe(codePoint) ? codePoint : '?');
            count++;
        }
        return shown.toString();
    }

    private static boolean isSafe(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }
}
