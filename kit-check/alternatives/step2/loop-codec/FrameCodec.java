package chatlab.step2;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    private static final byte SPACE = ' ';
    /** The body buffer grows as bytes really arrive, from at most this much: a big limit is not a big allocation. */
    private static final int FIRST_CHUNK = 64 * 1024;

    /**
     * The frame for a message, header and body together, for one write.
     *
     * @throws IllegalArgumentException if the message is over {@code maxMessageBytes} bytes
     */
    public byte[] encode(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        int length = body.length;
        if (length > maxMessageBytes) {
            throw new IllegalArgumentException("message too long: " + length + " bytes, over the limit of "
                    + maxMessageBytes + " bytes");
        }
        int digits = 1;
        for (int rest = length / 10; rest > 0; rest /= 10) {
            digits++;
        }
        if (digits > headerSize) {
            throw new IllegalArgumentException("a " + headerSize + "-byte header cannot hold the length " + length);
        }
        byte[] frame = new byte[headerSize + length];
        Arrays.fill(frame, 0, headerSize, SPACE);
        for (int i = digits - 1, rest = length; i >= 0; i--, rest /= 10) {
            frame[i] = (byte) ('0' + rest % 10);
        }
        System.arraycopy(body, 0, frame, headerSize, length);
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
        byte[] header = new byte[headerSize];
        int got = fill(in, header, 0, headerSize);
        if (got == 0) {
            return null;
        }
        if (got < headerSize) {
            throw new EOFException("stream ended inside a header: " + got + " of " + headerSize + " bytes");
        }
        int length = parseLength(header);
        byte[] body = new byte[Math.min(length, FIRST_CHUNK)];
        int have = 0;
        while (have < length) {
            if (have == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
            }
            int n = fill(in, body, have, body.length - have);
            have += n;
            if (have < body.length) {
                throw new EOFException("stream ended inside a message: " + have + " of " + length + " bytes");
            }
        }
        return strictUtf8(body);
    }

    /** Reads until len bytes are in, or the stream ends; returns how many came. */
    private static int fill(InputStream in, byte[] buffer, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buffer, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** The header, trusted with nothing: [spaces] digits [spaces], the value at most the limit. */
    private int parseLength(byte[] header) throws ProtocolException {
        int first = 0;
        int last = header.length - 1;
        while (first <= last && header[first] == SPACE) {
            first++;
        }
        while (last >= first && header[last] == SPACE) {
            last--;
        }
        if (first > last) {
            throw new ProtocolException("empty header: no length in it");
        }
        for (int i = first; i <= last; i++) {
            if (header[i] < '0' || header[i] > '9') {
                throw new ProtocolException("bad header " + shown(header, first, last)
                        + ": only digits, with spaces around them, make a length");
            }
        }
        while (first < last && header[first] == '0') { // leading zeros say nothing
            first++;
        }
        long value = 0;
        for (int i = first; i <= last && value <= maxMessageBytes; i++) {
            value = value * 10 + (header[i] - '0');
        }
        if (value > maxMessageBytes) {
            throw new ProtocolException("length " + shown(header, first, last) + " is over the limit of "
                    + maxMessageBytes + " bytes");
        }
        return (int) value;
    }

    /** What the header held, quoted safely: printable ASCII, at most 20 characters. */
    private static String shown(byte[] header, int first, int last) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = first; i <= last && i < first + 20; i++) {
            text.append(header[i] >= 0x20 && header[i] < 0x7f ? (char) header[i] : '?');
        }
        return text.append(last - first >= 20 ? "...\"" : "\"").toString();
    }

    private static String strictUtf8(byte[] body) throws ProtocolException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("message is not valid UTF-8");
        }
    }
}
