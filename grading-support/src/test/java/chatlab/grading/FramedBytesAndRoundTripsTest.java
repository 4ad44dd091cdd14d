package chatlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FramedBytesAndRoundTripsTest {
    @Test
    void shows_whole_frames_by_their_message_and_header_number() {
        byte[] data = Trickle.concat(Frames.encode("hi", 16), Frames.encode("", 16));
        assertThat(FramedBytes.describe(data, 16)).isEqualTo("frame \"hi\" (header \"2\"), then frame \"\" (header \"0\")");
    }

    @Test
    void shows_what_is_not_a_whole_frame_with_its_padding_counted() {
        byte[] data = Trickle.concat(Bytes.utf8("\n"), Frames.encode("hi", 16));
        assertThat(FramedBytes.describe(data, 16))
                .isEqualTo("19 bytes that are not a whole frame: \"\\n2\" then 15 spaces then \"hi\"");
    }

    @Test
    void reads_a_header_length_padded_with_spaces_only() {
        assertThat(Frames.length(Bytes.utf8("  42    "))).isEqualTo(42);
        assertThat(Frames.length(Frames.header("0", 8))).isZero();
        for (String header : new String[] {"5\t      ", "5\r\n     ", "\t5      ", "        ", "+5      ", "4 2     ",
                "\u00005      "}) {
            assertThat(Frames.length(Bytes.utf8(header))).as(Bytes.quote(header)).isEqualTo(-1);
        }
    }

    @Test
    void a_median_under_the_limit_passes_and_one_over_it_fails() {
        RoundTrips fast = new RoundTrips();
        long now = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            fast.endedNow(now);
        }
        fast.expectFast("fast", "");
        RoundTrips slow = new RoundTrips();
        for (int i = 0; i < 3; i++) {
            slow.endedNow(System.nanoTime() - 45_000_000L);
        }
        slow.endedNow(System.nanoTime());
        assertThat(slow.medianMillis()).isGreaterThan(20);
        assertThatThrownBy(() -> slow.expectFast("slow", "hint")).hasMessageContaining("median");
    }
}
