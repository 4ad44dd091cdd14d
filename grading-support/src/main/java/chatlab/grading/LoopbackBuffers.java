package chatlab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * How many bytes this machine's loopback takes in (the writer's send buffer and the reader's receive
 * buffer) before a write to a reader that stopped reading blocks. Linux tunes these buffers to the
 * machine, from tens of kilobytes to megabytes, so a check that needs a writer stuck in a write
 * measures first instead of guessing.
 */
public final class LoopbackBuffers {
    /** Full means refused this many times in a row: the kernel may still be moving bytes to the reader. */
    private static final int REFUSALS = 3;

    private LoopbackBuffers() {
    }

    public static long takenInBeforeAWriteBlocks(int receiveBufferBytes) {
        try (ServerSocketChannel listener = ServerSocketChannel.open();
             Socket reader = new Socket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            reader.setReceiveBufferSize(receiveBufferBytes);
            reader.connect(listener.getLocalAddress(), (int) Timeouts.REPLY.toMillis());
            try (SocketChannel writer = listener.accept()) {
                // A non-blocking write says itself when the buffers are full: it takes 0 bytes. So the
                // measure is what the kernel refuses, not a guess from a writer that went quiet.
                writer.configureBlocking(false);
                ByteBuffer chunk = ByteBuffer.allocate(8192);
                long[] written = {0};
                int[] refused = {0};
                Awaitility.await("the loopback's buffers to fill while nobody reads")
                        .atMost(Timeouts.REPLY.multipliedBy(2))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> {
                            int taken;
                            while ((taken = writer.write(chunk.clear())) > 0) {
                                written[0] += taken;
                                refused[0] = 0;
                            }
                            return ++refused[0] >= REFUSALS;
                        });
                return written[0];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
