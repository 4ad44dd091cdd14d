package chatlab.grading;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Many clients connecting at the same instant, from one thread without waiting for any of them
 * (non-blocking channels and a selector): what a listen backlog must be sized for.
 */
public final class Burst implements AutoCloseable {
    /** A connection takes a millisecond or so; one that takes this long waited for the system's retry. */
    private static final long RETRIED_MILLIS = 900;

    private final Lab lab;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final Selector selector;

    private Burst(Lab lab) throws IOException {
        this.lab = lab;
        this.selector = Selector.open();
    }

    /**
     * Asks {@code count} connections of the port at once; fails, with the hint, unless every one is
     * connected within the reply timeout and none took the system's one-second retry.
     */
    public static Burst connectAtOnce(Lab lab, int port, int count, String hint) throws IOException {
        Burst burst = new Burst(lab);
        try {
            burst.connect(new InetSocketAddress("127.0.0.1", port), count, hint);
            return burst;
        } catch (IOException | RuntimeException | Error e) {
            burst.close();
            throw e;
        }
    }

    private void connect(InetSocketAddress address, int count, String hint) throws IOException {
        long[] started = new long[count];
        long[] took = new long[count];
        Arrays.fill(took, -1);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channels.add(channel);
            channel.configureBlocking(false);
            started[i] = System.nanoTime();
            if (channel.connect(address)) {
                took[i] = 0;
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, i);
            }
        }
        lab.transcript().note(count + " clients asked to connect at once");
        long deadline = System.nanoTime() + Timeouts.REPLY.toNanos();
        int pending = (int) Arrays.stream(took).filter(t -> t < 0).count();
        while (pending > 0 && System.nanoTime() < deadline) {
            selector.select(50);
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                int i = (Integer) key.attachment();
                try {
                    if (((SocketChannel) key.channel()).finishConnect()) {
                        took[i] = (System.nanoTime() - started[i]) / 1_000_000;
                        key.cancel();
                        pending--;
                    }
                } catch (IOException refused) {
                    throw new AssertionError("Client " + i + " of " + count + " connecting at once was refused ("
                            + refused.getMessage() + ").\n" + hint, refused);
                }
            }
        }
        selector.selectNow();
        long slowest = Arrays.stream(took).max().getAsLong();
        long late = Arrays.stream(took).filter(t -> t < 0 || t >= RETRIED_MILLIS).count();
        if (pending > 0 || late > 0) {
            throw new AssertionError(count + " clients asked to connect at the same instant; " + late + " of them took "
                    + RETRIED_MILLIS + " ms or more to connect (" + (pending > 0 ? pending + " not connected after "
                    + Timeouts.describe(Timeouts.REPLY) : "the slowest took " + slowest + " ms") + "), where a "
                    + "connection takes a millisecond or so.\n" + hint);
        }
        lab.transcript().note("all " + count + " connected; the slowest took " + slowest + " ms");
    }

    /**
     * Each client sends its request (none if the function gives null) and expects exactly these
     * bytes back, all at once, without blocking on any of them.
     *
     * @param what what each client did, for a failure ("sent a message and expected its receipt")
     */
    public void expectEach(IntFunction<byte[]> request, byte[] expected, String what, String hint) throws IOException {
        List<ByteBuffer> got = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            SocketChannel channel = channels.get(i);
            byte[] bytes = request.apply(i);
            if (bytes != null) {
                ByteBuffer frame = ByteBuffer.wrap(bytes);
                while (frame.hasRemaining()) {
                    channel.write(frame); // a fresh connection's send buffer takes a small frame at once
                }
            }
            got.add(ByteBuffer.allocate(expected.length));
            channel.register(selector, SelectionKey.OP_READ, i);
        }
        int waiting = channels.size();
        long deadline = System.nanoTime() + 2 * Timeouts.REPLY.toNanos();
        while (waiting > 0 && System.nanoTime() < deadline) {
            selector.select(50);
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                int i = (Integer) key.attachment();
                ByteBuffer buffer = got.get(i);
                int read;
                try {
                    read = ((SocketChannel) key.channel()).read(buffer);
                } catch (IOException e) {
                    read = -1;
                }
                if (read < 0 || !buffer.hasRemaining()) {
                    key.cancel();
                    waiting--;
                    byte[] data = Arrays.copyOf(buffer.array(), buffer.position());
                    if (!Arrays.equals(data, expected)) {
                        throw new AssertionError("Client " + i + " of " + channels.size() + " that connected at once "
                                + what + "; it got " + Bytes.preview(data) + (read < 0 ? ", then the connection ended"
                                : "") + ".\n" + hint);
                    }
                }
            }
        }
        if (waiting > 0) {
            throw new AssertionError(waiting + " of " + channels.size() + " clients that connected at once " + what
                    + ", in vain for " + Timeouts.describe(Timeouts.REPLY.multipliedBy(2)) + ".\n" + hint);
        }
        lab.transcript().note("all " + channels.size() + " clients got their answers");
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Cleaning up.
            }
        }
        selector.close();
    }
}
