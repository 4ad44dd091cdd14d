package chatlab.step2;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
            throw new IllegalArgumentException("the message is " + body.length + " bytes long; the limit is "
                    + maxMessageBytes + " bytes");
        }
        String digits = Integer.toString(body.length); // always ASCII digits, whatever the locale
        if (digits.length() > headerSize) {
            throw new IllegalArgumentException("a length of " + body.length + " does not fit in a header of "
                    + headerSize + " bytes");
        }
        StringBuilder header = new StringBuilder(headerSize).append(digits);
        while (header.length() < headerSize) {
            header.append(' ');
        }
        return ByteBuffer.allocate(headerSize + body.length)
                .put(header.toString().getBytes(StandardCharsets.US_ASCII))
                .put(body)
                .array();
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
        // DataInputStream buffers nothing: it takes from 'in' exactly the bytes of this frame.
        DataInputStream data = new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return null;
        }
        byte[] header = new byte[headerSize];
        header[0] = (byte) first;
        try {
            data.readFully(header, 1, headerSize - 1);
        } catch (EOFException e) {
            throw new EOFException("the connection closed inside a header of " + headerSize + " bytes");
        }
        byte[] body = new byte[lengthIn(header)];
        try {
            data.readFully(body);
        } catch (EOFException e) {
            throw new EOFException("the connection closed inside a message of " + body.length + " bytes");
        }
        return decode(body);
    }

    /** Parses the header by hand: spaces, then digits, then spaces; nothing else. */
    private int lengthIn(byte[] header) throws ProtocolException {
        int i = 0;
        while (i < header.length && header[i] == ' ') {
            i++;
        }
        int start = i;
        long length = 0;
        while (i < header.length && header[i] >= '0' && header[i] <= '9') {
            if (length <= maxMessageBytes) { // stop growing once over: no overflow, however many digits
                length = length * 10 + (header[i] - '0');
            }
            i++;
        }
        int end = i;
        while (i < header.length && header[i] == ' ') {
            i++;
        }
        if (i < header.length) {
            throw new ProtocolException("header is not a length: byte 0x" + String.format(java.util.Locale.ROOT,
                    "%02x", header[i] & 0xff) + " at offset " + i + " in " + Quote.header(header));
        }
        if (start == end) {
            throw new ProtocolException("empty header: it holds no length");
        }
        if (length > maxMessageBytes) {
            throw new ProtocolException("a message of " + Quote.header(header) + " bytes is over the limit of "
                    + maxMessageBytes + " bytes");
        }
        return (int) length;
    }

    private static String decode(byte[] body) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("the message is not valid UTF-8");
        }
    }
}
