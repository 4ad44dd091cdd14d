package chatlab.tools;

import java.time.Duration;

/**
 * The load of one bench run: the same for the server measured and for the reference it is compared with.
 *
 * @param step         the step whose protocol the server speaks (1 to 4)
 * @param host         the server's address
 * @param clients      connections (step 4: members that send and read)
 * @param messages     measured messages per connection
 * @param warmup       round trips (step 4: messages) before measuring, in all, shared among the connections
 * @param headerSize   the frames' header size (steps 2 to 4)
 * @param messageBytes each message's size in bytes
 * @param window       step 4: how many of its messages a sender may have on their way at once
 * @param slow         step 4: members that join, then stop reading
 * @param timeout      the most one run may take
 */
record BenchSettings(int step, String host, int clients, int messages, int warmup, int headerSize, int messageBytes,
                     int window, int slow, Duration timeout) {
    /** The warm-up of each connection: its share of the whole, at least one if there is any. */
    int warmupPerClient() {
        return warmup == 0 ? 0 : (warmup + clients - 1) / clients;
    }

    /** What the run measures in all: round trips, or (step 4) deliveries to the other members. */
    long expected() {
        return step == 4 ? (long) clients * messages * (clients - 1) : (long) clients * messages;
    }

    /** The unit of what is counted. */
    String unit() {
        return step == 4 ? "deliveries" : "round trips";
    }
}
