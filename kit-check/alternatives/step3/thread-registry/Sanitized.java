package chatlab.step3;

import java.util.regex.Pattern;

/**
 * Client text made safe for the operator's terminal: every control or format character (Unicode Cc,
 * Cf: ESC, BEL, bidi controls, zero-width characters, BOM), line or paragraph separator becomes
 * {@code ?}, and anything past {@link #LIMIT} characters is cut, with a note of how much.
 */
final class Sanitized {
    /** The most characters (code points) of one client text the log shows. */
    static final int LIMIT = 200;
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]");

    private Sanitized() {
    }

    static String text(String raw) {
        String cut = raw;
        int codePoints = raw.codePointCount(0, raw.length());
        if (codePoints > LIMIT) {
            cut = raw.substring(0, raw.offsetByCodePoints(0, LIMIT));
        }
        String safe = UNSAFE.matcher(cut).replaceAll("?");
        return codePoints > LIMIT ? safe + "... (" + (codePoints - LIMIT) + " more characters)" : safe;
    }
}
