package chatlab.step3;

/**
 * Given, done (step 2 wrote it): what the server answers. New in step 3: what it says when it
 * shuts down, and which console commands shut it down.
 */
public final class ChatProtocol {
    /** Seed 000's port. */
    public static final int DEFAULT_PORT = 12360;
    public static final String RECEIVED = "Message received by server";
    public static final String GOODBYE = "Goodbye!";
    public static final String EXIT = "exit";
    /** Seed 002's way of saying exit. */
    public static final String DISCONNECT = "!DISCONNECT!";
    /** How an error frame begins: the server sends it, then closes that connection. */
    public static final String ERROR_PREFIX = "ERROR: ";
    /** What every connected client is told when the server shuts down. */
    public static final String SHUTDOWN_NOTICE = "Server is shutting down.";

    private ChatProtocol() {
    }

    /** Whether a client's message ends its connection: exit (any case, any surrounding whitespace) or !DISCONNECT!. */
    public static boolean endsChat(String message) {
        String word = message.strip();
        return word.equalsIgnoreCase(EXIT) || word.equals(DISCONNECT);
    }

    /** The server's answer to a message. */
    public static String answerTo(String message) {
        return endsChat(message) ? GOODBYE : RECEIVED;
    }

    /** The longest piece of a client's text that the server's log shows. */
    public static final int LOGGED_CHARS = 200;

    /**
     * A client's text as the server's log may show it: control and format characters (ESC, BEL,
     * line breaks, bidi overrides, zero-width characters, BOM) and line/paragraph separators become
     * {@code ?}, and the text is cut to {@link #LOGGED_CHARS} characters: a client can neither
     * recolour nor flood the operator's terminal, nor forge a log line.
     */
    public static String forLog(String text) {
        int[] codePoints = text.codePoints().toArray();
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(codePoints.length, LOGGED_CHARS); i++) {
            int type = Character.getType(codePoints[i]);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            shown.appendCodePoint(unsafe ? '?' : codePoints[i]);
        }
        if (codePoints.length > LOGGED_CHARS) {
            shown.append("... (").append(codePoints.length).append(" characters in all)");
        }
        return shown.toString();
    }

    /** Whether a line typed at the server's console shuts the server down: exit or shutdown, any case. */
    public static boolean isShutdownCommand(String line) {
        String word = line.strip();
        return word.equalsIgnoreCase(EXIT) || word.equalsIgnoreCase("shutdown");
    }
}
