package chatlab.tools;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The framed steps' wire, as the bench speaks it: a header of {@code headerSize} bytes holding the
 * body's length in ASCII digits, left-aligned and padded with spaces, then the UTF-8 body. The
 * tools do not depend on the kit's own code, and a bench must not trust the server it measures.
 *
 * @param headerSize the header's size in bytes, as the server was given it
 */
record BenchFrames(int headerSize) {
    /** The longest body the bench accepts from a server: more is a broken header, not a message. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** Header and body in one array, for one write: two writes would meet Nagle's algorithm. */
    byte[] encode(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        String length = Integer.toString(body.length);
        if (length.length() > headerSize) {
            throw new IllegalArgumentException("a " + body.length + "-byte message does not fit a " + headerSize
                    + "-byte header");
        }
        byte[] frame = new byte[headerSize + body.length];
        Arrays.fill(frame, 0, headerSize, (byte) ' ');
        System.arraycopy(length.getBytes(StandardCharsets.US_ASCII), 0, frame, 0, length.length());
        System.arraycopy(body, 0, frame, headerSize, body.length);
        return frame;
    }

    /**
     * The next frame's body, or null if the server closed the connection between frames.
     *
     * @throws EOFException      if it closed inside a frame
     * @throws ProtocolException if the header holds no length the bench accepts
     */
    String read(InputStream in, byte[] header) throws IOException {
        int got = in.readNBytes(header, 0, headerSize);
        if (got == 0) {
            return null;
        }
        if (got < headerSize) {
            throw new EOFException("the connection closed inside a header (" + got + " of " + headerSize + " bytes)");
        }
        int length = length(header);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("the connection closed inside a message (" + body.length + " of " + length
                    + " bytes)");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private int length(byte[] header) throws ProtocolException {
        long length = lengthIn(header, headerSize);
        if (length < 0) {
            throw new ProtocolException("header is not a length: " + shown(header));
        }
        if (length > MAX_BODY_BYTES) {
            throw new ProtocolException("header announces " + length + " bytes (the bench takes up to "
                    + MAX_BODY_BYTES + ")");
        }
        return (int) length;
    }

    /**
     * The length the first {@code size} bytes of a header hold, as the tools read it (the bench and
     * the probe): digits with spaces around them and nothing else; -1 if none.
     */
    static long lengthIn(byte[] header, int size) {
        int start = 0;
        int end = size;
        while (start < end && header[start] == ' ') {
            start++;
        }
        while (end > start && header[end - 1] == ' ') {
            end--;
        }
        // Up to 9 digits: any length a server could mean, and never an overflow.
        if (start == end || end - start > 9) {
            return -1;
        }
        long length = 0;
        for (int i = start; i < end; i++) {
            if (header[i] < '0' || header[i] > '9') {
                return -1;
            }
            length = length * 10 + (header[i] - '0');
        }
        return length;
    }

    /** The header as a report may quote it: printable ASCII, cut short. */
    private String shown(byte[] header) {
        StringBuilder shown = new StringBuilder("\"");
        for (int i = 0; i < Math.min(headerSize, 20); i++) {
            shown.append(header[i] >= 0x20 && header[i] < 0x7f ? (char) header[i] : '?');
        }
        return shown.append(headerSize > 20 ? "...\"" : "\"").toString();
    }
}
