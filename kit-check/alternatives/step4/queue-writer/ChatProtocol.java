package chatlab.step4;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The chat room's rules and texts, apart from any socket: what the server says, which names are
 * acceptable, and what may reach another user's terminal.
 */
public final class ChatProtocol {
    /** Seed 003's port. */
    public static final int DEFAULT_PORT = 5555;
    public static final String WELCOME = "Welcome to the chat server! What's your name?";
    public static final String GOODBYE = "Goodbye!";
    public static final String EXIT = "exit";
    public static final String DISCONNECT = "!DISCONNECT!";
    public static final String ERROR_PREFIX = "ERROR: ";
    public static final String NAME_NOT_AVAILABLE = "Name not available: ";
    public static final String SHUTDOWN_NOTICE = "[SERVER] Server is shutting down.";
    /** To a client that has not chosen an acceptable name in time, before it is disconnected. */
    public static final String NAME_TIMEOUT = "No name chosen in time: disconnecting.";
    /** The name the server speaks as: no user may take it. */
    public static final String SERVER_NAME = "SERVER";
    public static final int MAX_NAME_LENGTH = 32;
    /** How many characters of a client's text the server's log shows at most. */
    public static final int MAX_LOGGED_CHARACTERS = 200;

    /** Code points that are letters or symbols to Unicode, yet print as blank space. */
    private static final int[] BLANK_LOOKING = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800};

    private ChatProtocol() {
    }

    public static String hello(String name) {
        return "Hello " + name + ", you are now connected!";
    }

    public static String joined(String name) {
        return "[SERVER] " + name + " joined the chat.";
    }

    public static String left(String name) {
        return "[SERVER] " + name + " left the chat.";
    }

    /** A message as the other users see it. */
    public static String chatLine(String name, String text) {
        return "[" + name + "] " + text;
    }

    /**
     * The longest frame the server sends: a message of the longest allowed size, with the longest
     * name in front. Clients read with this limit, so every line a user may send can reach them.
     */
    public static int maxLineBytes(int maxMessageBytes) {
        return maxMessageBytes + MAX_NAME_LENGTH * 4 + "[] ".length();
    }

    /** Whether a message ends the client's chat: exit (any case, any surrounding whitespace) or !DISCONNECT!. */
    public static boolean endsChat(String message) {
        String word = message.strip();
        return word.equalsIgnoreCase(EXIT) || word.equals(DISCONNECT);
    }

    /** Whether a line typed at the server's console shuts the server down: exit or shutdown, any case. */
    public static boolean isShutdownCommand(String line) {
        String word = line.strip();
        return word.equalsIgnoreCase(EXIT) || word.equalsIgnoreCase("shutdown");
    }

    /**
     * Why a (stripped) name cannot be used, or null if it can. Uniqueness among the connected users
     * is the room's to check.
     *
     * <p>A name is 1 to 32 code points; it holds no control or format character (Unicode Cc, Cf),
     * no line or paragraph separator, no square bracket (a name in brackets starts every chat line),
     * at least one visible character, and is not SERVER in any case or width.
     */
    public static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "a name cannot be empty";
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            return "a name has at most " + MAX_NAME_LENGTH + " characters";
        }
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (isUnsafe(c)) {
                return "a name cannot contain control, formatting or line-break characters";
            }
            if (Character.getType(c) == Character.SURROGATE) {
                return "a name must be valid text";
            }
            if (c == '[' || c == ']') {
                return "a name cannot contain [ or ]";
            }
            visible |= isVisible(c);
        }
        if (!visible) {
            return "a name needs at least one visible character";
        }
        if (key(name).equals(key(SERVER_NAME))) {
            return "SERVER is the server's own name";
        }
        return null;
    }

    /**
     * The key under which a name is unique: two names are the same if they are the same after
     * Unicode compatibility normalization (NFKC) and case folding, so that "Alice", "ALICE" and
     * "Ａｌｉｃｅ" are one person.
     */
    public static String key(String name) {
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC);
        // Upper then lower case is full case folding for all practical purposes: ß and SS, ſ and s,
        // ς and σ all end up the same.
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC).strip();
    }

    /**
     * The text with every control character (ESC, line breaks, BEL, DEL, C1 codes…) replaced by '?':
     * what one user sends must not move another user's cursor, recolour their terminal or forge a
     * line that seems to come from the server. Format characters (bidi overrides, zero-width
     * characters, BOM) and the line and paragraph separators are replaced as well.
     */
    public static String sanitize(String text) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (isUnsafe(c)) {
                if (safe == null) {
                    safe = new StringBuilder(text.length()).append(text, 0, i);
                }
                safe.append('?');
            } else if (safe != null) {
                safe.append(text, i, next);
            }
            i = next;
        }
        return safe == null ? text : safe.toString();
    }

    /** Cc, Cf, U+2028 and U+2029: what can move a cursor, recolour a terminal, or reorder and hide text. */
    static boolean isUnsafe(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isVisible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return false;
        }
        for (int blank : BLANK_LOOKING) {
            if (c == blank) {
                return false;
            }
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> false;
            default -> true;
        };
    }

    /**
     * A client's text as the server logs it: sanitized, and cut to {@link #MAX_LOGGED_CHARACTERS}
     * characters, so that no client recolours or floods the operator's terminal.
     */
    public static String forLog(String text) {
        String safe = sanitize(text);
        if (safe.codePointCount(0, safe.length()) <= MAX_LOGGED_CHARACTERS) {
            return safe;
        }
        int end = safe.offsetByCodePoints(0, MAX_LOGGED_CHARACTERS);
        return safe.substring(0, end) + "... (" + safe.codePointCount(0, safe.length()) + " characters)";
    }
}
