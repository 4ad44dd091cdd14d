package chatlab.step2;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

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
        throw new UnsupportedOperationException("TODO(step 2): Task 1 - FrameCodec.encode: header, then the UTF-8 bytes");
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
        throw new UnsupportedOperationException("TODO(step 2): Task 2 - FrameCodec.read: exactly one header, then exactly one body");
    }
}
