package chatlab.common;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Given, done, for steps 3 and 4 (step 2 is where students write it, as {@code FrameCodec}):
 * frames messages on a byte stream. A frame is a header of exactly {@code headerSize} bytes that
 * holds the message's length in bytes (ASCII digits, left-aligned, padded with spaces), then the
 * message in UTF-8. With a header size of 8, "hello" is {@code "5       hello"}.
 *
 * <p>The reader trusts nothing it reads: a header that is not a length, or a length over the
 * limit, fails before a single byte of the message is read or a buffer is allocated for it.
 *
 * @param headerSize      the header's size in bytes, the same on both sides
 * @param maxMessageBytes the longest message accepted, in bytes
 */
public record Framing(int headerSize, int maxMessageBytes) {

    /** The framing the options ask for. */
    public static Framing of(ChatOptions options) {
        return new Framing(options.headerSize(), options.maxMessageBytes());
    }

    /**
     * The frame for a message, header and body together, for one write.
     *
     * @throws IllegalArgumentException if the message is over {@code maxMessageBytes} bytes
     */
    public byte[] encode(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        if (body.length > maxMessageBytes) {
            throw new IllegalArgumentException("the message is " + body.length + " bytes; the limit is "
                    + maxMessageBytes + " bytes");
        }
        // Integer.toString writes ASCII digits whatever the locale (String.format's %d does not: ar-EG,
        // fa-IR, ...), and costs far less than formatting a 1024-character field for every frame.
        String digits = Integer.toString(body.length);
        if (digits.length() > headerSize) {
            throw new IllegalArgumentException("the length " + body.length + " does not fit in a " + headerSize
                    + "-byte header");
        }
        byte[] frame = new byte[headerSize + body.length];
        Arrays.fill(frame, digits.length(), headerSize, (byte) ' ');
        for (int i = 0; i < digits.length(); i++) {
            frame[i] = (byte) digits.charAt(i);
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
        byte[] header = new byte[headerSize];
        // readNBytes loops over read() until it has them all: one read() may return any part.
        int got = in.readNBytes(header, 0, headerSize);
        if (got == 0) {
            return null;
        }
        if (got < headerSize) {
            throw new EOFException("the connection closed inside a header (" + got + " of " + headerSize + " bytes)");
        }
        int length = lengthIn(header);
        byte[] body = new byte[length];
        int bodyGot = in.readNBytes(body, 0, length);
        if (bodyGot < length) {
            throw new EOFException("the connection closed inside a message (" + bodyGot + " of " + length + " bytes)");
        }
        return utf8(body);
    }

    private int lengthIn(byte[] header) throws ProtocolException {
        String text = withoutPaddingSpaces(new String(header, StandardCharsets.US_ASCII));
        if (text.isEmpty()) {
            throw new ProtocolException("empty header: it holds no length");
        }
        if (text.startsWith("-")) {
            throw new ProtocolException("negative length in header: " + shown(text));
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ProtocolException("header is not a length: " + shown(text));
        }
        // Leading zeros say nothing. Compare digit counts first, so that no length overflows on its way to the check.
        String digits = text.replaceFirst("^0+(?=.)", "");
        if (digits.length() > String.valueOf(maxMessageBytes).length() || Long.parseLong(digits) > maxMessageBytes) {
            throw new ProtocolException("a message of " + shown(text) + " bytes is over the limit of "
                    + maxMessageBytes + " bytes");
        }
        return Integer.parseInt(digits);
    }

    /**
     * The text without the spaces around it. Only spaces (0x20) pad a header: strip() and trim() would
     * also take away TABs, line breaks, NULs and other control bytes, which make a header malformed.
     */
    private static String withoutPaddingSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    private static String utf8(byte[] body) throws ProtocolException {
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

    /** Header text as it may be quoted back to the sender: short, printable ASCII only. */
    private static String shown(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return "\"" + (printable.length() > 20 ? printable.substring(0, 20) + "..." : printable) + "\"";
    }
}
