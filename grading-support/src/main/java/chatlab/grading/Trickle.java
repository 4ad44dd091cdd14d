package chatlab.grading;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

/**
 * An input stream as a slow network delivers it: each {@code read()} returns at most a few bytes,
 * however many were asked for. Code that takes one read for one message fails on it at once.
 */
public final class Trickle extends InputStream {
    private final byte[] data;
    private final int bytesPerRead;
    private int position;

    private Trickle(byte[] data, int bytesPerRead) {
        this.data = data;
        this.bytesPerRead = bytesPerRead;
    }

    /** The parts, concatenated, one byte per read. */
    public static Trickle oneByteAtATime(byte[]... parts) {
        return new Trickle(concat(parts), 1);
    }

    /** The parts, concatenated, all of them available at once (as when frames arrive together). */
    public static Trickle allAtOnce(byte[]... parts) {
        byte[] data = concat(parts);
        return new Trickle(data, Math.max(1, data.length));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** How many bytes have been taken from the stream so far. */
    public int consumed() {
        return position;
    }

    @Override
    public int read() {
        return position < data.length ? data[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position == data.length) {
            return -1;
        }
        int count = Math.min(Math.min(length, bytesPerRead), data.length - position);
        System.arraycopy(data, position, buffer, offset, count);
        position += count;
        return count;
    }
}
