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
        if (name == null || name.isEmpty()) {
            return "the name is empty";
        }
        int length = name.length();
        if (length > MAX_NAME_LENGTH) {
            return "the name has " + length + " characters; at most " + MAX_NAME_LENGTH + " are allowed";
        }
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (isUnsafe(cp)) {
                return "the name holds a control or format character";
            }
            if (cp == '[' || cp == ']') {
                return "the name may not hold [ or ]";
            }
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                visible = true;
            }
            i += Character.charCount(cp);
        }
        if (!visible) {
            return "the name has no visible character";
        }
        if (key(name).equals(key(SERVER_NAME))) {
            return "\"" + name + "\" is the server's name";
        }
        return null;
    }

    /** Whether a code point may not reach a terminal as it is: Cc, Cf, U+2028, U+2029. */
    static boolean isUnsafe(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return true;
            default:
                return false;
        }
    }

    /**
     * The key under which a name is unique: Unicode NFKC (so that fullwidth and other compatibility
     * forms count as what they look like), then case folded (upper, then lower: so that Alice, ALICE
     * and straße/STRASSE are the same person).
     */
    public static String key(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /**
     * The text with every control character (Cc: ESC, line breaks, BEL, DEL, C1 codes), format
     * character (Cf: bidi overrides and isolates, zero-width characters, the BOM) and line or paragraph
     * separator (U+2028, U+2029) replaced by '?': what one user sends must not move another user's
     * cursor, recolour their terminal, reorder their line or forge a line that seems to come from the
     * server.
     */
    public static String sanitize(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (isUnsafe(cp)) {
                safe.append('?');
            } else {
                safe.appendCodePoint(cp);
            }
        });
        return safe.toString();
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
