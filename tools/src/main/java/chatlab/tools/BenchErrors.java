package chatlab.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What went wrong during a bench run, counted by kind, with the first few reasons in words: a
 * server under load may fail thousands of times the same way, and the report shows it once.
 * Every client thread reports here.
 */
final class BenchErrors {
    /** How many reasons the report quotes. */
    static final int QUOTED = 5;

    enum Kind {
        CONNECT("could not connect"),
        CLOSED("closed early"),
        UNEXPECTED("unexpected answer"),
        PROTOCOL("malformed frame"),
        TIMEOUT("timed out"),
        IO("connection failed");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private final Map<Kind, Long> counts = new LinkedHashMap<>();
    private final List<String> first = new ArrayList<>();

    synchronized void count(Kind kind, String reason) {
        counts.merge(kind, 1L, Long::sum);
        if (first.size() < QUOTED) {
            first.add(kind.words + ": " + reason);
        }
    }

    synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long count(Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    synchronized Map<Kind, Long> counts() {
        return new LinkedHashMap<>(counts);
    }

    synchronized List<String> first() {
        return List.copyOf(first);
    }
}
