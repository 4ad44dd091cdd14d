package chatlab.step4;

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
    /** The name the server speaks as: no user may take it. */
    public static final String SERVER_NAME = "SERVER";
    public static final int MAX_NAME_LENGTH = 32;

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
        if (name.isEmpty()) {
            return "a name needs at least one character";
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            return "a name has at most " + MAX_NAME_LENGTH + " characters";
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return "a name cannot contain control characters";
        }
        if (name.equalsIgnoreCase(SERVER_NAME)) {
            return "SERVER is the server's own name";
        }
        return null;
    }

    /** The key under which a name is unique: names differ only if they differ ignoring case. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * The text with every control character (ESC, line breaks, BEL, DEL, C1 codes…) replaced by '?':
     * what one user sends must not move another user's cursor, recolour their terminal or forge a
     * line that seems to come from the server.
     */
    public static String sanitize(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return safe.toString();
    }
}
