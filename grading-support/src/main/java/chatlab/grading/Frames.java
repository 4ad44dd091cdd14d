package chatlab.grading;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The graders' own framing (steps 2 to 4), written apart from any student's code: a header of
 * exactly {@code headerSize} bytes, the body's length in bytes as ASCII digits, left-aligned and
 * padded with spaces; then the body, UTF-8.
 */
public final class Frames {
    private Frames() {
    }

    public static byte[] encode(String message, int headerSize) {
        byte[] body = Bytes.utf8(message);
        byte[] frame = header(String.valueOf(body.length), headerSize);
        frame = Arrays.copyOf(frame, headerSize + body.length);
        System.arraycopy(body, 0, frame, headerSize, body.length);
        return frame;
    }

    /** A header holding any text, left-aligned and padded with spaces: for malformed headers too. */
    public static byte[] header(String text, int headerSize) {
        byte[] header = new byte[headerSize];
        Arrays.fill(header, (byte) ' ');
        byte[] digits = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(digits, 0, header, 0, digits.length);
        return header;
    }

    /**
     * The length in a well-formed header, or -1. Spaces (0x20) around the ASCII digits are allowed,
     * nothing else: a server that pads with TABs or ends its header with a line break is wrong.
     */
    public static int length(byte[] header) {
        int start = 0;
        int end = header.length;
        while (start < end && header[start] == ' ') {
            start++;
        }
        while (end > start && header[end - 1] == ' ') {
            end--;
        }
        String text = new String(header, start, end - start, StandardCharsets.US_ASCII);
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    /** A header as a person reads it: {@code "5" then 1023 spaces}, or escaped bytes if it is not like that. */
    public static String describeHeader(byte[] header) {
        int end = header.length;
        while (end > 0 && header[end - 1] == ' ') {
            end--;
        }
        String start = Bytes.quote(Arrays.copyOf(header, end));
        int spaces = header.length - end;
        return spaces == 0 ? start : start + " then " + spaces + " space" + (spaces == 1 ? "" : "s");
    }
}
