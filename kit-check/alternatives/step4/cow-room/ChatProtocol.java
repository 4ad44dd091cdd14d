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
     */
    public static String nameProblem(String name) {
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            return "the name is empty; please type one";
        }
        if (length > MAX_NAME_LENGTH) {
            return "the name is " + length + " characters long; at most " + MAX_NAME_LENGTH + " are allowed";
        }
        if (name.codePoints().anyMatch(ChatProtocol::mustBeReplaced)) {
            return "the name contains an invisible control, formatting or line separator character";
        }
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            return "the name is not well-formed text";
        }
        if (name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {
            return "square brackets [ ] are not allowed in a name";
        }
        if (name.codePoints().noneMatch(ChatProtocol::shows)) {
            return "the name has nothing visible in it";
        }
        if (key(name).equals(key(SERVER_NAME))) {
            return "\"" + SERVER_NAME + "\" is reserved for the server";
        }
        return null;
    }

    /**
     * The key under which a name is unique: names differ only if they still differ after NFKC
     * normalization (full-width, ligatures, compatibility forms) and case folding.
     */
    public static String key(String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        // String-wide case mapping (not per char) so that ß folds to ss and final sigma to sigma.
        String folded = nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /**
     * The text with every control character (ESC, line breaks, BEL, DEL, C1 codes…) replaced by '?':
     * what one user sends must not move another user's cursor, recolour their terminal or forge a
     * line that seems to come from the server. So are format characters (bidi controls, zero-width
     * characters, BOM) and U+2028/U+2029.
     */
    public static String sanitize(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (mustBeReplaced(c)) {
                safe.append('?');
            } else {
                safe.appendCodePoint(c);
            }
        });
        return safe.toString();
    }

    private static boolean mustBeReplaced(int c) {
        switch (Character.getType(c)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return true;
            default:
                return false;
        }
    }

    /** Whether the code point leaves a mark on the screen by itself. */
    private static boolean shows(int c) {
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.COMBINING_SPACING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                // Hangul fillers and the blank Braille pattern are letters and symbols that print as nothing.
                return c != 0x115F && c != 0x1160 && c != 0x3164 && c != 0xFFA0 && c != 0x2800;
            default:
                return false; // spaces, marks without a base, controls, private use, unassigned
        }
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
