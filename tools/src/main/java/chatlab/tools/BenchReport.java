package chatlab.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a bench run prints: the setup, the figures, the errors and a latency histogram, per server;
 * the comparison of two servers; and the same figures as JSON for scripts. Plain ASCII, so that
 * every terminal (Windows' too) shows it as it is.
 */
final class BenchReport {
    /** The widest a histogram's bar is drawn. */
    static final int BAR_WIDTH = 40;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] STEP_NAMES = {"", "one-to-one", "framed", "multithreaded", "broadcast"};

    private BenchReport() {
    }

    static String setup(BenchSettings settings) {
        StringBuilder text = new StringBuilder();
        int step = settings.step();
        text.append(String.format(Locale.ROOT, "Step %d (%s) bench: %s%n", step, STEP_NAMES[step], step == 4
                ? count(settings.clients()) + " members" + (settings.slow() > 0 ? " + " + settings.slow()
                        + " slow member(s) that stop reading" : "") + ", " + count(settings.messages())
                        + " messages each, every message to the " + (settings.clients() - 1) + " others"
                : count(settings.clients()) + " client(s) x " + count(settings.messages()) + " messages"));
        text.append("  closed loop: ").append(step == 4
                ? "a member sends its next message once " + (settings.window() == 1 ? "the last one has"
                        : "at most " + settings.window() + " of its messages are on their way, having")
                        + " reached all the others"
                : "each client sends its next message once it has the answer to the last one").append("\n");
        text.append("  ").append(count(settings.warmup())).append(" warm-up ").append(step == 4 ? "messages" : "round trips")
                .append(" first (not measured); ").append(settings.messageBytes()).append("-byte messages")
                .append(step == 1 ? " (unframed)" : ", " + settings.headerSize() + "-byte headers")
                .append("; --timeout ").append(settings.timeout().toSeconds()).append(" s\n");
        return text.toString();
    }

    /** One server's figures, errors and histogram. */
    static String figures(BenchOutcome outcome) {
        BenchSettings settings = outcome.settings();
        boolean room = settings.step() == 4;
        StringBuilder text = new StringBuilder();
        text.append("\n").append(outcome.label()).append(": ").append(outcome.server()).append("\n");
        row(text, room ? "joined" : "connected", count(outcome.connected()) + " of " + count(settings.clients())
                + (room ? " members" : " clients"));
        row(text, "served", count(outcome.served()) + " of " + count(settings.clients()) + (room
                ? " members' messages reached every other member" : " clients had every answer"));
        if (outcome.connectNanos() > 0) {
            row(text, room ? "joining" : "connecting", "all " + count(outcome.connected()) + " in "
                    + time(outcome.connectNanos()));
        }
        if (outcome.usage() != null) {
            row(text, "server process", count(outcome.usage().threads()) + " threads, "
                    + count(Math.round(outcome.usage().kilobytes() / 1024.0)) + " MB resident (the most seen, with "
                    + (room ? "every member joined" : "every client connected") + ")");
        }
        if (room && settings.slow() > 0) {
            row(text, "slow members", outcome.slowDropped() + " of " + settings.slow() + " disconnected by the server"
                    + (outcome.slowDropped() == 0 ? " (the server never dropped them)"
                    : ", the last once the room had sent " + count(outcome.slowDroppedAfter()) + " messages"
                    + (outcome.slowDropped() == settings.slow() ? " (the others were told they left)" : "")));
        }
        row(text, "measured", count(outcome.completed()) + " of " + count(settings.expected()) + " " + settings.unit()
                + (room ? " (" + count(outcome.sent()) + " messages x " + (settings.clients() - 1) + " others)" : "")
                + " in " + String.format(Locale.ROOT, "%.3f s", outcome.seconds()));
        row(text, "throughput", count(Math.round(outcome.throughput())) + " " + settings.unit() + "/s"
                + (room && outcome.nanos() > 0 ? " (" + count(Math.round(outcome.sent() / outcome.seconds()))
                        + " messages/s)" : ""));
        Latencies latencies = outcome.latencies();
        row(text, "latency", latencies.count() == 0 ? "none measured" : "p50 " + time(latencies.percentile(50))
                + "   p90 " + time(latencies.percentile(90)) + "   p99 " + time(latencies.percentile(99))
                + "   max " + time(latencies.max()) + "   (mean " + time(Math.round(latencies.mean())) + ")");
        BenchErrors errors = outcome.errors();
        if (errors.total() == 0) {
            row(text, "errors", "none");
        } else {
            List<String> kinds = new ArrayList<>();
            for (Map.Entry<BenchErrors.Kind, Long> kind : errors.counts().entrySet()) {
                kinds.add(kind.getKey().words + " " + count(kind.getValue()));
            }
            row(text, "errors", count(errors.total()) + ": " + String.join(", ", kinds));
            for (String reason : errors.first()) {
                text.append(String.format(Locale.ROOT, "  %-14s %s%n", "", reason));
            }
        }
        if (latencies.count() > 0) {
            text.append("\n  latency of the ").append(settings.unit()).append(" (log scale)\n");
            text.append(histogram(latencies));
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String name, String value) {
        text.append(String.format(Locale.ROOT, "  %-14s %s%n", name, value));
    }

    /**
     * The samples in buckets 1-2-5 per decade (1 us, 2 us, 5 us, 10 us, ...), from the smallest to
     * the largest sample, each with a bar as long as its share of the tallest bucket.
     */
    static String histogram(Latencies latencies) {
        List<Long> bounds = new ArrayList<>();
        bounds.add(0L);
        for (long decade = 1000; decade <= 100_000_000_000L; decade *= 10) {
            bounds.add(decade);
            bounds.add(2 * decade);
            bounds.add(5 * decade);
        }
        bounds.add(Long.MAX_VALUE);
        int first = 0;
        int last = bounds.size() - 2;
        while (first < last && bounds.get(first + 1) <= latencies.min()) {
            first++;
        }
        while (last > first && bounds.get(last) > latencies.max()) {
            last--;
        }
        long[] counts = new long[last - first + 1];
        long tallest = 1;
        for (int i = first; i <= last; i++) {
            counts[i - first] = latencies.countBetween(bounds.get(i), bounds.get(i + 1));
            tallest = Math.max(tallest, counts[i - first]);
        }
        StringBuilder text = new StringBuilder();
        for (int i = first; i <= last; i++) {
            long count = counts[i - first];
            int width = (int) Math.round((double) count * BAR_WIDTH / tallest);
            String bar = count > 0 && width == 0 ? "." : "#".repeat(width);
            String label = i == 0 ? String.format(Locale.ROOT, "%17s", "< " + time(bounds.get(1)))
                    : i == bounds.size() - 2 ? String.format(Locale.ROOT, "%17s", ">= " + time(bounds.get(i)))
                    : String.format(Locale.ROOT, "%7s - %7s", time(bounds.get(i)), time(bounds.get(i + 1)));
            text.append(String.format(Locale.ROOT, "    %s |%-" + BAR_WIDTH + "s| %,10d %5.1f%%%n", label, bar, count,
                    100.0 * count / latencies.count()));
        }
        return text.toString();
    }

    /** Two servers side by side: the first's figures divided by the second's. */
    static String comparison(BenchOutcome first, BenchOutcome second) {
        StringBuilder text = new StringBuilder();
        text.append("\nComparison: ").append(first.label()).append(" / ").append(second.label())
                .append(" (throughput: higher is better; latency: lower is better)\n");
        text.append(String.format(Locale.ROOT, "  %-14s %14s %14s %8s%n", "", first.label(), second.label(), "ratio"));
        String unit = first.settings().unit() + "/s";
        text.append(String.format(Locale.ROOT, "  %-14s %14s %14s %8s%n", unit.length() > 14 ? "throughput/s" : unit,
                count(Math.round(first.throughput())), count(Math.round(second.throughput())),
                ratio(first.throughput(), second.throughput())));
        for (int percentile : new int[] {50, 99}) {
            long a = first.latencies().percentile(percentile);
            long b = second.latencies().percentile(percentile);
            text.append(String.format(Locale.ROOT, "  %-14s %14s %14s %8s%n", "p" + percentile + " latency", time(a),
                    time(b), ratio(a, b)));
        }
        text.append(String.format(Locale.ROOT, "  %-14s %14s %14s %8s%n", "max latency", time(first.latencies().max()),
                time(second.latencies().max()), ratio(first.latencies().max(), second.latencies().max())));
        text.append(String.format(Locale.ROOT, "  %-14s %14s %14s%n", "errors", count(first.errors().total()),
                count(second.errors().total())));
        return text.toString();
    }

    static String ratio(double a, double b) {
        if (b <= 0) {
            return "-";
        }
        double ratio = a / b;
        return String.format(Locale.ROOT, ratio > 0 && ratio < 0.1 ? "%.2g" : "%.2f", ratio);
    }

    static void writeJson(Path file, BenchSettings settings, List<BenchOutcome> outcomes) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("step", settings.step());
        root.put("host", settings.host());
        root.put("clients", settings.clients());
        root.put("messages", settings.messages());
        root.put("warmup", settings.warmup());
        root.put("headerSize", settings.headerSize());
        root.put("messageBytes", settings.messageBytes());
        root.put("window", settings.window());
        root.put("slow", settings.slow());
        root.put("timeoutSeconds", settings.timeout().toSeconds());
        root.put("unit", settings.unit());
        ArrayNode runs = root.putArray("runs");
        for (BenchOutcome outcome : outcomes) {
            ObjectNode run = runs.addObject();
            run.put("label", outcome.label());
            run.put("server", outcome.server());
            run.put("connected", outcome.connected());
            run.put("served", outcome.served());
            run.put("completed", outcome.completed());
            run.put("expected", settings.expected());
            if (settings.step() == 4) {
                run.put("sent", outcome.sent());
                run.put("slowDropped", outcome.slowDropped());
                run.put("slowDroppedAfterMessages", outcome.slowDroppedAfter());
            }
            run.put("seconds", outcome.seconds());
            run.put("connectSeconds", outcome.connectNanos() / 1e9);
            if (outcome.usage() != null) {
                run.put("serverThreads", outcome.usage().threads());
                run.put("serverResidentKB", outcome.usage().kilobytes());
            }
            run.put("throughput", outcome.throughput());
            ObjectNode micros = run.putObject("latencyMicros");
            Latencies latencies = outcome.latencies();
            micros.put("count", latencies.count());
            micros.put("min", latencies.min() / 1000.0);
            micros.put("p50", latencies.percentile(50) / 1000.0);
            micros.put("p90", latencies.percentile(90) / 1000.0);
            micros.put("p99", latencies.percentile(99) / 1000.0);
            micros.put("p999", latencies.percentile(99.9) / 1000.0);
            micros.put("max", latencies.max() / 1000.0);
            micros.put("mean", latencies.mean() / 1000.0);
            ObjectNode errors = run.putObject("errors");
            errors.put("total", outcome.errors().total());
            ObjectNode kinds = errors.putObject("byKind");
            outcome.errors().counts().forEach((kind, count) -> kinds.put(kind.name().toLowerCase(Locale.ROOT), count));
            ArrayNode first = errors.putArray("first");
            outcome.errors().first().forEach(first::add);
            run.put("cutOff", outcome.cutOff());
            run.put("clean", outcome.clean());
        }
        if (outcomes.size() == 2) {
            BenchOutcome a = outcomes.get(0);
            BenchOutcome b = outcomes.get(1);
            ObjectNode ratios = root.putObject("ratios");
            ratios.put("of", a.label() + " / " + b.label());
            putRatio(ratios, "throughput", a.throughput(), b.throughput());
            putRatio(ratios, "p50", a.latencies().percentile(50), b.latencies().percentile(50));
            putRatio(ratios, "p99", a.latencies().percentile(99), b.latencies().percentile(99));
        }
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        JSON.writeValue(absolute.toFile(), root);
    }

    private static void putRatio(ObjectNode ratios, String name, double a, double b) {
        if (b > 0) {
            ratios.put(name, a / b);
        } else {
            ratios.putNull(name);
        }
    }

    /** A duration in nanoseconds, in the unit that suits it: 812 ns, 45.3 us, 1.20 ms, 2.50 s. */
    static String time(long nanos) {
        if (nanos < 1000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return significant(nanos / 1e3) + " us";
        }
        if (nanos < 1_000_000_000) {
            return significant(nanos / 1e6) + " ms";
        }
        return significant(nanos / 1e9) + " s";
    }

    /** Three significant digits, without a trailing ".0" on round numbers: 1, 2.5, 45.3, 812. */
    private static String significant(double value) {
        String text = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
        return text.contains(".") ? text.replaceFirst("\\.?0+$", "") : text;
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
