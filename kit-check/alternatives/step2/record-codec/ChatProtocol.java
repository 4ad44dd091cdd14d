package chatlab.step2;

/**
 * What the step 2 server answers, apart from any socket or framing: every message gets a receipt,
 * and exit (or seed 002's !DISCONNECT!) gets a goodbye that ends the connection.
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

    private ChatProtocol() {
    }

    /** Whether the message ends the connection: exit (any case, any surrounding whitespace) or !DISCONNECT!. */
    public static boolean endsChat(String message) {
        String text = message.strip();
        return text.equalsIgnoreCase(EXIT) || text.equals(DISCONNECT);
    }

    /** The server's answer to a message. */
    public static String answerTo(String message) {
        return endsChat(message) ? GOODBYE : RECEIVED;
    }
}
