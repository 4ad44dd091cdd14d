package chatlab.grading;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A {@link Peer} that talks in frames: what it sends and expects is framed by the graders' own {@link Frames}. */
public final class FramedPeer {
    private static final String LAYOUT = "The header holds the message's length in bytes (UTF-8, not characters), "
            + "as ASCII digits, left-aligned, padded with spaces to exactly the header size.\n";

    private final Peer peer;
    private final int headerSize;

    FramedPeer(Peer peer, int headerSize) {
        this.peer = peer;
        this.headerSize = headerSize;
    }

    public Peer peer() {
        return peer;
    }

    /** Sends one frame in one write. */
    public void send(String message) {
        byte[] frame = Frames.encode(message, headerSize);
        peer.transcript().sentFrame(peer.who(), Arrays.copyOf(frame, headerSize),
                Arrays.copyOfRange(frame, headerSize, frame.length));
        peer.write(frame);
    }

    /** Reads one frame and returns its message; fails, saying what arrived, if none comes or it is malformed. */
    public String receive(String what, String hint) {
        Peer.Reading head = read(headerSize, Timeouts.REPLY, true);
        if (head.ending() != Peer.Ending.COMPLETE) {
            throw new AssertionError(what + "\n  expected: a frame (a " + headerSize + "-byte header, then the message)\n"
                    + "  received: " + describe(head) + "\n" + Peer.silence(head) + hint);
        }
        int length = Frames.length(head.data());
        if (length < 0) {
            throw new AssertionError(what + "\n  expected: a " + headerSize + "-byte header holding the message's length"
                    + " in bytes, as ASCII digits, left-aligned, padded with spaces\n  received header: "
                    + Frames.describeHeader(head.data()) + "\n" + hint);
        }
        Peer.Reading body = read(length, Timeouts.REPLY, false);
        if (body.ending() != Peer.Ending.COMPLETE) {
            throw new AssertionError(what + "\n  received header: " + Frames.describeHeader(head.data()) + "\n"
                    + "  expected: " + length + " bytes of message after it\n  received: " + body.describe() + "\n"
                    + "A header and its message go out together: encode both, then one write (and flush).\n" + hint);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.data())).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(what + "\n  received a message that is not valid UTF-8: " + Bytes.quote(body.data())
                    + "\nEncode with StandardCharsets.UTF_8.\n" + hint);
        }
    }

    /** Expects the next frame to be exactly this message, framed exactly as the protocol says. */
    public void expect(String expected, String what, String hint) {
        byte[] frame = Frames.encode(expected, headerSize);
        byte[] expectedHead = Arrays.copyOf(frame, headerSize);
        byte[] expectedBody = Arrays.copyOfRange(frame, headerSize, frame.length);
        Peer.Reading head = read(headerSize, Timeouts.REPLY, true);
        if (head.ending() != Peer.Ending.COMPLETE) {
            throw new AssertionError(what + "\n  expected: " + Bytes.quote(expected) + ", framed\n  received: "
                    + describe(head) + "\n" + Peer.silence(head) + hint);
        }
        int length = Frames.length(head.data());
        if (length < 0) {
            throw new AssertionError(what + "\n  expected header: " + Frames.describeHeader(expectedHead)
                    + "\n  received header: " + Frames.describeHeader(head.data()) + "\n" + LAYOUT + hint);
        }
        Peer.Reading body = read(length, Timeouts.REPLY, false);
        if (!Arrays.equals(body.data(), expectedBody)) {
            String lengths = length == expectedBody.length ? "" : "\n  (its header said " + length
                    + " bytes; " + Bytes.quote(expected) + " is " + expectedBody.length + " bytes in UTF-8)";
            throw new AssertionError(what + "\n" + Bytes.comparison(expectedBody, body.data()) + lengths
                    + (body.ending() == Peer.Ending.COMPLETE ? "" : "\n  (then: " + body.describe() + ")") + "\n" + hint);
        }
        if (!Arrays.equals(head.data(), expectedHead)) {
            throw new AssertionError(what + " The message is right, its header is not.\n  expected header: "
                    + Frames.describeHeader(expectedHead) + "\n  received header: " + Frames.describeHeader(head.data())
                    + "\n" + LAYOUT + hint);
        }
    }

    /**
     * Reads frames until {@code expected} arrives, letting through only frames that {@code mayCome}
     * accepts on the way (notices that may or may not come first, in a race the protocol allows).
     */
    public void expectAfter(String expected, java.util.function.Predicate<String> mayCome, String what, String hint) {
        while (true) {
            String message = receive(what, hint);
            if (message.equals(expected)) {
                return;
            }
            if (!mayCome.test(message)) {
                throw new AssertionError(what + "\n  expected: " + Bytes.quote(expected) + "\n  received: "
                        + Bytes.quote(message) + "\n" + hint);
            }
        }
    }

    /** Expects an error frame ("ERROR: reason"), then the connection closed. Returns the reason. */
    public String expectErrorAndClose(String what, String hint) {
        String message = receive(what, hint);
        if (!message.startsWith("ERROR: ")) {
            throw new AssertionError(what + "\n  expected: a frame \"ERROR: <reason>\"\n  received: "
                    + Bytes.quote(message) + "\n" + hint);
        }
        peer.expectClosed(what + " After the ERROR frame, the server should close this connection.", hint);
        return message;
    }

    /** Reads exactly {@code count} bytes; the transcript shows a header as a header. */
    private Peer.Reading read(int count, java.time.Duration timeout, boolean header) {
        Peer.Reading reading = peer.readExactlyUnrecorded(count, timeout);
        if (header && reading.ending() == Peer.Ending.COMPLETE) {
            peer.transcript().note(peer.who() + " received a header: " + Frames.describeHeader(reading.data()));
        } else if (reading.data().length > 0) {
            peer.transcript().received(peer.who(), reading.data());
        }
        return reading;
    }

    private static String describe(Peer.Reading header) {
        return header.describe(data -> Frames.describeHeader(data) + " (" + data.length + " bytes)");
    }
}
