package chatlab.step2;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Frames messages on a byte stream. A frame is a header of exactly {@code headerSize} bytes that
 * holds the message's length in bytes (ASCII digits, left-aligned, padded with spaces), then the
 * message in UTF-8. With a header size of 8, "hello" is {@code "5       hello"}.
 *
 * <p>The reader trusts nothing it reads: a header that is not a length, or a length over the
 * limit, fails before a single byte of the message is read or a buffer is allocated for it.
 *
 * @param headerSize      the header's size in bytes, the same on both sides
 * @param maxMessageBytes the longest message accepted, in bytes
 */
public record FrameCodec(int headerSize, int maxMessageBytes) {

    /**
     * The frame for a message, header and body together, for one write.
     *
     * @throws IllegalArgumentException if the message is over {@code maxMessageBytes} bytes
     */
    public byte[] encode(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        if (body.length > maxMessageBytes) {
            throw new IllegalArgumentException("message is " + body.length + " bytes, over the limit of "
                    + maxMessageBytes + " bytes");
        }
        String digits = Integer.toString(body.length);
        if (digits.length() > headerSize) {
            throw new IllegalArgumentException("length " + body.length + " does not fit in a header of "
                    + headerSize + " bytes");
        }
        byte[] frame = new byte[headerSize + body.length];
        int i = 0;
        for (; i < digits.length(); i++) {
            frame[i] = (byte) digits.charAt(i);
        }
        for (; i < headerSize; i++) {
            frame[i] = ' ';
        }
        System.arraycopy(body, 0, frame, headerSize, body.length);
        return frame;
    }

    /**
     * Reads one whole frame, however its bytes are split across reads.
     *
     * @return the message, or null if the stream ended cleanly, before a frame began
     * @throws EOFException      if the stream ended inside a frame
     * @throws ProtocolException if the header is not a length, the length is over the limit, or
     *                           the message is not UTF-8
     */
    public String read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[headerSize];
        int first = data.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        try {
            data.readFully(header, 1, headerSize - 1);
        } catch (EOFException e) {
            throw new EOFException("connection closed inside a header of " + headerSize + " bytes");
        }
        int length = parseLength(header);
        byte[] body = new byte[length];
        try {
            data.readFully(body);
        } catch (EOFException e) {
            throw new EOFException("connection closed inside a body of " + length + " bytes");
        }
        return decode(body);
    }

    private int parseLength(byte[] header) throws ProtocolException {
        int start = 0;
        int end = header.length;
        while (start < end && header[start] == ' ') {
            start++;
        }
        while (end > start && header[end - 1] == ' ') {
            end--;
        }
        if (start == end) {
            throw new ProtocolException("empty header: no length");
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int b = header[i] & 0xff;
            if (b < '0' || b > '9') {
                throw new ProtocolException("header is not a length: \"" + printable(header, start, end) + "\"");
            }
            value = value * 10 + (b - '0');
            if (value > maxMessageBytes) {
                throw new ProtocolException("a message of \"" + printable(header, start, end)
                        + "\" bytes is over the limit of " + maxMessageBytes + " bytes");
            }
        }
        return (int) value;
    }

    private static String printable(byte[] bytes, int start, int end) {
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < end && sb.length() < 20; i++) {
            int b = bytes[i] & 0xff;
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        if (end - start > 20) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static String decode(byte[] body) throws ProtocolException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("the message is not valid UTF-8");
        }
    }
}
