package chatlab.step2;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.Bytes;
import chatlab.grading.Enforces;
import chatlab.grading.Frames;
import chatlab.grading.Lab;
import chatlab.grading.Task;
import chatlab.grading.Thrown;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Task(step = 2, number = 1, title = "FrameCodec.encode: header, then body")
class Task1EncodeTest {
    private static final String LAYOUT = "A frame is the header, exactly headerSize bytes: the message's length in "
            + "bytes (UTF-8 bytes, not characters), as ASCII digits, left-aligned, padded with spaces; then the "
            + "message's UTF-8 bytes. String.format(Locale.ROOT, \"%-\" + headerSize + \"d\", length) makes the header.";

    @RegisterExtension
    final Lab lab = new Lab();

    @Enforces({"R2", "R3"})
    @Order(1)
    @ParameterizedTest(name = "encode({0}) with an 8-byte header")
    @CsvSource(delimiter = '|', value = {
            "hello          | 5       hello",
            "héllo          | 6       héllo",
            "👋             | 4       👋",
            "a b  c         | 6       a b  c",
            "ça va 👍 世界   | 18      ça va 👍 世界"})
    void gives_the_exact_bytes_of_the_frame(String message, String frame) {
        expectFrame(new FrameCodec(8, 65_536), message, Bytes.utf8(frame));
    }

    @Order(2)
    @Test
    @Enforces("R2")
    void frames_the_empty_message_as_a_header_alone() {
        expectFrame(new FrameCodec(8, 65_536), "", Bytes.utf8("0       "));
    }

    @Order(3)
    @Test
    @Enforces({"R1", "R3"})
    void pads_the_header_to_exactly_the_header_size() {
        FrameCodec seed000 = new FrameCodec(1024, 65_536);
        expectFrame(seed000, "hello", Frames.encode("hello", 1024));
        FrameCodec seed002 = new FrameCodec(128, 65_536);
        expectFrame(seed002, "!DISCONNECT!", Frames.encode("!DISCONNECT!", 128));
    }

    @Order(4)
    @ParameterizedTest(name = "under the default locale {0}")
    @Enforces("R4")
    @ValueSource(strings = {"ar-EG", "fa-IR"})
    void writes_ASCII_digits_whatever_the_default_locale(String language) {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(language));
        try {
            FrameCodec codec = new FrameCodec(8, 65_536);
            for (String message : new String[] {"hello", "x".repeat(1234)}) {
                byte[] actual = codec.encode(message);
                byte[] expected = Frames.encode(message, 8);
                if (!Arrays.equals(Arrays.copyOf(actual, Math.min(8, actual.length)), Arrays.copyOf(expected, 8))) {
                    throw new AssertionError("Under the default locale " + language + ", FrameCodec(8, 65536).encode("
                            + "a " + Bytes.utf8(message).length + "-byte message) wrote the header "
                            + Frames.describeHeader(Arrays.copyOf(actual, Math.min(8, actual.length)))
                            + " instead of " + Frames.describeHeader(Arrays.copyOf(expected, 8)) + ".\n"
                            + "String.format and printf write the digits of the default locale: in Arabic or Persian they "
                            + "are not the ASCII digits 0-9 (and getBytes(US_ASCII) turns them into '?'). Pass "
                            + "Locale.ROOT: String.format(Locale.ROOT, \"%-\" + headerSize + \"d\", length), or build the "
                            + "header from Integer.toString(length), which is always ASCII.");
                }
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Order(5)
    @Test
    @Enforces("R29")
    void accepts_a_message_of_exactly_the_maximum_size_and_refuses_one_byte_more() {
        FrameCodec codec = new FrameCodec(8, 10);
        expectFrame(codec, "é".repeat(5), Frames.encode("é".repeat(5), 8));
        String tooLong = "é".repeat(5) + "!";
        Throwable thrown = Thrown.by(() -> codec.encode(tooLong));
        assertThat(thrown)
                .as("encode(%s) with maxMessageBytes 10 should throw IllegalArgumentException: the message is 11 bytes "
                        + "(UTF-8 bytes, not characters: it has 6). It returned normally, or threw %s.",
                        Bytes.quote(tooLong), thrown)
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void expectFrame(FrameCodec codec, String message, byte[] expected) {
        byte[] actual = codec.encode(message);
        if (Arrays.equals(expected, actual)) {
            return;
        }
        int headerSize = codec.headerSize();
        String header = actual.length >= headerSize
                ? "\n  header received: " + Frames.describeHeader(Arrays.copyOf(actual, headerSize))
                + "\n  header expected: " + Frames.describeHeader(Arrays.copyOf(expected, headerSize))
                : "";
        throw new AssertionError("FrameCodec(" + headerSize + ", " + codec.maxMessageBytes() + ").encode("
                + Bytes.quote(message) + ") is not the frame the protocol says.\n"
                + Bytes.comparison(expected, actual) + header + "\n" + LAYOUT);
    }
}
