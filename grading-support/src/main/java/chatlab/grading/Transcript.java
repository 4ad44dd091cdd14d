package chatlab.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * The timeline of one check: what the test sent, what it received, what it typed. Failure messages
 * end with it, so a student sees the whole conversation, byte-escaped, not just the last step.
 */
public final class Transcript {
    private static final int MAX_ENTRIES = 60;

    private final List<String> entries = new ArrayList<>();
    private int dropped;

    /** Bytes the test sent to the program under test. */
    public void sent(String who, byte[] data) {
        add("-> " + who + " sent " + Bytes.preview(data));
    }

    /** Bytes the test received from the program under test. */
    public void received(String who, byte[] data) {
        add("<- " + who + " received " + Bytes.preview(data));
    }

    /** A whole frame the test sent (steps 2 to 4). */
    public void sentFrame(String who, byte[] header, byte[] body) {
        add("-> " + who + " sent frame " + Bytes.preview(body) + "  [header " + Frames.describeHeader(header) + "]");
    }

    /** A line the test typed at a program's console. */
    public void typed(String console, String line) {
        add(">> typed at " + console + ": " + Bytes.preview(Bytes.utf8(line)));
    }

    /** Anything else worth knowing: a connection made or closed, an end of input. */
    public void note(String event) {
        add(" * " + event);
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    public synchronized String render() {
        StringBuilder out = new StringBuilder();
        if (dropped > 0) {
            out.append("  (").append(dropped).append(" earlier events not shown)\n");
        }
        for (String entry : entries) {
            out.append("  ").append(entry).append('\n');
        }
        return out.toString();
    }

    private synchronized void add(String entry) {
        if (entries.size() == MAX_ENTRIES) {
            entries.remove(0);
            dropped++;
        }
        entries.add(entry);
    }
}
