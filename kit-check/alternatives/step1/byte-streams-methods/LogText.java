package chatlab.step1;

/**
 * Text a peer sent, made safe to print on the operator's terminal: control and format characters
 * (ESC, BEL, bidi overrides, zero-width, BOM), line separators and lone surrogates become
 * {@code ?}, and anything past {@value #MAX_CODE_POINTS} code points is cut off.
 */
final class LogText {
    static final int MAX_CODE_POINTS = 200;

    private LogText() {
    }

    static String of(String text) {
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS + 3));
        int kept = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (kept == MAX_CODE_POINTS) {
                return safe.append("...").toString();
            }
            int c = text.codePointAt(i);
            safe.appendCodePoint(printable(c) ? c : '?');
            kept++;
        }
        return safe.toString();
    }

    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
