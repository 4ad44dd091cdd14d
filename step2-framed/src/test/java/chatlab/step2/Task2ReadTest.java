package chatlab.step2;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import chatlab.grading.Thrown;
import chatlab.grading.Trickle;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 2, number = 2, title = "FrameCodec.read: exactly one frame")
class Task2ReadTest {
    private static final String ONE_READ = "One read() returns whatever has arrived: maybe 1 byte, maybe 2 frames. "
            + "Loop until you have exactly headerSize bytes, then exactly length bytes: in.readNBytes(buffer, 0, n) "
            + "does that loop for you, and returns fewer only at the end of the stream.";
    private static final String NOT_A_NUMBER = "A header that is not a number is the sender's mistake, never a crash of "
            + "yours: check that it holds nothing but digits before parsing it (Integer.parseInt throws on \"abc\" and on "
            + "20 digits, and accepts \"-5\"), and throw a ProtocolException (an IOException), so that the server can "
            + "answer ERROR, close that connection and keep serving.";
    static final String OVERFLOW = "A long overflows too, silently: summing 20 digits in a long wraps around "
            + "(18446744073709551621 is 2^64 + 5, and wraps to 5), and a value checked only after the last digit "
            + "may then look like a small length. Compare with the limit at each digit, before it can overflow, or "
            + "refuse a header with more digits than the limit has.";
    private static final String NEVER_TRUST = "Never trust the length field: check the header before reading the body "
            + "or allocating a buffer for it. Empty, non-digit, negative or over-limit headers are a ProtocolException "
            + "(an IOException), so that the server can answer ERROR, close that connection and keep serving.";

    @RegisterExtension
    final Lab lab = new Lab();

    private final FrameCodec codec = new FrameCodec(16, 1000);

    @Order(1)
    @Test
    @Enforces("R7")
    void reads_a_frame_that_arrives_one_byte_at_a_time() {
        expectMessages(Trickle.oneByteAtATime(frame("hello"), frame("héllo 👋 世界")), "hello", "héllo 👋 世界");
    }

    @Order(2)
    @Test
    @Enforces("R7")
    void reads_two_frames_that_arrive_together_as_two_messages_in_order() {
        expectMessages(Trickle.allAtOnce(frame("hello"), frame("exit")), "hello", "exit");
    }

    @Order(3)
    @Test
    @Enforces("R1")
    void decodes_the_body_as_UTF_8_whatever_the_default_charset() {
        String text = "héllo 👋 世界";
        String[] read = new String[1];
        Throwable thrown = Thrown.by(() -> read[0] = codec.read(Trickle.allAtOnce(frame(text))));
        if (thrown == null && !text.equals(read[0])) {
            throw new AssertionError("FrameCodec(16, 1000).read() of the frame " + Bytes.quote(frame(text))
                    + " returned " + (read[0] == null ? "null" : Bytes.quote(read[0])) + " instead of " + Bytes.quote(text)
                    + ".\nThe body is UTF-8 on every machine. This JVM's default charset is "
                    + java.nio.charset.Charset.defaultCharset() + ", as on many students' machines: new String(bytes) or "
                    + "an InputStreamReader without a charset decodes with it. Name StandardCharsets.UTF_8.");
        }
        expectMessages(Trickle.allAtOnce(frame(text)), text);
    }

    @Order(4)
    @Test
    @Enforces({"R2", "R7"})
    void reads_the_empty_message() {
        expectMessages(Trickle.oneByteAtATime(frame(""), frame("after")), "", "after");
    }

    @Order(5)
    @Test
    @Enforces("R8")
    void accepts_spaces_on_either_side_of_the_digits() {
        expectMessages(Trickle.allAtOnce(Bytes.utf8("   5" + " ".repeat(12) + "hello")), "hello");
        expectMessages(Trickle.allAtOnce(Bytes.utf8(" ".repeat(14) + "12hello world!")), "hello world!");
    }

    @Order(6)
    @Test
    @Enforces("R11")
    void accepts_a_message_of_exactly_the_maximum_size() {
        String longest = "é".repeat(500);
        expectMessages(Trickle.allAtOnce(frame(longest)), longest);
    }

    @Order(7)
    @Test
    @Enforces("R13")
    void returns_null_when_the_stream_ends_between_frames() throws IOException {
        Trickle stream = Trickle.allAtOnce(frame("last"));
        expectMessages(stream, "last");
        String[] read = new String[1];
        Throwable thrown = Thrown.by(() -> read[0] = codec.read(stream));
        if (thrown != null || read[0] != null) {
            throw new AssertionError("read() at the end of the stream, between frames, should return null: the peer "
                    + "left cleanly.\n  but: " + (thrown != null ? "it threw " + thrown : "it returned "
                    + Bytes.quote(read[0])) + "\nreadNBytes returns 0 when the stream ends before the header begins: "
                    + "return null then; only a header or a body cut short is an EOFException.", thrown);
        }
    }

    @Order(8)
    @Test
    @Enforces("R13")
    void throws_EOFException_when_the_stream_ends_inside_a_header() {
        expectThrown(Trickle.oneByteAtATime(Bytes.utf8("5   ")), EOFException.class,
                "The stream ended after 4 of the 16 header bytes: the frame is truncated.",
                "If readNBytes returns fewer bytes than asked (but not 0), throw an EOFException.");
    }

    @Order(9)
    @Test
    @Enforces("R13")
    void throws_EOFException_when_the_stream_ends_inside_a_body() {
        expectThrown(Trickle.oneByteAtATime(Frames.header("10", 16)), EOFException.class,
                "The header says 10 bytes, but the stream ended right after the header, before the first byte of the "
                        + "body: the frame is truncated.",
                "Only at the start of a header is the end of the stream a normal end (null). Once a header has come, "
                        + "a body that gets fewer than length bytes, even none at all, is an EOFException.");
        expectThrown(Trickle.oneByteAtATime(Frames.header("10", 16), Bytes.utf8("abc")), EOFException.class,
                "The header says 10 bytes, but the stream ended after 3: the frame is truncated.",
                "If readNBytes returns fewer than length bytes, throw an EOFException.");
    }

