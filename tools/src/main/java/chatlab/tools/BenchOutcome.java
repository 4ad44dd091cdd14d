package chatlab.tools;

/**
 * What one bench run measured, on one server.
 *
 * @param label       who the server is, for tables ("yours", "reference")
 * @param server      where it was, in words
 * @param settings    the load it was given
 * @param connections connections that got through to the server
 * @param connected   clients that connected and began (step 4: members that joined)
 * @param served      connections that did every one of their round trips (step 4: senders whose every
 *                    message reached every other member)
 * @param completed   measured round trips (step 4: deliveries)
 * @param sent        step 4: measured messages sent
 * @param nanos       how long the measured part took
 * @param latencies   every measured round trip's (step 4: delivery's) latency
 * @param errors      what went wrong
 * @param cutOff      whether --timeout ended the run before it was done
 * @param slowDropped step 4: how many of the members that stopped reading the server disconnected
 * @param connectNanos how long it took until every client was connected (step 4: had joined)
 * @param usage       the most the server's process held (threads, memory), if the bench started it; else null
 * @param slowDroppedAfter step 4: how many messages the room had sent when the last slow member was dropped
 */
record BenchOutcome(String label, String server, BenchSettings settings, int connections, int connected, int served,
                    long completed,
                    long sent, long nanos, Latencies latencies, BenchErrors errors, boolean cutOff, int slowDropped,
                    long connectNanos, BenchRun.Usage usage, long slowDroppedAfter) {
    double seconds() {
        return nanos / 1e9;
    }

    /** Round trips (step 4: deliveries) per second. */
    double throughput() {
        return nanos <= 0 ? 0 : completed / seconds();
    }

    /** Whether the server could be reached at all. */
    boolean reached() {
        return connections > 0;
    }

    boolean clean() {
        return errors.total() == 0 && !cutOff && served == settings.clients();
    }
}
