package chatlab.step4;

import chatlab.grading.Timeouts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * How many bytes this machine's loopback takes in (the writer's send buffer and the reader's receive
 * buffer) before a write to a reader that stopped reading blocks. Linux tunes these buffers to the
 * machine, from tens of kilobytes to megabytes, so a check that needs a writer stuck in a write
 * measures first instead of guessing.
 */
final class LoopbackBuffers {
    private static final Duration STILL = Duration.ofMillis(300);

    private LoopbackBuffers() {
    }

    static long takenInBeforeAWriteBlocks(int receiveBufferBytes) {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket reader = new Socket()) {
            reader.setReceiveBufferSize(receiveBufferBytes);
            reader.connect(listener.getLocalSocketAddress(), (int) Timeouts.REPLY.toMillis());
            try (Socket writer = listener.accept()) {
                AtomicLong written = new AtomicLong();
                AtomicLong lastWrite = new AtomicLong(System.nanoTime());
                Thread writing = new Thread(() -> {
                    byte[] chunk = new byte[8192];
                    try {
                        OutputStream out = writer.getOutputStream();
                        while (true) {
                            out.write(chunk);
                            written.addAndGet(chunk.length);
                            lastWrite.set(System.nanoTime());
                        }
                    } catch (IOException closed) {
                        // The measurement is over: the socket was closed under the blocked write.
                    }
                }, "measuring the loopback's buffers");
                writing.setDaemon(true);
                writing.start();
                // The writer is blocked once it has written nothing for a while.
                Awaitility.await("a write to a reader that stopped reading to block")
                        .atMost(Timeouts.REPLY.multipliedBy(2))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> System.nanoTime() - lastWrite.get() > STILL.toNanos());
                return written.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