    @Order(10)
    @ParameterizedTest(name = "header {0}")
    @Enforces("R10")
    @ValueSource(strings = {"abc", "-5", "", "5x", "0x10", "4294967301", "99999999999999999999",
            "18446744073709551621"})
    void throws_ProtocolException_for_a_header_that_is_not_a_length(String header) {
        expectThrown(Trickle.allAtOnce(Frames.header(header, 20)), new FrameCodec(20, 1000),
                ProtocolException.class,
                "The header " + Bytes.quote(header) + " is not a length from 0 to 1000 (the limit).",
                header.length() > 18 ? NOT_A_NUMBER + "\n" + OVERFLOW : NOT_A_NUMBER);
    }

    @Order(11)
    @ParameterizedTest(name = "header {0}")
    @Enforces("R11")
    @ValueSource(strings = {"1001", "99999999", "2147483647"})
    void throws_ProtocolException_for_a_length_over_the_limit(String header) {
        expectThrown(Trickle.allAtOnce(Frames.header(header, 16)),
                ProtocolException.class,
                "The header says " + header + " bytes, over the limit of 1000.", NEVER_TRUST);
    }

    /** Header texts that only spaces may pad, and that hold something else: each is a protocol error. */
    static Stream<Arguments> headers_padded_with_something_else() {
        return Stream.of(
                Arguments.of("a TAB before the digits", Bytes.utf8("\t5")),
                Arguments.of("a TAB after the digits", Bytes.utf8("5\t")),
                Arguments.of("a line break after the digits", Bytes.utf8("5\r\n")),
                Arguments.of("a line feed before the digits", Bytes.utf8("\n5")),
                Arguments.of("a vertical tab and a form feed", Bytes.utf8("\u000b5\f")),
                Arguments.of("a file separator (0x1C)", Bytes.utf8("\u001c5")),
                Arguments.of("a unit separator (0x1F)", Bytes.utf8("5\u001f")),
                Arguments.of("a NUL after the digits", Bytes.utf8("5\u0000")),
                Arguments.of("a NUL before the digits", Bytes.utf8("\u00005")),
                Arguments.of("a plus sign", Bytes.utf8("+5")),
                Arguments.of("minus zero", Bytes.utf8("-0")),
                Arguments.of("a space between the digits", Bytes.utf8("1 2")),
                Arguments.of("an Arabic-Indic digit five", Bytes.utf8("\u0665")),
                Arguments.of("an em space before the digits", Bytes.utf8("\u20035")),
                Arguments.of("a byte 0xA0 (a no-break space in ISO-8859-1) before the digits",
                        new byte[] {(byte) 0xA0, '5'}));
    }

    @Order(12)
    @ParameterizedTest(name = "header with {0}")
    @Enforces("R9")
    @MethodSource("headers_padded_with_something_else")
    void throws_ProtocolException_for_a_header_with_anything_but_spaces_around_the_digits(String what, byte[] text) {
        byte[] header = Frames.header("", 16);
        System.arraycopy(text, 0, header, 0, text.length);
        expectThrown(Trickle.allAtOnce(header, Bytes.utf8("hello")), ProtocolException.class,
                "The header " + Bytes.quote(header) + " holds " + what + ": only spaces (0x20) may pad the digits, "
                        + "and a length is nothing but the digits 0-9.",
                "Take away the spaces (0x20) around the digits and nothing else: strip() and trim() also take away "
                        + "TABs, line breaks, NULs and other control characters; Integer.parseInt accepts \"+5\" and "
                        + "\"-0\", and Character.isDigit accepts digits of other scripts; Character.isSpaceChar and "
                        + "isWhitespace accept more than 0x20 (isSpaceChar takes the byte 0xA0, a no-break space in "
                        + "ISO-8859-1). Compare each byte with ' ' itself, and check that every byte between the "
                        + "spaces is '0' to '9'.");
    }

    @Order(13)
    @Test
    @Enforces("R12")
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
                String hint = thrown instanceof java.net.ProtocolException
                        ? "It refused a well-formed frame: look at the checks of the header. Spaces may pad the digits on "
                        + "either side, and a length of exactly maxMessageBytes is within the limit."
                        : ONE_READ;
                throw new AssertionError("FrameCodec(16, 1000).read() should return the next whole message "
                        + Bytes.quote(expected) + ", but it threw " + thrown + "\n" + hint, thrown);
            }
            String actual = read[0];
            assertThat(actual)
                    .as("FrameCodec(16, 1000).read() should return the next whole message %s, but returned %s.%n%s",
                            Bytes.quote(expected), actual == null ? "null" : Bytes.quote(actual), ONE_READ)
                    .isEqualTo(expected);
        }
    }

    private void expectThrown(Trickle stream, Class<? extends IOException> expected, String what, String hint) {
        expectThrown(stream, codec, expected, what, hint);
    }

    private static void expectThrown(Trickle stream, FrameCodec codec, Class<? extends IOException> expected,
                                     String what, String hint) {
        Throwable thrown = Thrown.by(() -> codec.read(stream));
        if (expected.isInstance(thrown)) {
            return;
        }
        throw new AssertionError(what + "\n  expected: read() throws " + expected.getSimpleName() + "\n  but: "
                + (thrown == null ? "it returned normally, having consumed " + stream.consumed() + " bytes"
                : "it threw " + thrown) + "\n" + hint, thrown);
    }
}
