package chatlab.step2;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import chatlab.grading.Thrown;
import chatlab.grading.Trickle;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 2, number = 2, title = "FrameCodec.read: exactly one frame")
class Task2ReadTest {
    private static final String ONE_READ = "One read() returns whatever has arrived: maybe 1 byte, maybe 2 frames. "
            + "Loop until you have exactly headerSize bytes, then exactly length bytes: in.readNBytes(buffer, 0, n) "
            + "does that loop for you, and returns fewer only at the end of the stream.";
    private static final String NEVER_TRUST = "Never trust the length field: check the header before reading the body "
            + "or allocating a buffer for it. Empty, non-digit, negative or over-limit headers are a ProtocolException "
            + "(an IOException), so that the server can answer ERROR, close that connection and keep serving.";

    @RegisterExtension
    final Lab lab = new Lab();

    private final FrameCodec codec = new FrameCodec(16, 1000);

    @Test
    void reads_a_frame_that_arrives_one_byte_at_a_time() {
        expectMessages(Trickle.oneByteAtATime(frame("hello"), frame("héllo 👋 世界")), "hello", "héllo 👋 世界");
    }

    @Test
    void reads_two_frames_that_arrive_together_as_two_messages_in_order() {
        expectMessages(Trickle.allAtOnce(frame("hello"), frame("exit")), "hello", "exit");
    }

    @Test
    void reads_the_empty_message() {
        expectMessages(Trickle.oneByteAtATime(frame(""), frame("after")), "", "after");
    }

    @Test
    void accepts_spaces_on_either_side_of_the_digits() {
        expectMessages(Trickle.allAtOnce(Bytes.utf8("   5" + " ".repeat(12) + "hello")), "hello");
    }

    @Test
    void accepts_a_message_of_exactly_the_maximum_size() {
        String longest = "é".repeat(500);
        expectMessages(Trickle.allAtOnce(frame(longest)), longest);
    }

    @Test
    void returns_null_when_the_stream_ends_between_frames() throws IOException {
        Trickle stream = Trickle.allAtOnce(frame("last"));
        expectMessages(stream, "last");
        assertThat(codec.read(stream))
                .as("read() at the end of the stream, between frames, should return null: the peer left cleanly.")
                .isNull();
    }

    @Test
    void throws_EOFException_when_the_stream_ends_inside_a_header() {
        expectThrown(Trickle.oneByteAtATime(Bytes.utf8("5   ")), EOFException.class,
                "The stream ended after 4 of the 16 header bytes: the frame is truncated.",
                "If readNBytes returns fewer bytes than asked (but not 0), throw an EOFException.");
    }

    @Test
    void throws_EOFException_when_the_stream_ends_inside_a_body() {
        expectThrown(Trickle.oneByteAtATime(Frames.header("10", 16), Bytes.utf8("abc")), EOFException.class,
                "The header says 10 bytes, but the stream ended after 3: the frame is truncated.",
                "If readNBytes returns fewer than length bytes, throw an EOFException.");
    }

    @ParameterizedTest(name = "header {0}")
    @ValueSource(strings = {"abc", "-5", "", "5x", "0x10", "1001", "99999999", "4294967301", "9999999999999999"})
    void throws_ProtocolException_for_a_header_that_is_not_an_acceptable_length(String header) {
        expectThrown(Trickle.allAtOnce(Frames.header(header, 16)),
                ProtocolException.class,
                "The header " + Bytes.quote(header) + " is not a length from 0 to 1000 (the limit).", NEVER_TRUST);
    }

    @Test
    void throws_ProtocolException_for_a_message_that_is_not_UTF_8() {
        byte[] broken = {(byte) 0xC3, (byte) 0x28, 'x'};
        expectThrown(Trickle.allAtOnce(Frames.header("3", 16), broken), ProtocolException.class,
                "The message " + Bytes.quote(broken) + " is not valid UTF-8.",
                "new String(bytes, UTF_8) silently puts \\uFFFD in place of broken bytes. Decode with "
                        + "StandardCharsets.UTF_8.newDecoder() set to REPORT malformed input, and turn its "
                        + "CharacterCodingException into a ProtocolException.");
    }

    private byte[] frame(String message) {
        return Frames.encode(message, codec.headerSize());
    }

    private void expectMessages(InputStream stream, String... messages) {
        for (String expected : messages) {
            String[] read = new String[1];
            Throwable thrown = Thrown.by(() -> read[0] = codec.read(stream));
            if (thrown != null) {
                throw new AssertionError("FrameCodec(16, 1000).read() should return the next whole message "
                        + Bytes.quote(expected) + ", but it threw " + thrown + "\n" + ONE_READ, thrown);
            }
            String actual = read[0];
            assertThat(actual)
                    .as("FrameCodec(16, 1000).read() should return the next whole message %s, but returned %s.%n%s",
                            Bytes.quote(expected), actual == null ? "null" : Bytes.quote(actual), ONE_READ)
                    .isEqualTo(expected);
        }
    }

    private void expectThrown(Trickle stream, Class<? extends IOException> expected, String what, String hint) {
        Throwable thrown = Thrown.by(() -> codec.read(stream));
        if (expected.isInstance(thrown)) {
            return;
        }
        throw new AssertionError(what + "\n  expected: read() throws " + expected.getSimpleName() + "\n  but: "
                + (thrown == null ? "it returned normally, having consumed " + stream.consumed() + " bytes"
                : "it threw " + thrown) + "\n" + hint, thrown);
    }
}
