package chatlab.tools;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts what arrives into frames, however the reads split it, and describes each one whole: a
 * header shown as its number, not as a kilobyte of padding.
 */
final class ProbeFrames {
    private final int headerSize;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long length = -1;
    private boolean lost;
    private volatile long count;

    ProbeFrames(int headerSize) {
        this.headerSize = headerSize;
    }

    /** The frames these bytes complete, described. */
    List<String> accept(byte[] bytes, int n) {
        List<String> lines = new ArrayList<>();
        int at = 0;
        while (at < n && !lost) {
            if (length < 0) {
                int take = Math.min(headerSize - header.size(), n - at);
                header.write(bytes, at, take);
                at += take;
                if (header.size() < headerSize) {
                    break;
                }
                length = BenchFrames.lengthIn(header.toByteArray(), headerSize);
                if (length < 0) {
                    lost = true;
                    lines.add("not a frame: the header " + ProbeBytes.shown(header.toByteArray(), 0, headerSize)
                            + " holds no length; what follows is shown as bytes only");
                    break;
                }
            }
            int take = (int) Math.min(length - body.size(), n - at);
            body.write(bytes, at, take);
            at += take;
            if (body.size() == length) {
                byte[] text = body.toByteArray();
                lines.add("frame: length " + length + (ProbeBytes.isUtf8(text) ? "" : " (not UTF-8)") + ": "
                        + ProbeBytes.shown(text, 0, text.length));
                count++;
                header.reset();
                body.reset();
                length = -1;
            }
        }
        return lines;
    }

    long count() {
        return count;
    }

    /** A word on the frame that began to arrive and did not end, or null. */
    String unfinished() {
        if (lost || (length < 0 && header.size() == 0)) {
            return null;
        }
        return length < 0 ? "incomplete header: " + header.size() + " of " + headerSize + " bytes arrived"
                : "incomplete frame: length " + length + ", " + body.size() + " bytes of it arrived";
    }
}
