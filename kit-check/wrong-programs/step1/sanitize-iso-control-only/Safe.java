package chatlab.step1;

/** Makes text from the other side safe to print on the operator's terminal. */
final class Safe {
    static final int MAX_SHOWN = 200;

    private Safe() {
    }

    static String text(String raw) {
        StringBuilder shown = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            int cp = raw.codePointAt(i);
            String piece = Character.isISOControl(cp) ? "?" : new String(Character.toChars(cp));
            if (shown.length() + piece.length() > MAX_SHOWN) {
                break;
            }
            shown.append(piece);
            i += Character.charCount(cp);
        }
        return shown.toString();
    }
}
