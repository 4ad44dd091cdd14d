package chatlab.grading;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Raw bytes that arrived where they should not, shown as the frames they hold (the header as its
 * number, the message as text) rather than as a kilobyte of padding.
 */
public final class FramedBytes {
    private FramedBytes() {
    }

    /** E.g. {@code frame "Message received by server" (header "26"), then 3 bytes "abc"}. */
    public static String describe(byte[] data, int headerSize) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (data.length - at >= headerSize) {
            byte[] header = Arrays.copyOfRange(data, at, at + headerSize);
            int length = strictLength(header);
            if (length < 0 || data.length - at - headerSize < length) {
                break;
            }
            byte[] body = Arrays.copyOfRange(data, at + headerSize, at + headerSize + length);
            out.append(out.length() == 0 ? "" : ", then ").append("frame ").append(Bytes.preview(body))
                    .append(" (header \"").append(new String(header, StandardCharsets.US_ASCII).strip()).append("\")");
            at += headerSize + length;
        }
        if (at < data.length) {
            byte[] rest = Arrays.copyOfRange(data, at, data.length);
            String escaped = Bytes.escape(rest).replaceAll(" {8,}", "<$0>");
            String shown = "\"" + java.util.regex.Pattern.compile("<( +)>").matcher(escaped)
                    .replaceAll(run -> "\" then " + (run.group(1).length()) + " spaces then \"") + "\"";
            if (shown.length() > 300) {
                shown = shown.substring(0, 300) + "...";
            }
            out.append(out.length() == 0 ? "" : ", then ").append(rest.length).append(" byte").append(rest.length == 1 ? "" : "s")
                    .append(" that are not a whole frame: ").append(shown);
        }
        return out.toString();
    }

    /** The length in a header of digits padded with spaces (0x20) only, or -1: a frame as the protocol says. */
    private static int strictLength(byte[] header) {
        int start = 0;
        int end = header.length;
        while (start < end && header[start] == ' ') {
            start++;
        }
        while (end > start && header[end - 1] == ' ') {
            end--;
        }
        if (start == end || end - start > 9) {
            return -1;
        }
        int length = 0;
        for (int i = start; i < end; i++) {
            if (header[i] < '0' || header[i] > '9') {
                return -1;
            }
            length = length * 10 + header[i] - '0';
        }
        return length;
    }
}
