package chatlab.step1;

import java.nio.charset.StandardCharsets;

/**
 * The rules of the step 1 chat, apart from any socket: what a message looks like in bytes, and
 * which message ends the chat. The server and the client both follow them.
 */
public final class ChatProtocol {
    /** The most one read takes, and so the longest message (in bytes) that can arrive whole. */
    public static final int MAX_MESSAGE_BYTES = 1024;
    /** Either side sends this to end the chat. */
    public static final String EXIT = "exit";
    /** The server's answer to a client's exit. */
    public static final String GOODBYE = "Goodbye!";
    /** The server's answer to everything else, with --auto. */
    public static final String AUTO_REPLY = "Message received";

    private ChatProtocol() {
    }

    /** Whether the message ends the chat: "exit", in any case, with any surrounding whitespace. */
    public static boolean isExit(String message) {
        return message != null && message.strip().equalsIgnoreCase(EXIT);
    }

    /** The bytes that carry a message: its UTF-8 encoding, nothing added. */
    public static byte[] encode(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The message in {@code data[0..length)}, decoded as UTF-8, without one trailing line break
     * ({@code \n} or {@code \r\n}): a line sent from netcat arrives with the Enter key in it.
     */
    public static String decode(byte[] data, int length) {
        int end = length;
        if (end > 0 && data[end - 1] == '\n') {
            end--;
            if (end > 0 && data[end - 1] == '\r') {
                end--;
            }
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }
}
