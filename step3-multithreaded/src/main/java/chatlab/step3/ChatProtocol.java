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

    /** Whether a line typed at the server's console shuts the server down: exit or shutdown, any case. */
    public static boolean isShutdownCommand(String line) {
        String word = line.strip();
        return word.equalsIgnoreCase(EXIT) || word.equalsIgnoreCase("shutdown");
    }
}
